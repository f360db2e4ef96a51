package nb

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
	"github.com/econb/econb/lib/stata"
)

// Opt is an estimation option: the covariance (Robust, Cluster, HAC, ...),
// small-sample rules, weights, the C test, LIML's Fuller α, ivregress's
// conventions, the sample (If). Each says its Stata equivalent.
type Opt func(*fitConfig)

// fitConfig is what the options set: lib/ivgmm's options and the sample.
type fitConfig struct {
	ivgmm.Options
	If string // Stata's if: the rows the model is fitted on
}

// Options returns the lib/ivgmm options that opts set, for library
// functions that take them: p.Recover(chen.Table1, tr, nb.Options(nb.Cluster("city"))).
func Options(opts ...Opt) ivgmm.Options {
	var c fitConfig
	for _, o := range opts {
		o(&c)
	}
	return c.Options
}

// If fits the model on the rows where the Stata condition holds (Stata's
// "if" after a command): d.IV(f, nb.If(`region == "east"`)).
func If(cond string) Opt { return func(c *fitConfig) { c.If = cond } }

// Robust is vce(robust): heteroskedasticity-robust standard errors.
func Robust() Opt { return func(o *fitConfig) { o.VCE = ivgmm.Robust() } }

// IID is Stata's default, vce(unadjusted).
func IID() Opt { return func(o *fitConfig) { o.VCE = ivgmm.IID() } }

// Cluster is cluster(var) or, with two variables, two-way clustering
// cluster(a b).
func Cluster(vars ...string) Opt {
	return func(o *fitConfig) {
		if len(vars) > 0 {
			o.VCE = ivgmm.ClusterBy(vars[0], vars[1:]...)
		}
	}
}

// HAC is kernel-robust (heteroskedasticity and autocorrelation consistent)
// covariance: ivreg2's robust bw(lags+1) kernel(k), ivregress's vce(hac k
// lags); kernel one of bartlett, parzen, qs, truncated, thann, thamm,
// daniell. The data must be xtset (panels) or have a time variable.
func HAC(kernel string, lags int) Opt {
	return func(o *fitConfig) {
		k, err := ivgmm.ParseKernel(kernel)
		if err != nil {
			Stop(fmt.Errorf("nb.HAC: %w", err))
		}
		o.VCE = ivgmm.HAC(k, float64(lags+1))
	}
}

// DriscollKraay is ivreg2's dkraay(lags+1): Driscoll-Kraay standard errors
// for panels (Bartlett kernel).
func DriscollKraay(lags int) Opt {
	return func(o *fitConfig) { o.VCE = ivgmm.DriscollKraay(ivgmm.Bartlett, float64(lags+1)) }
}

// Small is Stata's small: t and F statistics and the small-sample
// corrections.
func Small() Opt { return func(o *fitConfig) { o.Small = true } }

// Endog is ivreg2's endog(vars): the C test of their exogeneity.
func Endog(vars ...string) Opt { return func(o *fitConfig) { o.Endog = append(o.Endog, vars...) } }

// AW, PW and FW are Stata's [aweight=v], [pweight=v] and [fweight=v].
func AW(v string) Opt { return func(o *fitConfig) { o.Weights = ivgmm.AWeight(v) } }

// PW is [pweight=v] (implies robust standard errors, as in Stata).
func PW(v string) Opt { return func(o *fitConfig) { o.Weights = ivgmm.PWeight(v) } }

// FW is [fweight=v]: v counts duplicated observations.
func FW(v string) Opt { return func(o *fitConfig) { o.Weights = ivgmm.FWeight(v) } }

// Fuller is ivreg2's fuller(a): Fuller's modified LIML (with LIML).
func Fuller(a float64) Opt { return func(o *fitConfig) { o.Fuller = a } }

// Ivregress follows ivregress's conventions where they differ from
// ivreg2's (the default), e.g. ivregress gmm's covariance.
func Ivregress() Opt { return func(o *fitConfig) { o.Convention = ivgmm.IVRegress } }

// Center centres the GMM moment conditions (ivregress gmm center).
func Center() Opt { return func(o *fitConfig) { o.Center = true } }

// Panel sets the panel (xtset entity time) for this fit; by default the
// data's Xtset is used.
func Panel(entity, time string) Opt {
	return func(o *fitConfig) { o.Panel = ivgmm.PanelBy(entity, time) }
}

// ARSet asks for the Anderson-Rubin 95% confidence set of the one
// endogenous regressor over a grid of n values in [lo, hi]: inference that
// stays valid with weak instruments.
func ARSet(lo, hi float64, n int) Opt {
	return func(o *fitConfig) { o.ARGrid = ivgmm.Grid(lo, hi, n) }
}

// With sets any ivgmm option directly.
func With(f func(*ivgmm.Options)) Opt { return func(c *fitConfig) { f(&c.Options) } }

// Reg is OLS (Stata regress; with fixed effects, areg / xtreg, fe):
// d.Reg("lwage ~ educ + exper", nb.Robust()).
func (d *Data) Reg(f string, opts ...Opt) *Models { return d.fit(ivgmm.OLS, "Reg", f, opts) }

// IV is two-stage least squares (ivregress 2sls, ivreg2, xtivreg2 ..., fe):
// d.IV("tfp ~ str | city + year | sagg ~ l(sagg, 1:2)", nb.Cluster("city")).
func (d *Data) IV(f string, opts ...Opt) *Models { return d.fit(ivgmm.TSLS, "IV", f, opts) }

// GMM is two-step efficient GMM (ivreg2 gmm2s, ivregress gmm).
func (d *Data) GMM(f string, opts ...Opt) *Models { return d.fit(ivgmm.GMM2S, "GMM", f, opts) }

// LIML is limited-information maximum likelihood (ivregress liml, ivreg2
// liml; with Fuller(a), Fuller's modified LIML).
func (d *Data) LIML(f string, opts ...Opt) *Models { return d.fit(ivgmm.LIML, "LIML", f, opts) }

// CUE is the continuously updated GMM estimator (ivreg2 cue).
func (d *Data) CUE(f string, opts ...Opt) *Models { return d.fit(ivgmm.CUE, "CUE", f, opts) }

// fit estimates every model the formula names (fixest's sw(), csw() and
// several dependent variables expand to several).
func (d *Data) fit(est ivgmm.Estimator, verb, f string, opts []Opt) *Models {
	what := fmt.Sprintf("%s.%s(%q)", d.what, verb, f)
	c := fitConfig{Options: ivgmm.Options{Estimator: est}}
	if e, t, ok := d.f.PanelVars(); ok {
		c.Panel = ivgmm.PanelBy(e, t)
	}
	for _, opt := range opts {
		opt(&c)
	}
	o := c.Options
	data := d.f
	if c.If != "" {
		g, err := stata.Keep(d.f, "if "+c.If)
		if err != nil {
			Stop(fmt.Errorf("%s: %w", what, err))
		}
		data = g
	}
	parsed, err := formula.Parse(f)
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	fs := []string{f}
	if parsed.HasMulti() {
		fs = nil
		for _, g := range formula.Expand(parsed) {
			fs = append(fs, g.String())
		}
	}
	ms := &Models{labels: d.labels()}
	var notes []string
	for _, g := range fs {
		r, err := ivgmm.FitFrame(g, data, o)
		if err != nil {
			if len(fs) > 1 {
				err = fmt.Errorf("model %s: %w", g, err)
			}
			Stop(fmt.Errorf("%s: %w", what, err))
		}
		ms.rs = append(ms.rs, r)
		ms.formulas = append(ms.formulas, g)
		if n := dropNote(r); n != "" {
			notes = append(notes, n)
		}
	}
	if len(notes) > 0 {
		id := d.key.Extend("fit", est.String(), f, c.If, fmt.Sprintf("%+v", o)).String()
		if id == "" { // a dataset without a content key
			id = noteID(what+c.If+fmt.Sprintf("%+v", o), notes)
		}
		printNotes(id, notes)
	}
	return ms
}

// dropNote says how many rows a fit left out and why, as Stata notes
// them; "" when none.
func dropNote(r *ivgmm.Result) string {
	var parts []string
	if n := r.Dropped.Missing; n > 0 {
		parts = append(parts, fmt.Sprintf("%d with a missing value in a variable of the model", n))
	}
	if n := r.Dropped.Singletons; n > 0 {
		parts = append(parts, fmt.Sprintf("%d singleton%s of a fixed effect", n, plural(n)))
	}
	if n := r.Dropped.ZeroWeight; n > 0 {
		parts = append(parts, fmt.Sprintf("%d with a zero weight", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("(%s ~ …: %d observations used; dropped %s)", r.DepVar, r.N, strings.Join(parts, ", "))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// labels are the data's variable labels, for tables.
func (d *Data) labels() map[string]string {
	m := map[string]string{}
	for _, n := range d.f.Names() {
		if l := d.f.Label(n); l != "" {
			m[n] = l
		}
	}
	return m
}

// Models are the models one estimation call fitted: one, or several for a
// formula with sw(), csw() or several dependent variables. Show displays a
// model's full output (ivreg2's layout) or a table of several; Table makes
// the publication table.
type Models struct {
	rs       []*ivgmm.Result
	formulas []string
	labels   map[string]string
}

// Len is the number of models.
func (ms *Models) Len() int { return len(ms.rs) }

// At is model i (from 0), for the library's functions.
func (ms *Models) At(i int) *ivgmm.Result { return ms.rs[i] }

// Results are the fitted models.
func (ms *Models) Results() []*ivgmm.Result { return ms.rs }

// one is the single model, stopping the cell when there are several.
func (ms *Models) one(what string) *ivgmm.Result {
	if len(ms.rs) != 1 {
		Stop(fmt.Errorf("%s: the estimation fitted %d models (%s); pick one with At(i)", what, len(ms.rs), strings.Join(ms.formulas, "; ")))
	}
	return ms.rs[0]
}

// coefIndex finds coefficient name of r, stopping the cell when absent.
func coefIndex(r *ivgmm.Result, what, name string) int {
	for i, n := range r.Names {
		if n == name {
			return i
		}
	}
	Stop(fmt.Errorf("%s: no coefficient %q; the model has %s", what, name, strings.Join(r.Names, ", ")))
	return -1
}

// Coef is a coefficient of the single model (Stata's _b[name]).
func (ms *Models) Coef(name string) float64 {
	r := ms.one("Coef")
	return r.Coef[coefIndex(r, "Coef", name)]
}

// SE is a standard error of the single model (_se[name]).
func (ms *Models) SE(name string) float64 {
	r := ms.one("SE")
	return r.SE[coefIndex(r, "SE", name)]
}

// N is the number of observations of the single model (e(N)).
func (ms *Models) N() int { return ms.one("N").N }

// E returns a scalar of the single model by its Stata e() name (ivreg2's):
// N, N_clust, r2, r2_a, rmse, rss, df_r, F (model F), idstat and idp
// (under-identification LM), widstat (weak-identification Wald F: KP, or
// Cragg-Donald without a robust covariance), cdf (Cragg-Donald F), j and jp
// (Hansen J / Sargan), cstat and cstatp (the endog() C test), arf and arfp
// (Anderson-Rubin F), kappa, lambda. An unknown name or a statistic the
// model did not compute stops the cell.
func (ms *Models) E(name string) float64 {
	r := ms.one("E")
	var v float64
	switch name {
	case "N":
		v = float64(r.N)
	case "N_clust":
		v = float64(r.NClusters)
	case "r2":
		v = r.R2
	case "r2_a":
		v = r.R2a
	case "rmse":
		v = r.RMSE
	case "rss":
		v = r.RSS
	case "df_r":
		v = float64(r.DFResid)
	case "F":
		v = r.ModelF.Stat
	case "idstat":
		v = r.UnderID.Stat
	case "idp":
		v = r.UnderID.P
	case "widstat":
		v = r.KPWaldF.Stat
		if r.KPWaldF.Name == "" {
			v = r.CraggDonald.Stat
		}
	case "cdf":
		v = r.CraggDonald.Stat
	case "j":
		v = r.OverID.Stat
	case "jp":
		v = r.OverID.P
	case "cstat", "cstatp":
		if r.EndogTest == nil {
			Stop(fmt.Errorf("E(%q): no C test; ask for it with nb.Endog(...)", name))
		}
		v = r.EndogTest.Stat
		if name == "cstatp" {
			v = r.EndogTest.P
		}
	case "arf":
		v = r.AndersonRubinF.Stat
	case "arfp":
		v = r.AndersonRubinF.P
	case "kappa":
		v = r.Kappa
	case "lambda":
		v = r.Lambda
	default:
		Stop(fmt.Errorf("E(%q): unknown e() scalar; econb knows N, N_clust, r2, r2_a, rmse, rss, df_r, F, idstat, idp, widstat, cdf, j, jp, cstat, cstatp, arf, arfp, kappa, lambda", name))
	}
	return v
}

// Table is the regression table of the models (see nb.Table).
func (ms *Models) Table(opt ...report.RegOptions) *report.Table {
	o := report.RegOptions{}
	if len(opt) > 0 {
		o = opt[0]
	}
	if o.Labels == nil {
		o.Labels = ms.labels
	}
	t, err := report.Regression(ms.rs, o)
	if err != nil {
		Stop(fmt.Errorf("Table: %w", err))
	}
	return t
}

// String is one model's ivreg2-style output, or the table of several.
func (ms *Models) String() string {
	if len(ms.rs) == 1 {
		return ms.rs[0].String()
	}
	return ms.Table().String()
}

// HTML, LaTeX, Markdown and CSV render the models as a table (one model:
// its summary), so Show(ms) displays them.
func (ms *Models) HTML() string     { return ms.renderable().HTML() }
func (ms *Models) LaTeX() string    { return ms.renderable().LaTeX() }
func (ms *Models) Markdown() string { return ms.renderable().Markdown() }
func (ms *Models) CSV() string      { return ms.renderable().CSV() }

func (ms *Models) renderable() report.Renderable {
	if len(ms.rs) == 1 {
		return report.Summary(ms.rs[0])
	}
	return ms.Table()
}

// The estimators, for Fit.
const (
	OLS   = ivgmm.OLS
	TSLS  = ivgmm.TSLS
	GMM2S = ivgmm.GMM2S
	LIML  = ivgmm.LIML
)

// Fit estimates with the estimator given as a value, for a loop over
// specifications: d.Fit(s.Estimator, s.Formula(), nb.Robust()).
func (d *Data) Fit(est ivgmm.Estimator, f string, opts ...Opt) *Models {
	return d.fit(est, "Fit", f, opts)
}
