package report_test

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/report"
)

// paperFE is the order of the paper's FE rows: "Year" above "City".
var paperFE = []string{"year", "city"}

// loadPaper returns a table of Chen's paper, the published-tables fixture
// of these tests: lib/chen/paper embeds it (a copy of
// shared/paper/tables.json) with the labels of its headers.
func loadPaper(t *testing.T, id string) *report.PublishedTable {
	t.Helper()
	p, err := paper.Published()
	if err != nil {
		t.Fatal(err)
	}
	pt, err := p.Table(id)
	if err != nil {
		t.Fatal(err)
	}
	return pt
}

// TestPaperTables lays out the paper's Tables 1-3 from the published
// tables alone (lib/chen/paper's TestPrintedCells checks cells against the
// printed text).
func TestPaperTables(t *testing.T) {
	for _, id := range []string{"1", "2", "3"} {
		t.Run("table"+id, func(t *testing.T) {
			tab, err := loadPaper(t, id).Regression(report.RegOptions{FE: paperFE})
			if err != nil {
				t.Fatal(err)
			}
			if err := tab.Validate(); err != nil {
				t.Fatal(err)
			}
			noTrailingSpace(t, tab.String())
			if id == "1" {
				renderAll(t, "table1_paper", tab)
			} else {
				golden(t, "table"+id+"_paper.txt", tab.String())
				golden(t, "table"+id+"_paper.html", tab.HTML())
			}
		})
	}
}

func TestRegressionFromFitted(t *testing.T) {
	opt := report.RegOptions{
		Caption: "TFP and producer services agglomeration",
		Name:    "fake",
		Groups:  []report.Span{{Text: "2SLS", Cols: 1}, {Text: "IV-GMM", Cols: 1}},
		Columns: []string{"Total sample", "High-end"},
		Labels:  map[string]string{"sagg": "SAGG", "sagg_hi": "SAGG", "str": "STR", "road": "ROAD"},
		FE:      paperFE,
	}
	tab, err := report.Regression(twoModels(), opt)
	if err != nil {
		t.Fatal(err)
	}
	renderAll(t, "fitted_t", tab)

	opt.Under = report.UnderSE
	opt.Stats = []string{"n", "r2"}
	opt.Keep = []string{"str", "SAGG"}
	tab, err = report.Regression(twoModels(), opt)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fitted_se.txt", tab.String())
}

// Regression and Compare take any slice of a Fitted type: a []fake gives
// the table of the same models as []report.Fitted, and a nil pointer in a
// slice of pointers is an error naming the model, not a panic.
func TestRegressionGeneric(t *testing.T) {
	var concrete []fake
	for _, m := range twoModels() {
		concrete = append(concrete, m.(fake))
	}
	want, err := report.Regression(twoModels(), report.RegOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := report.Regression(concrete, report.RegOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("[]fake gives\n%s\n[]report.Fitted gives\n%s", got, want)
	}
	ptrs := []*fake{&concrete[0], nil}
	if _, err := report.Regression(ptrs, report.RegOptions{}); !errors.Is(err, report.ErrOptions) || !strings.Contains(err.Error(), "model 2 is nil") {
		t.Errorf("nil pointer: err = %v, want ErrOptions naming model 2", err)
	}
	pt := loadPaper(t, "1")
	models := make([]*fake, 6)
	for j, m := range fromPublished(pt, make([]float64, 6)) {
		f := m.(fake)
		models[j] = &f
	}
	cmp, err := report.Compare(pt, models, report.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w, n := cmp.Within(); n != 186 || w != 180 {
		t.Errorf("Compare of []*fake: %d of %d within, want 180 of 186 (all but the 6 missing R²)", w, n)
	}
	models[3] = nil
	if _, err := report.Compare(pt, models, report.CompareOptions{}); !errors.Is(err, report.ErrOptions) || !strings.Contains(err.Error(), "model 4 is nil") {
		t.Errorf("nil pointer: err = %v, want ErrOptions naming model 4", err)
	}
}

func TestRegressionErrors(t *testing.T) {
	dup := twoModels()
	tests := []struct {
		name string
		opt  report.RegOptions
		want string
	}{
		{"groups", report.RegOptions{Groups: []report.Span{{Text: "2SLS", Cols: 3}}}, "report: bad table options: groups cover 3 columns but there are 2 models"},
		{"columns", report.RegOptions{Columns: []string{"a"}}, "report: bad table options: 1 column labels for 2 models"},
		{"keep", report.RegOptions{Keep: []string{"sag"}}, `report: bad table options: Keep names "sag", which no model has; coefficients are sagg, str, road, sagg_hi`},
		{"stat", report.RegOptions{Stats: []string{"kpr"}}, `report: bad table options: statistic "kpr" is reported by no model; known codes are n, n_clusters, r2, r2_within, anderson_lm, kp_lm, kp_f, cd_f, hansen_j, sargan, endog`},
		{"duplabel", report.RegOptions{Labels: map[string]string{"sagg": "X", "str": "X"}}, `report: bad table options: model 1 (2SLS): coefficients "sagg" and "str" both print as "X"; give them different labels`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.Regression(dup, tc.opt)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v\nwant %s", err, tc.want)
			}
			if !errors.Is(err, report.ErrOptions) {
				t.Errorf("error does not wrap ErrOptions")
			}
		})
	}
	if _, err := report.Regression([]report.Fitted(nil), report.RegOptions{}); !errors.Is(err, report.ErrOptions) {
		t.Errorf("no models: err = %v", err)
	}
}

// TestHTMLWellFormed parses the HTML of every golden table as XML: tags
// balance and entities are escaped.
func TestHTMLWellFormed(t *testing.T) {
	tab, err := loadPaper(t, "1").Regression(report.RegOptions{FE: paperFE, Caption: `a <b> & "c"`})
	if err != nil {
		t.Fatal(err)
	}
	html := tab.HTML()
	d := xml.NewDecoder(strings.NewReader("<root>" + html + "</root>"))
	d.Strict = true
	var ths, tds int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("HTML is not well formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "th":
				ths++
			case "td":
				tds++
			}
		}
	}
	// Table 1: 1+2 group cells and 7 column labels; 25 body rows (8 variables x 2,
	// 2 FE, KP LM + [p], KP F, Hansen J + [p], N, R²) of 7 cells + 1 note cell.
	if ths != 10 || tds != 25*7+1 {
		t.Errorf("th = %d, td = %d; want 10 and %d", ths, tds, 25*7+1)
	}
	if !strings.Contains(html, `a &lt;b&gt; &amp; &#34;c&#34;`) {
		t.Errorf("caption not escaped")
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{report.Fixed(0.05, 3), "0.050"},
		{report.Fixed(-0.0001, 3), "0.000"}, // no "-0.000"
		{report.Fixed(math.NaN(), 3), ""},
		{report.Fixed(math.Inf(-1), 3), "-Inf"},
		{report.FormatCoef(-0.0004, 3), "-0.0004"},  // the paper's Table 3 ROAD
		{report.FormatCoef(-0.00049, 3), "-0.0005"}, // rounds at 4 decimals
		{report.FormatCoef(0.0005, 3), "0.001"},     // half-unit shows at 3 decimals
		{report.FormatCoef(0, 3), "0.000"},
		{report.FormatCoef(1e-12, 3), "0.0000000"},
		{report.Integer(3393.0000001), "3393"},
		{report.DefaultStars.Note(), "* p<0.10, ** p<0.05, *** p<0.01"},
		{report.DefaultStars.Mark(report.DefaultStars.Count(0.0099)), "***"},
		{report.DefaultStars.Mark(report.DefaultStars.Count(0.01)), "**"}, // strict <
		{report.DefaultStars.Mark(report.DefaultStars.Count(math.NaN())), ""},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tab := report.New("x", "Variable", "a", "b")
	tab.AddStrings("r1", "1")
	if err := tab.Validate(); !errors.Is(err, report.ErrLayout) ||
		err.Error() != `report: inconsistent table layout: row 1 ("r1") has 2 cells, the table has 3 columns` {
		t.Errorf("err = %v", err)
	}
	tab.Header = append([][]report.Span{{{Text: "", Cols: 1}, {Text: "g", Cols: 1}}}, tab.Header...)
	tab.Rows[0].Cells = append(tab.Rows[0].Cells, report.C("2"))
	if err := tab.Validate(); err == nil || !strings.Contains(err.Error(), "header row 1 spans 2 columns, the table has 3") {
		t.Errorf("err = %v", err)
	}
	// Renderers still lay out a short hand-built table without panicking.
	_ = tab.String() + tab.HTML() + tab.LaTeX() + tab.Markdown() + tab.CSV()
	if err := tab.Save(filepath.Join(t.TempDir(), "x.txt")); !errors.Is(err, report.ErrLayout) {
		t.Errorf("Save of a bad table: err = %v", err)
	}
}

func TestWideCharacters(t *testing.T) {
	tab := report.New("", "城市", "effch")
	tab.AddStrings("北京", "1.000")
	tab.AddStrings("Lhasa", "0.950")
	golden(t, "wide.txt", tab.String())
}

func TestSave(t *testing.T) {
	tab, err := report.Regression(twoModels(), report.RegOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for ext, want := range map[string]string{
		".txt": tab.String(), ".tex": tab.LaTeX(), ".md": tab.Markdown(), ".csv": tab.CSV(),
	} {
		path := filepath.Join(dir, "sub", "t"+ext)
		if err := tab.Save(path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		if string(b) != want {
			t.Errorf("%s: saved text differs from the renderer's", ext)
		}
	}
	if err := tab.Save(filepath.Join(dir, "t.html")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "t.html")); !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), tab.HTML()) {
		t.Errorf(".html is not a page holding the fragment")
	}
	err = tab.Save(filepath.Join(dir, "t.docx"))
	if !errors.Is(err, report.ErrFormat) || !strings.Contains(err.Error(), `".docx"`) {
		t.Errorf("err = %v", err)
	}
}

func TestPublishedErrors(t *testing.T) {
	bad := `{"tables":[{"table":"9","columns":[{"a":"x"},{"a":"y"}],"rows":{"SAGG":[{"coef":1,"t":2,"stars":1}]}}]}`
	_, err := report.ParsePublished(strings.NewReader(bad))
	if !errors.Is(err, report.ErrPublished) || err.Error() != "report: bad published tables: table 9: SAGG: row SAGG has 1 values for 2 columns" {
		t.Errorf("err = %v", err)
	}
	if _, err := report.LoadPublished(filepath.Join("testdata", "none.json")); !errors.Is(err, report.ErrPublished) {
		t.Errorf("a missing file: err = %v", err)
	}
	p, err := report.LoadPublished(filepath.Join("testdata", "card_published.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Table("4"); err == nil || err.Error() != `report: bad published tables: no table "4"; the file has tables card` {
		t.Errorf("err = %v", err)
	}
	if pt, _ := p.Table("card"); len(pt.FE) != 0 || pt.Labels != nil {
		t.Errorf("card: FE %v, labels %v; want none", pt.FE, pt.Labels)
	}
	pt := loadPaper(t, "3")
	if d := pt.Rows[6].Cells[0].Coef; pt.Rows[6].Name != "ROAD" || d.Value != -0.0004 || d.Decimals != 4 {
		t.Errorf("ROAD TE = %+v, want -0.0004 with 4 decimals", d)
	}
	if len(pt.FE) != 2 || pt.FE[0] != "city" || pt.FE[1] != "year" {
		t.Errorf("FE = %v, want [city year] from the conventions", pt.FE)
	}
}

// A standard error that does not exist (NaN) prints as Stata's missing
// value "(.)" under the coefficient, and so does an infinite t, never an
// empty cell that reads as a layout slip (issue 13); the summary prints
// ".".
func TestMissingSE(t *testing.T) {
	nan := math.NaN()
	m := fake{title: "OLS", dep: "y", coefs: []report.Coef{
		{Name: "x", B: 2, SE: nan, T: nan, P: nan},
		{Name: "z", B: 1, SE: 0, T: math.Inf(1), P: nan},
	}}
	for _, c := range []struct {
		under report.Under
		dots  int // the SE of z is 0, a number; its t is not
	}{{report.UnderT, 2}, {report.UnderSE, 1}} {
		tab, err := report.Regression([]report.Fitted{m}, report.RegOptions{Under: c.under})
		if err != nil {
			t.Fatal(err)
		}
		s := tab.String()
		if strings.Count(s, "(.)") != c.dots || strings.Contains(s, "Inf") || strings.Contains(s, "NaN") {
			t.Errorf("Under %v: want %d (.):\n%s", c.under, c.dots, s)
		}
	}
	s := report.Summary(m).String()
	if strings.Contains(s, "Inf") || strings.Contains(s, "NaN") || strings.Count(s, " . ") < 2 {
		t.Errorf("summary:\n%s", s)
	}
}
