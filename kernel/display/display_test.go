package display

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
)

type fakeFit struct{}

func (fakeFit) ReportTitle() string  { return "2SLS" }
func (fakeFit) ReportDepVar() string { return "tfp" }
func (fakeFit) ReportCoefs() []report.Coef {
	return []report.Coef{{Name: "sagg", B: 0.05, SE: 0.0195, T: 2.56, P: 0.0105}}
}
func (fakeFit) ReportStats() []report.Stat {
	return []report.Stat{{Code: "n", Value: 3393, P: math.NaN()}}
}
func (fakeFit) ReportFE() []string { return []string{"city", "year"} }

type stringFit struct{ fakeFit }

func (stringFit) String() string { return "ivreg2-style text" }

// capture switches the notebook on and records what Show sends.
// metas records the metadata of each captured bundle.
var metas []map[string]any

func capture(t *testing.T) *[]map[string]any {
	t.Helper()
	var got []map[string]any
	oldIn, oldSend := inNotebook, send
	inNotebook = func() bool { return true }
	send = func(b map[string]any, meta map[string]any) { got = append(got, b); metas = append(metas, meta) }
	t.Cleanup(func() { inNotebook, send = oldIn, oldSend })
	return &got
}

func TestShowTable(t *testing.T) {
	got := capture(t)
	tab, err := report.Regression([]report.Fitted{fakeFit{}}, report.RegOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Show(tab); err != nil {
		t.Fatal(err)
	}
	if len(*got) != 1 {
		t.Fatalf("%d bundles sent, want exactly 1", len(*got))
	}
	b := (*got)[0]
	want := map[string]string{MIMEText: tab.String(), MIMEHTML: tab.HTML(), MIMELaTeX: tab.LaTeX(), MIMEMarkdown: tab.Markdown()}
	for k, v := range want {
		if b[k] != v {
			t.Errorf("%s part differs from the renderer", k)
		}
	}
	if len(b) != len(want) {
		t.Errorf("bundle has %d parts, want %d", len(b), len(want))
	}
}

func TestShowFitted(t *testing.T) {
	got := capture(t)
	if err := Show(fakeFit{}); err != nil {
		t.Fatal(err)
	}
	if s := (*got)[0][MIMEText].(string); !strings.Contains(s, "2SLS estimation - Dep. var.: tfp") {
		t.Errorf("fitted model not shown as its summary:\n%s", s)
	}
	if h := (*got)[0][MIMEHTML].(string); !strings.Contains(h, "econb-table") {
		t.Errorf("no HTML summary")
	}
	// A model with its own String keeps it as text/plain.
	if err := Show(stringFit{}); err != nil {
		t.Fatal(err)
	}
	if s := (*got)[1][MIMEText]; s != "ivreg2-style text" {
		t.Errorf("text/plain = %q, want the model's own String", s)
	}
}

func TestShowFigure(t *testing.T) {
	got := capture(t)
	f, err := plot.Coefficients([]report.Fitted{fakeFit{}}, plot.CoefOptions{Title: "coefs"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Show(f); err != nil {
		t.Fatal(err)
	}
	b := (*got)[0]
	if svg, _ := b[MIMESVG].(string); !strings.Contains(svg, "<svg") || !strings.Contains(svg, "coefs") {
		t.Errorf("no SVG part with the title")
	}
	if png, _ := b[MIMEPNG].([]byte); !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("no PNG part")
	}
	if _, ok := b[MIMEText]; !ok {
		t.Errorf("no text/plain part")
	}
	// The PNG is drawn at 2x; the metadata shows it at the figure's size.
	w, h := f.DisplaySize()
	if m, _ := metas[len(metas)-1][MIMEPNG].(map[string]int); m["width"] != w || m["height"] != h || w != 672 {
		t.Errorf("PNG metadata %v, want width %d height %d (7 in at 96 px per inch: 672 wide)", metas[len(metas)-1], w, h)
	}
}

func TestOutsideNotebook(t *testing.T) {
	old, oldIn, oldSend := Stdout, inNotebook, send
	var buf bytes.Buffer
	Stdout, inNotebook = &buf, func() bool { return false }
	defer func() { Stdout, inNotebook, send = old, oldIn, oldSend }()
	send = func(map[string]any, map[string]any) { t.Fatal("sent a bundle outside a notebook") }
	tab := report.New("T", "a", "b")
	tab.AddStrings("x", "1")
	if err := Show(tab); err != nil {
		t.Fatal(err)
	}
	if err := Markdown("**hi**"); err != nil {
		t.Fatal(err)
	}
	if buf.String() != tab.String()+"**hi**\n" {
		t.Errorf("printed %q", buf.String())
	}
}

func TestUnsupported(t *testing.T) {
	for _, x := range []any{nil, 42, struct{}{}} {
		if err := Show(x); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Show(%v): err = %v", x, err)
		}
	}
}

func TestHelpers(t *testing.T) {
	got := capture(t)
	if err := HTML("<b>x</b>"); err != nil {
		t.Fatal(err)
	}
	if err := LaTeX("$$R^2$$"); err != nil {
		t.Fatal(err)
	}
	if err := Markdown("# m"); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{MIMEHTML: "<b>x</b>", MIMEText: "<b>x</b>"},
		{MIMELaTeX: "$$R^2$$", MIMEText: "$$R^2$$"},
		{MIMEMarkdown: "# m", MIMEText: "# m"},
	}
	if len(*got) != len(want) {
		t.Fatalf("%d bundles, want %d", len(*got), len(want))
	}
	for i, w := range want {
		for k, v := range w {
			if (*got)[i][k] != v {
				t.Errorf("bundle %d: %s = %v, want %q", i, k, (*got)[i][k], v)
			}
		}
	}
}

func ExampleShow() {
	tab := report.New("Example", "Variable", "(1)")
	tab.AddStrings("sagg", "0.050**")
	// In a GoNB cell this sends one bundle (text/plain, text/html,
	// text/latex, text/markdown); elsewhere it prints the text form.
	_ = Show(tab)
	// Output:
	// Example
	// =================
	// Variable    (1)
	// -----------------
	// sagg      0.050**
	// =================
}

// A gota DataFrame is first-class in a cell: it shows as an HTML table
// (names, types, missing counts, rows), not only as gota's text.
func TestShowGota(t *testing.T) {
	got := capture(t)
	df := dataframe.New(
		series.New([]string{"North", "South"}, series.String, "region"),
		series.New([]float64{120, math.NaN()}, series.Float, "manufacturing"),
	)
	for _, x := range []any{df, &df} {
		*got = nil
		if err := Show(x); err != nil {
			t.Fatal(err)
		}
		if len(*got) != 1 {
			t.Fatalf("%T: %d bundles sent, want 1", x, len(*got))
		}
		b := (*got)[0]
		if b[MIMEText] != df.String() {
			t.Errorf("%T: text part is not gota's String", x)
		}
		h, _ := b[MIMEHTML].(string)
		for _, want := range []string{"<table", ">region<", ">manufacturing<", ">North<", ">120<"} {
			if !strings.Contains(h, want) {
				t.Errorf("%T: HTML part lacks %q", x, want)
			}
		}
	}
	bad := dataframe.DataFrame{Err: errors.New("wrong dimensions")}
	if err := Show(bad); err == nil || !strings.Contains(err.Error(), "wrong dimensions") {
		t.Errorf("a DataFrame holding an error: got %v, want that error", err)
	}
}
