package plot

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sample is the values of one group at one category (a region's LQs in
// one year).
type Sample struct {
	Group, At string
	Values    []float64
}

// BoxOptions shape a box-plot figure.
type BoxOptions struct {
	Title, XLabel, YLabel string
}

// BoxStats is what one box shows (ggplot2's stat_boxplot, R's
// boxplot.stats with quantile type 7 instead of Tukey's hinges).
type BoxStats struct {
	N              int
	Q1, Median, Q3 float64   // quartiles, R's quantile(x, type = 7)
	Lower, Upper   float64   // whisker ends: the most extreme values within 1.5 IQR of the box
	Outliers       []float64 // values beyond the whiskers, in input order
	Min, Max       float64
}

// BoxSummary computes the box of values: quartiles by linear
// interpolation between order statistics (Hyndman and Fan 1996, type 7:
// h = (n−1)p, Q(p) = x₍⌊h⌋₎ + (h−⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎); R's and
// numpy's default, what ggplot2's geom_boxplot draws), whiskers to the
// most extreme values within 1.5 IQR of the box (Tukey 1977), the values
// beyond them as outliers (in the order given). Gonum's own box plot uses
// medians of the lower and upper halves, which differ from every common
// definition for odd n; this is why lib/plot draws its own boxes.
func BoxSummary(values []float64) (BoxStats, error) {
	if len(values) == 0 {
		return BoxStats{}, fmt.Errorf("%w: no values", ErrInput)
	}
	for i, v := range values {
		if bad(v) {
			return BoxStats{}, fmt.Errorf("%w: value %d is %g; drop or impute it", ErrInput, i+1, v)
		}
	}
	x := append([]float64(nil), values...)
	sort.Float64s(x)
	q := func(p float64) float64 {
		h := float64(len(x)-1) * p
		lo := math.Floor(h)
		i := int(lo)
		if i+1 >= len(x) {
			return x[i]
		}
		return x[i] + (h-lo)*(x[i+1]-x[i])
	}
	s := BoxStats{N: len(x), Q1: q(0.25), Median: q(0.5), Q3: q(0.75), Min: x[0], Max: x[len(x)-1]}
	iqr := s.Q3 - s.Q1
	lo, hi := s.Q1-1.5*iqr, s.Q3+1.5*iqr
	s.Lower, s.Upper = s.Q1, s.Q3
	for _, v := range values {
		if v < lo || v > hi {
			s.Outliers = append(s.Outliers, v)
			continue
		}
		s.Lower, s.Upper = math.Min(s.Lower, v), math.Max(s.Upper, v)
	}
	return s, nil
}

// Boxes draws one box plot per sample (see BoxSummary: box from the first
// to the third quartile, a thick median line, whiskers to the most extreme
// values within 1.5 IQR, points beyond), the categories At along the x axis
// in order of first appearance and the groups side by side within each
// (dodged, as ggplot2's position_dodge), one colour and outlier shape per
// group, the legend right of the plot.
func Boxes(samples []Sample, opt BoxOptions) (*Figure, error) {
	if len(samples) == 0 {
		return nil, fmt.Errorf("%w: no samples to plot", ErrInput)
	}
	var ats, groups []string
	for _, s := range samples {
		if indexOf(ats, s.At) < 0 {
			ats = append(ats, s.At)
		}
		if indexOf(groups, s.Group) < 0 {
			groups = append(groups, s.Group)
		}
	}
	f, g := newFigure(opt.Title, opt.XLabel, opt.YLabel)
	g.Vertical.Color = nil // categories need no vertical grid
	p := f.Plot
	k := float64(len(groups))
	const span = 0.8 // of a category's width, shared by its groups
	for _, s := range samples {
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("%w: sample %s/%s has no values", ErrInput, s.Group, s.At)
		}
		st, err := BoxSummary(s.Values)
		if err != nil {
			return nil, fmt.Errorf("plot: sample %s/%s: %w", s.Group, s.At, err)
		}
		gi := indexOf(groups, s.Group)
		p.Add(&boxPlotter{BoxStats: st, color: Color(gi), shape: Shape(gi),
			location: float64(indexOf(ats, s.At)) + (float64(gi)-(k-1)/2)*span/k, breadth: span / k * 0.85})
	}
	for gi, g := range groups {
		f.addKey(g, swatch{fill: faint(Color(gi), boxAlpha), line: Color(gi)})
	}
	ticks := make([]gplot.Tick, len(ats))
	for i, a := range ats {
		ticks[i] = gplot.Tick{Value: float64(i), Label: a}
	}
	p.X.Tick.Marker = gplot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(ats))-0.5
	return f, nil
}

const boxAlpha = 0.3

// boxPlotter draws one box in data units (so that dodged boxes never
// overlap, whatever the figure's size).
type boxPlotter struct {
	BoxStats
	location, breadth float64 // centre and width on the x axis, data units
	color             color.Color
	shape             draw.GlyphDrawer
}

func (b *boxPlotter) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	x0, x1, xm := trX(b.location-b.breadth/2), trX(b.location+b.breadth/2), trX(b.location)
	line := draw.LineStyle{Color: b.color, Width: vg.Points(0.8)}
	c.StrokeLine2(line, xm, trY(b.Q3), xm, trY(b.Upper))
	c.StrokeLine2(line, xm, trY(b.Q1), xm, trY(b.Lower))
	box := []vg.Point{{X: x0, Y: trY(b.Q1)}, {X: x0, Y: trY(b.Q3)}, {X: x1, Y: trY(b.Q3)}, {X: x1, Y: trY(b.Q1)}}
	c.FillPolygon(faint(b.color, boxAlpha), box)
	c.StrokeLines(line, append(box, box[0]))
	c.StrokeLine2(draw.LineStyle{Color: b.color, Width: vg.Points(1.8)}, x0, trY(b.Median), x1, trY(b.Median))
	gs := draw.GlyphStyle{Color: b.color, Radius: vg.Points(1.6), Shape: b.shape}
	for _, v := range b.Outliers {
		c.DrawGlyph(gs, vg.Point{X: xm, Y: trY(v)})
	}
}

// GlyphBoxes makes gonum pad the data area so that no outlier is clipped.
func (b *boxPlotter) GlyphBoxes(p *gplot.Plot) []gplot.GlyphBox {
	r := draw.GlyphStyle{Radius: vg.Points(1.6)}.Rectangle()
	x := p.X.Norm(b.location)
	return []gplot.GlyphBox{{X: x, Y: p.Y.Norm(b.Min), Rectangle: r}, {X: x, Y: p.Y.Norm(b.Max), Rectangle: r}}
}

func (b *boxPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return b.location - b.breadth/2, b.location + b.breadth/2, b.Min, b.Max
}
