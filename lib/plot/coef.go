package plot

import (
	"fmt"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/econb/econb/lib/report"
	"gonum.org/v1/gonum/stat/distuv"
)

// CoefOptions shape a coefficient plot.
type CoefOptions struct {
	Title string
	// Names labels each model in the legend; nil uses ReportTitle.
	Names []string
	// Labels maps coefficient names to printed labels; coefficients of
	// different models with the same label share a row.
	Labels map[string]string
	// Keep lists coefficients (names or labels) to plot, top to bottom;
	// nil plots all in order of first appearance.
	Keep []string
	// Level is the confidence level; 0 means 0.95.
	Level float64
}

// Coefficients plots each coefficient with its confidence interval
// b ± z·SE, one row per coefficient (by label) and one colour per model,
// the models side by side within a row, with a dashed line at zero.
func Coefficients(models []report.Fitted, opt CoefOptions) (*Figure, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("%w: no models to plot", ErrInput)
	}
	if opt.Names != nil && len(opt.Names) != len(models) {
		return nil, fmt.Errorf("%w: %d names for %d models", ErrInput, len(opt.Names), len(models))
	}
	level := opt.Level
	if level == 0 {
		level = 0.95
	}
	if level <= 0 || level >= 1 {
		return nil, fmt.Errorf("%w: confidence level %g must lie in (0, 1)", ErrInput, level)
	}
	z := distuv.UnitNormal.Quantile(0.5 + level/2)
	label := func(n string) string {
		if l, ok := opt.Labels[n]; ok {
			return l
		}
		return n
	}
	var rows []string
	seen := map[string]bool{}
	for _, m := range models {
		for _, c := range m.ReportCoefs() {
			if l := label(c.Name); !seen[l] {
				seen[l] = true
				rows = append(rows, l)
			}
		}
	}
	if opt.Keep != nil {
		var keep []string
		for _, k := range opt.Keep {
			l := label(k)
			if !seen[l] {
				return nil, fmt.Errorf("%w: Keep names %q, which no model has; coefficients are %v", ErrInput, k, rows)
			}
			keep = append(keep, l)
		}
		rows = keep
	}
	pos := map[string]int{}
	for i, r := range rows {
		pos[r] = len(rows) - 1 - i // first row on top
	}
	f := newFigure(opt.Title)
	p := f.Plot
	p.X.Label.Text = fmt.Sprintf("estimate with %g%% confidence interval", level*100)
	p.Legend.Top = true
	k := len(models)
	lo, hi := 0.0, 0.0 // the zero line is always shown
	for i, m := range models {
		var pts coefPoints
		for _, c := range m.ReportCoefs() {
			y, ok := pos[label(c.Name)]
			if !ok {
				continue
			}
			if math.IsNaN(c.B) || math.IsNaN(c.SE) || math.IsInf(c.B, 0) || math.IsInf(c.SE, 0) {
				return nil, fmt.Errorf("%w: model %d, coefficient %s: estimate %g, SE %g", ErrInput, i+1, c.Name, c.B, c.SE)
			}
			off := 0.0
			if k > 1 {
				off = 0.25 - 0.5*float64(i)/float64(k-1) // dodge within ±0.25, first model on top
			}
			pts = append(pts, coefPoint{x: c.B, y: float64(y) + off, half: z * c.SE})
			lo, hi = math.Min(lo, c.B-z*c.SE), math.Max(hi, c.B+z*c.SE)
		}
		if len(pts) == 0 {
			continue
		}
		col := plotutil.Color(i)
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("plot: model %d: %w", i+1, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: plotutil.Shape(i)}
		eb, err := plotter.NewXErrorBars(pts)
		if err != nil {
			return nil, fmt.Errorf("plot: model %d: %w", i+1, err)
		}
		eb.LineStyle.Color = col
		eb.LineStyle.Width = vg.Points(1.2)
		p.Add(eb, sc)
		name := m.ReportTitle()
		if opt.Names != nil {
			name = opt.Names[i]
		}
		p.Legend.Add(name, sc)
	}
	p.Add(zeroLine{})
	names := make([]string, len(rows))
	for r, y := range pos {
		names[y] = r
	}
	p.NominalY(names...)
	// Room for the legend above the top row, and 5% margins on x.
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4+0.15*float64(k)
	pad := 0.05 * (hi - lo)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	return f, nil
}

type coefPoint struct{ x, y, half float64 }
type coefPoints []coefPoint

func (c coefPoints) Len() int                    { return len(c) }
func (c coefPoints) XY(i int) (float64, float64) { return c[i].x, c[i].y }
func (c coefPoints) XError(i int) (float64, float64) {
	return c[i].half, c[i].half
}

// zeroLine draws a dashed vertical line at x = 0 when 0 is in range.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, p *gplot.Plot) {
	if p.X.Min > 0 || p.X.Max < 0 {
		return
	}
	trX, _ := p.Transforms(&c)
	x := trX(0)
	ls := draw.LineStyle{Color: plotter.DefaultLineStyle.Color, Width: vg.Points(0.6), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
}

// DataRange makes sure the x axis includes zero (y = 0 is the bottom row).
func (zeroLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, 0, 0, 0
}
