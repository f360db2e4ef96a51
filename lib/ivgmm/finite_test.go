package ivgmm

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// Issue 13: no finite-looking number where none exists. Each case is a
// small data set; the expected outcomes are the rules of the package
// documentation ("Numbers that do not exist"), the messages exact.
func TestNonFiniteAndSaturated(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name string
		d    *Data
		opt  Options
		err  error
		msg  string
	}{
		{"Inf cell", &Data{DepName: "y", Y: []float64{1, 2, 3, 4, 5}, ExogNames: []string{"x"},
			Exog: [][]float64{{2, inf, 5, 7, -inf}}, Const: true}, Options{Estimator: OLS}, ErrNonFinite,
			`ivgmm: not a finite number: variable "x" is +Inf in 2 rows (the first is row 2); Stata has no infinity: replace such cells with missing (NA or .) or drop those rows before estimating`},
		{"saturated OLS", &Data{DepName: "y", Y: []float64{1, 2, 4}, ExogNames: []string{"x1", "x2"},
			Exog: [][]float64{{2, 3, 5}, {5, 1, 2}}, Const: true}, Options{Estimator: OLS}, ErrNoDF,
			"ivgmm: no residual degrees of freedom: 3 observations for 3 parameters (_cons, x1, x2); the model fits the data exactly and has no standard errors: add observations or drop regressors"},
		{"IV left with 2 rows", &Data{DepName: "y", Y: []float64{1, 2, 4, 3}, ExogNames: []string{"x"},
			Exog: [][]float64{{1, math.NaN(), math.NaN(), 2}}, EndogNames: []string{"d"}, Endog: [][]float64{{2, 3, 5, 1}},
			InstrNames: []string{"z"}, Instr: [][]float64{{5, 1, 2, 4}}, Const: true}, Options{Estimator: TSLS}, ErrNoDF,
			"ivgmm: no residual degrees of freedom: 2 observations for 2 parameters (_cons, x); the model fits the data exactly and has no standard errors: add observations or drop regressors"},
		{"FE saturated", &Data{DepName: "y", Y: []float64{1, 2, 3, 5}, ExogNames: []string{"x1", "x2"},
			Exog: [][]float64{{1, 3, 2, 7}, {2, 1, 1, 3}}, FENames: []string{"id"}, FE: [][]int{{0, 0, 1, 1}}}, Options{Estimator: OLS}, ErrNoDF,
			"ivgmm: no residual degrees of freedom: 4 observations for 2 parameters (x1, x2) and 2 absorbed groups; the model fits the data exactly and has no standard errors: add observations or drop regressors"},
		{"no rows", &Data{DepName: "y", Y: []float64{}, ExogNames: []string{"x"}, Exog: [][]float64{{}}, Const: true},
			Options{Estimator: OLS}, ErrNoObservations, "ivgmm: no observations: the data have no rows"},
		{"instrument absorbed by the FE", &Data{DepName: "y", Y: []float64{1, 2, 3, 5, 4, 6}, ExogNames: []string{"x"},
			Exog: [][]float64{{1, 3, 2, 7, 5, 1}}, EndogNames: []string{"d"}, Endog: [][]float64{{2, 1, 4, 3, 6, 5}},
			InstrNames: []string{"z"}, Instr: [][]float64{{1, 1, 1, 2, 2, 2}},
			FENames: []string{"id"}, FE: [][]int{{0, 0, 0, 1, 1, 1}}}, Options{Estimator: TSLS}, ErrSingular,
			"ivgmm: singular matrix: excluded instrument z is constant within every id: absorbed by the fixed effect, leaving 0 usable for 1 endogenous regressor(s) (d); the model is not identified: use instruments that vary within id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Fit(c.d, c.opt)
			if !errors.Is(err, c.err) || err.Error() != c.msg {
				t.Errorf("err = %v\nwant %q (%v)", err, c.msg, c.err)
			}
		})
	}
}

// An exact fit with residual degrees of freedom (y = 1 + 2x on 6 rows)
// keeps b and its (rounding-level) SE but has no z, p, interval or model
// test: printed ".", null in JSON, with a note.
func TestExactFit(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6}
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = 1 + 2*v
	}
	r, err := Fit(&Data{DepName: "y", Y: y, ExogNames: []string{"x"}, Exog: [][]float64{x}, Const: true}, Options{Estimator: OLS})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Coef[0]-2) > 1e-12 || math.Abs(r.Coef[1]-1) > 1e-12 || !(r.SE[0] < 1e-12) {
		t.Errorf("b = %v, se = %v; want 2, 1 and se 0 up to rounding", r.Coef, r.SE)
	}
	for j := range r.T {
		if !math.IsNaN(r.T[j]) || !math.IsNaN(r.P[j]) {
			t.Errorf("%s: z %v p %v, want NaN", r.Names[j], r.T[j], r.P[j])
		}
	}
	if r.ModelF.Valid() || len(r.Notes) != 1 || !strings.HasPrefix(r.Notes[0], "the model fits the data exactly") {
		t.Errorf("model F %+v, notes %q", r.ModelF, r.Notes)
	}
	s := r.String()
	for _, want := range []string{"           x |          2", "        .       .           .          .\n", "note: the model fits the data exactly", "F(1, 4)       =          .", "Prob > F      =          ."} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if nonFiniteText(s) {
		t.Errorf("summary prints a non-finite number:\n%s", s)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Coef  map[string]map[string]any
		Notes []string
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Coef["x"]["t"] != nil || m.Coef["x"]["p"] != nil || len(m.Notes) != 1 {
		t.Errorf("JSON coef x %v notes %v; want t and p null and the note", m.Coef["x"], m.Notes)
	}
}

// nonFiniteText reports whether s prints NaN or Inf as a number.
func nonFiniteText(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '(' || r == ')' || r == '=' }) {
		switch strings.TrimLeft(strings.ToLower(w), "+-") {
		case "nan", "inf":
			return true
		}
	}
	return false
}

// The Stock-Yogo footer cites the source tables, not ivreg2's permission
// statement (issue 13).
func TestStockYogoSource(t *testing.T) {
	_, d := cardData(t)
	r, err := Fit(d, Options{Estimator: TSLS})
	if err != nil {
		t.Fatal(err)
	}
	s := r.String()
	if strings.Contains(s, "Reproduced by permission") || !strings.Contains(s, "Source: Stock and Yogo (2005), Tables 5.1 (TSLS bias) and 5.2 (TSLS size).") &&
		!strings.Contains(s, "Source: Stock and Yogo (2005), Table 5.2 (TSLS size).") {
		t.Errorf("footer:\n%s", s)
	}
}
