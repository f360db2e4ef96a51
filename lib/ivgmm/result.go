package ivgmm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/report"
)

// Title names the estimator as ivreg2's header does.
func (r *Result) Title() string {
	switch {
	case r.Estimator == OLS || len(r.EndogNames)+len(r.InstrNames) == 0:
		return "OLS"
	case r.Estimator == GMM2S && r.VCE.Kind != IID:
		return "IV-GMM (two-step)"
	case r.Estimator == LIML:
		return "LIML"
	}
	return "IV (2SLS)"
}

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
	if len(r.FirstStages) > 0 {
		if r.VCE.Kind == IID {
			out = append(out, codedTest{"kp_lm", "Anderson LM", r.UnderID}) // the iid case of the rk LM
		} else {
			out = append(out, codedTest{"kp_lm", "KP rk LM", r.UnderID}, codedTest{"kp_f", "KP rk Wald F", r.KPWaldF})
		}
		out = append(out, codedTest{"cd_f", "Cragg-Donald F", r.CraggDonald})
	}
	if r.OverID.Name != "" {
		if r.VCE.Kind == IID {
			out = append(out, codedTest{"sargan", "Sargan", r.OverID})
		} else {
			out = append(out, codedTest{"hansen_j", "Hansen J", r.OverID})
		}
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
// small, n_clusters, n_groups, dropped, coef (in model order), stats.
func (r *Result) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	vce := r.VCE.String()
	if r.VCE.Kind == Cluster && r.ClusterName != "" {
		vce += ":" + r.ClusterName
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
	fmt.Fprintf(&b, `,"dropped":{"missing":%d,"singletons":%d}`, r.Dropped.Missing, r.Dropped.Singletons)
	b.WriteString(`,"coef":{`)
	for i, n := range r.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		nj, _ := json.Marshal(n)
		fmt.Fprintf(&b, `%s:{"b":%s,"se":%s,"t":%s,"p":%s}`, nj, jnum(r.Coef[i]), jnum(r.SE[i]), jnum(r.T[i]), jnum(r.P[i]))
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

// String renders the fit in ivreg2's layout: header, coefficient table,
// diagnostics footer.
func (r *Result) String() string {
	var b strings.Builder
	line := strings.Repeat("-", 78)
	title := r.Title() + " estimation"
	fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("-", len(title)))
	switch {
	case r.Title() == "IV-GMM (two-step)":
		fmt.Fprintf(&b, "Estimates efficient for arbitrary heteroskedasticity%s\n", map[bool]string{true: " and clustering on " + r.ClusterName}[r.VCE.Kind == Cluster])
	default:
		b.WriteString("Estimates efficient for homoskedasticity only\n")
	}
	switch r.VCE.Kind {
	case Robust:
		b.WriteString("Statistics robust to heteroskedasticity\n")
	case Cluster:
		fmt.Fprintf(&b, "Statistics robust to heteroskedasticity and clustering on %s\n", r.ClusterName)
	default:
		b.WriteString("Statistics consistent for homoskedasticity only\n")
	}
	b.WriteString("\n")
	if len(r.FENames) > 0 {
		var fe []string
		for i, n := range r.FENames {
			fe = append(fe, fmt.Sprintf("%s: %d", n, r.FEGroups[i]))
		}
		fmt.Fprintf(&b, "Fixed effects (absorbed): %s\n", strings.Join(fe, ", "))
	}
	if r.NClusters > 0 {
		fmt.Fprintf(&b, "Number of clusters (%s) = %d\n", r.ClusterName, r.NClusters)
	}
	if r.Dropped.Missing+r.Dropped.Singletons > 0 {
		fmt.Fprintf(&b, "Rows dropped: %d with missing values, %d singletons\n", r.Dropped.Missing, r.Dropped.Singletons)
	}
	right := func(label, val string) string { return fmt.Sprintf("%-14s= %10s", label, val) }
	fline := right("F("+fmt.Sprint(r.ModelF.DF)+", "+fmt.Sprint(r.ModelF.DF2)+")", fmt.Sprintf("%.2f", r.ModelF.Stat))
	pline := right("Prob > F", fmt.Sprintf("%.4f", r.ModelF.P))
	if r.ModelF.DF2 == 0 {
		fline = right(fmt.Sprintf("Wald chi2(%d)", r.ModelF.DF), fmt.Sprintf("%.2f", r.ModelF.Stat))
		pline = right("Prob > chi2", fmt.Sprintf("%.4f", r.ModelF.P))
	}
	rows := [][2]string{
		{"", right("Number of obs", fmt.Sprint(r.N))},
		{"", fline},
		{"", pline},
		{fmt.Sprintf("Residual SS = %14.6g", r.RSS), right("Centered R2", fmt.Sprintf("%.4f", r.R2))},
		{"", right("Uncentered R2", fmt.Sprintf("%.4f", r.R2u))},
		{"", right("Root MSE", fmt.Sprintf("%.4g", r.RMSE))},
	}
	if !math.IsNaN(r.R2Within) {
		rows = append(rows, [2]string{"", right("Within R2", fmt.Sprintf("%.4f", r.R2Within))})
	}
	for _, rw := range rows {
		fmt.Fprintf(&b, "%-52s%s\n", rw[0], rw[1])
	}
	stat := "z"
	if r.Small {
		stat = "t"
	}
	se := "Std. Err."
	if r.VCE.Kind != IID {
		se = "Robust SE"
	}
	fmt.Fprintf(&b, "\n%s\n%12s | %10s %10s %8s %7s  %s\n%s+%s\n", line, trunc(r.DepVar, 12), "Coef.", se, stat, "P>|"+stat+"|", "[95% Conf. Interval]", strings.Repeat("-", 13), strings.Repeat("-", 64))
	crit := 1.959963984540054
	for i, n := range r.Names {
		if r.Small {
			crit = tQuantile(r.DFResid)
		}
		fmt.Fprintf(&b, "%12s | %10s %10s %8.2f %7.3f  %10s %10s\n", trunc(n, 12), num10(r.Coef[i]), num10(r.SE[i]), r.T[i], r.P[i], num10(r.Coef[i]-crit*r.SE[i]), num10(r.Coef[i]+crit*r.SE[i]))
	}
	b.WriteString(line + "\n")
	for _, o := range r.Omitted {
		fmt.Fprintf(&b, "note: %s omitted because of collinearity\n", o)
	}
	for _, o := range r.DroppedIV {
		fmt.Fprintf(&b, "note: excluded instrument %s dropped because of collinearity\n", o)
	}
	r.footer(&b, line)
	return b.String()
}

func (r *Result) footer(b *strings.Builder, line string) {
	stat := func(label string, v float64) { fmt.Fprintf(b, "%-66s%12.3f\n", label, v) }
	pval := func(t Test) {
		fmt.Fprintf(b, "%66s%12.4f\n", fmt.Sprintf("Chi-sq(%d) P-val =", t.DF), t.P)
	}
	if len(r.FirstStages) > 0 {
		stat("Underidentification test ("+r.UnderID.Name+"):", r.UnderID.Stat)
		pval(r.UnderID)
		b.WriteString(line + "\n")
		stat("Weak identification test (Cragg-Donald Wald F statistic):", r.CraggDonald.Stat)
		if r.KPWaldF.Name != "" {
			stat("                         (Kleibergen-Paap rk Wald F statistic):", r.KPWaldF.Stat)
		}
		for i, cv := range r.StockYogo {
			lead := "Stock-Yogo weak ID test critical values:"
			if i > 0 {
				lead = ""
			}
			fmt.Fprintf(b, "%-41s%-31s%6.2f\n", lead, cv.Label, cv.Value)
		}
		if len(r.StockYogo) > 0 {
			b.WriteString("Source: Stock-Yogo (2005).  Reproduced by permission.\n")
			if r.VCE.Kind != IID {
				b.WriteString("NB: Critical values are for Cragg-Donald F statistic and i.i.d. errors.\n")
			}
		}
		b.WriteString(line + "\n")
		for _, fs := range r.FirstStages {
			fmt.Fprintf(b, "First stage %-12s F(%d,%d) = %9.2f  P-val = %6.4f   SW F(%d,%d) = %9.2f   Partial R2 = %.4f\n",
				trunc(fs.Endog, 12), fs.F.DF, fs.F.DF2, fs.F.Stat, fs.F.P, fs.SWF.DF, fs.SWF.DF2, fs.SWF.Stat, fs.PartialR2)
		}
		b.WriteString(line + "\n")
	}
	if r.OverID.Name != "" {
		label := r.OverID.Name + " (overidentification test of all instruments):"
		if r.OverID.Valid() {
			stat(label, r.OverID.Stat)
			pval(r.OverID)
		} else {
			fmt.Fprintf(b, "%-66s%12s\n", label, "0.000")
			fmt.Fprintf(b, "%78s\n", "(equation exactly identified)")
		}
	}
	if r.EndogTest != nil {
		b.WriteString("-endog- option:\n")
		stat("Endogeneity test of endogenous regressors:", r.EndogTest.Stat)
		pval(*r.EndogTest)
	}
	if len(r.EndogNames) > 0 {
		b.WriteString(line + "\n")
		var incl []string
		for _, n := range r.Names {
			isEndog := false
			for _, e := range r.EndogNames {
				isEndog = isEndog || e == n
			}
			if !isEndog && n != "_cons" {
				incl = append(incl, n)
			}
		}
		fmt.Fprintf(b, "Instrumented:         %s\n", strings.Join(r.EndogNames, " "))
		fmt.Fprintf(b, "Included instruments: %s\n", strings.Join(incl, " "))
		fmt.Fprintf(b, "Excluded instruments: %s\n", strings.Join(r.InstrNames, " "))
	}
	b.WriteString(line + "\n")
}

func trunc(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return "~" + string([]rune(s)[len([]rune(s))-n+1:])
}

// num10 formats v in at most 10 characters with as many significant
// digits as fit (at most 7), as Stata's %10.0g.
func num10(v float64) string {
	for p := 7; p > 1; p-- {
		if s := fmt.Sprintf("%.*g", p, v); len(s) <= 10 {
			return s
		}
	}
	return fmt.Sprintf("%.1e", v)
}

var _ report.Fitted = (*Result)(nil)
