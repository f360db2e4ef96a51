package plot

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Series is one unit's path over time (a city's TFP level by year), in a
// group (its region).
type Series struct {
	Group, Unit string
	X, Y        []float64
}

// PathOptions shape a paths figure.
type PathOptions struct {
	Title, XLabel, YLabel string
	// NoUnits leaves out the faint per-unit lines and draws the group means
	// only.
	NoUnits bool
}

// Paths draws series by group over time: each unit as a faint line in its
// group's colour and, on top, the group mean at each x (the arithmetic
// mean over the group's units observed at that x) as a thick line. Groups
// keep their order of first appearance. A NaN or infinite value is an error
// naming the unit and position: drop or impute it first.
func Paths(series []Series, opt PathOptions) (*Figure, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("%w: no series to plot", ErrInput)
	}
	type acc struct{ sum, n map[float64]float64 }
	var groups []string
	byGroup := map[string]*acc{}
	f := newFigure(opt.Title)
	p := f.Plot
	p.X.Label.Text, p.Y.Label.Text = opt.XLabel, opt.YLabel
	p.Legend.Top, p.Legend.Left = true, true
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("%w: series %s/%s has %d x and %d y values", ErrInput, s.Group, s.Unit, len(s.X), len(s.Y))
		}
		a, ok := byGroup[s.Group]
		if !ok {
			a = &acc{sum: map[float64]float64{}, n: map[float64]float64{}}
			byGroup[s.Group] = a
			groups = append(groups, s.Group)
		}
		xy := make(plotter.XYs, len(s.X))
		for i := range s.X {
			if bad(s.X[i]) || bad(s.Y[i]) {
				return nil, fmt.Errorf("%w: series %s/%s: point %d is (%g, %g); drop or impute it", ErrInput, s.Group, s.Unit, i+1, s.X[i], s.Y[i])
			}
			xy[i].X, xy[i].Y = s.X[i], s.Y[i]
			a.sum[s.X[i]] += s.Y[i]
			a.n[s.X[i]]++
		}
		if opt.NoUnits || len(xy) == 0 {
			continue
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("plot: series %s/%s: %w", s.Group, s.Unit, err)
		}
		l.LineStyle.Color = faint(plotutil.Color(indexOf(groups, s.Group)))
		l.LineStyle.Width = vg.Points(0.5)
		p.Add(l)
	}
	for gi, g := range groups {
		a := byGroup[g]
		xs := make([]float64, 0, len(a.n))
		for x := range a.n {
			xs = append(xs, x)
		}
		sort.Float64s(xs)
		mean := make(plotter.XYs, len(xs))
		for i, x := range xs {
			mean[i].X, mean[i].Y = x, a.sum[x]/a.n[x]
		}
		l, err := plotter.NewLine(mean)
		if err != nil {
			return nil, fmt.Errorf("plot: group %s: %w", g, err)
		}
		l.LineStyle.Color = plotutil.Color(gi)
		l.LineStyle.Width = vg.Points(2.2)
		p.Add(l)
		p.Legend.Add(g+" (mean)", l)
	}
	return f, nil
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// faint returns c at about 30% opacity.
func faint(c color.Color) color.Color {
	r, g, b, _ := c.RGBA() // the palette's colours are opaque
	return color.NRGBA64{R: uint16(r), G: uint16(g), B: uint16(b), A: 0x5000}
}
