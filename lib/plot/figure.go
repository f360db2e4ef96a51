package plot

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/lib/internal/atomicfile"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrInput is returned for data a figure cannot draw: nothing to plot,
// mismatched lengths, NaN or infinite values.
var ErrInput = errors.New("plot: bad input")

// ErrFormat is returned by Save for an extension it cannot write.
var ErrFormat = errors.New("plot: unknown image format")

// LegendPosition says where a figure's legend goes.
type LegendPosition int

const (
	// LegendRight stacks the legend to the right of the data area, top
	// aligned with it (ggplot2's default legend.position = "right").
	LegendRight LegendPosition = iota
	// LegendBottom lays the legend out in rows below the x axis
	// (legend.position = "bottom"). Entries added to Plot.Legend directly
	// still go to the right: gonum's legend only stacks vertically.
	LegendBottom
	// LegendInside leaves the legend where gonum/plot puts it, inside the
	// data area (Plot.Legend.Top and .Left choose the corner).
	LegendInside
)

// Figure is a drawn plot with its size and layout. The title is drawn
// left-aligned across the figure, the legend outside the data area
// (Legend), direct labels (Paths) in a strip right of the data, and the
// Caption in small type at the bottom. Rendering is not safe for
// concurrent use of one Figure.
type Figure struct {
	Plot          *gplot.Plot
	Width, Height vg.Length
	// Legend places the legend; the zero value is LegendRight.
	Legend LegendPosition
	// Caption is a note in small grey type under the figure (ggplot2's
	// labs(caption = ...), Stata's note()); "" for none.
	Caption string
	// DPI is the resolution of PNG output; 0 means 192, twice the 96
	// pixels per inch of a CSS pixel, so a PNG stays sharp on high-DPI
	// screens (it carries its DPI, so word processors and pdfTeX place
	// it at Width × Height).
	DPI int

	keys   []key      // legend entries of lib/plot's figures
	labels []endLabel // direct labels at line ends (Paths)
}

// Default figure size: 7 × 4.5 inches, a full text width in a journal.
const (
	DefaultWidth  = 7 * vg.Inch
	DefaultHeight = 4.5 * vg.Inch
)

// DefaultDPI is the PNG resolution when Figure.DPI is 0.
const DefaultDPI = 192

// New returns an empty figure of the default size in the theme (fonts,
// axes, light grid), for plots drawn with gonum/plot directly: add
// plotters to f.Plot, legend entries to f.Plot.Legend (drawn outside the
// data, right), and use Color, Shape and Dashes for their styles.
func New(title, xlabel, ylabel string) *Figure {
	f, _ := newFigure(title, xlabel, ylabel)
	return f
}

func newFigure(title, xlabel, ylabel string) (*Figure, *plotter.Grid) {
	p := gplot.New()
	Style(p)
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xlabel, ylabel
	g := grid()
	p.Add(g)
	return &Figure{Plot: p, Width: DefaultWidth, Height: DefaultHeight}, g
}

// SVG renders the figure as SVG, text as <text> elements in Liberation
// Sans with the metric-compatible Arial, Helvetica and sans-serif as
// fall-backs (no embedded fonts, so files stay small).
func (f *Figure) SVG() ([]byte, error) { return f.render("svg") }

// PNG renders the figure as PNG at DPI (192 unless set).
func (f *Figure) PNG() ([]byte, error) { return f.render("png") }

// PDF renders the figure as PDF with embedded fonts.
func (f *Figure) PDF() ([]byte, error) { return f.render("pdf") }

// Save writes the figure to path as .svg, .png or .pdf, by extension.
// Missing parent directories are created; the file is replaced
// atomically (never left half-written).
func (f *Figure) Save(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".svg", ".png", ".pdf":
	default:
		return fmt.Errorf("%w %q for %s: use .svg, .png or .pdf", ErrFormat, ext, path)
	}
	b, err := f.render(ext[1:])
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("plot: save %s: %w", path, err)
		}
	}
	if err := atomicfile.WriteBytes(path, b, 0o644); err != nil {
		return fmt.Errorf("plot: save %s: %w", path, err)
	}
	return nil
}

// render draws the figure in format and returns deterministic bytes: the
// same figure gives the same bytes (no timestamps; see fixSVG, fixPDF).
func (f *Figure) render(format string) (out []byte, err error) {
	if f == nil || f.Plot == nil {
		return nil, fmt.Errorf("%w: figure has no plot", ErrInput)
	}
	w, h := f.Width, f.Height
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("%w: figure size %v × %v: both must be positive", ErrInput, w, h)
	}
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.New(w, h)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(f.dpi()))}
	case "pdf":
		c = vgpdf.New(w, h)
	default:
		return nil, fmt.Errorf("%w %q", ErrFormat, format)
	}
	defer func() { // gonum/plot panics on some bad input (e.g. an empty log axis)
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("plot: render %s: %v", format, r)
		}
	}()
	f.draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plot: render %s: %w", format, err)
	}
	switch format {
	case "svg":
		return fixSVG(buf.Bytes()), nil
	case "png":
		return withPHYs(buf.Bytes(), f.dpi())
	default:
		return fixPDF(buf.Bytes()), nil
	}
}

// DisplaySize is the figure's size in CSS pixels (96 per inch): the
// width and height at which to show the PNG, whose pixels are DPI/96
// times as many (a notebook's image/png metadata "width").
func (f *Figure) DisplaySize() (w, h int) {
	return int(math.Round(float64(f.Width / vg.Inch * 96))), int(math.Round(float64(f.Height / vg.Inch * 96)))
}

func (f *Figure) dpi() int {
	if f.DPI > 0 {
		return f.DPI
	}
	return DefaultDPI
}

// margin is the white space around the figure.
var margin = vg.Points(6)

// draw lays the figure out on c: title on top, caption at the bottom,
// legend and direct labels beside or below the data area, the gonum plot
// (axes and data) in what is left.
func (f *Figure) draw(c draw.Canvas) {
	p := f.Plot
	c.SetColor(p.BackgroundColor)
	if p.BackgroundColor == nil {
		c.SetColor(whiteColor)
	}
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, margin, -margin, margin, -margin)

	if t := p.Title.Text; t != "" {
		sty := p.Title.TextStyle
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
		c.FillText(sty, vg.Point{X: c.Min.X, Y: c.Max.Y}, t)
		c.Max.Y -= sty.Height(t) + p.Title.Padding
	}
	if f.Caption != "" {
		sty := textStyle(sansFont, captionSize, captionInk)
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
		c.FillText(sty, vg.Point{X: c.Min.X, Y: c.Min.Y}, f.Caption)
		c.Min.Y += sty.Height(f.Caption) + vg.Points(6)
	}

	gap := vg.Points(8)
	user := p.Legend
	user.Left, user.Top, user.XOffs, user.YOffs = true, true, 0, 0
	userSize := user.Rectangle(c).Size()
	keys := f.keyLegend()
	var right, bottom vg.Length
	var rows [][]key
	if userSize.X > 0 && f.Legend != LegendInside {
		right = userSize.X + gap
	}
	switch f.Legend {
	case LegendRight:
		if w := keys.Rectangle(c).Size().X; w > 0 {
			right = max(right, w+gap)
		}
	case LegendBottom:
		rows = f.keyRows(c.Size().X - right)
		if len(rows) > 0 {
			bottom = vg.Length(len(rows))*keyRowHeight() + vg.Points(4)
		}
	}
	labelW := f.labelWidth()
	area := draw.Crop(c, 0, -(right + labelW), bottom, 0)

	title, legend, bg := p.Title.Text, p.Legend, p.BackgroundColor
	p.Title.Text, p.BackgroundColor = "", nil // drawn above
	if f.Legend == LegendInside {
		for _, k := range f.keys {
			p.Legend.Add(k.text, k.thumbs...)
		}
	} else {
		p.Legend = gplot.NewLegend()
	}
	p.Draw(area)
	dc := p.DataCanvas(area)
	p.Title.Text, p.Legend, p.BackgroundColor = title, legend, bg

	f.drawLabels(c, dc)
	if f.Legend == LegendInside {
		return
	}
	x := area.Max.X + labelW + gap
	top := dc.Max.Y
	if userSize.X > 0 {
		user.Draw(legendCanvas(c, x, top, userSize.X))
		top -= userSize.Y + vg.Points(6)
	}
	switch f.Legend {
	case LegendRight:
		if sz := keys.Rectangle(c).Size(); sz.X > 0 {
			keys.Draw(legendCanvas(c, x, top, sz.X))
		}
	case LegendBottom:
		drawKeyRows(c, rows, dc.Min.X, dc.Max.X, c.Min.Y+bottom-vg.Points(4))
	}
}

// legendCanvas is the part of c from x to x+w below top, where a
// top-left gonum legend is drawn.
func legendCanvas(c draw.Canvas, x, top, w vg.Length) draw.Canvas {
	lc := c
	lc.Min.X, lc.Max.X, lc.Max.Y = x, x+w, top
	return lc
}
