package malmquist

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/report"
)

// num marshals NaN and ±Inf as JSON null.
type num float64

func (v num) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

type jsonIndex struct {
	DMU    string `json:"dmu,omitempty"`
	Period int    `json:"period,omitempty"`
	EffCh  num    `json:"effch"`
	TechCh num    `json:"techch"`
	PECh   num    `json:"pech"`
	SECh   num    `json:"sech"`
	TFPCh  num    `json:"tfpch"`
}

func toJSON(ix Index) jsonIndex {
	return jsonIndex{ix.DMU, ix.Period, num(ix.EffCh), num(ix.TechCh), num(ix.PECh), num(ix.SECh), num(ix.TFPCh)}
}

func toJSONs(xs []Index) []jsonIndex {
	out := make([]jsonIndex, 0, len(xs))
	for _, ix := range xs {
		out = append(out, toJSON(ix))
	}
	return out
}

type jsonDist struct {
	DMU          string `json:"dmu"`
	Period       int    `json:"period"`
	CRSPrev      num    `json:"crs_prev"`
	CRS          num    `json:"crs"`
	CRSNext      num    `json:"crs_next"`
	VRS          num    `json:"vrs"`
	Global       *num   `json:"global,omitempty"`
	BiennialPrev *num   `json:"biennial_prev,omitempty"`
	BiennialNext *num   `json:"biennial_next,omitempty"`
}

type jsonLevel struct {
	DMU    string `json:"dmu"`
	Period int    `json:"period"`
	TFP    num    `json:"tfp"`
	TC     num    `json:"tc"`
	EC     num    `json:"ec"`
}

type jsonInfeasible struct {
	DMU        string `json:"dmu"`
	Period     int    `json:"period"`
	Technology string `json:"technology"`
	RTS        string `json:"rts"`
}

// MarshalJSON writes the result as {"orientation", "frontier", "model",
// "indices", "distances", "period_means", "dmu_means", "overall",
// "levels", "notes"}, plus "direction", "luenberger",
// "luenberger_period_means", "luenberger_overall" and "infeasible" for
// the directional model; undefined values are null.
func (r *Result) MarshalJSON() ([]byte, error) {
	out := struct {
		Orientation   string           `json:"orientation"`
		Frontier      string           `json:"frontier"`
		Model         string           `json:"model"`
		Direction     string           `json:"direction,omitempty"`
		Indices       []jsonIndex      `json:"indices"`
		Distances     []jsonDist       `json:"distances"`
		PeriodMeans   []jsonIndex      `json:"period_means"`
		DMUMeans      []jsonIndex      `json:"dmu_means"`
		Overall       jsonIndex        `json:"overall"`
		Levels        []jsonLevel      `json:"levels"`
		Luenberger    []jsonIndex      `json:"luenberger,omitempty"`
		LPeriodMeans  []jsonIndex      `json:"luenberger_period_means,omitempty"`
		LOverall      *jsonIndex       `json:"luenberger_overall,omitempty"`
		Infeasible    []jsonInfeasible `json:"infeasible,omitempty"`
		Notes         []string         `json:"notes,omitempty"`
		LinearProgram int              `json:"lps"`
	}{Orientation: r.Orientation.String(), Frontier: r.Frontier.String(), Model: r.model(), Direction: r.Direction,
		Overall: toJSON(r.Overall), Notes: r.Notes, LinearProgram: r.LPs,
		Indices: toJSONs(r.Indices), Distances: []jsonDist{}, PeriodMeans: toJSONs(r.PeriodMeans),
		DMUMeans: toJSONs(r.DMUMeans), Levels: []jsonLevel{}}
	opt := func(v float64, on bool) *num {
		if !on {
			return nil
		}
		x := num(v)
		return &x
	}
	for _, d := range r.Distances {
		out.Distances = append(out.Distances, jsonDist{d.DMU, d.Period, num(d.CRSPrev), num(d.CRS), num(d.CRSNext), num(d.VRS),
			opt(d.Global, r.Frontier == Global), opt(d.BiennialPrev, r.Frontier == Biennial), opt(d.BiennialNext, r.Frontier == Biennial)})
	}
	for _, l := range r.Levels {
		out.Levels = append(out.Levels, jsonLevel{l.DMU, l.Period, num(l.TFP), num(l.TC), num(l.EC)})
	}
	if r.Directional {
		out.Luenberger = toJSONs(r.Luenberger)
		out.LPeriodMeans = toJSONs(r.LuenbergerPeriodMeans)
		lo := toJSON(r.LuenbergerOverall)
		out.LOverall = &lo
		for _, inf := range r.Infeasible {
			out.Infeasible = append(out.Infeasible, jsonInfeasible{inf.DMU, inf.Period, inf.Technology, inf.RTS.String()})
		}
	}
	return json.Marshal(out)
}

// model names the index: "malmquist" or "malmquist-luenberger".
func (r *Result) model() string {
	if r.Directional {
		return "malmquist-luenberger"
	}
	return "malmquist"
}

// String returns DEAP().
func (r *Result) String() string { return r.DEAP() }

// title is the first line of DEAP's output, extended for the other
// frontiers and the directional model.
func (r *Result) title() string {
	var b strings.Builder
	if r.Directional {
		fmt.Fprintf(&b, " Malmquist-Luenberger index (directional distance functions, direction %s)", r.Direction)
	} else {
		orient := "Output"
		if r.Orientation == dea.Input {
			orient = "Input"
		}
		fmt.Fprintf(&b, " %s orientated Malmquist DEA", orient)
	}
	switch r.Frontier {
	case Sequential:
		b.WriteString(", sequential frontiers (Shestalova 2003)")
	case Global:
		b.WriteString(", global frontier (Pastor & Lovell 2005)")
	case Biennial:
		b.WriteString(", biennial frontiers (Pastor, Asmild & Lovell 2011)")
	}
	return b.String()
}

// distanceHead returns the header of one period's DISTANCES SUMMARY for
// the frontier: DEAP's own for the radial contemporaneous index; for the
// others the same layout (labels right-aligned over 10-character columns,
// ending one character to the right as DEAP's do).
func (r *Result) distanceHead() [][2]string {
	what, unit := "crs te", "te"
	if r.Directional {
		what, unit = "crs ddf", "ddf"
	}
	cols := func(names ...string) string {
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%10s", n)
		}
		return b.String()
	}
	stars := func(w int) string { return strings.Repeat("*", w) }
	switch {
	case r.Frontier == Global:
		return [][2]string{{"firm", fmt.Sprintf("%20s%10s", what+" rel to tech", "vrs")}, {"no.", cols("t", "global", unit)}}
	case r.Frontier == Biennial:
		return [][2]string{{"firm", fmt.Sprintf("%30s%10s", what+" rel to tech of yrs", "vrs")},
			{"no.", fmt.Sprintf("%30s%10s", stars(24), unit)}, {"", cols("t-1,t", "t", "t,t+1")}}
	case r.Frontier == Sequential:
		return [][2]string{{"firm", fmt.Sprintf("%30s%10s", what+" rel to tech of yrs <=", "vrs")},
			{"no.", fmt.Sprintf("%30s%10s", stars(27), unit)}, {"", cols("t-1", "t", "t+1")}}
	case r.Directional:
		return [][2]string{{"firm", fmt.Sprintf("%30s%10s", what+" rel to tech in yr", "vrs")},
			{"no.", fmt.Sprintf("%30s%10s", stars(24), unit)}, {"", cols("t-1", "t", "t+1")}}
	}
	// DEAP 2.1's header, verbatim.
	return [][2]string{{"firm", "      crs te rel to tech in yr      vrs"},
		{"no.", "      ************************       te"}, {"", cols("t-1", "t", "t+1")}}
}

func (r *Result) distanceValues(d Distance) []float64 {
	switch r.Frontier {
	case Global:
		return []float64{d.CRS, d.Global, d.VRS}
	case Biennial:
		return []float64{d.BiennialPrev, d.CRS, d.BiennialNext, d.VRS}
	}
	return []float64{d.CRSPrev, d.CRS, d.CRSNext, d.VRS}
}

// DEAP returns the result laid out like DEAP 2.1's Malmquist output: the
// DISTANCES SUMMARY per year, the MALMQUIST INDEX SUMMARY per year, and the
// summaries of annual and firm means (all geometric), through the one DEAP
// printer (report.DEAPTable). The directional model adds the Luenberger
// indicator's annual means.
func (r *Result) DEAP() string {
	var b strings.Builder
	b.WriteString(r.title() + "\n")
	for _, n := range r.Notes {
		fmt.Fprintf(&b, " Note: %s\n", n)
	}
	if r.Distances != nil {
		b.WriteString("\n\n DISTANCES SUMMARY\n\n")
		N := len(r.DMUs)
		head := r.distanceHead()
		for t, per := range r.Periods {
			tab := report.DEAPTable{Head: head, Width: 10, Decimals: 3}
			var sum []float64
			var cnt []int
			for k := 0; k < N; k++ {
				vals := r.distanceValues(r.Distances[t*N+k])
				if sum == nil {
					sum, cnt = make([]float64, len(vals)), make([]int, len(vals))
				}
				shown := make([]float64, len(vals))
				for c, v := range vals {
					switch {
					case !math.IsNaN(v):
						sum[c] += v
						cnt[c]++
						shown[c] = v
					case r.Frontier != Global && (t == 0 && c == 0 || t == len(r.Periods)-1 && c == 2):
						// t-1 in the first year, t+1 in the last: DEAP prints 0.000
					default:
						shown[c] = v // missing (an infeasible LP, a DMU absent): "."
					}
				}
				tab.Rows = append(tab.Rows, report.DEAPRow{Key: r.DMUs[k], Values: shown})
			}
			mean := make([]float64, len(sum))
			for c := range sum {
				if cnt[c] > 0 {
					mean[c] = sum[c] / float64(cnt[c])
				}
			}
			tab.Mean = &report.DEAPRow{Key: "mean", Values: mean}
			fmt.Fprintf(&b, "\n year = %5d\n\n%s", per, tab.String())
		}
		if r.Frontier != Global {
			b.WriteString("\n [Note that t-1 in year 1 and t+1 in the final year are not defined]\n")
		}
	}
	name := "MALMQUIST"
	if r.Directional {
		name = "MALMQUIST-LUENBERGER"
	}
	row := func(key string, ix Index) report.DEAPRow {
		v := ix.vals()
		return report.DEAPRow{Key: key, Values: v[:]}
	}
	fmt.Fprintf(&b, "\n\n %s INDEX SUMMARY\n", name)
	k := 0
	for _, pm := range r.PeriodMeans {
		tab := report.DEAPTable{Head: report.DEAPIndexHead("firm"), Width: 8, Decimals: 3}
		for ; k < len(r.Indices) && r.Indices[k].Period == pm.Period; k++ {
			tab.Rows = append(tab.Rows, row(r.Indices[k].DMU, r.Indices[k]))
		}
		m := row("mean", pm)
		tab.Mean = &m
		fmt.Fprintf(&b, "\n year = %5d\n\n%s", pm.Period, tab.String())
	}
	summary := func(title, key string, rows []Index, keyOf func(Index) string, overall Index) {
		tab := report.DEAPTable{Head: report.DEAPIndexHead(key), Width: 8, Decimals: 3}
		for _, ix := range rows {
			tab.Rows = append(tab.Rows, row(keyOf(ix), ix))
		}
		m := row("mean", overall)
		tab.Mean = &m
		fmt.Fprintf(&b, "\n\n %s\n\n%s", title, tab.String())
	}
	year := func(ix Index) string { return fmt.Sprint(ix.Period) }
	summary(name+" INDEX SUMMARY OF ANNUAL MEANS", "year", r.PeriodMeans, year, r.Overall)
	summary(name+" INDEX SUMMARY OF FIRM MEANS", "firm", r.DMUMeans, func(ix Index) string { return ix.DMU }, r.Overall)
	if r.Directional {
		b.WriteString("\n [Note that all Malmquist-Luenberger index averages are geometric means]\n")
	} else {
		b.WriteString("\n [Note that all Malmquist index averages are geometric means]\n")
	}
	if r.Directional {
		summary("LUENBERGER INDICATOR SUMMARY OF ANNUAL MEANS (differences, > 0 is improvement)", "year", r.LuenbergerPeriodMeans, year, r.LuenbergerOverall)
		b.WriteString("\n [Note that Luenberger indicator averages are arithmetic means]\n")
	}
	return b.String()
}
