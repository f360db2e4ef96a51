package ivgmm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/econb/econb/lib/report"
)

// ReportTitle implements report.Fitted.
func (r *Result) ReportTitle() string { return r.Title() }

// ReportDepVar implements report.Fitted.
func (r *Result) ReportDepVar() string { return r.DepVar }

// ReportFE implements report.Fitted.
func (r *Result) ReportFE() []string { return r.FENames }

// ReportCoefs implements report.Fitted.
func (r *Result) ReportCoefs() []report.Coef {
	out := make([]report.Coef, len(r.Names))
	for i, n := range r.Names {
		out[i] = report.Coef{Name: n, B: r.Coef[i], SE: r.SE[i], T: r.T[i], P: r.P[i]}
	}
	return out
}

// ReportStats implements report.Fitted: n, r2, r2_within, kp_lm, kp_f,
// cd_f, hansen_j or sargan, endog, n_clusters, in that order, those that
// apply.
func (r *Result) ReportStats() []report.Stat {
	out := []report.Stat{{Code: "n", Label: "N", Value: float64(r.N), P: math.NaN()}}
	out = append(out, report.Stat{Code: "r2", Label: "R²", Value: r.R2, P: math.NaN()})
	if !math.IsNaN(r.R2Within) {
		out = append(out, report.Stat{Code: "r2_within", Label: "Within R²", Value: r.R2Within, P: math.NaN()})
	}
	for _, t := range r.tests() {
		if t.t.Valid() {
			out = append(out, report.Stat{Code: t.code, Label: t.label, Value: t.t.Stat, P: t.t.P, DF: t.t.DF, DF2: t.t.DF2})
		}
	}
	if r.NClusters > 0 {
		out = append(out, report.Stat{Code: "n_clusters", Label: "Clusters", Value: float64(r.NClusters), P: math.NaN()})
	}
	return out
}

type codedTest struct {
	code, label string
	t           Test
}

// tests lists the model-level diagnostics with their stat codes.
func (r *Result) tests() []codedTest {
	var out []codedTest
	vt := r.vceText()
	if len(r.FirstStages) > 0 {
		out = append(out, codedTest{"kp_lm", vt.underIDLabel, r.UnderID})
		if r.KPWaldF.Name != "" { // computed with a robust covariance
			out = append(out, codedTest{"kp_f", "KP rk Wald F", r.KPWaldF})
		}
		out = append(out, codedTest{"cd_f", "Cragg-Donald F", r.CraggDonald})
	}
	if r.OverID.Name != "" {
		out = append(out, codedTest{vt.overIDCode, vt.overIDLabel, r.OverID})
	}
	if r.EndogTest != nil {
		out = append(out, codedTest{"endog", "Endogeneity C", *r.EndogTest})
	}
	return out
}

// jsonTest renders a Test as {"stat","df","df2","p"}, leaving out what
// does not apply.
func jsonTest(t Test) json.RawMessage {
	var b bytes.Buffer
	b.WriteString(`{"stat":`)
	b.WriteString(jnum(t.Stat))
	if t.DF > 0 {
		fmt.Fprintf(&b, `,"df":%d`, t.DF)
	}
	if t.DF2 > 0 {
		fmt.Fprintf(&b, `,"df2":%d`, t.DF2)
	}
	if !math.IsNaN(t.P) {
		b.WriteString(`,"p":` + jnum(t.P))
	}
	b.WriteString("}")
	return b.Bytes()
}

func jnum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "null"
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// MarshalJSON gives the object of `econb fit --json`: n, estimator, vce,
// small, n_clusters, n_groups, weights, convention (ivregress only),
// kappa and lambda (k-class), dropped, omitted, dropped_instruments, notes
// (when there are any: an exact fit, missing standard errors, rescaling),
// coef (in model order), cov (names and the full matrix), model_test
// (f, and chi2), stats (with the weak-instrument-robust ar_f, ar_chi2,
// sw_s and the ar_set when asked).
func (r *Result) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	vce := IID().String()
	if r.VCE != nil {
		vce = r.VCE.String()
	}
	est, _ := json.Marshal(r.Estimator.String())
	vj, _ := json.Marshal(vce)
	fmt.Fprintf(&b, `{"n":%d,"estimator":%s,"vce":%s,"small":%t`, r.N, est, vj, r.Small)
	if r.NClusters > 0 {
		fmt.Fprintf(&b, `,"n_clusters":%d`, r.NClusters)
	}
	if len(r.FEGroups) > 0 {
		fmt.Fprintf(&b, `,"n_groups":%d`, r.FEGroups[0])
	}
	if r.Weights != "" {
		wj, _ := json.Marshal(r.Weights)
		fmt.Fprintf(&b, `,"weights":%s`, wj)
	}
	if r.Convention != IVReg2 {
		fmt.Fprintf(&b, `,"convention":%q`, r.Convention.String())
	}
	if r.Kappa != 0 {
		fmt.Fprintf(&b, `,"kappa":%s`, jnum(r.Kappa))
	}
	if r.Lambda != 0 {
		fmt.Fprintf(&b, `,"lambda":%s`, jnum(r.Lambda))
	}
	fmt.Fprintf(&b, `,"dropped":{"missing":%d,"singletons":%d`, r.Dropped.Missing, r.Dropped.Singletons)
	if r.Dropped.ZeroWeight > 0 {
		fmt.Fprintf(&b, `,"zero_weight":%d`, r.Dropped.ZeroWeight)
	}
	b.WriteString("}")
	om, _ := json.Marshal(append([]string{}, r.Omitted...))
	div, _ := json.Marshal(append([]string{}, r.DroppedIV...))
	fmt.Fprintf(&b, `,"omitted":%s,"dropped_instruments":%s`, om, div)
	if len(r.Notes) > 0 {
		nt, _ := json.Marshal(r.Notes)
		fmt.Fprintf(&b, `,"notes":%s`, nt)
	}
	b.WriteString(`,"coef":{`)
	for i, n := range r.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		nj, _ := json.Marshal(n)
		fmt.Fprintf(&b, `%s:{"b":%s,"se":%s,"t":%s,"p":%s}`, nj, jnum(r.Coef[i]), jnum(r.SE[i]), jnum(r.T[i]), jnum(r.P[i]))
	}
	b.WriteString(`},"cov":{"names":`)
	names, _ := json.Marshal(r.Names)
	b.Write(names)
	b.WriteString(`,"matrix":[`)
	for i := range r.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j := range r.Names {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jnum(r.Cov.At(i, j)))
		}
		b.WriteByte(']')
	}
	b.WriteString(`]},"model_test":{`)
	fmt.Fprintf(&b, `"f":%s`, jsonTest(r.ModelF))
	if r.ModelChi2.Name != "" {
		fmt.Fprintf(&b, `,"chi2":%s`, jsonTest(r.ModelChi2))
	}
	b.WriteString(`},"stats":{`)
	fmt.Fprintf(&b, `"rss":%s,"r2":%s`, jnum(r.RSS), jnum(r.R2))
	if !math.IsNaN(r.R2Within) {
		b.WriteString(`,"r2_within":` + jnum(r.R2Within))
	}
	b.WriteString(`,"rmse":` + jnum(r.RMSE))
	for _, t := range r.tests() {
		if t.t.Valid() {
			fmt.Fprintf(&b, `,"%s":%s`, t.code, jsonTest(t.t))
		}
	}
	for _, t := range []codedTest{{"ar_f", "", r.AndersonRubinF}, {"ar_chi2", "", r.AndersonRubin}, {"sw_s", "", r.StockWright}} {
		if t.t.Name != "" && t.t.Valid() {
			fmt.Fprintf(&b, `,"%s":%s`, t.code, jsonTest(t.t))
		}
	}
	if s := r.ARSet; s != nil {
		iv, _ := json.Marshal(s.Intervals)
		fmt.Fprintf(&b, `,"ar_set":{"level":%s,"grid":[%s,%s],"intervals":%s,"unbounded_below":%t,"unbounded_above":%t}`,
			jnum(s.Level), jnum(s.Grid[0]), jnum(s.Grid[1]), iv, s.UnboundedBelow, s.UnboundedAbove)
	}
	if len(r.FirstStages) > 0 {
		b.WriteString(`,"first_stage":{`)
		for i, fs := range r.FirstStages {
			if i > 0 {
				b.WriteByte(',')
			}
			nj, _ := json.Marshal(fs.Endog)
			fmt.Fprintf(&b, `%s:{"f":%s,"sw_f":%s,"partial_r2":%s}`, nj, jsonTest(fs.F), jsonTest(fs.SWF), jnum(fs.PartialR2))
		}
		b.WriteString("}")
	}
	b.WriteString("}}")
	return b.Bytes(), nil
}

var _ report.Fitted = (*Result)(nil)
