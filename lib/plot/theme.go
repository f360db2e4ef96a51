package plot

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The theme: one look for every figure, close to ggplot2's theme_bw /
// theme_minimal and Stata's plotplain scheme.
//
//	font        Liberation Sans (a metric clone of Arial / Helvetica, shipped
//	            with gonum/plot, so text is measured exactly as it renders)
//	sizes       title 12 pt, axis labels 10 pt, tick labels, legends and
//	            direct labels 9 pt, captions 8.5 pt; all plain (ggplot2's
//	            default; gonum's PDF writer cannot set bold Liberation)
//	grid        light grey major grid (grey 88 %, 0.5 pt), no minor ticks
//	axes        left and bottom lines only (no box), ticks 3 pt outward
//	colours     Okabe and Ito (2008), safe for the common colour-vision
//	            deficiencies; see Color
//	shapes      one glyph per series, filled then open (see Shape), so that
//	            markers differ in greyscale as well
var (
	sansFont   = font.Font{Typeface: "Liberation", Variant: "Sans"}
	ink        = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff} // text and axis labels
	tickInk    = color.NRGBA{R: 0x4d, G: 0x4d, B: 0x4d, A: 0xff} // tick labels, axis lines (ggplot2 grey30)
	captionInk = color.NRGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xff}
	gridInk    = color.NRGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff}
	stripInk   = color.NRGBA{R: 0xeb, G: 0xeb, B: 0xeb, A: 0xff} // group header bands (ggplot2 strip, grey92)
)

const (
	titleSize   = 12
	labelSize   = 10
	tickSize    = 9
	legendSize  = 9
	captionSize = 8.5
)

// okabeIto is the palette of Okabe and Ito (2008), in the order used for
// series: blue, vermillion, bluish green, reddish purple, orange, sky
// blue, yellow, black. The first three differ most from each other on
// white paper and for deuteranopes; yellow, weak on white, comes last
// but one.
var okabeIto = []color.NRGBA{
	{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}, // blue
	{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}, // vermillion
	{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}, // bluish green
	{R: 0xCC, G: 0x79, B: 0xA7, A: 0xff}, // reddish purple
	{R: 0xE6, G: 0x9F, B: 0x00, A: 0xff}, // orange
	{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}, // sky blue
	{R: 0xF0, G: 0xE4, B: 0x42, A: 0xff}, // yellow
	{R: 0x00, G: 0x00, B: 0x00, A: 0xff}, // black
}

// Color returns the i-th colour of the theme's palette (Okabe and Ito
// 2008, "Color Universal Design", https://jfly.uni-koeln.de/color/),
// cycling after eight: the replacement for plotutil.Color in figures
// drawn with gonum/plot directly.
func Color(i int) color.Color {
	return okabeIto[((i%len(okabeIto))+len(okabeIto))%len(okabeIto)]
}

// Shape returns the i-th glyph of the theme: filled circle, triangle,
// square and diamond, then the same four open, cycling after eight.
func Shape(i int) draw.GlyphDrawer {
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}, Diamond{Filled: true},
		draw.RingGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, Diamond{}}
	return shapes[((i%len(shapes))+len(shapes))%len(shapes)]
}

// Dashes returns the i-th dash pattern of the theme: solid, dashed,
// dotted, dash-dot, long dash, cycling after five (ggplot2's linetypes 1-5).
func Dashes(i int) []vg.Length {
	pats := [][]vg.Length{nil, {vg.Points(4), vg.Points(2.5)}, {vg.Points(1), vg.Points(2)},
		{vg.Points(4), vg.Points(2), vg.Points(1), vg.Points(2)}, {vg.Points(8), vg.Points(3)}}
	return pats[((i%len(pats))+len(pats))%len(pats)]
}

// Diamond is a glyph drawing a square turned by 45°, filled or as an
// outline (gonum/plot has none).
type Diamond struct{ Filled bool }

// DrawGlyph implements draw.GlyphDrawer.
func (d Diamond) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * vg.Length(math.Sqrt2) * 0.9 // the area of the square glyph
	p := make(vg.Path, 0, 5)
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	if d.Filled {
		c.Fill(p)
		return
	}
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1)})
	c.Stroke(p)
}

// textStyle is a theme text style of size pt.
func textStyle(f font.Font, pt float64, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(f, vg.Points(pt)), Handler: gplot.DefaultTextHandler}
}

// Style applies the theme's fonts, axes and ticks to a gonum plot (New
// does this and also adds the grid). It leaves plotters, ranges and
// legend entries alone.
func Style(p *gplot.Plot) {
	p.BackgroundColor = color.White
	p.Title.TextStyle = textStyle(sansFont, titleSize, ink)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XLeft, draw.YTop
	p.Title.Padding = vg.Points(6)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(sansFont, labelSize, ink)
		a.Label.Padding = vg.Points(4)
		a.LineStyle = draw.LineStyle{Color: tickInk, Width: vg.Points(0.5)}
		a.Padding = vg.Points(3)
		a.Tick.LineStyle = draw.LineStyle{Color: tickInk, Width: vg.Points(0.5)}
		a.Tick.Length = vg.Points(3)
		a.Tick.Marker = majorTicks{a.Tick.Marker}
	}
	p.X.Label.TextStyle.XAlign, p.X.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	p.Y.Label.TextStyle.XAlign, p.Y.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	p.X.Tick.Label = textStyle(sansFont, tickSize, tickInk)
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label = textStyle(sansFont, tickSize, tickInk)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Legend.TextStyle = textStyle(sansFont, legendSize, ink)
	p.Legend.ThumbnailWidth = vg.Points(16)
	p.Legend.Padding = vg.Points(2)
}

// grid is the theme's light major grid.
func grid() *plotter.Grid {
	ls := draw.LineStyle{Color: gridInk, Width: vg.Points(0.5)}
	return &plotter.Grid{Vertical: ls, Horizontal: ls}
}

// majorTicks drops the unlabelled (minor) ticks of a ticker: the theme
// draws major ticks and grid lines only.
type majorTicks struct{ gplot.Ticker }

func (m majorTicks) Ticks(lo, hi float64) []gplot.Tick {
	t := m.Ticker
	if t == nil {
		t = gplot.DefaultTicks{}
	}
	var out []gplot.Tick
	seen, repeated := map[string]bool{}, false
	for _, tk := range t.Ticks(lo, hi) {
		if !tk.IsMinor() {
			repeated = repeated || seen[tk.Label]
			seen[tk.Label] = true
			out = append(out, tk)
		}
	}
	if repeated {
		relabel(out)
	}
	for i := range out {
		out[i].Label = minus(out[i].Label)
	}
	return out
}

// relabel writes the ticks' values with the fewest decimals, the same for
// all, that tell them apart: gonum's default labels can round two ticks to
// one text (1, 1.05, 1.1 labelled 1, 1.1, 1.1).
func relabel(ticks []gplot.Tick) {
	for d := 0; d <= 15; d++ {
		seen, ok := map[string]bool{}, true
		for _, tk := range ticks {
			l := strconv.FormatFloat(tk.Value, 'f', d, 64)
			ok = ok && !seen[l]
			seen[l] = true
		}
		if ok {
			for i := range ticks {
				ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', d, 64)
			}
			return
		}
	}
}

// minus typesets a leading hyphen as the minus sign U+2212.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "\u2212" + s[1:]
	}
	return s
}

// faint returns c with opacity a (0-1); the palette's colours are opaque.
func faint(c color.Color, a float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA64{R: uint16(r), G: uint16(g), B: uint16(b), A: uint16(a * 0xffff)}
}
