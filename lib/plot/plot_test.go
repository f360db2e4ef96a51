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

// models is a concrete slice, not []report.Fitted: Coefficients takes it
// as it is (issue 10).
func models() []fake {
	return []fake{
		{"2SLS", []report.Coef{{Name: "sagg", B: 0.050, SE: 0.0195}, {Name: "str", B: 0.024, SE: 0.0045}, {Name: "gov", B: -0.093, SE: 0.048}}},
		{"IV-GMM", []report.Coef{{Name: "sagg_hi", B: 0.058, SE: 0.0133}, {Name: "str", B: 0.024, SE: 0.0045}}},
	}
}

var labels = map[string]string{"sagg": "SAGG", "sagg_hi": "SAGG", "str": "STR", "gov": "GOV"}

// svgTexts parses the SVG as XML (failing on malformed output) and returns
// the text of its <text> elements.
func svgTexts(t *testing.T, svg []byte) []string {
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
	return texts
}

// checkFigure renders f as SVG and PNG and checks that the SVG holds each
// of labels as the whole text of a <text> element and none of absent.
func checkFigure(t *testing.T, f *plot.Figure, labels []string, absent ...string) {
	t.Helper()
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	has := map[string]bool{}
	for _, s := range texts {
		has[s] = true
	}
	for _, l := range labels {
		if !has[l] {
			t.Errorf("SVG lacks the text %q; texts: %q", l, texts)
		}
	}
	for _, a := range absent {
		for _, s := range texts {
			if strings.Contains(s, a) {
				t.Errorf("SVG has text %q containing %q", s, a)
			}
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
	// Two models, three coefficients: a header per coefficient, a row per model.
	f, err := plot.Coefficients(models(), plot.CoefOptions{Title: "SAGG and TFP", Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, []string{"SAGG and TFP", "SAGG", "STR", "GOV", "2SLS", "IV-GMM", "Estimate", "Estimate, 95% CI"})

	// One coefficient: one row per model, labelled by Names, under Groups.
	f, err = plot.Coefficients(models(), plot.CoefOptions{Labels: labels, Keep: []string{"SAGG"},
		Names: []string{"Total sample", "High-end"}, Groups: []string{"2SLS", "IV-GMM"},
		Marks: []plot.Mark{{Name: "Paper", Values: []float64{0.05, 0.058}}, {Name: "DGP truth", Values: []float64{0.048, math.NaN()}}}})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, []string{"Total sample", "High-end", "2SLS", "IV-GMM", "Coefficient on SAGG", "Paper", "DGP truth"}, "STR")

	// A []report.Fitted, as notebooks and kernel/display pass, still works.
	var fitted []report.Fitted
	for _, m := range models() {
		fitted = append(fitted, m)
	}
	if _, err := plot.Coefficients(fitted, plot.CoefOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestCoefficientsErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		models []fake
		opt    plot.CoefOptions
		want   string
	}{
		{"keep unknown", models(), plot.CoefOptions{Keep: []string{"pop"}},
			`plot: bad input: Keep names "pop", which no model has; coefficients are [sagg str gov sagg_hi]`},
		{"NaN SE", []fake{{"x", []report.Coef{{Name: "a", B: 1, SE: math.NaN()}}}}, plot.CoefOptions{},
			"plot: bad input: model 1, coefficient a: estimate 1, SE NaN"},
		{"zero SE", []fake{{"x", []report.Coef{{Name: "a", B: 1}}}}, plot.CoefOptions{},
			"plot: bad input: model 1, coefficient a: SE 0; an interval needs SE > 0 (leave the coefficient out with Keep)"},
		{"names", models(), plot.CoefOptions{Names: []string{"a"}}, "plot: bad input: 1 names for 2 models"},
		{"groups", models(), plot.CoefOptions{Groups: []string{"a"}}, "plot: bad input: 1 groups for 2 models"},
		{"duplicate label", []fake{{"x", []report.Coef{{Name: "sagg", B: 1, SE: 1}, {Name: "sagg_hi", B: 1, SE: 1}}}}, plot.CoefOptions{Labels: labels},
			`plot: bad input: model 1 has two coefficients labelled "SAGG" (sagg and sagg_hi); give them different Labels`},
		{"mark without coef", models(), plot.CoefOptions{Labels: labels, Marks: []plot.Mark{{Name: "Paper", Values: []float64{1, 2}}}},
			`plot: bad input: mark "Paper": set Coef, 3 coefficients are plotted ([SAGG STR GOV])`},
		{"mark length", models(), plot.CoefOptions{Labels: labels, Keep: []string{"SAGG"}, Marks: []plot.Mark{{Name: "Paper", Values: []float64{1}}}},
			`plot: bad input: mark "Paper" has 1 values for 2 models`},
		{"mark coef", models(), plot.CoefOptions{Labels: labels, Keep: []string{"SAGG"}, Marks: []plot.Mark{{Name: "Paper", Coef: "str", Values: []float64{1, 2}}}},
			`plot: bad input: mark "Paper" is for coefficient "str", which is not plotted; plotted are [SAGG]`},
		{"level", models(), plot.CoefOptions{Level: 95}, "plot: bad input: confidence level 95 must lie in (0, 1)"},
		{"inner", models(), plot.CoefOptions{Inner: 0.99}, "plot: bad input: inner level 0.99 must lie in (0, 0.95), below Level"},
		{"none", nil, plot.CoefOptions{}, "plot: bad input: no models to plot"},
	} {
		_, err := plot.Coefficients(c.models, c.opt)
		if !errors.Is(err, plot.ErrInput) || err.Error() != c.want {
			t.Errorf("%s: err = %v\nwant %s", c.name, err, c.want)
		}
	}
}

func TestCoefRowsErrors(t *testing.T) {
	for _, c := range []struct {
		rows []plot.CoefRow
		opt  plot.CoefOptions
		want string
	}{
		{nil, plot.CoefOptions{}, "plot: bad input: no coefficients to plot"},
		{[]plot.CoefRow{{Label: "a", B: 1}}, plot.CoefOptions{},
			`plot: bad input: row "a": SE is 0 and [Lo, Hi] = [0, 0] does not bracket the estimate 1; give SE > 0 or the interval`},
		{[]plot.CoefRow{{Label: "a", B: 1, Lo: 1.5, Hi: 2}}, plot.CoefOptions{},
			`plot: bad input: row "a": SE is 0 and [Lo, Hi] = [1.5, 2] does not bracket the estimate 1; give SE > 0 or the interval`},
		{[]plot.CoefRow{{Label: "a", B: math.Inf(1), SE: 1}}, plot.CoefOptions{}, `plot: bad input: row "a": estimate +Inf`},
		{[]plot.CoefRow{{Label: "a", B: 1, SE: -1}}, plot.CoefOptions{}, `plot: bad input: row "a": SE -1`},
		{[]plot.CoefRow{{Label: "a", B: 1, SE: 1}}, plot.CoefOptions{Marks: []plot.Mark{{Name: "t", Values: []float64{math.Inf(-1)}}}},
			`plot: bad input: mark "t", row "a": value -Inf`},
	} {
		_, err := plot.CoefRows(c.rows, c.opt)
		if !errors.Is(err, plot.ErrInput) || err.Error() != c.want {
			t.Errorf("err = %v\nwant %s", err, c.want)
		}
	}
	// Given intervals need no SE.
	if _, err := plot.CoefRows([]plot.CoefRow{{Label: "a", B: 1, Lo: 0.5, Hi: 1.2}}, plot.CoefOptions{}); err != nil {
		t.Error(err)
	}
}

func paths() []plot.Series {
	years := []float64{2003, 2004, 2005}
	return []plot.Series{
		{Group: "East", Unit: "Beijing", X: years, Y: []float64{1, 1.05, 1.12}},
		{Group: "East", Unit: "Shanghai", X: years, Y: []float64{1, 1.02, 1.04}},
		{Group: "West", Unit: "Lhasa", X: years, Y: []float64{1, 0.98, 1.01}},
	}
}

func TestPaths(t *testing.T) {
	opt := plot.PathOptions{Title: "TFP level by region", XLabel: "year", YLabel: "TFP (2003 = 1)"}
	f, err := plot.Paths(paths(), opt)
	if err != nil {
		t.Fatal(err)
	}
	// Direct labels carry the group names only (the old legend said "East (mean)").
	checkFigure(t, f, []string{"TFP level by region", "year", "TFP (2003 = 1)", "East", "West",
		"Thin lines: 3 units; thick lines: group means."}, "(mean)")

	opt.Legend, opt.NoUnits, opt.Caption = true, true, "Source: synthetic."
	f, err = plot.Paths(paths(), opt)
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, []string{"East", "West", "Source: synthetic."}, "(mean)", "Thin lines")

	_, err = plot.Paths([]plot.Series{{Group: "East", Unit: "Beijing", X: []float64{1, 2, 3}, Y: []float64{1, math.NaN(), 1}}}, plot.PathOptions{})
	if err == nil || err.Error() != "plot: bad input: series East/Beijing: point 2 is (2, NaN); drop or impute it" {
		t.Errorf("err = %v", err)
	}
	_, err = plot.Paths([]plot.Series{{Group: "East", Unit: "Beijing", X: []float64{1, 2}, Y: []float64{1}}}, plot.PathOptions{})
	if err == nil || err.Error() != "plot: bad input: series East/Beijing has 2 x and 1 y values" {
		t.Errorf("err = %v", err)
	}
}

func samples() []plot.Sample {
	return []plot.Sample{
		{Group: "East", At: "2005", Values: []float64{0.8, 1.1, 1.3, 0.9, 2.5}},
		{Group: "West", At: "2005", Values: []float64{0.5, 0.7, 0.6}},
		{Group: "East", At: "2010", Values: []float64{0.9, 1.2, 1.4}},
		{Group: "West", At: "2010", Values: []float64{0.6, 0.8, 0.7}},
	}
}

func TestBoxes(t *testing.T) {
	f, err := plot.Boxes(samples(), plot.BoxOptions{Title: "LQ by region", XLabel: "year", YLabel: "LQ"})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, f, []string{"LQ by region", "2005", "2010", "East", "West", "LQ"})
	if _, err := plot.Boxes([]plot.Sample{{Group: "East", At: "2005"}}, plot.BoxOptions{}); err == nil ||
		err.Error() != "plot: bad input: sample East/2005 has no values" {
		t.Errorf("err = %v", err)
	}
	if _, err := plot.Boxes([]plot.Sample{{Group: "East", At: "2005", Values: []float64{1, math.Inf(1)}}}, plot.BoxOptions{}); err == nil ||
		err.Error() != "plot: sample East/2005: plot: bad input: value 2 is +Inf; drop or impute it" {
		t.Errorf("err = %v", err)
	}
}

func TestNew(t *testing.T) {
	f := plot.New("Title", "x", "y")
	f.Plot.Legend.Add("user entry") // goes outside, right
	checkFigure(t, f, []string{"Title", "x", "y", "user entry"})
	// A Figure built by hand from a bare gonum plot still renders.
	g := &plot.Figure{Plot: f.Plot, Width: plot.DefaultWidth, Height: plot.DefaultHeight, Legend: plot.LegendInside}
	checkFigure(t, g, []string{"Title", "user entry"})
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
	bad := &plot.Figure{Plot: f.Plot}
	if _, err := bad.SVG(); !errors.Is(err, plot.ErrInput) {
		t.Errorf("zero size: err = %v", err)
	}
}
