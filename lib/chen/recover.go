package chen

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
)

// Published returns the paper's Tables 1-3 (paper.Published: the one
// embedded transcription, lib/chen/paper/tables.json), with the paper's
// header labels, for report.Compare and PublishedTable.Regression.
func Published() (*report.Published, error) { return paper.Published() }

// Estimate is the SAGG coefficient of one spec: ours, the paper's and the
// DGP truth (NaN where there is none).
type Estimate struct {
	Spec      Spec
	Coef, SE  float64 // ours
	T         float64 // ours, Coef/SE
	Paper     float64 // printed coefficient (NaN if s is not a column of the paper)
	PaperT    float64 // printed t statistic
	Truth     float64 // the DGP's value (NaN for Table 3 and real data)
	Z         float64 // (Coef - Truth)/SE
	KPF       float64 // Kleibergen-Paap rk Wald F (first stage)
	HansenJ   float64 // Hansen J (NaN without over-identification)
	HansenP   float64
	N         int
	NClusters int
}

// Within2SE reports whether the truth is within two standard errors of
// our estimate (false when there is no truth).
func (e Estimate) Within2SE() bool { return !math.IsNaN(e.Z) && math.Abs(e.Z) <= 2 }

// Estimates collects the SAGG estimate of each fitted spec (ss[i] fitted
// as rs[i]) with the paper's number and the truth (truth may be nil).
func Estimates(ss []Spec, rs []*ivgmm.Result, truth *Truth) ([]Estimate, error) {
	if len(ss) != len(rs) {
		return nil, fmt.Errorf("%w: %d specs for %d fitted models", ErrInput, len(ss), len(rs))
	}
	out := make([]Estimate, len(ss))
	for i, s := range ss {
		r := rs[i]
		j := -1
		for k, name := range r.Names {
			if name == s.SAGG() {
				j = k
			}
		}
		if j < 0 {
			return nil, fmt.Errorf("%w: the model of %s has no coefficient %s (omitted because of collinearity?)", ErrInput, s.Label(), s.SAGG())
		}
		e := Estimate{Spec: s, Coef: r.Coef[j], SE: r.SE[j], T: r.T[j], Paper: math.NaN(), PaperT: math.NaN(),
			Truth: math.NaN(), Z: math.NaN(), KPF: r.KPWaldF.Stat, HansenJ: r.OverID.Stat, HansenP: r.OverID.P,
			N: r.N, NClusters: r.NClusters}
		if c, err := paper.Cell(s.Table, s.Column, "SAGG"); err == nil {
			e.Paper, e.PaperT = c.Coef.Value, c.T.Value
		}
		if truth != nil {
			if v, ok := truth.Of(s); ok {
				e.Truth, e.Z = v, (e.Coef-v)/e.SE
			}
		}
		out[i] = e
	}
	return out, nil
}

// Recover fits every spec with opt and returns the SAGG estimates set
// against the paper and the truth.
func (d *Data) Recover(ss []Spec, truth *Truth, opt ivgmm.Options) ([]Estimate, error) {
	rs, err := d.FitAll(ss, opt)
	if err != nil {
		return nil, err
	}
	return Estimates(ss, rs, truth)
}

// EstimateTable lays estimates out as a tidy table, one row per spec:
// table and column, sample, index, the paper's coefficient (t), ours
// (SE), the truth and |ours − truth|/SE, the first-stage KP F and N.
func EstimateTable(es []Estimate, caption string) (*report.Table, error) {
	cols := []string{"Table", "Col.", "Estimator", "Dep. var.", "Sample", "Index", "Paper", "Paper t", "Ours", "SE", "Truth", "z vs truth", "KP F", "N"}
	rows := make([][]any, len(es))
	for i, e := range es {
		est := map[ivgmm.Estimator]string{ivgmm.OLS: "FE-OLS", ivgmm.TSLS: "2SLS", ivgmm.GMM2S: "IV-GMM"}[e.Spec.Estimator]
		rows[i] = []any{e.Spec.Table, e.Spec.Column, est, paperLabel(e.Spec.DepVar), paperLabel(e.Spec.Region),
			paperLabel(e.Spec.Group), e.Paper, e.PaperT, e.Coef, e.SE, e.Truth, e.Z, e.KPF, e.N}
	}
	return report.Tidy(cols, rows, report.TidyOptions{Caption: caption, Decimals: 4,
		Column: map[string]int{"Paper": 3, "Paper t": 2, "z vs truth": 2, "KP F": 1, "N": -1},
		Notes: []string{"z vs truth = (ours − truth)/SE; |z| ≤ 2 means the truth lies within two standard errors. " +
			"Truth: structural for the regions, implied (probability limit of the pooled regression) nationally; none for TE/EC."}})
}
