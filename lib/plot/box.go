package plot

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
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

// Boxes draws one Tukey box plot per sample (box from the first to the third
// quartile, median line, whiskers to the most extreme values within 1.5 IQR,
// points beyond), the categories At along the x axis in order of first
// appearance and the groups side by side within each, one colour per group.
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
	f := newFigure(opt.Title)
	p := f.Plot
	p.X.Label.Text, p.Y.Label.Text = opt.XLabel, opt.YLabel
	p.Legend.Top = true
	k := len(groups)
	// Box width: the category's share of the canvas split among groups.
	width := vg.Length(float64(f.Width) * 0.7 / float64(len(ats)*k+1))
	legend := map[string]bool{}
	for _, s := range samples {
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("%w: sample %s/%s has no values", ErrInput, s.Group, s.At)
		}
		for i, v := range s.Values {
			if bad(v) {
				return nil, fmt.Errorf("%w: sample %s/%s: value %d is %g; drop or impute it", ErrInput, s.Group, s.At, i+1, v)
			}
		}
		gi := indexOf(groups, s.Group)
		b, err := plotter.NewBoxPlot(width, float64(indexOf(ats, s.At)), plotter.Values(s.Values))
		if err != nil {
			return nil, fmt.Errorf("plot: sample %s/%s: %w", s.Group, s.At, err)
		}
		b.Offset = vg.Length(float64(gi)-float64(k-1)/2) * width
		col := plotutil.Color(gi)
		b.BoxStyle.Color, b.MedianStyle.Color, b.WhiskerStyle.Color = col, col, col
		b.FillColor = faint(col)
		b.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
		p.Add(b)
		if !legend[s.Group] {
			legend[s.Group] = true
			p.Legend.Add(s.Group, swatch{fill: faint(col), line: col})
		}
	}
	p.NominalX(ats...)
	p.X.Min, p.X.Max = -0.5, float64(len(ats))-0.5
	return f, nil
}

// swatch is a legend thumbnail: a filled, outlined square.
type swatch struct{ fill, line color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(s.fill, pts)
	c.StrokeLines(draw.LineStyle{Color: s.line, Width: vg.Points(1)}, append(pts, pts[0]))
}
