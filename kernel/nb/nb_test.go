package nb

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/report"
)

// capture replaces the cell's exit and output for one test: Stop panics
// with stopped instead of exiting, and the text verbs print is returned.
func capture(t *testing.T) *bytes.Buffer {
	t.Helper()
	var out bytes.Buffer
	oldExit, oldOut, oldErr := exit, stdout, stderr
	exit = func(int) {}
	stdout, stderr = &out, &out
	t.Setenv("GONB_TMP_DIR", "")        // outside GoNB: notes always print
	t.Setenv("ECONB_HOME", t.TempDir()) // a private frame cache
	t.Setenv(EnvOutDir, t.TempDir())    // Save writes here
	t.Cleanup(func() { exit, stdout, stderr = oldExit, oldOut, oldErr; theCache = nil })
	theCache = nil
	return &out
}

// stops runs f and returns the message Stop gave, or "" if f returned.
func stops(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(stopped)
			if !ok {
				panic(r)
			}
			msg = s.msg
		}
	}()
	f()
	return ""
}

func writeCSV(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestIVMatchesStata fits the housing IV model through the notebook verbs.
// Expected: Stata 13, ivregress 2sls rent pcturban (hsngval = faminc
// i.region), vce(robust) small (testdata/README.md); coefficients printed
// with 12 significant digits, checked to 1e-7 relative.
func TestIVMatchesStata(t *testing.T) {
	capture(t)
	d := Use("testdata/hsng.csv")
	m := d.IV("rent ~ pcturban | hsngval ~ faminc + reg_ncntrl + reg_south + reg_west", Robust(), Small())
	for _, c := range []struct {
		name     string
		coef, se float64
	}{
		{"hsngval", 0.00223983298, 0.0006931182971051898},
		{"pcturban", 0.08151596819, 0.4585635381303893},
		{"_cons", 120.70651454, 15.734804232497677},
	} {
		if got := m.Coef(c.name); math.Abs(got-c.coef) > 1e-7*math.Abs(c.coef) {
			t.Errorf("b[%s] = %.12g, Stata %.12g", c.name, got, c.coef)
		}
		if got := m.SE(c.name); math.Abs(got-c.se) > 1e-7*c.se {
			t.Errorf("se[%s] = %.12g, Stata %.12g", c.name, got, c.se)
		}
	}
	if m.N() != 50 {
		t.Errorf("N = %d, want 50", m.N())
	}
}

// TestPipeline runs the data verbs as a cell would and checks what they
// print, in Stata's words, and the results by hand.
func TestPipeline(t *testing.T) {
	out := capture(t)
	cities := writeCSV(t, "cities.csv", "city,prov,year,gdp\nA,P1,2004,10\nA,P1,2005,12\nB,P2,2004,5\nB,P2,2005,\nC,P9,2004,3\nC,P9,2005,4\n")
	provs := writeCSV(t, "provs.csv", "prov,region\nP1,east\nP2,west\n")
	d := Use(cities).
		Gen("lgdp = ln(gdp)").
		Egen("m = mean(gdp), by(city)").
		Merge("m:1 prov, keep(master match)", Use(provs)).
		Keep("if !missing(gdp)")
	text := out.String()
	for _, want := range []string{
		"(4 vars, 6 obs; comma-delimited, UTF-8",
		"(1 missing value generated)",
		"matched",
		"(1 observation deleted)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("printed text lacks %q:\n%s", want, text)
		}
	}
	if d.N() != 5 {
		t.Errorf("N = %d, want 5", d.N())
	}
	// Mean of B's gdp ignores the missing 2005 value: 5.
	if m := d.Col("m"); m[2] != 5 {
		t.Errorf("m of B = %v, want 5", m[2])
	}
}

// TestStopMessages checks how a cell stops: one clean message naming the
// verb, the variable and the fix.
func TestStopMessages(t *testing.T) {
	capture(t)
	p := writeCSV(t, "x.csv", "city,gdp\nA,1\nB,2\n")
	d := Use(p)
	cases := []struct {
		run  func()
		want string
	}{
		{func() { d.Gen("y = ln(gpd)") }, "econb: Use(" + `"` + p + `").Gen("y = ln(gpd)"): generate: expr: unknown column "gpd" (1:4); did you mean "gdp"?` + "\n | ln(gpd)\n | ...^"},
		{func() { d.Keep("gdpp") }, `.Keep("gdpp"): keep: variable gdpp not found; did you mean gdp?`},
		{func() { d.Reg("gdp ~ pop") }, `.Reg("gdp ~ pop"): formula: unknown column "pop" in regressors`},
		{func() { Use("nope.xlsx2") }, `Use("nope.xlsx2")`},
		{func() { Check(errors.New("boom")) }, "econb: boom"},
	}
	for _, c := range cases {
		got := stops(c.run)
		if !strings.Contains(got, c.want) {
			t.Errorf("stop message:\n%s\nwant it to contain:\n%s", got, c.want)
		}
	}
}

// TestNotesOncePerSession: GoNB re-runs every declaration in each cell, so
// a result's notes print the first time the kernel computes it only.
func TestNotesOncePerSession(t *testing.T) {
	out := capture(t)
	t.Setenv("GONB_TMP_DIR", t.TempDir())
	seenKeys = nil
	p := writeCSV(t, "x.csv", "a\n1\n.\n3\n")
	Use(p).Gen("b = a * 2")
	first := out.String()
	out.Reset()
	seenKeys = nil // a new cell is a new process
	Use(p).Gen("b = a * 2")
	if !strings.Contains(first, "(1 missing value generated)") || out.Len() != 0 {
		t.Errorf("first run printed %q, second %q (want nothing)", first, out.String())
	}
}

// TestTableAndSave makes a regression table of two models and saves it for
// the replication.
func TestTableAndSave(t *testing.T) {
	capture(t)
	d := Use("testdata/hsng.csv")
	m1 := d.Reg("rent ~ pcturban + hsngval", Robust())
	m2 := d.IV("rent ~ pcturban | hsngval ~ faminc", Robust())
	tab := Save(Table(m1, m2, report.RegOptions{Caption: "Rent", Under: report.UnderSE}), "rent")
	if !strings.Contains(tab.String(), "hsngval") {
		t.Errorf("table lacks hsngval:\n%s", tab.String())
	}
	for _, ext := range []string{".tex", ".html", ".md", ".csv"} {
		if _, err := os.Stat(filepath.Join(OutDir("tables"), "rent"+ext)); err != nil {
			t.Errorf("Save: %v", err)
		}
	}
	ms := d.IV("rent ~ csw(pcturban, popden) | hsngval ~ faminc")
	if ms.Len() != 2 {
		t.Errorf("csw() fitted %d models, want 2", ms.Len())
	}
	if got := stops(func() { ms.Coef("hsngval") }); !strings.Contains(got, "fitted 2 models") {
		t.Errorf("Coef of two models: %q", got)
	}
}

// TestEstimationExtras: If restricts the sample as Stata's if does, E reads
// e() scalars, Options hands nb options to library code, and Save shows a
// value that was not shown yet.
func TestEstimationExtras(t *testing.T) {
	out := capture(t)
	d := Use("testdata/hsng.csv")
	south := d.IV("rent ~ pcturban | hsngval ~ faminc", Robust(), If("reg_south == 1"))
	sub := d.Keep("if reg_south == 1").IV("rent ~ pcturban | hsngval ~ faminc", Robust())
	if south.Coef("hsngval") != sub.Coef("hsngval") || south.N() != sub.N() {
		t.Errorf("If: b %v N %d, Keep then fit: b %v N %d", south.Coef("hsngval"), south.N(), sub.Coef("hsngval"), sub.N())
	}
	// e(N) and e(N_clust) of a clustered fit: 50 states in 9 census divisions.
	m := d.IV("rent ~ pcturban | hsngval ~ faminc + reg_ncntrl + reg_south + reg_west", Cluster("division_id"), Endog("hsngval"))
	if m.E("N") != 50 || m.E("N_clust") != 9 || !(m.E("cstatp") >= 0 && m.E("cstatp") <= 1) {
		t.Errorf("E: N %v, N_clust %v, cstatp %v", m.E("N"), m.E("N_clust"), m.E("cstatp"))
	}
	if got := stops(func() { m.E("bogus") }); !strings.Contains(got, `E("bogus"): unknown e() scalar`) {
		t.Errorf("E(bogus): %q", got)
	}
	if o := Options(Cluster("city"), Small()); !o.Small || o.VCE.String() != "cluster:city" {
		t.Errorf("Options = %+v", o)
	}
	out.Reset()
	Save(Tidy([]string{"state", "rent"}, [][]any{{"Alabama", 188.0}}, TidyOptions{Caption: "Rent"}), "rent-tidy")
	Printf("done %d", 1)
	if s := out.String(); !strings.Contains(s, "(saved tables/rent-tidy") || !strings.HasSuffix(s, "done 1\n") {
		t.Errorf("printed %q", s)
	}
}

// TestPlotsAndColumns: Paths and Boxes draw from a panel dataset, Str reads
// text, With adds a column computed in Go.
func TestPlotsAndColumns(t *testing.T) {
	capture(t)
	p := writeCSV(t, "p.csv", "city,region,year,y\nA,east,2001,1\nA,east,2002,2\nB,west,2001,3\nB,west,2002,5\n")
	d := Use(p).Xtset("city year")
	if f := d.Paths("y", "region", PathOptions{Title: "y"}); f == nil {
		t.Fatal("no paths figure")
	}
	if f := d.Boxes("y", "region", "year", BoxOptions{Title: "y"}); f == nil {
		t.Fatal("no box figure")
	}
	if got := strings.Join(d.Str("region"), " "); got != "east east west west" {
		t.Errorf("Str = %q", got)
	}
	w := d.With("z", []float64{1, 2, 3, math.NaN()})
	if z := w.Col("z"); z[2] != 3 || !math.IsNaN(z[3]) {
		t.Errorf("With: z = %v", z)
	}
	if got := stops(func() { d.With("z", []float64{1}) }); !strings.Contains(got, "1 values for 4 observations") {
		t.Errorf("With of the wrong length: %q", got)
	}
}
