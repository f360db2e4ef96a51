package report_test

import (
	"math"

	"github.com/econb/econb/lib/report"
)

// fake is a small report.Fitted for tests: no estimator behind it.
type fake struct {
	title, dep string
	coefs      []report.Coef
	stats      []report.Stat
	fe         []string
}

func (f fake) ReportTitle() string        { return f.title }
func (f fake) ReportDepVar() string       { return f.dep }
func (f fake) ReportCoefs() []report.Coef { return f.coefs }
func (f fake) ReportStats() []report.Stat { return f.stats }
func (f fake) ReportFE() []string         { return f.fe }

// coef builds a coefficient from B and SE with a normal two-sided p-value.
func coef(name string, b, se float64) report.Coef {
	t := b / se
	return report.Coef{Name: name, B: b, SE: se, T: t, P: math.Erfc(math.Abs(t) / math.Sqrt2)}
}

// twoModels are made-up numbers (no source: they only exercise layout):
// a 2SLS and an IV-GMM fit of tfp on sagg / sagg_hi and str, with city and
// year effects.
func twoModels() []report.Fitted {
	nan := math.NaN()
	return []report.Fitted{
		fake{title: "2SLS", dep: "tfp", fe: []string{"city", "year"},
			coefs: []report.Coef{coef("sagg", 0.0502, 0.0196), coef("str", 0.0241, 0.0045), coef("road", -0.00041, 0.00042)},
			stats: []report.Stat{
				{Code: "kp_lm", Label: "KP rk LM", Value: 101.2651, P: 1.2e-22, DF: 2},
				{Code: "kp_f", Label: "KP rk Wald F", Value: 133.0941, P: nan},
				{Code: "hansen_j", Label: "Hansen J", Value: 0.0902, P: 0.76441, DF: 1},
				{Code: "n", Label: "N", Value: 3393, P: nan},
				{Code: "r2", Label: "R²", Value: 0.8871, P: nan},
			}},
		fake{title: "IV-GMM (two-step)", dep: "tfp", fe: []string{"city", "year"},
			coefs: []report.Coef{coef("sagg_hi", 0.0581, 0.0133), coef("str", 0.0239, 0.0044)},
			stats: []report.Stat{
				{Code: "kp_lm", Label: "KP rk LM", Value: 244.658, P: 0, DF: 2},
				{Code: "kp_f", Label: "KP rk Wald F", Value: 330.248, P: nan},
				{Code: "hansen_j", Label: "Hansen J", Value: 0.167, P: 0.6832, DF: 1},
				{Code: "n", Label: "N", Value: 3393, P: nan},
				{Code: "r2", Label: "R²", Value: 0.888, P: nan},
			}},
	}
}
