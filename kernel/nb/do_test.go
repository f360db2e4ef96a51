package nb

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// hsngDo is Stata 13's ivregress example written as a do-file.
const hsngDo = `
* the housing example of [R] ivregress
import delimited testdata/hsng.csv, clear
label variable hsngval "Median house value"
ivregress 2sls rent pcturban (hsngval = faminc i.region), vce(robust) small
estimates store iv
regress rent pcturban hsngval, robust
estimates store ols
local n = e(N)
scalar b_hsngval = _b[hsngval]
keep if region == "West"
`

// TestDoStataNumbers runs a do-file in a cell and checks the stored
// estimates against Stata. Expected: Stata 13, ivregress 2sls rent
// pcturban (hsngval = faminc i.region), vce(robust) small (testdata/README.md,
// case hsng_2sls_robust_small of lib/ivgmm's cases.json), printed with 12
// significant digits; tolerance 1e-7 relative.
func TestDoStataNumbers(t *testing.T) {
	out := capture(t)
	r := Do(hsngDo)
	iv := r.Est("iv")
	for _, c := range []struct {
		name     string
		coef, se float64
	}{
		{"hsngval", 0.00223983298, 0.0006931182971051898},
		{"pcturban", 0.08151596819, 0.4585635381303893},
		{"_cons", 120.70651454, 15.734804232497677},
	} {
		if got := iv.Coef(c.name); math.Abs(got-c.coef) > 1e-7*math.Abs(c.coef) {
			t.Errorf("b[%s] = %.12g, Stata %.12g", c.name, got, c.coef)
		}
		if got := iv.SE(c.name); math.Abs(got-c.se) > 1e-7*c.se {
			t.Errorf("se[%s] = %.12g, Stata %.12g", c.name, got, c.se)
		}
	}
	if iv.N() != 50 || r.Local("n") != "50" {
		t.Errorf("N = %d, local n = %q; want 50", iv.N(), r.Local("n"))
	}
	if got, want := r.Scalar("b_hsngval"), r.Est("ols").Coef("hsngval"); got != want {
		t.Errorf("scalar b_hsngval = %v, _b[hsngval] of the last estimates (ols) = %v", got, want)
	}
	// The dataset goes on as a notebook Data: 13 Western states
	// (hsng.csv's region column).
	if d := r.Data(); d.N() != 13 || d.Count(`if region == "West"`) != 13 {
		t.Errorf("data after keep: N = %d, want 13", d.N())
	}
	if names := strings.Join(r.Names(), " "); names != "iv ols" {
		t.Errorf("stored estimates %q, want \"iv ols\"", names)
	}
	tab := Table(r.Estimates())
	if s := tab.String(); !strings.Contains(s, "Median house value") {
		t.Errorf("the table does not use the variable label:\n%s", s)
	}
	log := out.String()
	for _, want := range []string{". import delimited testdata/hsng.csv, clear", "IV (2SLS) estimation", "(37 observations deleted)"} {
		if !strings.Contains(log, want) {
			t.Errorf("the cell's output lacks %q:\n%s", want, log)
		}
	}
}

// TestDoStops: a do-file error stops the cell with the line and the
// command; an unknown command lists what econb runs.
func TestDoStops(t *testing.T) {
	capture(t)
	cases := []struct {
		script string
		want   []string
	}{
		{"import delimited testdata/hsng.csv\nxtlogit rent faminc, fe\n", []string{
			"econb: Do(…): do-file, line 2: unrecognized command: xtlogit is not in the subset of Stata that econb runs",
			"estimation: regress, xtreg, ivregress, ivreg2, xtivreg2",
			"  . xtlogit rent faminc, fe"}},
		{"import delimited testdata/hsng.csv\n\ngen y = ln(rnet)\n", []string{
			"do-file, line 3: generate: expr: unknown column \"rnet\"", "did you mean \"rent\"?"}},
		{"import delimited testdata/hsng.csv\nassert rent < 300\n", []string{
			"do-file, line 2: assert rent < 300: 3 contradictions in 50 observations"}},
	}
	for _, c := range cases {
		got := stops(func() { Do(c.script) })
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("stop message:\n%s\nwant it to contain:\n%s", got, w)
			}
		}
	}
	if got := stops(func() { DoFile(filepath.Join("testdata", "nope.do")) }); !strings.Contains(got, `DoFile("testdata/nope.do")`) {
		t.Errorf("a missing do-file: %q", got)
	}
}
