package stata

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
)

// cities is a small panel, hand-checkable: 3 cities × 2 years, one missing
// gdp (Wuhan 2005).
func cities(t *testing.T) *frame.Frame {
	t.Helper()
	f, err := frame.ReadCSVFrom(strings.NewReader(`city,year,gdp,pop,prov
Beijing,2004,100,10,BJ
Beijing,2005,120,11,BJ
Wuhan,2004,50,8,HB
Wuhan,2005,,8,HB
Xian,2004,30,5,SN
Xian,2005,36,6,SN
`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func floats(t *testing.T, f *frame.Frame, name string) []float64 {
	t.Helper()
	x, ok := f.Numeric(name)
	if !ok {
		t.Fatalf("no numeric column %s in %v", name, f.Names())
	}
	return x
}

// same compares with NaN equal to NaN.
func same(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

var nan = math.NaN()

func TestGenerate(t *testing.T) {
	f := cities(t)
	cases := []struct {
		args  string
		name  string
		want  []float64
		notes []string
	}{
		// Arithmetic with a missing operand is missing ([U] 13.2.1).
		{"pc = gdp/pop", "pc", []float64{10, 120.0 / 11, 50.0 / 8, nan, 6, 6}, []string{"(1 missing value generated)"}},
		// Rows outside if are missing.
		{"double late = gdp if year == 2005", "late", []float64{nan, 120, nan, nan, nan, 36}, []string{"(4 missing values generated)"}},
		// in 2/3: rows 2 and 3 only.
		{"y = pop in 2/3", "y", []float64{nan, 11, 8, nan, nan, nan}, []string{"(4 missing values generated)"}},
		// A comparison is 1/0; missing compares as +inf, so gdp > 60 is true where gdp is missing.
		{"big = gdp > 60", "big", []float64{1, 1, 0, 1, 0, 0}, nil},
	}
	for _, c := range cases {
		g, err := Generate(f, c.args)
		if err != nil {
			t.Errorf("generate %s: %v", c.args, err)
			continue
		}
		if got := floats(t, g, c.name); !same(got, c.want) {
			t.Errorf("generate %s = %v, want %v", c.args, got, c.want)
		}
		if got := g.Notes(); strings.Join(got, "|") != strings.Join(c.notes, "|") {
			t.Errorf("generate %s: notes %q, want %q", c.args, got, c.notes)
		}
	}
}

func TestGenerateString(t *testing.T) {
	g, err := Generate(cities(t), `label = city + "-" + prov`)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := g.Col("label")
	if c.Kind() != frame.String || c.Text(2) != "Wuhan-HB" {
		t.Errorf("label = %v %q", c.Kind(), c.Text(2))
	}
}

func TestReplace(t *testing.T) {
	f := cities(t)
	g, err := Replace(f, "gdp = 0 if gdp > 60")
	if err != nil {
		t.Fatal(err)
	}
	// Beijing's two rows and Wuhan 2005 (missing compares as larger than 60).
	if got, want := floats(t, g, "gdp"), []float64{0, 0, 50, 0, 30, 36}; !same(got, want) {
		t.Errorf("gdp = %v, want %v", got, want)
	}
	notes := strings.Join(g.Notes(), "\n")
	for _, want := range []string{"(3 real changes made)", "(note: 1 of the selected observations have gdp missing: Stata compares a missing value as larger than any number; add & !missing(gdp) to leave them out)"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
	if _, err := Replace(f, "popp = 1"); err == nil || !strings.Contains(err.Error(), "variable popp not found; did you mean pop?") {
		t.Errorf("replace of an unknown variable: %v", err)
	}
}

func TestEgen(t *testing.T) {
	f := cities(t)
	bj := rowSum(10, 120.0/11) // summed in row order, as egen does
	cases := []struct {
		args string
		want []float64
	}{
		// egen ignores missing values: Wuhan's mean is 50 (one value).
		{"m = mean(gdp), by(city)", []float64{110, 110, 50, 50, 33, 33}},
		// An expression as the argument.
		{"s = total(gdp/pop), by(prov)", []float64{bj, bj, 6.25, 6.25, 12, 12}},
		{"n = count(gdp), by(city)", []float64{2, 2, 1, 1, 2, 2}},
		{"p = pctile(pop), p(50)", []float64{8, 8, 8, 8, 8, 8}},
		{"t = tag(city)", []float64{1, 0, 1, 0, 1, 0}},
	}
	for _, c := range cases {
		g, err := Egen(f, c.args)
		if err != nil {
			t.Errorf("egen %s: %v", c.args, err)
			continue
		}
		name, _, _ := strings.Cut(c.args, " ")
		if got := floats(t, g, name); !same(got, c.want) {
			t.Errorf("egen %s = %v, want %v", c.args, got, c.want)
		}
		if g.Has("__egen_" + name) {
			t.Errorf("egen %s left its temporary column", c.args)
		}
	}
}

func TestKeepDrop(t *testing.T) {
	f := cities(t)
	g, err := Keep(f, "if year == 2005")
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 3 || strings.Join(g.Notes(), "") != "(3 observations deleted)" {
		t.Errorf("keep if: %d rows, notes %q", g.Len(), g.Notes())
	}
	g, err = Drop(f, "in 1/2")
	if err != nil || g.Len() != 4 {
		t.Fatalf("drop in 1/2: %v, %d rows", err, g.Len())
	}
	g, err = Keep(f, "c* g*")
	if err != nil || strings.Join(g.Names(), " ") != "city gdp" {
		t.Errorf("keep c* g*: %v %v", g.Names(), err)
	}
	g, err = Drop(f, "year-pop")
	if err != nil || strings.Join(g.Names(), " ") != "city prov" {
		t.Errorf("drop year-pop: %v %v", g.Names(), err)
	}
}

func TestVarlist(t *testing.T) {
	f := cities(t)
	cases := []struct{ spec, want, err string }{
		{"city year", "city year", ""},
		{"g*", "gdp", ""},
		{"year - pop", "year gdp pop", ""},
		{"ye", "year", ""}, // unique abbreviation
		{"p", "", "p ambiguous abbreviation: it could be pop, prov"},
		{"gpd", "", "variable gpd not found; did you mean gdp?"},
		{"pop-year", "", "variable range pop-year: pop comes after year in the dataset; write year-pop"},
		{"z*", "", "variable z* not found: no variable matches the wildcard"},
	}
	for _, c := range cases {
		got, err := Varlist(f, c.spec)
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("Varlist(%q) error %v, want %q", c.spec, err, c.err)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != c.want {
			t.Errorf("Varlist(%q) = %v, %v; want %s", c.spec, got, err, c.want)
		}
	}
}

func TestMergeCollapseReshape(t *testing.T) {
	f := cities(t)
	prov, err := frame.ReadCSVFrom(strings.NewReader("prov,region\nBJ,east\nHB,central\nGD,south\n"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Merge(f, "m:1 prov, keep(master match) nogenerate", prov)
	if err != nil {
		t.Fatal(err)
	}
	// Xian (SN) is master-only and kept; GD is using-only and dropped.
	if g.Len() != 6 || g.Has("_merge") {
		t.Errorf("merge: %d rows, columns %v", g.Len(), g.Names())
	}
	if _, err := Merge(f, "m:1 prov, assert(match)", prov); err == nil {
		t.Errorf("merge assert(match) passed with unmatched rows")
	}
	if _, err := Merge(f, "m:m prov", prov); err == nil || !strings.Contains(err.Error(), "m:m: not supported") {
		t.Errorf("merge m:m: %v", err)
	}

	// g* expands to gdp, as a Stata varlist does.
	c, err := Collapse(f, "(mean) g* (sum) pop, by(prov)")
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by prov: BJ, HB, SN.
	if got := floats(t, c, "gdp"); !same(got, []float64{110, 50, 33}) {
		t.Errorf("collapse mean gdp = %v", got)
	}
	if got := floats(t, c, "pop"); !same(got, []float64{21, 16, 11}) {
		t.Errorf("collapse sum pop = %v", got)
	}

	w, err := Reshape(f, "wide gdp pop, i(city) j(year)")
	if err != nil {
		t.Fatal(err)
	}
	if w.Len() != 3 || !w.Has("gdp2004") || !w.Has("pop2005") {
		t.Errorf("reshape wide: %d rows, %v", w.Len(), w.Names())
	}
	l, err := Reshape(w, "long gdp pop, i(city) j(year)")
	if err != nil {
		t.Fatal(err)
	}
	if got := floats(t, l, "gdp"); !same(got, floats(t, f, "gdp")) {
		t.Errorf("reshape round trip: gdp %v, want %v", got, floats(t, f, "gdp"))
	}
}

func TestAssertCount(t *testing.T) {
	f := cities(t)
	if err := Assert(f, "pop > 0"); err != nil {
		t.Errorf("assert pop > 0: %v", err)
	}
	err := Assert(f, "gdp < 100")
	// Beijing 100 and 120 fail, and Wuhan 2005 (missing is not < 100).
	if !errors.Is(err, ErrAssert) || !strings.Contains(err.Error(), "3 contradictions in 6 observations (first: row 1)") {
		t.Errorf("assert gdp < 100: %v", err)
	}
	if n, err := Count(f, "if !missing(gdp)"); err != nil || n != 5 {
		t.Errorf("count if !missing(gdp) = %d, %v", n, err)
	}
}

func TestSyntaxErrors(t *testing.T) {
	f := cities(t)
	cases := []struct {
		run  func() error
		want string
	}{
		{func() error { _, err := Generate(f, "gdp = 1"); return err }, "generate: variable gdp already defined; use replace gdp = 1 to change it"},
		{func() error { _, err := Generate(f, "x gdp"); return err }, `generate: no "=" after the variable name; the syntax is: generate [type] newvar = exp [if] [in]`},
		{func() error { _, err := Generate(f, "2x = 1"); return err }, `generate: "2x" is not a valid variable name`},
		{func() error { _, err := Keep(f, "gdp if year == 2004"); return err }, "keep: give a varlist or if/in, not both"},
		{func() error { _, err := Egen(f, "m = mean(gdp), by(cty)"); return err }, "egen: by(): variable cty not found; did you mean city?"},
		{func() error { _, err := Egen(f, "m = mean(gdp), bogus"); return err }, "egen: option bogus not allowed"},
		{func() error { _, err := Collapse(f, "(mean) gdp, by(prov"); return err }, `collapse: option by: unclosed "("`},
		{func() error { _, err := Keep(f, "in 0/3"); return err }, "keep: in 0/3: observation numbers out of range (the data have 6 observations)"},
	}
	for _, c := range cases {
		err := c.run()
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error %v\nwant prefix %q", err, c.want)
		}
	}
}

// rowSum adds at run time, in order (a constant expression would be
// rounded once, exactly).
func rowSum(xs ...float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
