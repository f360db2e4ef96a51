package report

// Coef is one estimated coefficient as a table shows it.
type Coef struct {
	Name string  // as the model names it: "sagg", "l(sagg,1)", "_cons"
	B    float64 // estimate
	SE   float64 // standard error
	T    float64 // z or t statistic, B/SE
	P    float64 // two-sided p-value of T
}

// Stat is one model-level statistic (N, R², a diagnostic test).
// P is NaN when the statistic has no p-value; DF and DF2 are 0 when they do
// not apply (DF2 > 0 means an F(DF, DF2) statistic).
type Stat struct {
	Code  string // short code, fixest fitstat style: "n", "r2", "r2_within", "kp_lm", "kp_f", "cd_f", "hansen_j", "sargan", "endog", "n_clusters"
	Label string // what a table prints: "KP rk LM", "Hansen J", "N", "R²"
	Value float64
	P     float64
	DF    int
	DF2   int
}

// Fitted is what a regression table needs from a fitted model. lib/ivgmm's
// results implement it; report never imports an estimator package.
type Fitted interface {
	ReportTitle() string  // e.g. "IV-GMM (two-step)" or "2SLS"
	ReportDepVar() string // response variable
	ReportCoefs() []Coef  // in display order
	ReportStats() []Stat  // in display order
	ReportFE() []string   // absorbed fixed effects by variable name, e.g. {"city", "year"}
}
