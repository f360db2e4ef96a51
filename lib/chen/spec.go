package chen

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/ivgmm"
)

// StockYogo10 is the Stock-Yogo (2005) critical value of the weak
// identification F at 10% maximal IV size with one endogenous regressor and
// two instruments, the 19.93 the paper compares the Kleibergen-Paap F with
// (Stock and Yogo 2005, Table 5.2; ivreg2 prints it).
const StockYogo10 = 19.93

// Spec is one column of the paper's regression tables: a FE IV model of a
// cumulative level on one agglomeration index and the seven controls,
// city and year effects, the index instrumented by its lags 1 and 2.
type Spec struct {
	Table     string          // the paper's table: "1", "2", "3"
	Column    int             // 1-based column of that table
	Estimator ivgmm.Estimator // ivgmm.TSLS or ivgmm.GMM2S (OLS: FE-OLS, no instruments)
	Region    string          // National, "east", "central", "west"
	Group     string          // agglomeration index: "total", "high", "low"
	DepVar    string          // "tfp", "tc", "ec" (or "tfp_true" for the DGP's TFP)
}

// specs lays out a table: one spec per (outer, group) pair.
func specs(table string, n int, f func(col int) Spec) []Spec {
	out := make([]Spec, n)
	for c := range out {
		s := f(c)
		s.Table, s.Column = table, c+1
		out[c] = s
	}
	return out
}

// Table1, Table2 and Table3 are the columns of the paper's tables, in its
// order (lib/chen/paper; TestSpecsMatchPublished checks them against the
// published descriptors):
//
//	Table 1  2SLS × total/high/low, then IV-GMM × total/high/low; national, TFP
//	Table 2  IV-GMM; East, Central, West × high/low; TFP
//	Table 3  IV-GMM; TC × total/high/low, then EC × total/high/low; national
var (
	Table1 = specs("1", 6, func(c int) Spec {
		e := ivgmm.TSLS
		if c >= 3 {
			e = ivgmm.GMM2S
		}
		return Spec{Estimator: e, Region: National, Group: Groups[c%3], DepVar: "tfp"}
	})
	Table2 = specs("2", 6, func(c int) Spec {
		return Spec{Estimator: ivgmm.GMM2S, Region: []string{"east", "central", "west"}[c/2],
			Group: []string{"high", "low"}[c%2], DepVar: "tfp"}
	})
	Table3 = specs("3", 6, func(c int) Spec {
		return Spec{Estimator: ivgmm.GMM2S, Region: National, Group: Groups[c%3],
			DepVar: []string{"tc", "ec"}[c/3]}
	})
)

// Specs returns the columns of table "1", "2" or "3".
func Specs(table string) ([]Spec, error) {
	switch table {
	case "1":
		return Table1, nil
	case "2":
		return Table2, nil
	case "3":
		return Table3, nil
	}
	return nil, fmt.Errorf("%w: no table %q in the paper (1, 2 or 3)", ErrInput, table)
}

// SAGG returns the frame column of the spec's agglomeration index.
func (s Spec) SAGG() string { return SAGGColumns[s.Group] }

// Formula writes the model in econb's formula syntax, e.g.
//
//	tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_high ~ l(sagg_high, 1:2)
//
// With Estimator OLS, the index is an ordinary regressor and the sample
// is kept to the years the IV model uses (the lags must exist), so that
// FE-OLS and IV are fitted on the same 3393 observations:
//
//	tfp ~ sagg_high + str + … | city + year          (on rows where l(sagg_high, 2) exists)
func (s Spec) Formula() string {
	x := strings.Join(ControlColumns, " + ")
	if s.Estimator == ivgmm.OLS {
		return fmt.Sprintf("%s ~ %s + %s | city + year", s.DepVar, s.SAGG(), x)
	}
	return fmt.Sprintf("%s ~ %s | city + year | %s ~ l(%s, 1:2)", s.DepVar, x, s.SAGG(), s.SAGG())
}

// Stata writes the model as the paper's xtivreg2 command (after xtset
// city year) with the option of the covariance vce (vce.Stata(): " robust",
// " cluster(city)"; none for nil or ivgmm.IID()).
func (s Spec) Stata(vce ivgmm.VCE) string {
	x := strings.Join(ControlColumns, " ")
	v := ""
	if vce != nil && vce.Stata() != "" {
		v = " " + vce.Stata()
	}
	if s.Estimator == ivgmm.OLS {
		return fmt.Sprintf("xtreg %s %s %s i.year if !missing(L2.%s), fe%s", s.DepVar, s.SAGG(), x, s.SAGG(), v)
	}
	est := ""
	if s.Estimator == ivgmm.GMM2S {
		est = " gmm2s"
	}
	cond := ""
	if s.Region != National && s.Region != "" {
		cond = fmt.Sprintf(` if region == "%s"`, s.Region)
	}
	return fmt.Sprintf("xtivreg2 %s %s i.year (%s = L.%s L2.%s)%s, fe%s%s", s.DepVar, x, s.SAGG(), s.SAGG(), s.SAGG(), cond, v, est)
}

// Label names the column as the paper's header does ("IV-GMM / High-end",
// "East / Low-end", "EC / Total sample").
func (s Spec) Label() string {
	var outer string
	switch s.Table {
	case "2":
		outer = paperLabel(s.Region)
	case "3":
		outer = paperLabel(s.DepVar)
	default:
		outer = map[ivgmm.Estimator]string{ivgmm.OLS: "FE-OLS", ivgmm.TSLS: "2SLS", ivgmm.GMM2S: "IV-GMM"}[s.Estimator]
	}
	return outer + " / " + paperLabel(s.Group)
}

func paperLabel(k string) string {
	if l, ok := Labels[k]; ok {
		return l
	}
	return k
}

// Labels prints the frame's names and the paper's column descriptors as
// the paper does, for report.RegOptions, report.CompareOptions and
// plot.CoefOptions: every agglomeration index is "SAGG", the controls
// upper case, the paper's TC is its "TE". It is paper.Labels (the same
// map).
var Labels = paper.Labels

// Fit estimates the model s on d with the options opt; the estimator is
// the spec's (opt.Estimator is ignored) and the panel (city, year)
// (opt.Panel is ignored); opt.VCE = ivgmm.ClusterBy("city") clusters by city.
func (d *Data) Fit(s Spec, opt ivgmm.Options) (*ivgmm.Result, error) {
	return d.Fitter().Fit(s, opt)
}

// FitAll fits every spec with the same options (as Fit), building the
// regression frame of each sample once.
func (d *Data) FitAll(ss []Spec, opt ivgmm.Options) ([]*ivgmm.Result, error) {
	f := d.Fitter()
	out := make([]*ivgmm.Result, len(ss))
	for i, s := range ss {
		r, err := f.Fit(s, opt)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// A Fitter fits specs on one Data as Data.Fit does, building the
// regression frame of each sample (region; the FE-OLS sample) once, for
// the many models of a study. The Data must not change while the Fitter
// is in use; a Fitter is not safe for concurrent use.
type Fitter struct {
	d      *Data
	frames map[fitSample]*frame.Frame
}

type fitSample struct {
	region string
	from   int
}

// Fitter returns a Fitter of d.
func (d *Data) Fitter() *Fitter { return &Fitter{d: d, frames: map[fitSample]*frame.Frame{}} }

// Fit estimates the model s, as Data.Fit.
func (f *Fitter) Fit(s Spec, opt ivgmm.Options) (*ivgmm.Result, error) {
	if _, ok := SAGGColumns[s.Group]; !ok {
		return nil, fmt.Errorf("%w: spec %s: group %q is not total, high or low", ErrInput, s.Label(), s.Group)
	}
	key := fitSample{s.Region, 0}
	if key.region == "" {
		key.region = National
	}
	if s.Estimator == ivgmm.OLS {
		// Keep the IV sample: the panel is balanced, so the second lag
		// exists from the third year on.
		key.from = f.d.Panel.Years[0] + 2
	}
	fr, ok := f.frames[key]
	if !ok {
		var err error
		if fr, err = f.d.frame(key.region, key.from); err != nil {
			return nil, err
		}
		f.frames[key] = fr
	}
	opt.Estimator = s.Estimator
	opt.Panel = ivgmm.PanelBy("city", "year")
	r, err := ivgmm.FitFrame(s.Formula(), fr, opt)
	if err != nil {
		return nil, fmt.Errorf("chen: table %s column %d (%s, %s): %w", s.Table, s.Column, s.Label(), s.Region, err)
	}
	return r, nil
}
