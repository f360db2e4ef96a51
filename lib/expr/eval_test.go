package expr

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/panel"
)

// evalOne evaluates a constant expression, or fails the test.
func evalOne(t *testing.T, src string) Value {
	t.Helper()
	v, err := Constant(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

// same reports whether two numbers are equal, two NaNs counting as equal.
func same(a, b float64) bool { return a == b || a != a && b != b }

const miss = "."

// TestStataMissingRules checks each rule of Stata's missing values, with the
// manual's section. Every expected value is the manual's statement or
// example, or follows from it by hand.
func TestStataMissingRules(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		src  string
		want float64
		rule string
	}{
		// [U] 13.2.1 Arithmetic operators: an operation on a missing value, or
		// an impossible one such as division by zero, yields missing.
		{". + 1", nan, "[U] 13.2.1 missing operand"},
		{"2 * .", nan, "[U] 13.2.1 missing operand"},
		{"1/0", nan, "[U] 13.2.1 division by zero"},
		{"0/0", nan, "[U] 13.2.1 division by zero"},
		{"1^.", nan, "[U] 13.2.1 missing operand (Go's Pow(1, NaN) would be 1)"},
		{".^0", nan, "[U] 13.2.1 missing operand (Go's Pow(NaN, 0) would be 1)"},
		{"0^-1", nan, "[U] 13.2.1 impossible operation"},
		{"(-8)^(1/3)", nan, "negative base, fractional power: missing (Statalist, Blasnik 28 Feb 2003)"},
		{"0^0", 1, "0^0 is 1"},
		{"-2^2", -4, "^ before negation (Stata FAQ, The use of macros with the power operator)"},
		// [U] 12.2.1: numbers at least 2^1023 (c(maxdouble) ~ 8.99e+307) are missing.
		{"8e307 + 8e307", nan, "[U] 12.2.1 beyond c(maxdouble)"},
		{"1e200 * 1e200", nan, "[U] 12.2.1 beyond c(maxdouble)"},
		{"8e307 * 1", 8e307, "[U] 12.2.1 within c(maxdouble)"},
		// [FN] Mathematical functions: outside the domain the result is missing, not an error.
		{"ln(0)", nan, "[FN] ln() domain"},
		{"ln(-1)", nan, "[FN] ln() domain"},
		{"log(1)", 0, "[FN] ln(1)"},
		{"log10(100)", 2, "[FN] log10()"},
		{"sqrt(-1)", nan, "[FN] sqrt() domain"},
		{"sqrt(4)", 2, "[FN] sqrt()"},
		{"exp(710)", nan, "[FN] exp() range"},
		{"exp(0)", 1, "[FN] exp()"},
		{"abs(-2)", 2, "[FN] abs()"},
		{"abs(.)", nan, "[FN] abs() of missing"},
		{"int(-2.5)", -2, "[FN] int(): integer part, toward 0"},
		{"floor(-2.5)", -3, "[FN] floor()"},
		{"ceil(-2.5)", -2, "[FN] ceil()"},
		{"sign(-3)", -1, "[FN] sign()"},
		{"sign(0)", 0, "[FN] sign()"},
		{"sign(.)", nan, "[FN] sign() of missing"},
		// [FN] round(): the manual's examples.
		{"round(5.2, 1)", 5, "[FN] round() example"},
		{"round(4.8, 1)", 5, "[FN] round() example"},
		{"round(-5.2, 1)", -5, "[FN] round() example"},
		{"round(-4.8, 1)", -5, "[FN] round() example"},
		{"round(sqrt(2), .01)", 1.41, "[FN] round() example"},
		{"round(28, 5)", 30, "[FN] round() example"},
		{"round(3.3, 0)", 3.3, "[FN] round(): y = 0 returns x unmodified"},
		{"round(4.2)", 4, "[FN] round(x) is round(x, 1)"},
		{"round(8.75, 0.1)", 8.8000000000000007, "Statalist (Cox, 13 Apr 2006): hex +1.199999999999aX+003"},
		{"round(., 1)", nan, "[FN] round() of missing"},
		{"round(1, .)", nan, "[FN] round(x, .) is missing"},
		{"mod(7, 3)", 1, "[FN] mod()"},
		{"mod(-7, 3)", 2, "[FN] mod(x, y) = x - y*floor(x/y)"},
		{"mod(7, 0)", nan, "[FN] mod(x, 0) is missing"},
		// [U] 12.2.1 and 13.2.3: missing is larger than every number and equal
		// to itself; comparisons are 0 or 1, never missing. (The table of the
		// R package statacompat's vignette, which cites the same sections.)
		{". > 5", 1, "[U] 12.2.1 all numbers < ."},
		{"5 < .", 1, "[U] 12.2.1 all numbers < ."},
		{". == 1", 0, "[U] 12.2.1"},
		{". != 1", 1, "[U] 12.2.1"},
		{". == .", 1, "[U] 12.2.1"},
		{". != .", 0, "[U] 12.2.1"},
		{". >= .", 1, "[U] 12.2.1"},
		{". < .", 0, "[U] 12.2.1"},
		{"8e307 < .", 1, "[U] 12.2.1: the largest number is below missing"},
		// [U] 13.2.4 and Cox, "True and false in Stata", rule 2: 0 is false,
		// any other value, missing included, true; results are 0 or 1.
		{". & 1", 1, "[U] 13.2.4 missing is true"},
		{". & 0", 0, "[U] 13.2.4"},
		{". | 0", 1, "[U] 13.2.4 missing is true"},
		{"!.", 0, "[U] 13.2.4 missing is true"},
		{"!0", 1, "[U] 13.2.4"},
		{"!2", 0, "[U] 13.2.4 nonzero is true"},
		{"2 & -3", 1, "[U] 13.2.4 result is 0 or 1"},
		// [FN] cond(): a if x is true and nonmissing, b if false, c if missing,
		// a if x is missing and c is not given; x > 2 is never missing.
		{"cond(5, 1, 2, 3)", 1, "[FN] cond() true"},
		{"cond(0, 1, 2, 3)", 2, "[FN] cond() false"},
		{"cond(., 1, 2, 3)", 3, "[FN] cond() missing x takes c"},
		{"cond(., 1, 2)", 1, "[FN] cond() missing x without c takes a"},
		{"cond(. > 2, 50, 70, .)", 50, "[FN] cond(x>2,50,70) returns 50 when x > . (the help's example)"},
		// [FN] min(), max(): missing values are ignored; all missing gives missing.
		{"min(., 1)", 1, "[FN] min() ignores missing"},
		{"max(1, ., 3)", 3, "[FN] max() ignores missing"},
		{"max(., .)", nan, "[FN] max() of all missing"},
		{"min(2, -1, 5)", -1, "[FN] min()"},
		// [FN] missing(), inlist(), inrange().
		{"missing(1, .)", 1, "[FN] missing(): any argument missing"},
		{"missing(1, 2)", 0, "[FN] missing()"},
		{`missing("")`, 1, "[FN] missing(): \"\" is the string missing value"},
		{`missing("a", 1)`, 0, "[FN] missing() with mixed types"},
		{"inlist(2, 1, 2, 3)", 1, "[FN] inlist()"},
		{"inlist(4, 1, 2, 3)", 0, "[FN] inlist()"},
		{"inlist(., 1, .)", 1, "[FN] inlist() tests equality; . == . ([U] 12.2.1)"},
		{"inrange(., 1, 2)", 0, "[FN] inrange() rule 1: z missing gives 0"},
		{"inrange(5, ., .)", 1, "[FN] inrange() rule 2: a and b missing give 1"},
		{"inrange(5, ., 6)", 1, "[FN] inrange() rule 3: a missing gives z <= b"},
		{"inrange(7, ., 6)", 0, "[FN] inrange() rule 3"},
		{"inrange(5, 6, .)", 0, "[FN] inrange() rule 4: b missing gives a <= z"},
		{"inrange(7, 6, .)", 1, "[FN] inrange() rule 4"},
		{"inrange(2, 1, 3)", 1, "[FN] inrange() rule 5"},
		{"inrange(3, 1, 3)", 1, "[FN] inrange() rule 5, bounds included"},
		// [U] 12.4 and [FN] string functions.
		{`"" < "a"`, 1, "[U] 13.2.3 strings compare bytewise; \"\" sorts first"},
		{`"B" < "a"`, 1, "[U] 13.2.3 bytewise: uppercase before lowercase"},
		{`strlen("abc")`, 3, "[FN] strlen()"},
		{`real("5.2") + 1`, 6.2, "[FN] real() example"},
		{`real("hello")`, nan, "[FN] real() of a non-number is missing"},
		{`real(" 2.5 ")`, 2.5, "[FN] real() allows blanks"},
		{`real("")`, nan, "[FN] real() of missing"},
		// Constants.
		{"_pi", math.Pi, "[U] 13.4 System variables: _pi"},
	}
	for _, tc := range tests {
		v := evalOne(t, tc.src)
		if v.Type != Numeric || !same(v.Num, tc.want) {
			t.Errorf("%s = %v, want %v (%s)", tc.src, v, tc.want, tc.rule)
		}
	}
}

// TestStringFunctions checks the string functions on the examples of
// [FN] String functions.
func TestStringFunctions(t *testing.T) {
	tests := []struct{ src, want string }{
		{`substr("abcdef", 2, 3)`, "bcd"},
		{`substr("abcdef", -3, 2)`, "de"},
		{`substr("abcdef", 2, .)`, "bcdef"},
		{`substr("abcdef", -3, .)`, "def"},
		{`substr("abcdef", 2, 0)`, ""},
		{`substr("abcdef", 15, 2)`, ""},
		{`upper("this")`, "THIS"},
		{`lower("THIS")`, "this"},
		{`strupper("café")`, "CAFé"}, // ASCII letters only, as strupper() ([FN]: ustrupper() for Unicode)
		{`trim("  a b  ")`, "a b"},
		{`ltrim("  a ")`, "a "},
		{`rtrim("  a ")`, "  a"},
		{`string(4) + "F"`, "4F"},        // [FN] strofreal() example
		{`string(1234567)`, "1234567"},   // [FN] strofreal() example
		{`string(12345678)`, "1.23e+07"}, // [FN] strofreal() example
		{`string(.)`, "."},               // [FN] strofreal() example
		{`string(0.5)`, ".5"},            // %9.0g drops the leading zero
		{`"a" + ""`, "a"},                // "" is missing, and + only concatenates
		{`cond(1, "x", "y")`, "x"},
	}
	for _, tc := range tests {
		v := evalOne(t, tc.src)
		if v.Type != String || v.Str != tc.want {
			t.Errorf("%s = %q (%v), want %q", tc.src, v.Str, v.Type, tc.want)
		}
	}
}

// testSource is a small panel: entity a at 2001-2003, entity b at 2001,
// 2002 and 2004 (a gap at 2003), with a missing x at a's 2003.
func testSource(t *testing.T) *Map {
	t.Helper()
	nan := math.NaN()
	ix, err := panel.NewIndex([]string{"a", "a", "a", "b", "b", "b"}, []int{2001, 2002, 2003, 2001, 2002, 2004})
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMap(map[string][]float64{
		"x":  {1, 2, nan, 4, 5, 6},
		"y":  {1, 0, -1, 2, 4, 8},
		"id": {1, 1, 1, 2, 2, 2},
	}, map[string][]string{"s": {"n", "s", "", "w", "n", "s"}}, ix)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestColumns evaluates expressions over the rows of testSource; each
// expected column is worked out by hand from the data above.
func TestColumns(t *testing.T) {
	nan := math.NaN()
	src := testSource(t)
	tests := []struct {
		src     string
		want    []float64
		missing int
	}{
		{"x*2 + 1", []float64{3, 5, nan, 9, 11, 13}, 1},
		{"x > 3", []float64{0, 0, 1, 1, 1, 1}, 0}, // missing x counts as larger ([U] 12.2.1)
		{"x > 3 & !missing(x)", []float64{0, 0, 0, 1, 1, 1}, 0},
		// Lags follow the panel: missing before an entity's first period and
		// across b's gap at 2003 (L.x at 2004 is x at 2003, absent).
		{"L.x", []float64{nan, 1, 2, nan, 4, nan}, 3},
		{"l(x, 1)", []float64{nan, 1, 2, nan, 4, nan}, 3},
		{"L2.x", []float64{nan, nan, 1, nan, nan, 5}, 4},
		{"F.x", []float64{2, nan, nan, 5, nan, nan}, 4},
		{"f(x, 2)", []float64{nan, nan, nan, nan, 6, nan}, 5},
		{"D.x", []float64{nan, 1, nan, nan, 1, nan}, 4},
		{"d(x)", []float64{nan, 1, nan, nan, 1, nan}, 4},
		{"D.y", []float64{nan, -1, -1, nan, 2, nan}, 3},
		{"D2.y", []float64{nan, nan, 0, nan, nan, nan}, 5},
		{"S2.y", []float64{nan, nan, -2, nan, nan, 4}, 4},
		{"LD.y", []float64{nan, nan, -1, nan, nan, nan}, 5},
		{"L.(y^2)", []float64{nan, 1, 0, nan, 4, nan}, 3},
		{"l(log(y), 1)", []float64{nan, 0, nan, nan, math.Log(2), nan}, 4},
		{"L0.x", []float64{1, 2, nan, 4, 5, 6}, 1},
		// Subscripts ignore the panel: row order, missing outside the data.
		{"x[_n-1]", []float64{nan, 1, 2, nan, 4, 5}, 2},
		{"x[_N]", []float64{6, 6, 6, 6, 6, 6}, 0},
		{"y[2.9]", []float64{0, 0, 0, 0, 0, 0}, 0}, // truncated to row 2
		{"_n", []float64{1, 2, 3, 4, 5, 6}, 0},
		{`s == "n"`, []float64{1, 0, 0, 0, 1, 0}, 0},
		{`strlen(s)`, []float64{1, 1, 0, 1, 1, 1}, 0},
		{"cond(x > 4, x, -x)", []float64{-1, -2, nan, -4, 5, 6}, 1}, // x > 4 is true for missing x: the x branch
		{"log(y)", []float64{0, nan, nan, math.Log(2), math.Log(4), math.Log(8)}, 2},
	}
	for _, tc := range tests {
		col, err := Eval(src, tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		ok := col.Type == Numeric && len(col.Num) == len(tc.want)
		for i := range tc.want {
			ok = ok && same(col.Num[i], tc.want[i])
		}
		if !ok || col.Missing != tc.missing {
			t.Errorf("%s = %v (%d missing), want %v (%d missing)", tc.src, col.Num, col.Missing, tc.want, tc.missing)
		}
	}
}

// TestNotes checks that the missing values an operation makes of
// non-missing operands are counted, with the first row and its operands.
func TestNotes(t *testing.T) {
	col, err := Eval(testSource(t), "log(y) + 1/(x-2)")
	if err != nil {
		t.Fatal(err)
	}
	// y = 1 0 -1 2 4 8: log makes missing on rows 2 and 3 (0-based 1, 2);
	// x-2 = -1 0 . 2 3 4: 1/0 on row 2 (0-based 1); row 3 has x missing.
	if len(col.Notes) != 2 {
		t.Fatalf("notes %v", col.Notes)
	}
	if n := col.Notes[0]; n.Node.String() != "log(y)" || n.Rows != 2 || n.First != 1 || n.Args[0] != 0 {
		t.Errorf("note %v args %v", n, n.Args)
	}
	if got := col.Notes[1].String(); got != "1/(x-2): division by zero on 1 row (first: row 2)" {
		t.Errorf("note %q", got)
	}
	// With a mask, only the selected rows count (Stata's gen … if).
	p, _ := Compile(MustParse("log(y)"), testSource(t), Options{})
	col = p.RunMask([]bool{true, false, true, true, true, true})
	if len(col.Notes) != 1 || col.Notes[0].Rows != 1 || col.Notes[0].First != 2 || col.Missing != 2 {
		t.Errorf("masked: notes %v, missing %d", col.Notes, col.Missing)
	}
}

// TestByGroups checks _n, _N and subscripts within by-groups (Stata's by
// id: gen …), in row order.
func TestByGroups(t *testing.T) {
	nan := math.NaN()
	src := testSource(t)
	by := []int32{7, 7, 7, 3, 3, -1} // the last row in no group
	for _, tc := range []struct {
		src  string
		want []float64
	}{
		{"_n", []float64{1, 2, 3, 1, 2, nan}},
		{"_N", []float64{3, 3, 3, 2, 2, nan}},
		{"x[_n-1]", []float64{nan, 1, 2, nan, 4, nan}},
		{"y[_N]", []float64{-1, -1, -1, 4, 4, nan}},
	} {
		p, err := Compile(MustParse(tc.src), src, Options{By: by})
		if err != nil {
			t.Fatal(err)
		}
		col := p.Run()
		for i := range tc.want {
			if !same(col.Num[i], tc.want[i]) {
				t.Errorf("by: %s = %v, want %v", tc.src, col.Num, tc.want)
				break
			}
		}
	}
}

// TestCompileErrors checks the errors found against the data.
func TestCompileErrors(t *testing.T) {
	src := testSource(t)
	tests := []struct {
		src  string
		err  error
		want string
	}{
		{"ln(xx) + 1", ErrUnknownColumn, "expr: unknown column \"xx\" (1:4); did you mean \"x\"?\n | ln(xx) + 1\n | ...^"},
		{"log(s)", ErrType, "expr: type mismatch: log() takes a number as argument 1, and s is a string (1:5); the syntax is ln(x) or log(x)\n | log(s)\n | ....^"},
		{`x + "a"`, ErrType, "expr: type mismatch: \"+\" of a number (x) and a string (\"a\") (1:3); convert one side with real() or string()\n | x + \"a\"\n | ..^"},
		{`s * 2`, ErrType, "expr: type mismatch: \"*\" of a string (s) and a number (2) (1:3); convert one side with real() or string()\n | s * 2\n | ..^"},
		{`s - s`, ErrType, "expr: type mismatch: \"-\" applies to numbers, not strings (1:3); strings take + (concatenation) and comparisons\n | s - s\n | ..^"},
		{`-s`, ErrType, "expr: type mismatch: \"-\" applies to numbers, and s is a string (1:1)\n | -s\n | ^"},
		{"L.s", ErrType, "expr: type mismatch: time-series operators apply to numeric columns, and s is a string (1:3)\n | L.s\n | ..^"},
		{"L(1/2).x", ErrList, "expr: L(1/2).x stands for 2 columns, not one value (1:1); use it in a variable list or a formula, or write the lags one by one (L.x, L2.x)\n | L(1/2).x\n | ^"},
		{`cond(x, 1, "a")`, ErrType, "expr: type mismatch: cond()'s a, b and c are all numbers or all strings, and \"a\" is a string (1:12); the syntax is cond(x, a, b[, c])\n | cond(x, 1, \"a\")\n | ...........^"},
	}
	for _, tc := range tests {
		_, err := Eval(src, tc.src)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error %v, want %v", tc.src, err, tc.err)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s: error:\n%s\nwant:\n%s", tc.src, err, tc.want)
		}
	}
	// No panel: lags are an error, as Stata's "time variable not set".
	m, _ := NewMap(map[string][]float64{"x": {1, 2}}, nil, nil)
	_, err := Eval(m, "D.x")
	if !errors.Is(err, ErrNoPanel) || !strings.Contains(err.Error(), "D.x needs a panel index") {
		t.Errorf("no panel: %v", err)
	}
	// A constant reads no column.
	if _, err := Constant("x + 1"); !errors.Is(err, ErrUnknownColumn) || !strings.Contains(err.Error(), "a constant expression reads no column") {
		t.Errorf("constant: %v", err)
	}
}

// TestOverflow checks that results beyond c(maxdouble) are missing and
// counted wherever they fall in a chunk (the kernels' unrolled body and
// their tail): [U] 12.2.1, numbers at least 2^1023 are missing.
func TestOverflow(t *testing.T) {
	nan := math.NaN()
	x := []float64{1e200, 1, 2, 3, 1e200, 4, 5e200, nan, 1e200}
	m, _ := NewMap(map[string][]float64{"x": x, "h": {1e200, 1e200, 1e200, 1e200, 1e200, 1e200, 1e200, 1e200, -1e200}}, nil, nil)
	for _, tc := range []struct {
		src  string
		want []float64
		bad  int
	}{
		{"x*h", []float64{nan, 1e200, 2e200, 3e200, nan, 4e200, nan, nan, nan}, 4},
		{"x/(1/h)", []float64{nan, 1e200, 2e200, 3e200, nan, 4e200, nan, nan, nan}, 4},
		{"x*h - x*h", []float64{nan, 0, 0, 0, nan, 0, nan, nan, nan}, 8}, // each product: 4
		{"(x + 8e307) + (x + 8e307)", []float64{nan, nan, nan, nan, nan, nan, nan, nan, nan}, 8},
	} {
		col, err := Eval(m, tc.src)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for _, n := range col.Notes {
			bad += n.Rows
		}
		ok := bad == tc.bad
		for i, w := range tc.want {
			ok = ok && same(col.Num[i], w)
		}
		if !ok {
			t.Errorf("%s = %v (%d generated), want %v (%d)", tc.src, col.Num, bad, tc.want, tc.bad)
		}
	}
}

// Canonical spells one column one way: a lag of 0 is its operand, lags
// print in Stata's form, aliases take their canonical name (issue 13).
func TestCanonical(t *testing.T) {
	for _, c := range [][2]Node{
		{&Lag{X: &Var{Name: "x"}, Form: Formula}, &Var{Name: "x"}},
		{&Lag{X: &Var{Name: "x"}, Lo: 1, Hi: 1, Form: Formula}, &Lag{X: &Var{Name: "x"}, Lo: 1, Hi: 1}},
		{&Call{Func: "ln", Args: []Node{&Lag{X: &Var{Name: "y"}, Form: Stata}}}, &Call{Func: "log", Args: []Node{&Var{Name: "y"}}}},
	} {
		a, b := Canonical(c[0]), Canonical(c[1])
		if a.String() != b.String() || !Equal(a, b) {
			t.Errorf("Canonical(%s) = %s, want %s", c[0], a, b)
		}
	}
}
