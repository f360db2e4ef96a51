package plot

import (
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/report"
	"gonum.org/v1/gonum/stat/distuv"
)

// CoefOptions shape a coefficient plot (Coefficients and CoefRows).
type CoefOptions struct {
	Title string
	// Names labels each model's row; nil uses ReportTitle (Stata
	// coefplot's modelopts label(), dotwhisker's model names).
	// Coefficients only.
	Names []string
	// Groups sets a header over each model's rows ("Table 1: 2SLS", a
	// region); consecutive models with the same group share one header
	// (coefplot's groups() / headings()). Nil for none. Coefficients only.
	Groups []string
	// Labels maps coefficient names to printed labels (coefplot's
	// coeflabels()); coefficients of different models with the same label
	// are the same coefficient.
	Labels map[string]string
	// Keep lists coefficients (names or labels) to plot, top to bottom
	// (coefplot's keep() and order()); nil plots all in order of first
	// appearance. Coefficients only.
	Keep []string
	// Level is the confidence level of the bars; 0 means 0.95
	// (coefplot's level(95)).
	Level float64
	// Inner, when not 0, adds a thicker bar at this smaller level, e.g.
	// 0.90 (coefplot's levels(95 90)). Rows with Lo/Hi instead of SE get no
	// inner bar.
	Inner float64
	// Marks are extra markers on the rows, each set with its own shape and
	// legend entry: the paper's published estimate, the DGP truth.
	Marks []Mark
	// XLabel replaces the x-axis label ("Coefficient on X" when
	// Coefficients plots one coefficient, else "Estimate").
	XLabel string
}

// Mark is one set of extra markers: one value per model (Coefficients)
// or per row (CoefRows), NaN where a model or row has none.
type Mark struct {
	Name string // legend entry: "Paper (Table 1)", "DGP truth"
	// Coef is the coefficient (name or label) the values belong to; ""
	// when one coefficient is plotted. Coefficients only.
	Coef   string
	Values []float64
}

// CoefRow is one row of a coefficient plot: a label, an estimate and its
// confidence interval.
type CoefRow struct {
	// Group is a header drawn over consecutive rows with the same group;
	// "" for none.
	Group string
	Label string
	B     float64 // point estimate
	// SE gives the interval B ± z·SE, z the normal quantile of the level.
	SE float64
	// Lo and Hi give the interval directly when SE is 0 (t-based,
	// bootstrap or profile intervals): they must bracket B.
	Lo, Hi float64
}

// Interval returns the normal-approximation confidence interval
// b ± z·se with z = Φ⁻¹((1+level)/2), level in (0, 1) (NaN bounds
// otherwise), e.g. z = 1.959963984540054 at 95%
// (R: qnorm(0.975); Stata: invnormal(0.975)), as Stata's ivreg2,
// xtivreg2 and coefplot print it for z statistics.
func Interval(b, se, level float64) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile(0.5 + level/2)
	return b - z*se, b + z*se
}

// Coefficients plots estimates of any models that implement
// report.Fitted (a []*ivgmm.Result needs no conversion) in the style of
// Stata's coefplot (Jann 2014) and R's dotwhisker: one labelled row per
// model when one coefficient is plotted (rows labelled by coefficient for
// a single model, by model under coefficient headers otherwise), a dot at
// the estimate with its confidence interval b ± z·SE (see Interval), a
// dashed line at zero, and opt.Marks (paper, truth) as extra markers.
func Coefficients[M report.Fitted](models []M, opt CoefOptions) (*Figure, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("%w: no models to plot", ErrInput)
	}
	if opt.Names != nil && len(opt.Names) != len(models) {
		return nil, fmt.Errorf("%w: %d names for %d models", ErrInput, len(opt.Names), len(models))
	}
	if opt.Groups != nil && len(opt.Groups) != len(models) {
		return nil, fmt.Errorf("%w: %d groups for %d models", ErrInput, len(opt.Groups), len(models))
	}
	label := func(n string) string {
		if l, ok := opt.Labels[n]; ok {
			return l
		}
		return n
	}
	// coefs[i][label] is model i's coefficient under that label.
	var order []string
	coefs := make([]map[string]report.Coef, len(models))
	for i, m := range models {
		coefs[i] = map[string]report.Coef{}
		for _, c := range m.ReportCoefs() {
			l := label(c.Name)
			if prev, dup := coefs[i][l]; dup {
				return nil, fmt.Errorf("%w: model %d has two coefficients labelled %q (%s and %s); give them different Labels", ErrInput, i+1, l, prev.Name, c.Name)
			}
			coefs[i][l] = c
			if indexOf(order, l) < 0 {
				order = append(order, l)
			}
		}
	}
	if opt.Keep != nil {
		var keep []string
		for _, k := range opt.Keep {
			l := label(k)
			if indexOf(order, l) < 0 {
				return nil, fmt.Errorf("%w: Keep names %q, which no model has; coefficients are %v", ErrInput, k, order)
			}
			keep = append(keep, l)
		}
		order = keep
	}
	name := func(i int) string {
		if opt.Names != nil {
			return opt.Names[i]
		}
		return models[i].ReportTitle()
	}
	markOf := make([]int, len(opt.Marks)) // index into order
	for j, mk := range opt.Marks {
		if len(mk.Values) != len(models) {
			return nil, fmt.Errorf("%w: mark %q has %d values for %d models", ErrInput, mk.Name, len(mk.Values), len(models))
		}
		switch {
		case mk.Coef != "":
			markOf[j] = indexOf(order, label(mk.Coef))
			if markOf[j] < 0 {
				return nil, fmt.Errorf("%w: mark %q is for coefficient %q, which is not plotted; plotted are %v", ErrInput, mk.Name, mk.Coef, order)
			}
		case len(order) == 1:
			markOf[j] = 0
		default:
			return nil, fmt.Errorf("%w: mark %q: set Coef, %d coefficients are plotted (%v)", ErrInput, mk.Name, len(order), order)
		}
	}
	var rows []CoefRow
	var marks = make([]Mark, len(opt.Marks))
	for j, mk := range opt.Marks {
		marks[j] = Mark{Name: mk.Name}
	}
	for ci, l := range order {
		for i := range models {
			c, ok := coefs[i][l]
			if !ok {
				continue
			}
			if bad(c.B) || bad(c.SE) {
				return nil, fmt.Errorf("%w: model %d, coefficient %s: estimate %g, SE %g", ErrInput, i+1, c.Name, c.B, c.SE)
			}
			if c.SE <= 0 {
				return nil, fmt.Errorf("%w: model %d, coefficient %s: SE %g; an interval needs SE > 0 (leave the coefficient out with Keep)", ErrInput, i+1, c.Name, c.SE)
			}
			r := CoefRow{Label: l, B: c.B, SE: c.SE}
			var heads []string
			if len(models) > 1 {
				r.Label = name(i)
				if len(order) > 1 {
					heads = append(heads, l)
				}
			}
			if opt.Groups != nil && opt.Groups[i] != "" {
				heads = append(heads, opt.Groups[i])
			}
			r.Group = strings.Join(heads, ": ")
			rows = append(rows, r)
			for j, mk := range opt.Marks {
				v := math.NaN()
				if markOf[j] == ci {
					v = mk.Values[i]
				}
				marks[j].Values = append(marks[j].Values, v)
			}
		}
	}
	o := opt
	o.Marks = marks
	if o.XLabel == "" && len(order) == 1 {
		o.XLabel = "Coefficient on " + order[0]
	}
	return CoefRows(rows, o)
}
