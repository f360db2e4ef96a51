package plot_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
)

// fake is a minimal report.Fitted with made-up numbers (layout only).
type fake struct {
	title string
	coefs []report.Coef
}

func (f fake) ReportTitle() string        { return f.title }
func (f fake) ReportDepVar() string       { return "tfp" }
func (f fake) ReportCoefs() []report.Coef { return f.coefs }
func (f fake) ReportStats() []report.Stat { return nil }
func (f fake) ReportFE() []string         { return []string{"city", "year"} }

func models() []report.Fitted {
	return []report.Fitted{
		fake{"2SLS", []report.Coef{{Name: "sagg", B: 0.050, SE: 0.0195}, {Name: "str", B: 0.024, SE: 0.0045}, {Name: "gov", B: -0.093, SE: 0.048}}},
		fake{"IV-GMM", []report.Coef{{Name: "sagg_hi", B: 0.058, SE: 0.0133}, {Name: "str", B: 0.024, SE: 0.0045}}},
	}
}

// svgTexts parses the SVG as XML (failing on malformed output) and returns
// the text of its <text> elements.
func svgTexts(t *testing.T, svg []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var texts []string
	inText := false
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = x.Name.Local
			}
			inText = x.Name.Local == "text"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				texts = append(texts, string(x))
			}
		}
	}
	if root != "svg" {
		t.Fatalf("root element is %q, want svg", root)
	}
	return strings.Join(texts, "|")
}

func checkFigure(t *testing.T, f *plot.Figure, labels ...string) {
	t.Helper()
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, l := range labels {
		if !strings.Contains(texts, l) {
			t.Errorf("SVG lacks label %q; texts: %s", l, texts)
		}
	}
	png, err := f.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("PNG bytes lack the PNG signature")
	}
}

func TestCoefficients(t *testing.T) {
	f, err := plot.Coefficients(models(), plot.CoefOptions{
		Title:  "SAGG and TFP",
		Labels: map[string]string{"sagg": "SAGG", "sagg_hi": "SAGG", "str": "STR", "gov": "GOV"},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, "SAGG and TFP", "SAGG", "STR", "GOV", "2SLS", "IV-GMM", "estimate with 95% confidence interval")

	_, err = plot.Coefficients(models(), plot.CoefOptions{Keep: []string{"pop"}})
	if !errors.Is(err, plot.ErrInput) || !strings.Contains(err.Error(), `Keep names "pop"`) {
		t.Errorf("err = %v", err)
	}
	bad := []report.Fitted{fake{"x", []report.Coef{{Name: "a", B: 1, SE: math.NaN()}}}}
	if _, err := plot.Coefficients(bad, plot.CoefOptions{}); !errors.Is(err, plot.ErrInput) ||
		err.Error() != "plot: bad input: model 1, coefficient a: estimate 1, SE NaN" {
		t.Errorf("err = %v", err)
	}
}

func TestPaths(t *testing.T) {
	years := []float64{2003, 2004, 2005}
	f, err := plot.Paths([]plot.Series{
		{Group: "East", Unit: "Beijing", X: years, Y: []float64{1, 1.05, 1.12}},
		{Group: "East", Unit: "Shanghai", X: years, Y: []float64{1, 1.02, 1.04}},
		{Group: "West", Unit: "Lhasa", X: years, Y: []float64{1, 0.98, 1.01}},
	}, plot.PathOptions{Title: "TFP level by region", XLabel: "year", YLabel: "TFP (2003 = 1)"})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, "TFP level by region", "year", "TFP (2003 = 1)", "East (mean)", "West (mean)")

	_, err = plot.Paths([]plot.Series{{Group: "East", Unit: "Beijing", X: years, Y: []float64{1, math.NaN(), 1}}}, plot.PathOptions{})
	if err == nil || err.Error() != "plot: bad input: series East/Beijing: point 2 is (2004, NaN); drop or impute it" {
		t.Errorf("err = %v", err)
	}
}

func TestBoxes(t *testing.T) {
	f, err := plot.Boxes([]plot.Sample{
		{Group: "East", At: "2005", Values: []float64{0.8, 1.1, 1.3, 0.9, 2.5}},
		{Group: "West", At: "2005", Values: []float64{0.5, 0.7, 0.6}},
		{Group: "East", At: "2010", Values: []float64{0.9, 1.2, 1.4}},
		{Group: "West", At: "2010", Values: []float64{0.6, 0.8, 0.7}},
	}, plot.BoxOptions{Title: "LQ by region", XLabel: "year", YLabel: "LQ"})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, "LQ by region", "2005", "2010", "East", "West", "LQ")
	if _, err := plot.Boxes([]plot.Sample{{Group: "East", At: "2005"}}, plot.BoxOptions{}); err == nil ||
		err.Error() != "plot: bad input: sample East/2005 has no values" {
		t.Errorf("err = %v", err)
	}
}

func TestSave(t *testing.T) {
	f, err := plot.Coefficients(models(), plot.CoefOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"figures/c.svg", "figures/c.png", "c.pdf"} {
		path := filepath.Join(dir, name)
		if err := f.Save(path); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if err := f.Save(filepath.Join(dir, "c.gif")); !errors.Is(err, plot.ErrFormat) {
		t.Errorf("err = %v", err)
	}
}
