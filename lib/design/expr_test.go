package design

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

func readFrame(t *testing.T, csv string) *frame.Frame {
	t.Helper()
	fr, err := frame.ReadCSVFrom(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	return fr
}

// TestGenerateEqualsFormula checks the one-evaluator promise: a column made
// with Stata-style generate (expr.Eval on the frame) and the same term in a
// formula are equal bit for bit: gen ly = ln(y), gen lx1 = L.x, then
// ly ~ lx1 against log(y) ~ l(x, 1).
func TestGenerateEqualsFormula(t *testing.T) {
	fr := readFrame(t, panelCSV)
	opt := Options{Entity: "id", Time: "year"}
	d0, err := buildCSV(t, panelCSV, "log(y) ~ l(x, 1) + I(x^2 + sqrt(z)) | id", opt)
	if err != nil {
		t.Fatal(err)
	}
	src := &Source{Frame: fr, Index: d0.Panel}
	for name, e := range map[string]string{"ly": "ln(y)", "lx1": "L.x", "q": "x^2 + sqrt(z)"} {
		col, err := expr.Eval(src, e)
		if err != nil {
			t.Fatal(err)
		}
		if err := fr.AddFloat(name, col.Num); err != nil {
			t.Fatal(err)
		}
	}
	d1, err := Build(formula.MustParse("ly ~ lx1 + q | id"), fr, opt)
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2][]float64{{d0.Y, d1.Y}, {d0.Exog[0].X, d1.Exog[0].X}, {d0.Exog[1].X, d1.Exog[1].X}}
	for k, p := range pairs {
		for r := range p[0] {
			if math.Float64bits(p[0][r]) != math.Float64bits(p[1][r]) {
				t.Errorf("column %d row %d: formula %v, generate %v", k, r, p[0][r], p[1][r])
			}
		}
	}
	if got := Names(d0.Exog); strings.Join(got, " ") != "l(x,1) I(x^2+sqrt(z))" {
		t.Errorf("names %v", got)
	}
}

// TestBuildExtensions checks I(), the functions of package expr, combined
// fixed effects and multiple estimation on panelCSV, by hand.
func TestBuildExtensions(t *testing.T) {
	nan := math.NaN()
	d, err := buildCSV(t, panelCSV, "y ~ I(x^2) + sqrt(x) + I(cond(z, L.x, -1)) | id^g", Options{Entity: "id", Time: "year"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"I(x^2)":            {4, 16, 64, 1, 9, 81},
		"sqrt(x)":           {math.Sqrt(2), 2, math.Sqrt(8), 1, math.Sqrt(3), 3},
		"I(cond(z,L.x,-1))": {nan, -1, 4, -1, 1, -1}, // z = 1 0 1 0 1 0; L.x = . 2 4 . 1 . (b skips 2003)
	}
	for _, c := range d.Exog {
		if !sameNaN(c.X, want[c.Name]) {
			t.Errorf("%s = %v, want %v", c.Name, c.X, want[c.Name])
		}
	}
	// id^g: pairs (a,1) (a,1) (a,2) (b,2) (b,.) (b,3) coded in (id, g) order;
	// the missing g marks the response of row 5.
	if d.FENames[0] != "id^g" || !sameInts(d.FE[0], []int{0, 0, 1, 2, 0, 3}) || !math.IsNaN(d.Y[4]) {
		t.Errorf("FE %v %v, y %v", d.FENames, d.FE[0], d.Y)
	}
	// Multiple estimation: one design per model, in formula.Expand's order.
	ds, err := BuildAll(formula.MustParse("c(y, x) ~ sw(z, I(log(z + 1)))"), readFrame(t, panelCSV), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.DepName+"~"+Names(d.Exog)[0])
	}
	if strings.Join(got, " ") != "y~z y~I(log(z+1)) x~z x~I(log(z+1))" {
		t.Errorf("models %v", got)
	}
	if _, err := Build(formula.MustParse("y ~ sw(z, x)"), readFrame(t, panelCSV), Options{}); !errors.Is(err, ErrMulti) {
		t.Errorf("Build of two models: %v", err)
	}
}

// TestDomainErrors checks that a formula function outside its domain is an
// error naming the rows, while inside I() Stata's rule (missing) applies.
func TestDomainErrors(t *testing.T) {
	const csv = "a,b\n1,-1\n2,4\n3,-9\n"
	_, err := buildCSV(t, csv, "a ~ sqrt(b)", Options{})
	want := "formula: square root of a negative value (2 rows; row 1 has b = -1) in regressors (1:5); sqrt() is missing outside its domain; filter or transform the data first\n | a ~ sqrt(b)\n | ....^"
	if !errors.Is(err, ErrDomain) || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	d, err := buildCSV(t, csv, "a ~ I(sqrt(b))", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := d.Exog[0].X; !math.IsNaN(c[0]) || c[1] != 2 || !math.IsNaN(c[2]) {
		t.Errorf("I(sqrt(b)) = %v", c)
	}
	_, err = buildCSV(t, panelCSV, "y ~ I(r + 1)", Options{})
	if !errors.Is(err, expr.ErrType) || !strings.Contains(err.Error(), "type mismatch") || !strings.Contains(err.Error(), "(1:9)") {
		t.Errorf("string in I(): %v", err)
	}
}

// TestSample checks the count of dropped rows per reason, each row once
// under its first missing variable (panelCSV by hand).
func TestSample(t *testing.T) {
	d, err := buildCSV(t, panelCSV, "y ~ l(x, 1) | id | z ~ l(x, 2)", Options{Entity: "id", Time: "year", Cluster: "g"})
	if err != nil {
		t.Fatal(err)
	}
	// l(x,1) = . 2 4 . 1 .   l(x,2) = . . 2 . . 3   g missing on row 5
	keep, drops := d.Sample()
	if !sameBools(keep, []bool{false, false, true, false, false, false}) {
		t.Errorf("keep %v", keep)
	}
	var got []string
	for _, dr := range drops {
		got = append(got, dr.String())
	}
	if want := "3 observations: missing l(x,1); 2 observations: missing l(x,2)"; strings.Join(got, "; ") != want {
		t.Errorf("drops %q, want %q", strings.Join(got, "; "), want)
	}
	d, _ = buildCSV(t, panelCSV, "y ~ x", Options{Cluster: "g"})
	if _, drops := d.Sample(); len(drops) != 1 || drops[0].String() != "1 observation: missing cluster g" {
		t.Errorf("cluster drops %v", drops)
	}
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
