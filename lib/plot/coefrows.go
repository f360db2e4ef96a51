package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Styles of the coefficient plot: the estimate in the palette's blue, the
// marks in vermillion, black, bluish green and reddish purple, each with
// an open shape so that a mark on top of the estimate leaves both visible.
var (
	estStyle  = draw.GlyphStyle{Color: Color(0), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	markStyle = []draw.GlyphStyle{
		{Color: Color(1), Radius: vg.Points(4), Shape: openTriangle{}},
		{Color: Color(7), Radius: vg.Points(3.4), Shape: Diamond{}},
		{Color: Color(2), Radius: vg.Points(3.6), Shape: openSquare{}},
		{Color: Color(3), Radius: vg.Points(3.6), Shape: draw.CrossGlyph{}},
	}
	outerCI   = draw.LineStyle{Color: Color(0), Width: vg.Points(1.1)}
	innerCI   = draw.LineStyle{Color: Color(0), Width: vg.Points(2.4)}
	zeroStyle = draw.LineStyle{Color: color.NRGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xff}, Width: vg.Points(0.7),
		Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}}
)

// Row heights of the automatic figure height.
const (
	coefSlot   = 0.27 * vg.Inch // per row or header
	coefChrome = 1.15 * vg.Inch // axis, legend, margins
	coefTitle  = 0.3 * vg.Inch
	coefMinH   = 2.2 * vg.Inch
)

// CoefRows plots rows of estimates from anywhere (a table of published
// numbers, a bootstrap) as Coefficients does: rows top to bottom in the
// order given, a header band above each run of rows with the same Group
// (the look of ggplot2's facet strips), each estimate a dot on its
// interval — B ± z·SE when SE > 0, else [Lo, Hi] — a dashed line at zero,
// opt.Marks (one value per row) as extra markers, and the legend below
// the plot. The figure's height grows with the rows (0.27 in each).
func CoefRows(rows []CoefRow, opt CoefOptions) (*Figure, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: no coefficients to plot", ErrInput)
	}
	level := opt.Level
	if level == 0 {
		level = 0.95
	}
	if level <= 0 || level >= 1 {
		return nil, fmt.Errorf("%w: confidence level %g must lie in (0, 1)", ErrInput, level)
	}
	if opt.Inner != 0 && (opt.Inner <= 0 || opt.Inner >= level) {
		return nil, fmt.Errorf("%w: inner level %g must lie in (0, %g), below Level", ErrInput, opt.Inner, level)
	}
	for _, mk := range opt.Marks {
		if len(mk.Values) != len(rows) {
			return nil, fmt.Errorf("%w: mark %q has %d values for %d rows", ErrInput, mk.Name, len(mk.Values), len(rows))
		}
	}
	if len(opt.Marks) > len(markStyle) {
		return nil, fmt.Errorf("%w: %d marks; at most %d", ErrInput, len(opt.Marks), len(markStyle))
	}

	// Slots, top to bottom: a header before each new group, then its rows.
	type slot struct {
		header string
		row    int // -1 for a header
	}
	var slots []slot
	for i, r := range rows {
		if r.Group != "" && (i == 0 || rows[i-1].Group != r.Group) {
			slots = append(slots, slot{header: r.Group, row: -1})
		}
		slots = append(slots, slot{row: i})
	}
	n := len(slots)
	yOf := func(s int) float64 { return float64(n - 1 - s) }

	xlabel := opt.XLabel
	if xlabel == "" {
		xlabel = "Estimate"
	}
	f, g := newFigure(opt.Title, xlabel, "")
	p := f.Plot
	f.Legend = LegendBottom
	f.Height = max(coefMinH, coefChrome+coefSlot*vg.Length(n))
	if opt.Title != "" {
		f.Height = max(coefMinH, f.Height+coefTitle)
	}
	g.Horizontal.Color = gridInk
	p.Add(zeroLine{})

	lo, hi := 0.0, 0.0 // the zero line is always shown
	var ticks []gplot.Tick
	var bars []ciBar
	for s, sl := range slots {
		y := yOf(s)
		if sl.row < 0 {
			p.Add(header{y: y, text: sl.header})
			continue
		}
		r := rows[sl.row]
		b := ciBar{y: y, b: r.B}
		switch {
		case bad(r.B):
			return nil, fmt.Errorf("%w: row %q: estimate %g", ErrInput, r.Label, r.B)
		case bad(r.SE) || r.SE < 0:
			return nil, fmt.Errorf("%w: row %q: SE %g", ErrInput, r.Label, r.SE)
		case r.SE > 0:
			b.lo, b.hi = Interval(r.B, r.SE, level)
			if opt.Inner != 0 {
				b.inner = true
				b.ilo, b.ihi = Interval(r.B, r.SE, opt.Inner)
			}
		case bad(r.Lo) || bad(r.Hi) || r.Lo > r.B || r.Hi < r.B || r.Lo == r.Hi:
			return nil, fmt.Errorf("%w: row %q: SE is 0 and [Lo, Hi] = [%g, %g] does not bracket the estimate %g; give SE > 0 or the interval", ErrInput, r.Label, r.Lo, r.Hi, r.B)
		default:
			b.lo, b.hi = r.Lo, r.Hi
		}
		lo, hi = math.Min(lo, b.lo), math.Max(hi, b.hi)
		for _, mk := range opt.Marks {
			v := mk.Values[sl.row]
			if math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: mark %q, row %q: value %g", ErrInput, mk.Name, r.Label, v)
			}
			b.marks = append(b.marks, v)
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		bars = append(bars, b)
		ticks = append(ticks, gplot.Tick{Value: y, Label: r.Label})
	}
	for _, b := range bars {
		p.Add(b)
	}
	p.Y.Tick.Marker = gplot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	pad := 0.06 * (hi - lo)
	if pad == 0 {
		pad = 1
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad

	est := fmt.Sprintf("Estimate, %s CI", pct(level))
	thumbs := []gplot.Thumbnailer{lineThumb{outerCI}}
	if opt.Inner != 0 {
		est = fmt.Sprintf("Estimate, %s (thick) and %s CI", pct(opt.Inner), pct(level))
		thumbs = append(thumbs, innerThumb{})
	}
	f.addKey(est, append(thumbs, glyphThumb{estStyle})...)
	for j, mk := range opt.Marks {
		f.addKey(mk.Name, glyphThumb{markStyle[j]})
	}
	return f, nil
}

// pct prints a level as a percentage: 0.95 → "95%", 0.975 → "97.5%".
func pct(level float64) string { return fmt.Sprintf("%g%%", math.Round(level*1000)/10) }

// ciBar is one row: the interval(s), the estimate and the marks.
type ciBar struct {
	y, b, lo, hi float64
	inner        bool
	ilo, ihi     float64
	marks        []float64 // NaN: none
}

func (r ciBar) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	y := trY(r.y)
	c.StrokeLine2(outerCI, trX(r.lo), y, trX(r.hi), y)
	if r.inner {
		c.StrokeLine2(innerCI, trX(r.ilo), y, trX(r.ihi), y)
	}
	c.DrawGlyph(estStyle, vg.Point{X: trX(r.b), Y: y})
	for j, v := range r.marks {
		if !math.IsNaN(v) {
			c.DrawGlyph(markStyle[j], vg.Point{X: trX(v), Y: y})
		}
	}
}

// header is a group's band across the data area with its name (ggplot2's
// facet strip: grey band, plain text).
type header struct {
	y    float64
	text string
}

func (h header) Plot(c draw.Canvas, p *gplot.Plot) {
	_, trY := p.Transforms(&c)
	y0, y1 := trY(h.y-0.42), trY(h.y+0.42)
	c.FillPolygon(stripInk, []vg.Point{{X: c.Min.X, Y: y0}, {X: c.Min.X, Y: y1}, {X: c.Max.X, Y: y1}, {X: c.Max.X, Y: y0}})
	sty := textStyle(sansFont, legendSize, ink)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	c.FillText(sty, vg.Point{X: c.Min.X + vg.Points(4), Y: trY(h.y)}, h.text)
}

// zeroLine draws a dashed vertical line at x = 0 when 0 is in range.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, p *gplot.Plot) {
	if p.X.Min > 0 || p.X.Max < 0 {
		return
	}
	trX, _ := p.Transforms(&c)
	x := trX(0)
	c.StrokeLine2(zeroStyle, x, c.Min.Y, x, c.Max.Y)
}

// innerThumb is the legend thumbnail of the inner interval: a short thick bar.
type innerThumb struct{}

func (innerThumb) Thumbnail(c *draw.Canvas) {
	y, xm := c.Center().Y, c.Center().X
	w := (c.Max.X - c.Min.X) / 4
	c.StrokeLine2(innerCI, xm-w, y, xm+w, y)
}

// openTriangle and openSquare are gonum's outline glyphs with a line
// width that survives printing (gonum draws them at 0.5 pt).
type openTriangle struct{}

func (openTriangle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	p := make(vg.Path, 0, 4)
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X - r*0.866, Y: pt.Y - r*0.5})
	p.Line(vg.Point{X: pt.X + r*0.866, Y: pt.Y - r*0.5})
	p.Close()
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.1)})
	c.Stroke(p)
}

type openSquare struct{}

func (openSquare) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 0.8
	p := make(vg.Path, 0, 5)
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Close()
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.1)})
	c.Stroke(p)
}
