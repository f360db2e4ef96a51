package frame

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// Hand-checkable data: every expected value below is worked out in the
// comment next to it.
func small(t *testing.T) *Frame {
	t.Helper()
	f, err := ReadCSVFrom(strings.NewReader(`prov,year,x,s
Hebei,2001,1,a
Hebei,2002,,b
Shanxi,2001,4,
Shanxi,2002,6,c
,2001,7,d
`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestKeepDropRowsNotes(t *testing.T) {
	f := small(t)
	g, err := f.KeepRows([]bool{true, false, true, false, false})
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 || g.Notes()[0] != "(3 observations deleted)" {
		t.Errorf("len %d notes %q", g.Len(), g.Notes())
	}
	g, _ = f.DropRows([]bool{true, false, false, false, false})
	if g.Notes()[0] != "(1 observation deleted)" {
		t.Errorf("notes %q", g.Notes())
	}
	g, _ = f.KeepRowsWith([]bool{true, true, true, true, false}, []bool{false, true, false, false, false})
	if g.Len() != 3 || g.Notes()[0] != "(2 observations deleted, 1 of them because the condition is missing)" {
		t.Errorf("len %d notes %q", g.Len(), g.Notes())
	}
	if _, err := f.KeepRows([]bool{true}); !errors.Is(err, ErrShape) {
		t.Errorf("short mask: %v", err)
	}
}

func TestGenerateReplace(t *testing.T) {
	f := small(t)
	g, err := f.GenerateFloat("z", []float64{1, math.NaN(), 3, math.NaN(), math.NaN()})
	if err != nil {
		t.Fatal(err)
	}
	if g.Notes()[0] != "(3 missing values generated)" || f.Has("z") {
		t.Errorf("notes %q; the input must not change", g.Notes())
	}
	if _, err := g.GenerateFloat("z", make([]float64, 5)); !errors.Is(err, ErrDuplicateName) {
		t.Errorf("duplicate generate: %v", err)
	}
	// year is Int; replacing rows 1-2 by 2001.5 (a change) and 2002 (no
	// change at row 2): 1 real change, year becomes float64.
	h, err := f.ReplaceFloat("year", []float64{2001.5, 2002, 0, 0, 0}, []bool{true, true, false, false, false})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(h.Notes(), "|") != "(note: variable year was int64, now float64)|(1 real change made)" {
		t.Errorf("notes %q", h.Notes())
	}
	h, _ = f.ReplaceFloat("x", []float64{math.NaN(), 0, 0, 0, 0}, []bool{true, true, false, false, false})
	// row 1: 1 → . (a change to missing); row 2: . → 0 (a change)
	if h.Notes()[0] != "(2 real changes made, 1 to missing)" {
		t.Errorf("notes %q", h.Notes())
	}
}

func TestEgenMissing(t *testing.T) {
	f := small(t)
	// By prov: Hebei x = {1, .}: mean 1, sd . (one value), count 1, total 1;
	// Shanxi {4, 6}: mean 5, sd sqrt(2); missing prov forms its own group {7}.
	for _, tc := range []struct {
		fn   string
		want []float64
	}{
		{"mean", []float64{1, 1, 5, 5, 7}},
		{"sd", []float64{math.NaN(), math.NaN(), math.Sqrt2, math.Sqrt2, math.NaN()}},
		{"count", []float64{1, 1, 2, 2, 1}},
		{"total", []float64{1, 1, 10, 10, 7}},
		{"rank", []float64{1, math.NaN(), 1, 2, 1}},
		{"max", []float64{1, 1, 6, 6, 7}},
	} {
		g, err := f.Egen("e", tc.fn, "x", "prov")
		if err != nil {
			t.Fatal(err)
		}
		e, _ := g.Float("e")
		for r := range e {
			if !(e[r] == tc.want[r] || math.IsNaN(e[r]) && math.IsNaN(tc.want[r])) {
				t.Errorf("egen %s: row %d = %v, want %v", tc.fn, r+1, e[r], tc.want[r])
			}
		}
	}
	// tag(prov): first row of each prov; the row with missing prov is 0.
	g, _ := f.Egen("t", "tag", "prov")
	tg, _ := g.Float("t")
	if want := []float64{1, 0, 1, 0, 0}; !equal(tg, want) {
		t.Errorf("tag %v, want %v", tg, want)
	}
	if _, err := f.Egen("e", "mean", "s"); !errors.Is(err, ErrNotNumeric) {
		t.Errorf("egen on text: %v", err)
	}
	if _, err := f.Egen("e", "average", "x"); !errors.Is(err, ErrArgument) {
		t.Errorf("unknown fn: %v", err)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !(a[i] == b[i] || math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestSortMissing(t *testing.T) {
	f := small(t)
	g, err := f.Sort("x")
	if err != nil {
		t.Fatal(err)
	}
	x, _ := g.Float("x")
	if want := []float64{1, 4, 6, 7, math.NaN()}; !equal(x, want) {
		t.Errorf("sort x: %v", x)
	}
	g, _ = f.Sort("-x")
	x, _ = g.Float("x")
	if want := []float64{7, 6, 4, 1, math.NaN()}; !equal(x, want) {
		t.Errorf("sort -x: %v", x)
	}
	// Strings: "" (missing) first ascending; stable on ties: prov then year desc.
	g, _ = f.Sort("prov", "-year")
	p, _, _ := g.Strings("prov")
	y, _ := g.Float("year")
	if strings.Join(p, ",") != ",Hebei,Hebei,Shanxi,Shanxi" || !equal(y, []float64{2001, 2002, 2001, 2002, 2001}) {
		t.Errorf("sort prov -year: %q %v", p, y)
	}
}

func TestMergeErrors(t *testing.T) {
	f := small(t)
	using, _ := ReadCSVFrom(strings.NewReader("prov,pop\nHebei,1\nHebei,2\nHebei,3\nShanxi,4\nShanxi,5\n"))
	_, err := f.Merge("m:1", []string{"prov"}, using, MergeOptions{})
	want := "frame: variable prov does not uniquely identify observations in the using data: 'Hebei' appears 3 times (and 1 more duplicated key); use merge m:1 or 1:m if one side may repeat, or remove the duplicates (Stata duplicates report)"
	if err == nil || err.Error() != want || !errors.Is(err, ErrNotUnique) {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	_, err = f.Merge("1:1", []string{"prov"}, using, MergeOptions{})
	if err == nil || !strings.Contains(err.Error(), "in the master data: 'Hebei' appears 2 times") {
		t.Errorf("1:1 master duplicates: %v", err)
	}
	num, _ := ReadCSVFrom(strings.NewReader("prov,pop\n1,2\n"))
	if _, err := f.Merge("m:1", []string{"prov"}, num, MergeOptions{}); !errors.Is(err, ErrType) {
		t.Errorf("type mismatch: %v", err)
	}
	if _, err := f.Merge("m:1", []string{"porv"}, num, MergeOptions{}); err == nil || !strings.Contains(err.Error(), `did you mean "prov"?`) {
		t.Errorf("unknown key: %v", err)
	}
	u1, _ := ReadCSVFrom(strings.NewReader("prov,pop\nHebei,1\nJilin,2\n"))
	_, err = f.Merge("m:1", []string{"prov"}, u1, MergeOptions{Assert: []MergeResult{Matched}})
	if !errors.Is(err, ErrAssert) || !strings.Contains(err.Error(), "3 observations from master only (_merge==1), 1 observation from using only (_merge==2)") {
		t.Errorf("assert: %v", err)
	}
	g, err := f.Merge("m:1", []string{"prov"}, u1, MergeOptions{Keep: []MergeResult{Matched, MasterOnly}, NoGenerate: true})
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 5 || g.Has("_merge") {
		t.Errorf("keep(master match): %d rows, names %v", g.Len(), g.Names())
	}
}

func TestAppendTypes(t *testing.T) {
	a, _ := ReadCSVFrom(strings.NewReader("id,x\n1,2\n"))
	b, _ := ReadCSVFrom(strings.NewReader("id,x,z\n2,2.5,q\n"))
	g, err := a.Append(b)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := g.Float("x")
	z, miss, _ := g.Strings("z")
	if g.Kind("x") != Float || g.Kind("id") != Int || !equal(x, []float64{2, 2.5}) || z[1] != "q" || !miss[0] {
		t.Errorf("append: kinds %v %v x %v z %q", g.Kind("x"), g.Kind("id"), x, z)
	}
	if n := g.Notes(); len(n) != 2 || n[1] != "(1 observation added)" || !strings.Contains(n[0], "variable x was int64") {
		t.Errorf("notes %q", n)
	}
	c, _ := ReadCSVFrom(strings.NewReader("id,x\nq,1\n"))
	if _, err := a.Append(c); !errors.Is(err, ErrType) || !strings.Contains(err.Error(), "variable id is str in using data but numeric in master data") {
		t.Errorf("append str/num: %v", err)
	}
}

func TestReshapeErrors(t *testing.T) {
	f := small(t)
	if _, err := f.ReshapeWide([]string{"x"}, []string{"prov"}, "year"); err == nil || !strings.Contains(err.Error(), "not constant within prov") {
		t.Errorf("non-constant: %v", err)
	}
	g, _ := f.KeepVars("prov", "year", "x")
	g, _ = g.KeepRows([]bool{true, true, true, true, false})
	dup, _ := g.Append(g)
	if _, err := dup.ReshapeWide([]string{"x"}, []string{"prov"}, "year"); !errors.Is(err, ErrNotUnique) {
		t.Errorf("duplicates: %v", err)
	}
	w, err := g.ReshapeWide([]string{"x"}, []string{"prov"}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(w.Names(), ",") != "prov,x2001,x2002" {
		t.Errorf("wide names %v", w.Names())
	}
	if _, err := w.ReshapeLong([]string{"y"}, []string{"prov"}, "year"); !errors.Is(err, ErrUnknownColumn) {
		t.Errorf("unknown stub: %v", err)
	}
}

func TestPanel(t *testing.T) {
	f, _ := ReadCSVFrom(strings.NewReader("id,t,v\n1,1,0\n1,2,0\n1,3,0\n2,1,0\n2,3,0\n3,2,0\n3,3,0\n"))
	g, err := f.XTSet("id", "t")
	if err != nil {
		t.Fatal(err)
	}
	if n := g.Notes(); n[0] != "Panel variable: id (unbalanced)" || n[1] != " Time variable: t, 1 to 3, but with gaps" {
		t.Errorf("xtset notes %q", n)
	}
	rep, _ := g.Gaps()
	if rep.UnitsWithGaps != 1 || rep.Gaps[0].Entity != "2" || rep.Gaps[0].Missing[0] != 2 || rep.Balanced {
		t.Errorf("gaps %+v", rep)
	}
	// Window 2..3: unit 1 (2 rows) and 3 (2 rows) complete; unit 2 has only t=3.
	b, err := g.Balance(2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 4 || b.Notes()[0] != "(2 observations deleted: outside 2 to 3)" || b.Notes()[1] != "(1 observation deleted: 1 unit not observed in all 2 periods)" {
		t.Errorf("balance: %d rows, notes %q", b.Len(), b.Notes())
	}
	dup, _ := ReadCSVFrom(strings.NewReader("id,t\n1,1\n1,1\n"))
	if _, err := dup.XTSet("id", "t"); !errors.Is(err, ErrPanel) || !strings.Contains(err.Error(), "repeated time values within panel: id = 1 has t = 1 on rows 1 and 2") {
		t.Errorf("repeated: %v", err)
	}
	ix, _ := b.PanelIndex()
	if ix.NEntities != 2 || ix.MinT != 2 {
		t.Errorf("index %+v", ix)
	}
}

func TestTablesRender(t *testing.T) {
	f := small(t)
	tb, _ := f.Tabulate("prov", "year", false)
	want := `  prov | 2001  2002  Total
-------+------------------
 Hebei |    1     1      2
Shanxi |    1     1      2
-------+------------------
 Total |    2     2      4`
	if got := tb.Table().String(); !strings.HasSuffix(got, want) {
		t.Errorf("tabulate:\n%s\nwant\n%s", got, want)
	}
	s, _ := f.Summarize([]string{"x"}, false)
	// x = 1, 4, 6, 7: mean 4.5, sd sqrt(7) = 2.645751.
	if got := s.String(); !strings.Contains(got, "x |   4   4.5   2.645751    1    7") {
		t.Errorf("summarize:\n%s", got)
	}
	if h := f.HTML(); !strings.Contains(h, "<th class=\"t\">int64</th>") || !strings.Contains(h, "5 rows × 4 columns") {
		t.Errorf("html: %s", h)
	}
	if s := f.String(); !strings.Contains(s, "[5 rows × 4 columns]") {
		t.Errorf("string:\n%s", s)
	}
}

// TestReshapeLongSuffixes: with integer suffixes, j is numeric and a
// column such as xbar (suffix "bar") is not a stub column; it repeats.
func TestReshapeLongSuffixes(t *testing.T) {
	f, _ := ReadCSVFrom(strings.NewReader("id,x2001,x2002,xbar\n1,10,11,5\n2,20,,6\n"))
	g, err := f.ReshapeLong([]string{"x"}, []string{"id"}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(g.Names(), ",") != "id,year,x,xbar" || g.Kind("year") != Int {
		t.Fatalf("names %v year %v", g.Names(), g.Kind("year"))
	}
	x, _ := g.Float("x")
	xb, _ := g.Float("xbar")
	// id 1: 2001 → 10, 2002 → 11; id 2: 2001 → 20, 2002 → . (kept, as Stata does)
	if !equal(x, []float64{10, 11, 20, math.NaN()}) || !equal(xb, []float64{5, 5, 6, 6}) {
		t.Errorf("x %v xbar %v", x, xb)
	}
	s, _ := ReadCSVFrom(strings.NewReader("id,gdpeast,gdpwest\n1,1,2\n"))
	h, err := s.ReshapeLong([]string{"gdp"}, []string{"id"}, "region")
	if err != nil {
		t.Fatal(err)
	}
	r, _, _ := h.Strings("region")
	if h.Kind("region") != String || strings.Join(r, ",") != "east,west" {
		t.Errorf("string j: %v %q", h.Kind("region"), r)
	}
}

// TestMergeSortedMaster: a master already sorted by the key, every row
// matched: the result is the master's rows in order (its columns shared)
// plus the using columns.
func TestMergeSortedMaster(t *testing.T) {
	f, _ := ReadCSVFrom(strings.NewReader("id,x\n1,10\n1,11\n2,20\n3,30\n"))
	u, _ := ReadCSVFrom(strings.NewReader("id,pop\n3,300\n1,100\n2,200\n"))
	g, err := f.Merge("m:1", []string{"id"}, u, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pop, _ := g.Float("pop")
	m, _ := g.Float("_merge")
	if !equal(pop, []float64{100, 100, 200, 300}) || !equal(m, []float64{3, 3, 3, 3}) {
		t.Errorf("pop %v _merge %v", pop, m)
	}
	a, _ := f.Col("x")
	b, _ := g.Col("x")
	if a != b {
		t.Error("the master's columns are shared when its rows are kept in order")
	}
}
