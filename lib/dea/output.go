package dea

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/report"
)

// String returns Text().
func (r *Result) String() string { return r.Text() }

// scoreName is the name of the score column.
func (r *Result) scoreName() string {
	switch r.Model {
	case SBM:
		return "sbm"
	case Super:
		return "super"
	case SuperSBM:
		return "supsbm"
	case Cost:
		return "ce"
	case DDF:
		return "beta"
	}
	return "te"
}

// title describes the model as DEAP's header lines do.
func (r *Result) title() string {
	var b strings.Builder
	switch r.Model {
	case Radial:
		fmt.Fprintf(&b, " %s orientated DEA\n\n Scale assumption: %v\n\n Slacks calculated using %v method\n", capitalise(r.Orientation.String()), r.RTS, r.Slacks)
	case Cost:
		fmt.Fprintf(&b, " Cost efficiency DEA\n\n Scale assumption: %v\n", r.RTS)
	case SBM:
		fmt.Fprintf(&b, " Slacks-based measure (Tone 2001%s), %v, %v\n", map[bool]string{true: "; undesirable outputs Tone 2004", false: ""}[len(r.BadNames) > 0], r.Orientation, r.RTS)
	case Super:
		fmt.Fprintf(&b, " %s orientated super-efficiency DEA (Andersen & Petersen 1993), %v\n", capitalise(r.Orientation.String()), r.RTS)
	case SuperSBM:
		fmt.Fprintf(&b, " Super-SBM (Tone 2002), %v, %v\n", r.Orientation, r.RTS)
	case DDF:
		fmt.Fprintf(&b, " Directional distance function, direction %s, %v (beta = 0 on the frontier)\n", r.Direction, r.RTS)
	}
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Text lays the result out like DEAP 2.1's single-period output: for the
// radial model exactly DEAP's tables (EfficiencyReport), for the cost
// model te, ae and ce with the cost-minimising inputs, for the others an
// EFFICIENCY SUMMARY of the score with its slacks, then peers and targets.
// With a bootstrap it adds the bias-corrected scores and intervals.
func (r *Result) Text() string {
	var b strings.Builder
	b.WriteString(r.title())
	for _, n := range r.Notes {
		fmt.Fprintf(&b, " Note: %s\n", n)
	}
	b.WriteString("\n")
	names := make([]string, len(r.Units))
	for j, u := range r.Units {
		names[j] = u.DMU
	}
	switch r.Model {
	case Radial:
		sc := make([]Score, len(r.Units))
		for j, u := range r.Units {
			sc[j] = Score{CRS: u.CRS, VRS: u.VRS, Scale: u.Scale, Nature: u.Nature, Lambda: u.Lambda, Peers: u.Peers,
				InputSlack: u.InputSlack, OutputSlack: u.OutputSlack, InputTarget: u.InputTarget, OutputTarget: u.OutputTarget}
		}
		b.WriteString("\n" + EfficiencyReport(names, sc, r.RTS))
	case Cost:
		t := report.DEAPTable{Head: [][2]string{{"firm", "      te      ae      ce"}}, Width: 8, Decimals: 3}
		var mean [3]float64
		for _, u := range r.Units {
			v := []float64{u.Technical, u.Allocative, u.Score}
			t.Rows = append(t.Rows, report.DEAPRow{Key: u.DMU, Values: v})
			for c := range mean {
				mean[c] += v[c] / float64(len(r.Units))
			}
		}
		t.Mean = &report.DEAPRow{Key: "mean", Values: mean[:]}
		b.WriteString(" EFFICIENCY SUMMARY:\n\n" + t.String())
		b.WriteString("\n Note: te = technical efficiency\n       ae = allocative efficiency = ce/te\n       ce = cost efficiency\n")
		ct := report.DEAPTable{Head: [][2]string{{"firm", "  input:" + cols(len(r.InputNames), 10)}}, Width: 10, Decimals: 3}
		for _, u := range r.Units {
			ct.Rows = append(ct.Rows, report.DEAPRow{Key: u.DMU, Values: u.CostMin})
		}
		b.WriteString("\n\n SUMMARY OF COST MINIMISING INPUT QUANTITIES:\n\n" + ct.String())
	default:
		r.genericText(&b)
	}
	if r.Boot != nil {
		bt := r.Boot
		t := report.DEAPTable{Head: [][2]string{{"firm", "      " + r.scoreName() + "  bias-corr      bias        sd     lower     upper"}}, Width: 10, Decimals: 4}
		for j, u := range r.Units {
			t.Rows = append(t.Rows, report.DEAPRow{Key: u.DMU, Values: []float64{u.Score, bt.BiasCorrected[j], bt.Bias[j], bt.SD[j], bt.Lower[j], bt.Upper[j]}})
		}
		fmt.Fprintf(&b, "\n\n BOOTSTRAP (Simar & Wilson 1998): %d replications, seed %d, bandwidth %.4g, %g%% intervals\n\n%s",
			bt.Replications, bt.Seed, bt.Bandwidth, 100*(1-bt.Alpha), t.String())
		b.WriteString("\n [Use the bias-corrected score when |bias| > sd/sqrt(3) (Simar & Wilson 1998)]\n")
	}
	return b.String()
}

func cols(k, w int) string {
	var b strings.Builder
	for c := 1; c <= k; c++ {
		fmt.Fprintf(&b, "%*d", w, c)
	}
	return b.String()
}

// genericText writes the score, slacks, peers and targets of the SBM,
// super, super-SBM and DDF models.
func (r *Result) genericText(b *strings.Builder) {
	t := report.DEAPTable{Head: [][2]string{{"firm", fmt.Sprintf("%10s", r.scoreName())}}, Width: 10, Decimals: 4}
	sum, cnt := 0.0, 0
	for _, u := range r.Units {
		t.Rows = append(t.Rows, report.DEAPRow{Key: u.DMU, Values: []float64{u.Score}})
		if !math.IsNaN(u.Score) {
			sum += u.Score
			cnt++
		}
	}
	if cnt > 0 {
		t.Mean = &report.DEAPRow{Key: "mean", Values: []float64{sum / float64(cnt)}}
	}
	b.WriteString(" EFFICIENCY SUMMARY:\n\n" + t.String())
	if r.Model == Super {
		return
	}
	block := func(title string, k int, val func(Unit) []float64) {
		if k == 0 {
			return
		}
		tt := report.DEAPTable{Head: [][2]string{{"firm", cols(k, 10)}}, Width: 10, Decimals: 3}
		for _, u := range r.Units {
			v := val(u)
			if v == nil {
				v = nanSlice(k)
			}
			tt.Rows = append(tt.Rows, report.DEAPRow{Key: u.DMU, Values: v})
		}
		fmt.Fprintf(b, "\n\n %s:\n\n%s", title, tt.String())
	}
	what := "SLACKS"
	if r.Model == SuperSBM {
		what = "SLACKS (SBM slacks for inefficient DMUs; for super-efficient ones the increases of inputs and bad outputs and decreases of outputs)"
	}
	block("SUMMARY OF INPUT "+what, len(r.InputNames), func(u Unit) []float64 { return u.InputSlack })
	block("SUMMARY OF OUTPUT "+what, len(r.OutputNames), func(u Unit) []float64 { return u.OutputSlack })
	if r.Model != DDF {
		block("SUMMARY OF BAD-OUTPUT "+what, len(r.BadNames), func(u Unit) []float64 { return u.BadSlack })
	}
	b.WriteString("\n\n SUMMARY OF PEERS (peer: weight):\n\n")
	for _, u := range r.Units {
		fmt.Fprintf(b, " %5s ", u.DMU)
		for _, p := range u.Peers {
			fmt.Fprintf(b, " %s:%s", r.Units[p].DMU, strings.TrimSpace(report.Fortran(u.Lambda[p], 8, 3)))
		}
		b.WriteString("\n")
	}
	block("SUMMARY OF INPUT TARGETS", len(r.InputNames), func(u Unit) []float64 { return u.InputTarget })
	block("SUMMARY OF OUTPUT TARGETS", len(r.OutputNames), func(u Unit) []float64 { return u.OutputTarget })
	block("SUMMARY OF BAD-OUTPUT TARGETS", len(r.BadNames), func(u Unit) []float64 { return u.BadTarget })
}

func nanSlice(k int) []float64 {
	v := make([]float64, k)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// Table returns the scores as a tidy table for notebooks and exports: DMU,
// the model's score (and DEAP's crste, vrste, scale and nature for the
// radial model; te, ae, ce for cost), and with a bootstrap the
// bias-corrected score and the interval.
func (r *Result) Table(caption string) *report.Table {
	cols := []string{"DMU"}
	switch r.Model {
	case Radial:
		cols = append(cols, "crste", "vrste", "scale", "rts")
	case Cost:
		cols = append(cols, "te", "ae", "ce")
	default:
		cols = append(cols, r.scoreName())
	}
	if r.Boot != nil {
		cols = append(cols, "bias-corrected", "lower", "upper")
	}
	var rows [][]any
	for j, u := range r.Units {
		rec := []any{u.DMU}
		switch r.Model {
		case Radial:
			rec = append(rec, u.CRS, u.VRS, u.Scale, u.Nature)
		case Cost:
			rec = append(rec, u.Technical, u.Allocative, u.Score)
		default:
			rec = append(rec, u.Score)
		}
		if r.Boot != nil {
			rec = append(rec, r.Boot.BiasCorrected[j], r.Boot.Lower[j], r.Boot.Upper[j])
		}
		rows = append(rows, rec)
	}
	t, err := report.Tidy(cols, rows, report.TidyOptions{Caption: caption, Notes: r.Notes})
	if err != nil { // cannot happen: every record has len(cols) values
		panic(err)
	}
	return t
}

type jnum float64

func (v jnum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func jnums(v []float64) []jnum {
	if v == nil {
		return nil
	}
	out := make([]jnum, len(v))
	for i, x := range v {
		out[i] = jnum(x)
	}
	return out
}

// MarshalJSON writes {"model", "rts", "orientation", "units": [{"dmu",
// "score", ...}], "bootstrap", "notes"}; undefined values are null.
func (r *Result) MarshalJSON() ([]byte, error) {
	type unit struct {
		DMU           string             `json:"dmu"`
		Score         jnum               `json:"score"`
		Infeasible    bool               `json:"infeasible,omitempty"`
		CRS           *jnum              `json:"crste,omitempty"`
		VRS           *jnum              `json:"vrste,omitempty"`
		Scale         *jnum              `json:"scale,omitempty"`
		Nature        string             `json:"rts,omitempty"`
		Technical     *jnum              `json:"te,omitempty"`
		Allocative    *jnum              `json:"ae,omitempty"`
		CostMin       []jnum             `json:"cost_min_inputs,omitempty"`
		Lambda        map[string]float64 `json:"lambda,omitempty"`
		InputSlack    []jnum             `json:"input_slacks,omitempty"`
		OutputSlack   []jnum             `json:"output_slacks,omitempty"`
		BadSlack      []jnum             `json:"bad_slacks,omitempty"`
		InputTarget   []jnum             `json:"input_targets,omitempty"`
		OutputTarget  []jnum             `json:"output_targets,omitempty"`
		BadTarget     []jnum             `json:"bad_targets,omitempty"`
		BiasCorrected *jnum              `json:"bias_corrected,omitempty"`
		Bias          *jnum              `json:"bias,omitempty"`
		SD            *jnum              `json:"sd,omitempty"`
		Lower         *jnum              `json:"lower,omitempty"`
		Upper         *jnum              `json:"upper,omitempty"`
	}
	p := func(v float64) *jnum { x := jnum(v); return &x }
	out := struct {
		Model       string   `json:"model"`
		RTS         string   `json:"rts"`
		Orientation string   `json:"orientation"`
		Slacks      string   `json:"slacks,omitempty"`
		Direction   string   `json:"direction,omitempty"`
		Inputs      []string `json:"inputs,omitempty"`
		Outputs     []string `json:"outputs,omitempty"`
		Bad         []string `json:"bad_outputs,omitempty"`
		Units       []unit   `json:"units"`
		Bootstrap   any      `json:"bootstrap,omitempty"`
		Notes       []string `json:"notes,omitempty"`
		LPs         int      `json:"lps"`
	}{Model: r.Model.String(), RTS: r.RTS.String(), Orientation: r.Orientation.String(), Direction: r.Direction,
		Inputs: r.InputNames, Outputs: r.OutputNames, Bad: r.BadNames, Notes: r.Notes, LPs: r.LPs, Units: []unit{}}
	if r.Model == Radial {
		out.Slacks = r.Slacks.String()
	}
	for j, u := range r.Units {
		x := unit{DMU: u.DMU, Score: jnum(u.Score), Infeasible: u.Infeasible, Nature: u.Nature,
			InputSlack: jnums(u.InputSlack), OutputSlack: jnums(u.OutputSlack), BadSlack: jnums(u.BadSlack),
			InputTarget: jnums(u.InputTarget), OutputTarget: jnums(u.OutputTarget), BadTarget: jnums(u.BadTarget),
			CostMin: jnums(u.CostMin)}
		if len(u.Lambda) > 0 {
			x.Lambda = map[string]float64{}
			for k, v := range u.Lambda {
				x.Lambda[r.Units[k].DMU] = v
			}
		}
		switch r.Model {
		case Radial:
			x.CRS, x.VRS, x.Scale = p(u.CRS), p(u.VRS), p(u.Scale)
		case Cost:
			x.Technical, x.Allocative = p(u.Technical), p(u.Allocative)
		}
		if r.Boot != nil {
			x.BiasCorrected, x.Bias, x.SD = p(r.Boot.BiasCorrected[j]), p(r.Boot.Bias[j]), p(r.Boot.SD[j])
			x.Lower, x.Upper = p(r.Boot.Lower[j]), p(r.Boot.Upper[j])
		}
		out.Units = append(out.Units, x)
	}
	if r.Boot != nil {
		out.Bootstrap = map[string]any{"method": "Simar-Wilson (1998) smoothed homogeneous bootstrap", "replications": r.Boot.Replications,
			"seed": r.Boot.Seed, "alpha": r.Boot.Alpha, "bandwidth": r.Boot.Bandwidth}
	}
	return json.Marshal(out)
}
