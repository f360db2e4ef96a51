package ivgmm

import (
	"fmt"
	"math"
	"strings"
)

// vceText describes the covariance of the fit (IID() if none was set).
func (r *Result) vceText() vceText {
	if r.VCE == nil {
		return IID().describe()
	}
	return r.VCE.describe()
}

// Title names the estimator as ivreg2's header does.
func (r *Result) Title() string {
	switch {
	case r.Estimator == OLS || len(r.EndogNames)+len(r.InstrNames) == 0:
		return "OLS"
	case r.Estimator == GMM2S && !r.vceText().homoskedastic:
		return "IV-GMM (two-step)"
	case r.Estimator == LIML && r.Fuller != 0:
		return "Fuller's modified LIML"
	case r.Estimator == LIML:
		return "LIML"
	case r.Estimator == KClass:
		return "k-class"
	case r.Estimator == CUE && !r.vceText().homoskedastic:
		return "CUE"
	case r.Estimator == CUE:
		return "CUE (= LIML)"
	}
	return "IV (2SLS)"
}

// String renders the fit in ivreg2's layout: header, coefficient table,
// diagnostics footer.
func (r *Result) String() string {
	var b strings.Builder
	line := strings.Repeat("-", 78)
	title := r.Title() + " estimation"
	fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("-", len(title)))
	vt := r.vceText()
	efficient := "homoskedasticity only"
	if r.Title() == "IV-GMM (two-step)" {
		efficient = vt.efficientFor
	}
	fmt.Fprintf(&b, "Estimates efficient for %s\n%s\n", efficient, vt.statistics)
	if vt.kernel != "" {
		fmt.Fprintf(&b, "  %s\n", vt.kernel)
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
	if r.Dropped.ZeroWeight > 0 {
		fmt.Fprintf(&b, "Rows dropped: %d with zero weight\n", r.Dropped.ZeroWeight)
	}
	if r.Weights != "" {
		fmt.Fprintf(&b, "Weights: %s\n", r.Weights)
	}
	if r.Kappa != 0 && r.Estimator != LIML {
		fmt.Fprintf(&b, "k-class kappa = %.6f\n", r.Kappa)
	}
	if r.Estimator == LIML && r.Fuller != 0 {
		fmt.Fprintf(&b, "Fuller alpha = %g; LIML kappa (lambda) = %.6f; k-class kappa = %.6f\n", r.Fuller, r.Lambda, r.Kappa)
	}
	right := func(label, val string) string { return fmt.Sprintf("%-14s= %10s", label, val) }
	fline := right("F("+fmt.Sprint(r.ModelF.DF)+", "+fmt.Sprint(r.ModelF.DF2)+")", fnum("%.2f", r.ModelF.Stat))
	pline := right("Prob > F", fnum("%.4f", r.ModelF.P))
	if r.ModelF.DF2 == 0 {
		fline = right(fmt.Sprintf("Wald chi2(%d)", r.ModelF.DF), fnum("%.2f", r.ModelF.Stat))
		pline = right("Prob > chi2", fnum("%.4f", r.ModelF.P))
	}
	rows := [][2]string{
		{"", right("Number of obs", fmt.Sprint(r.N))},
		{"", fline},
		{"", pline},
		{fmt.Sprintf("Residual SS = %14s", fnum("%.6g", r.RSS)), right("Centered R2", fnum("%.4f", r.R2))},
		{"", right("Uncentered R2", fnum("%.4f", r.R2u))},
		{"", right("Root MSE", fnum("%.4g", r.RMSE))},
	}
	if !math.IsNaN(r.R2Within) {
		rows = append(rows, [2]string{"", right("Within R2", fnum("%.4f", r.R2Within))})
	}
	for _, rw := range rows {
		fmt.Fprintf(&b, "%-52s%s\n", rw[0], rw[1])
	}
	stat := "z"
	if r.Small {
		stat = "t"
	}
	fmt.Fprintf(&b, "\n%s\n%12s | %10s %10s %8s %7s  %s\n%s+%s\n", line, trunc(r.DepVar, 12), "Coef.", vt.se, stat, "P>|"+stat+"|", "[95% Conf. Interval]", strings.Repeat("-", 13), strings.Repeat("-", 64))
	crit := 1.959963984540054
	for i, n := range r.Names {
		if r.Small {
			crit = tQuantile(r.DFResid)
		}
		lo, hi := r.Coef[i]-crit*r.SE[i], r.Coef[i]+crit*r.SE[i]
		if math.IsNaN(r.T[i]) { // no test: no interval either (Stata prints .)
			lo, hi = math.NaN(), math.NaN()
		}
		fmt.Fprintf(&b, "%12s | %10s %10s %8s %7s  %10s %10s\n", trunc(n, 12), num10(r.Coef[i]), num10(r.SE[i]), fnum("%.2f", r.T[i]), fnum("%.3f", r.P[i]), num10(lo), num10(hi))
	}
	b.WriteString(line + "\n")
	for _, o := range r.Omitted {
		fmt.Fprintf(&b, "note: %s omitted because of collinearity\n", o)
	}
	for _, o := range r.DroppedIV {
		fmt.Fprintf(&b, "note: excluded instrument %s dropped because of collinearity\n", o)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	r.footer(&b, line)
	return b.String()
}

func (r *Result) footer(b *strings.Builder, line string) {
	stat := func(label string, v float64) { fmt.Fprintf(b, "%-66s%12s\n", label, fnum("%.3f", v)) }
	pval := func(t Test) {
		fmt.Fprintf(b, "%66s%12s\n", fmt.Sprintf("Chi-sq(%d) P-val =", t.DF), fnum("%.4f", t.P))
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
			b.WriteString(stockYogoSource(r.StockYogo) + "\n")
			if !r.vceText().homoskedastic {
				b.WriteString("NB: Critical values are for Cragg-Donald F statistic and i.i.d. errors.\n")
			}
		}
		b.WriteString(line + "\n")
		for _, fs := range r.FirstStages {
			fmt.Fprintf(b, "First stage %-12s F(%d,%d) = %9s  P-val = %6s   SW F(%d,%d) = %9s   Partial R2 = %s\n",
				trunc(fs.Endog, 12), fs.F.DF, fs.F.DF2, fnum("%.2f", fs.F.Stat), fnum("%.4f", fs.F.P), fs.SWF.DF, fs.SWF.DF2, fnum("%.2f", fs.SWF.Stat), fnum("%.4f", fs.PartialR2))
		}
		b.WriteString(line + "\n")
	}
	if r.ARSet != nil && len(r.EndogNames) == 1 {
		fmt.Fprintf(b, "Anderson-Rubin confidence set for %s: %s\n", r.EndogNames[0], r.ARSet)
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

// fnum formats v with format, or as Stata's missing "." when v is NaN or
// ±Inf (a statistic that does not exist: 0/0, or an exact fit's test).
func fnum(format string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "."
	}
	return fmt.Sprintf(format, v)
}

// num10 formats v in at most 10 characters with as many significant
// digits as fit (at most 7), as Stata's %10.0g; "." when v is not finite.
func num10(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "."
	}
	for p := 7; p > 1; p-- {
		if s := fmt.Sprintf("%.*g", p, v); len(s) <= 10 {
			return s
		}
	}
	return fmt.Sprintf("%.1e", v)
}

// stockYogoSource cites the tables of Stock and Yogo (2005) the critical
// values come from (ivreg2's footer says "Reproduced by permission",
// which is its authors' statement, not ours).
func stockYogoSource(cvs []CriticalValue) string {
	var bias, size bool
	for _, cv := range cvs {
		bias = bias || strings.Contains(cv.Label, "bias")
		size = size || strings.Contains(cv.Label, "size")
	}
	switch {
	case bias && size:
		return "Source: Stock and Yogo (2005), Tables 5.1 (TSLS bias) and 5.2 (TSLS size)."
	case bias:
		return "Source: Stock and Yogo (2005), Table 5.1 (TSLS bias)."
	}
	return "Source: Stock and Yogo (2005), Table 5.2 (TSLS size)."
}
