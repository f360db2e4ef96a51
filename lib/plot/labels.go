package plot

import (
	"image/color"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// endLabel is a direct label: text at the right end of a line, in the
// line's colour, in place of a legend entry (Tufte 2001; R's directlabels
// "last.points" method).
type endLabel struct {
	text  string
	x, y  float64 // the line's last point, in data units
	color color.Color
}

var labelPad = vg.Points(6) // between the data area and the labels

func labelStyle(c color.Color) draw.TextStyle {
	sty := textStyle(sansFont, legendSize, c)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	return sty
}

// labelWidth is the width of the strip the direct labels need.
func (f *Figure) labelWidth() vg.Length {
	var w vg.Length
	for _, l := range f.labels {
		w = max(w, labelStyle(l.color).Width(l.text))
	}
	if w == 0 {
		return 0
	}
	return w + labelPad
}

// drawLabels draws the direct labels right of the data canvas dc, each at
// the height of its line's end, pushed apart so that no two overlap (one
// text line apart at least), with a thin leader line when a label moved.
func (f *Figure) drawLabels(c draw.Canvas, dc draw.Canvas) {
	if len(f.labels) == 0 {
		return
	}
	trX, trY := f.Plot.Transforms(&dc)
	h := labelStyle(ink).Height("Xg") * 1.1
	n := len(f.labels)
	order := make([]int, n)
	want := make([]vg.Length, n)
	for i, l := range f.labels {
		order[i], want[i] = i, trY(l.y)
	}
	sort.SliceStable(order, func(a, b int) bool { return want[order[a]] < want[order[b]] })
	pos := make([]vg.Length, n) // by rank, bottom to top
	for r, i := range order {
		pos[r] = want[i]
		if r > 0 {
			pos[r] = max(pos[r], pos[r-1]+h)
		}
	}
	pos[n-1] = min(pos[n-1], dc.Max.Y-h/2)
	for r := n - 2; r >= 0; r-- {
		pos[r] = min(pos[r], pos[r+1]-h)
	}
	x := dc.Max.X + labelPad
	for r, i := range order {
		l := f.labels[i]
		if d := pos[r] - want[i]; d > h/4 || d < -h/4 {
			c.StrokeLine2(draw.LineStyle{Color: l.color, Width: vg.Points(0.5)}, trX(l.x)+vg.Points(1), want[i], x-vg.Points(1), pos[r])
		}
		c.FillText(labelStyle(l.color), vg.Point{X: x, Y: pos[r]}, l.text)
	}
}
