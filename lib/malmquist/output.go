package malmquist

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/econb/econb/lib/dea"
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

type jsonDist struct {
	DMU     string `json:"dmu"`
	Period  int    `json:"period"`
	CRSPrev num    `json:"crs_prev"`
	CRS     num    `json:"crs"`
	CRSNext num    `json:"crs_next"`
	VRS     num    `json:"vrs"`
}

type jsonLevel struct {
	DMU    string `json:"dmu"`
	Period int    `json:"period"`
	TFP    num    `json:"tfp"`
	TC     num    `json:"tc"`
	EC     num    `json:"ec"`
}

// MarshalJSON writes the result as
// {"orientation", "indices", "distances", "period_means", "dmu_means",
// "overall", "levels", "notes"}; undefined values are null.
func (r *Result) MarshalJSON() ([]byte, error) {
	out := struct {
		Orientation string      `json:"orientation"`
		Indices     []jsonIndex `json:"indices"`
		Distances   []jsonDist  `json:"distances"`
		PeriodMeans []jsonIndex `json:"period_means"`
		DMUMeans    []jsonIndex `json:"dmu_means"`
		Overall     jsonIndex   `json:"overall"`
		Levels      []jsonLevel `json:"levels"`
		Notes       []string    `json:"notes,omitempty"`
	}{Orientation: r.Orientation.String(), Overall: toJSON(r.Overall), Notes: r.Notes,
		Indices: []jsonIndex{}, Distances: []jsonDist{}, PeriodMeans: []jsonIndex{}, DMUMeans: []jsonIndex{}, Levels: []jsonLevel{}}
	for _, ix := range r.Indices {
		out.Indices = append(out.Indices, toJSON(ix))
	}
	for _, d := range r.Distances {
		out.Distances = append(out.Distances, jsonDist{d.DMU, d.Period, num(d.CRSPrev), num(d.CRS), num(d.CRSNext), num(d.VRS)})
	}
	for _, ix := range r.PeriodMeans {
		out.PeriodMeans = append(out.PeriodMeans, toJSON(ix))
	}
	for _, ix := range r.DMUMeans {
		out.DMUMeans = append(out.DMUMeans, toJSON(ix))
	}
	for _, l := range r.Levels {
		out.Levels = append(out.Levels, jsonLevel{l.DMU, l.Period, num(l.TFP), num(l.TC), num(l.EC)})
	}
	return json.Marshal(out)
}

// f83 formats v as Fortran F8.3 does: undefined values print as 0.000
// (DEAP's convention) and overflow as ********.
func f83(v float64) string {
	if math.IsNaN(v) {
		v = 0
	}
	if math.IsInf(v, 0) || math.Abs(v) >= 9999.9995 {
		return "********"
	}
	return fmt.Sprintf("%8.3f", v)
}

// labelWidth is the width of the firm column: DEAP's 5 characters, or the
// longest DMU name.
func (r *Result) labelWidth() int {
	w := 5
	for _, d := range r.DMUs {
		w = max(w, utf8.RuneCountInString(d))
	}
	return w
}

// String returns DEAP().
func (r *Result) String() string { return r.DEAP() }

// DEAP returns the result laid out like DEAP 2.1's Malmquist output: the
// DISTANCES SUMMARY per year, the MALMQUIST INDEX SUMMARY per year, and the
// summaries of annual and firm means (all geometric).
func (r *Result) DEAP() string {
	var b strings.Builder
	lw := r.labelWidth()
	label := func(s string) string {
		return strings.Repeat(" ", max(0, lw-utf8.RuneCountInString(s))) + s
	}
	pad := strings.Repeat(" ", lw-5)
	orient := "Output"
	if r.Orientation == dea.Input {
		orient = "Input"
	}
	fmt.Fprintf(&b, " %s orientated Malmquist DEA (DEAP 2.1 conventions; econb)\n\n", orient)
	for _, n := range r.Notes {
		fmt.Fprintf(&b, " Note: %s\n", n)
	}
	if r.Distances != nil {
		b.WriteString("\n DISTANCES SUMMARY\n\n")
		N := len(r.DMUs)
		for t, per := range r.Periods {
			fmt.Fprintf(&b, "\n year = %5d\n\n", per)
			b.WriteString(pad + " firm   crs te rel to tech in yr        vrs\n")
			b.WriteString(pad + "  no.   ************************        te\n")
			b.WriteString(pad + "           t-1       t     t+1\n")
			var sum [4]float64
			var cnt [4]int
			for k := 0; k < N; k++ {
				d := r.Distances[t*N+k]
				vals := [4]float64{d.CRSPrev, d.CRS, d.CRSNext, d.VRS}
				fmt.Fprintf(&b, " %s", label(d.DMU))
				for c, v := range vals {
					b.WriteString(f83(v))
					if !math.IsNaN(v) {
						sum[c] += v
						cnt[c]++
					}
				}
				b.WriteString("\n")
			}
			b.WriteString(" " + label("mean"))
			for c := range sum {
				m := math.NaN()
				if cnt[c] > 0 {
					m = sum[c] / float64(cnt[c])
				}
				b.WriteString(f83(m))
			}
			b.WriteString("\n")
		}
	}
	head := pad + " firm   effch  techch    pech    sech   tfpch\n"
	row := func(name string, ix Index) {
		fmt.Fprintf(&b, " %s", label(name))
		for _, v := range ix.vals() {
			b.WriteString(f83(v))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n\n MALMQUIST INDEX SUMMARY\n")
	k := 0
	for pi, pm := range r.PeriodMeans {
		fmt.Fprintf(&b, "\n year = %5d\n\n%s", pm.Period, head)
		for ; k < len(r.Indices) && r.Indices[k].Period == pm.Period; k++ {
			row(r.Indices[k].DMU, r.Indices[k])
		}
		row("mean", r.PeriodMeans[pi])
	}
	b.WriteString("\n\n MALMQUIST INDEX SUMMARY OF ANNUAL MEANS\n\n")
	b.WriteString(pad + " year   effch  techch    pech    sech   tfpch\n\n")
	for _, pm := range r.PeriodMeans {
		row(fmt.Sprint(pm.Period), pm)
	}
	row("mean", r.Overall)
	b.WriteString("\n\n MALMQUIST INDEX SUMMARY OF FIRM MEANS\n\n")
	b.WriteString(head + "\n")
	for _, dm := range r.DMUMeans {
		row(dm.DMU, dm)
	}
	row("mean", r.Overall)
	b.WriteString("\n [Note that all Malmquist index averages are geometric means]\n")
	return b.String()
}
