package nb

import (
	"fmt"
	"math"
	"sort"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
	"github.com/econb/econb/lib/stata"
)

// collect flattens the arguments of Table, Coefplot and Compare into
// fitted models and their options value of type O (the last one given);
// when the options name no labels, labels(&opt) gets the variable labels
// the models' data carried.
func collect[O any](what string, args []any, labels func(*O) *map[string]string) ([]report.Fitted, O) {
	var (
		ms  []report.Fitted
		opt O
	)
	found := map[string]string{}
	for _, a := range args {
		switch v := a.(type) {
		case *Models:
			for _, r := range v.rs {
				ms = append(ms, r)
			}
			for k, l := range v.labels {
				found[k] = l
			}
		case []*Models: // (their variable labels are not taken, unlike a *Models')
			for _, m := range v {
				for _, r := range m.rs {
					ms = append(ms, r)
				}
			}
		case *ivgmm.Result:
			ms = append(ms, v)
		case []*ivgmm.Result:
			for _, r := range v {
				ms = append(ms, r)
			}
		case report.Fitted:
			ms = append(ms, v)
		case O:
			opt = v
		default:
			Stop(fmt.Errorf("%s: cannot use a %T: pass models (what d.IV, d.GMM, ... return) and one options value", what, a))
		}
	}
	if len(ms) == 0 {
		Stop(fmt.Errorf("%s: no models given", what))
	}
	if l := labels(&opt); *l == nil && len(found) > 0 {
		*l = found
	}
	return ms, opt
}

// Table shows and returns the regression table of the models given (Stata
// esttab, fixest etable): coefficients with stars, t statistics (or SEs)
// under them, the fixed effects, N, R² and the IV diagnostics, in the
// layout of published tables. Arguments are the models (*Models from d.IV,
// d.GMM, ..., or single results) and optionally one report.RegOptions
// (caption, column titles and groups, labels, which coefficients and
// statistics, SEs instead of t). Variable labels set with d.Label name the
// rows unless the options say otherwise. Save(Table(...), "table1") also
// writes it as LaTeX, HTML, Markdown and CSV.
func Table(args ...any) *report.Table {
	ms, opt := collect("Table", args, func(o *report.RegOptions) *map[string]string { return &o.Labels })
	t, err := report.Regression(ms, opt)
	if err != nil {
		Stop(fmt.Errorf("Table: %w", err))
	}
	Show(t)
	return t
}

// Coefplot shows and returns the coefficient plot of the models given
// (Stata's coefplot): one row per model, the estimate with its 95% interval
// (and 90% with CoefOptions.Inner), a zero line, and extra markers (the
// paper's estimate, a true value) from CoefOptions.Marks.
func Coefplot(args ...any) *plot.Figure {
	ms, opt := collect("Coefplot", args, func(o *plot.CoefOptions) *map[string]string { return &o.Labels })
	f, err := plot.Coefficients(ms, opt)
	if err != nil {
		Stop(fmt.Errorf("Coefplot: %w", err))
	}
	Show(f)
	return f
}

// SumStats shows and returns the summary-statistics table of a paper
// (observations, mean, standard deviation, minimum, maximum) for the
// variables given (a Stata varlist; "" for every numeric variable), rows
// named by the variable labels: what `estpost summarize` + `esttab`
// produce. Save(SumStats(d, "gdp pop"), "table_sumstats") writes it.
func SumStats(d *Data, vars string) *report.Table {
	s := d.summarize(vars)
	t := report.New("Summary statistics", "Variable", "N", "Mean", "SD", "Min", "Max")
	for _, v := range s.Stats {
		label := v.Var
		if l := d.f.Label(v.Var); l != "" {
			label = l
		}
		t.AddStrings(label, fmt.Sprintf("%d", v.N), num(v.Mean), num(v.SD), num(v.Min), num(v.Max))
	}
	Show(t)
	return t
}

func (d *Data) summarize(vars string) *frame.Summary {
	s, err := stata.Summarize(d.f, vars)
	if err != nil {
		Stop(fmt.Errorf("%s.SumStats: %w", d.what, err))
	}
	return s
}

// num formats a statistic with 3 decimals (3 significant digits below
// 0.01, so small values do not print as 0.000), Stata's "." when missing.
func num(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "."
	case v != 0 && math.Abs(v) < 0.01:
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// The table and plot options, so that a cell needs no other import.
type (
	// TableOptions shape Table (report.RegOptions): Caption, Columns,
	// Groups, Labels, Keep, Stats, Under, Notes, ...
	TableOptions = report.RegOptions
	// Span is a header spanning columns of a table: {Text: "2SLS", Cols: 3}.
	Span = report.Span
	// CoefOptions shape Coefplot (plot.CoefOptions).
	CoefOptions = plot.CoefOptions
	// Mark is an extra marker set on a coefficient plot (the paper's
	// estimates, the truth).
	Mark = plot.Mark
)

// What goes under a coefficient in Table (TableOptions.Under).
const (
	UnderT  = report.UnderT
	UnderSE = report.UnderSE
)

// Tidy shows and returns a plain table: one row per record, one column per
// field (report.Tidy: numbers formatted with TidyOptions' decimals).
func Tidy(columns []string, rows [][]any, opt TidyOptions) *report.Table {
	t, err := report.Tidy(columns, rows, opt)
	if err != nil {
		Stop(fmt.Errorf("Tidy: %w", err))
	}
	Show(t)
	return t
}

// TidyOptions shape Tidy (report.TidyOptions).
type TidyOptions = report.TidyOptions

// Compare shows the models beside a published table, column by column
// (ours, then the paper's), marking with † every number of ours that does
// not round to the printed value, and returns the comparison: how many
// published numbers are matched to the printed precision (Within). Its
// arguments are the published table (report.PublishedTable, e.g. from
// chen.Published()), the models, one per published column, and optionally
// a report.CompareOptions.
func Compare(pub *report.PublishedTable, args ...any) *report.Comparison {
	ms, opt := collect("Compare", args, func(o *report.CompareOptions) *map[string]string { return &o.Labels })
	c, err := report.Compare(pub, ms, opt)
	if err != nil {
		Stop(fmt.Errorf("Compare: %w", err))
	}
	Show(c.SideBySide())
	return c
}

// Line shows and returns a line plot of the variables ys (a Stata varlist)
// against x, one line per variable, rows in the order of x (Stata's
// twoway line ys x; for one line per panel unit see lib/plot.Paths).
func (d *Data) Line(ys, x, title string) *plot.Figure {
	vars := d.vars("Line", ys)
	xs := d.Col(x)
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return xs[order[a]] < xs[order[b]] })
	xv := make([]float64, len(xs))
	for k, r := range order {
		xv[k] = xs[r]
	}
	var series []plot.Series
	for _, v := range vars {
		y := d.Col(v)
		vals := make([]float64, len(order))
		for k, r := range order {
			vals[k] = y[r]
		}
		name := v
		if l := d.f.Label(v); l != "" {
			name = l
		}
		series = append(series, plot.Series{Group: name, Unit: name, X: xv, Y: vals})
	}
	f, err := plot.Paths(series, plot.PathOptions{Title: title, XLabel: x, NoUnits: true, Caption: "-"})
	if err != nil {
		Stop(fmt.Errorf("%s.Line: %w", d.what, err))
	}
	Show(f)
	return f
}

// Paths shows and returns the paths of y over time, one thin line per
// panel unit and a thick line of the mean of each group (Stata's xtline
// y, overlay, with group means): d.Paths("tfp", "region", nb.PathOptions{
// Title: "TFP by region"}). The panel (Xtset) gives the units and the time;
// group "" draws one group.
func (d *Data) Paths(y, group string, opt PathOptions) *plot.Figure {
	e, t := d.panelVars("Paths")
	ys, ts := d.Col(y), d.Col(t)
	units := d.Str(e)
	groups := make([]string, len(ys))
	if group != "" {
		groups = d.Str(group)
	}
	type key struct{ g, u string }
	idx := map[key]int{}
	var series []plot.Series
	for r := range ys {
		k := key{groups[r], units[r]}
		i, ok := idx[k]
		if !ok {
			i = len(series)
			idx[k] = i
			series = append(series, plot.Series{Group: k.g, Unit: k.u})
		}
		series[i].X = append(series[i].X, ts[r])
		series[i].Y = append(series[i].Y, ys[r])
	}
	if opt.XLabel == "" {
		opt.XLabel = t
	}
	if opt.YLabel == "" {
		opt.YLabel = y
		if l := d.f.Label(y); l != "" {
			opt.YLabel = l
		}
	}
	f, err := plot.Paths(series, opt)
	if err != nil {
		Stop(fmt.Errorf("%s.Paths: %w", d.what, err))
	}
	Show(f)
	return f
}

// Boxes shows and returns box plots of y for each value of at (on the
// axis), one box per value of over in each (Stata's graph box y, over(over)
// over(at)): d.Boxes("sagg_high", "region", "year", nb.BoxOptions{...}).
// over "" draws one box per value of at.
func (d *Data) Boxes(y, over, at string, opt BoxOptions) *plot.Figure {
	ys := d.Col(y)
	ats := d.Str(at)
	overs := make([]string, len(ys))
	if over != "" {
		overs = d.Str(over)
	}
	type key struct{ g, a string }
	idx := map[key]int{}
	var samples []plot.Sample
	for r, v := range ys {
		if math.IsNaN(v) {
			continue
		}
		k := key{overs[r], ats[r]}
		i, ok := idx[k]
		if !ok {
			i = len(samples)
			idx[k] = i
			samples = append(samples, plot.Sample{Group: k.g, At: k.a})
		}
		samples[i].Values = append(samples[i].Values, v)
	}
	if opt.XLabel == "" {
		opt.XLabel = at
	}
	if opt.YLabel == "" {
		opt.YLabel = y
	}
	f, err := plot.Boxes(samples, opt)
	if err != nil {
		Stop(fmt.Errorf("%s.Boxes: %w", d.what, err))
	}
	Show(f)
	return f
}

// PathOptions shape Paths (plot.PathOptions); BoxOptions shape Boxes.
type (
	PathOptions = plot.PathOptions
	BoxOptions  = plot.BoxOptions
)
