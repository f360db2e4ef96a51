package frame

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/internal/testutil"
)

// The fixtures in testdata/pandas were computed by make_fixtures.py with
// pandas 3.1.1 and numpy 2.4.6 (see testdata/README.md); panel.csv is the
// input. Tolerance 1e-12 (reldif): the sums are accumulated in another
// order than pandas' pairwise summation.
const pandasTol = 1e-12

func readFixture(t *testing.T, name string) *Frame {
	t.Helper()
	f, err := ReadCSV(filepath.Join("testdata", "pandas", name))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func col(t *testing.T, f *Frame, name string) []float64 {
	t.Helper()
	x, err := f.FloatView(name)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func checkCol(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range got {
		if !testutil.Close(got[i], want[i], pandasTol) {
			if bad < 3 {
				t.Errorf("%s[%d] = %v, want %v", what, i, got[i], want[i])
			}
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d values differ", what, bad)
	}
}

func TestEgenAgainstPandas(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "egen_expected.csv")
	for _, tc := range []struct{ fn, col string }{
		{"mean", "mean"}, {"sd", "sd"}, {"min", "min"}, {"max", "max"}, {"count", "count"},
		{"total", "total"}, {"median", "median"}, {"pctile(25)", "p25"}, {"rank", "rank"},
		{"first", "first"}, {"lastnm", "lastnm"},
	} {
		g, err := f.Egen("e", tc.fn, "x", "g")
		if err != nil {
			t.Fatalf("%s: %v", tc.fn, err)
		}
		checkCol(t, "egen "+tc.fn, col(t, g, "e"), col(t, want, tc.col))
	}
}

func TestCollapseAgainstPandas(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "collapse_expected.csv")
	aggs, err := ParseAggs("(mean) mean=x (sum) sum=x (sd) sd=x (min) min=x (max) max=x (count) count=x (median) median=x (p10) p10=x (first) first=x (firstnm) firstnm=x (mean) ymean=y")
	if err != nil {
		t.Fatal(err)
	}
	g, err := f.Collapse(aggs, "g")
	if err != nil {
		t.Fatal(err)
	}
	gs, _, _ := g.Strings("g")
	ws, _, _ := want.Strings("g")
	if strings.Join(gs, "|") != strings.Join(ws, "|") {
		t.Errorf("groups %q, want %q", gs, ws)
	}
	for _, name := range []string{"mean", "sum", "sd", "min", "max", "count", "median", "p10", "first", "firstnm", "ymean"} {
		checkCol(t, "collapse "+name, col(t, g, name), col(t, want, name))
	}
	if g.Label("mean") != "(mean) x" || g.Kind("count") != Int {
		t.Errorf("label %q kind %v", g.Label("mean"), g.Kind("count"))
	}
}

func TestSummarizeAgainstNumpy(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "summarize_expected.csv")
	stats, _, _ := want.Strings("stat")
	vals := col(t, want, "value")
	exp := map[string]float64{}
	for k, s := range stats {
		exp[s] = vals[k]
	}
	s, err := f.Summarize([]string{"x"}, true)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stats[0]
	got := map[string]float64{"N": float64(st.N), "mean": st.Mean, "sd": st.SD, "min": st.Min, "max": st.Max,
		"variance": st.Variance, "skewness": st.Skewness, "kurtosis": st.Kurtosis, "sum": st.Sum}
	for k, p := range PctileLevels {
		got["p"+strings.TrimSuffix(fmtG(p), ".")] = st.Pctiles[k]
	}
	for name, w := range exp {
		testutil.Check(t, "summarize "+name, got[name], w, pandasTol)
	}
}

func TestMergeAgainstPandas(t *testing.T) {
	f := readFixture(t, "panel.csv")
	regions := readFixture(t, "regions.csv")
	want := readFixture(t, "merge_expected.csv")
	m, err := f.Merge("m:1", []string{"g"}, regions, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := col(t, want, "n") // left_only, right_only, both
	res := col(t, m, "_merge")
	var counts [4]float64
	for _, v := range res {
		counts[int(v)]++
	}
	if counts[1] != n[0] || counts[2] != n[1] || counts[3] != n[2] {
		t.Errorf("merge counts %v, pandas %v", counts[1:], n)
	}
	if !strings.Contains(m.Notes()[0], "\n        from master"+strings.Repeat(" ", 23)+"170  (_merge==1)\n") {
		t.Errorf("merge table:\n%s", m.Notes()[0])
	}
	// Matched rows carry the region of their key; sorted by g ("" first).
	gs, _, _ := m.Strings("g")
	rg, _, _ := m.Strings("region")
	for r := range gs {
		w := map[string]string{"a": "East", "b": "West", "d": "North"}[gs[r]]
		if rg[r] != w {
			t.Fatalf("row %d: g %q region %q", r, gs[r], rg[r])
		}
		if r > 0 && gs[r] < gs[r-1] {
			t.Fatalf("not sorted by g at row %d", r)
		}
	}
}

func TestReshapeAgainstPandas(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "wide_expected.csv")
	l, err := f.KeepVars("id", "year", "x")
	if err != nil {
		t.Fatal(err)
	}
	w, err := l.ReshapeWide([]string{"x"}, []string{"id"}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(w.Names(), ",") != strings.Join(want.Names(), ",") {
		t.Fatalf("names %v, want %v", w.Names(), want.Names())
	}
	for _, name := range want.Names() {
		checkCol(t, "wide "+name, col(t, w, name), col(t, want, name))
	}
	// Back to long: every id gets all 10 years; the rows that existed keep
	// their values, the gaps are missing.
	back, err := w.ReshapeLong([]string{"x"}, []string{"id"}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != 300 || back.Kind("year") != Int {
		t.Fatalf("long: %d rows, year %v", back.Len(), back.Kind("year"))
	}
	bx, by, bid := col(t, back, "x"), col(t, back, "year"), col(t, back, "id")
	lx, ly, lid := col(t, l, "x"), col(t, l, "year"), col(t, l, "id")
	pos := map[[2]float64]float64{}
	for r := range lx {
		pos[[2]float64{lid[r], ly[r]}] = lx[r]
	}
	for r := range bx {
		v, ok := pos[[2]float64{bid[r], by[r]}]
		if !ok {
			v = math.NaN()
		}
		if !testutil.Close(bx[r], v, 0) {
			t.Fatalf("long row %d (id %v year %v): x %v, want %v", r, bid[r], by[r], bx[r], v)
		}
	}
}

func TestWinsorAgainstNumpy(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "winsor_expected.csv")
	g, err := f.Winsorize([]string{"x"}, WinsorOptions{Lo: 5, Hi: 95})
	if err != nil {
		t.Fatal(err)
	}
	checkCol(t, "winsor", col(t, g, "x_w"), col(t, want, "x_w"))
}

func TestTabulateAgainstPandas(t *testing.T) {
	f := readFixture(t, "panel.csv")
	want := readFixture(t, "tab_expected.csv")
	tb, err := f.Tabulate("g", "", false)
	if err != nil {
		t.Fatal(err)
	}
	ws, _, _ := want.Strings("g")
	wc := col(t, want, "count")
	for k := range ws {
		if tb.Rows[k] != ws[k] || float64(tb.Counts[k][0]) != wc[k] {
			t.Errorf("level %d: %s %d, want %s %v", k, tb.Rows[k], tb.Counts[k][0], ws[k], wc[k])
		}
	}
}
