package plot

import (
	"image/color"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// key is one legend entry of a lib/plot figure: its text and the
// thumbnails drawn on top of each other to its left.
type key struct {
	text   string
	thumbs []gplot.Thumbnailer
}

func (f *Figure) addKey(text string, thumbs ...gplot.Thumbnailer) {
	f.keys = append(f.keys, key{text: text, thumbs: thumbs})
}

var keyThumbWidth = vg.Points(16)

// keyLegend returns the figure's keys as a gonum legend in the theme,
// stacked top-down with icons on the left.
func (f *Figure) keyLegend() gplot.Legend {
	l := gplot.NewLegend()
	l.TextStyle = textStyle(sansFont, legendSize, ink)
	l.ThumbnailWidth = keyThumbWidth
	l.Padding = vg.Points(3)
	l.Left, l.Top = true, true
	for _, k := range f.keys {
		l.Add(k.text, k.thumbs...)
	}
	return l
}

var keyGap = vg.Points(14) // between entries of a row

func keyRowHeight() vg.Length {
	return textStyle(sansFont, legendSize, ink).Height("Xg") * 1.5
}

// keyWidth is the width of one entry laid out in a row.
func keyWidth(k key) vg.Length {
	sty := textStyle(sansFont, legendSize, ink)
	return keyThumbWidth + sty.Width(" ") + sty.Width(k.text)
}

// keyRows breaks the keys into rows no wider than w, in order.
func (f *Figure) keyRows(w vg.Length) [][]key {
	var rows [][]key
	var cur []key
	var used vg.Length
	for _, k := range f.keys {
		kw := keyWidth(k)
		if len(cur) > 0 && used+keyGap+kw > w {
			rows, cur, used = append(rows, cur), nil, 0
		}
		if len(cur) > 0 {
			used += keyGap
		}
		cur, used = append(cur, k), used+kw
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// drawKeyRows draws rows of keys centred between x0 and x1, the first row
// starting at top.
func drawKeyRows(c draw.Canvas, rows [][]key, x0, x1, top vg.Length) {
	sty := textStyle(sansFont, legendSize, ink)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	rh := keyRowHeight()
	th := sty.Height("Xg")
	for i, row := range rows {
		var w vg.Length
		for j, k := range row {
			if j > 0 {
				w += keyGap
			}
			w += keyWidth(k)
		}
		x := max((x0+x1)/2-w/2, c.Min.X)
		y := top - rh*vg.Length(i) - rh/2
		for _, k := range row {
			tc := c
			tc.Rectangle = vg.Rectangle{Min: vg.Point{X: x, Y: y - th/2}, Max: vg.Point{X: x + keyThumbWidth, Y: y + th/2}}
			for _, t := range k.thumbs {
				t.Thumbnail(&tc)
			}
			c.FillText(sty, vg.Point{X: x + keyThumbWidth + sty.Width(" "), Y: y}, k.text)
			x += keyWidth(k) + keyGap
		}
	}
}

// lineThumb is a legend thumbnail: a horizontal line.
type lineThumb struct{ draw.LineStyle }

func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.LineStyle, c.Min.X, y, c.Max.X, y)
}

// glyphThumb is a legend thumbnail: one glyph in the middle.
type glyphThumb struct{ draw.GlyphStyle }

func (g glyphThumb) Thumbnail(c *draw.Canvas) { c.DrawGlyphNoClip(g.GlyphStyle, c.Center()) }

// swatch is a legend thumbnail: a filled, outlined square.
type swatch struct{ fill, line color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	x0 := c.Center().X - h/2
	pts := []vg.Point{{X: x0, Y: c.Min.Y}, {X: x0, Y: c.Max.Y}, {X: x0 + h, Y: c.Max.Y}, {X: x0 + h, Y: c.Min.Y}}
	c.FillPolygon(s.fill, pts)
	c.StrokeLines(draw.LineStyle{Color: s.line, Width: vg.Points(0.8)}, append(pts, pts[0]))
}
