package plot

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// ErrInput is returned for data a figure cannot draw: nothing to plot,
// mismatched lengths, NaN or infinite values.
var ErrInput = errors.New("plot: bad input")

// ErrFormat is returned by Save for an extension it cannot write.
var ErrFormat = errors.New("plot: unknown image format")

// Figure is a drawn plot with its size.
type Figure struct {
	Plot          *gplot.Plot
	Width, Height vg.Length
}

// Default figure size.
const (
	DefaultWidth  = 7 * vg.Inch
	DefaultHeight = 4.5 * vg.Inch
)

func newFigure(title string) *Figure {
	p := gplot.New()
	p.Title.Text = title
	return &Figure{Plot: p, Width: DefaultWidth, Height: DefaultHeight}
}

// SVG renders the figure as SVG.
func (f *Figure) SVG() ([]byte, error) { return f.render("svg") }

// PNG renders the figure as PNG.
func (f *Figure) PNG() ([]byte, error) { return f.render("png") }

func (f *Figure) render(format string) ([]byte, error) {
	w, err := f.Plot.WriterTo(f.Width, f.Height, format)
	if err != nil {
		return nil, fmt.Errorf("plot: render %s: %w", format, err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plot: render %s: %w", format, err)
	}
	return buf.Bytes(), nil
}

// Save writes the figure to path as .svg, .png or .pdf, by extension.
// Missing parent directories are created.
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
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plot: save %s: %w", path, err)
	}
	return nil
}
