package formula

import (
	"errors"
	"testing"

	"github.com/econb/econb/lib/expr"
)

// TestParseExtensions checks the canonical text of I(), the functions of
// package expr, combined fixed effects and multiple estimation, and that it
// parses back to the same formula.
func TestParseExtensions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"y ~ I(x ^ 2) + I(log(a) * b)", "y ~ I(x^2) + I(log(a)*b)"},
		{"y ~ I(cond(x > 0 | z < 1, x, .))", "y ~ I(cond(x>0|z<1,x,.))"},
		{"y ~ I (x~=1)", "y ~ I(x!=1)"},
		{"I(y/1000) ~ x", "I(y/1000) ~ x"},
		{"y ~ I(L.x) + I(x[_n-1])", "y ~ I(L.x) + I(x[_n-1])"},
		{`y ~ I(strlen("a)b"))`, `y ~ I(strlen("a)b"))`},
		{"y ~ sqrt(x) + exp(z):w + abs(d(x)) + log10(x) + round(x)", "y ~ sqrt(x) + exp(z):w + abs(d(x)) + log10(x) + round(x)"},
		{"y ~ x | firm^year + region", "y ~ x | firm^year + region"},
		{"y ~ x | a ^ b ^ c", "y ~ x | a^b^c"},
		{"y ~ x + sw(a, b + c)", "y ~ x + sw(a, b + c)"},
		{"c(y1,y2) ~ csw0(a,b) | mvsw(f1, f1^f2)", "c(y1, y2) ~ csw0(a, b) | mvsw(f1, f1^f2)"},
		{"sw(y, log(y)) ~ x | e ~ sw0(z1, z2)", "sw(y, log(y)) ~ x | e ~ sw0(z1, z2)"},
	}
	for _, tc := range tests {
		f, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := f.String(); got != tc.want {
			t.Errorf("%s: String() = %q, want %q", tc.in, got, tc.want)
		}
		g, err := Parse(f.String())
		if err != nil || !f.Equal(g) {
			t.Errorf("%s: re-parse %v %v", tc.in, err, g)
		}
	}
}

// TestExtensionErrors checks the exact text of the new errors.
func TestExtensionErrors(t *testing.T) {
	tests := []struct {
		in   string
		err  error
		want string
	}{
		{"y ~ x^2", ErrSyntax, "formula: unexpected \"^\" in regressors (1:6); combined fixed effects a^b go among the fixed effects, after \"|\"; for a power, write I(x^2)\n | y ~ x^2\n | .....^"},
		{"y ~ I(x^)", ErrSyntax, "formula: unexpected end of expression in regressors (1:9)\n | y ~ I(x^)\n | ........^"},
		{"y ~ I()", ErrSyntax, "formula: empty I() in regressors (1:5); write the expression inside, as in I(x^2)\n | y ~ I()\n | ....^"},
		{"y ~ I(x^2", ErrSyntax, "formula: unclosed \"(\" (1:6)\n | y ~ I(x^2\n | .....^"},
		{"y ~ I(lgo(x))", ErrUnknownFunction, "formula: unknown function lgo() in regressors (1:7); did you mean log()?\n | y ~ I(lgo(x))\n | ......^"},
		{"y ~ I(L(1/2).x)", ErrSyntax, "formula: I(L(1/2).x) stands for several columns in regressors (1:5); write a lag list as its own term, l(x, 1:2)\n | y ~ I(L(1/2).x)\n | ....^"},
		{"y ~ x | l(a)^b", ErrSyntax, "formula: unexpected \"^\" in fixed effects (1:13); combined fixed effects a^b go among the fixed effects, after \"|\"; for a power, write I(x^2)\n | y ~ x | l(a)^b\n | ............^"},
		{"y ~ sw(a, sw(b, c))", ErrSyntax, "formula: sw() inside another multiple-estimation call in regressors (1:11); list the combinations in one call\n | y ~ sw(a, sw(b, c))\n | ..........^"},
		{"y ~ sw(a, b):z", ErrSyntax, "formula: sw() in a product in regressors (1:5); write the products inside it: sw(x:z, w:z)\n | y ~ sw(a, b):z\n | ....^"},
		{"csw(y1, y2) ~ x", ErrSyntax, "formula: csw() in the response in response (1:1); several responses are written c(y1, y2) or sw(y1, y2)\n | csw(y1, y2) ~ x\n | ^"},
		{"c(y1, y2 + y3) ~ x", ErrSyntax, "formula: y2 + y3 is not one variable in response (1:7); each response is one column, as in c(y1, log(y2))\n | c(y1, y2 + y3) ~ x\n | ......^"},
		{"y ~ x | sw(e1, e2) ~ z", ErrSyntax, "formula: sw() among the endogenous regressors in endogenous (1:9); multiple estimation applies to the response, regressors, instruments and fixed effects\n | y ~ x | sw(e1, e2) ~ z\n | ........^"},
		{"y ~ c(a, b)", ErrUnknownFunction, "formula: unknown function \"c\" in regressors (1:5); c(y1, y2) lists several responses, left of \"~\"; alternatives among the regressors are sw(a, b); the functions are l(x, k), f(x, k), d(x), log(x), i(var)\n | y ~ c(a, b)\n | ....^"},
		{"y ~ mvsw(a, b, c, d, e, f, g, h, i, j, k)", ErrSyntax, "formula: too many models (more than 1000); multiple estimation multiplies the models of each sw(), csw() and mvsw(); split the formula"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error %v, want %v", tc.in, err, tc.err)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s: error:\n%s\nwant:\n%s", tc.in, err, tc.want)
		}
	}
	// Validation sees into I() and every model.
	for _, tc := range []struct {
		in   string
		err  error
		want string
	}{
		{"y ~ I(log(xx))", ErrUnknownColumn, "formula: unknown column \"xx\" in regressors (1:11); did you mean \"x\"?\n | y ~ I(log(xx))\n | ..........^"},
		{"y ~ l (x, 1)", ErrNoPanel, "formula: l() needs a panel index in regressors (1:5); set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)\n | y ~ l (x, 1)\n | ....^"},
		{"y ~ I(L.x)", ErrNoPanel, "formula: L. (a time-series operator) needs a panel index in regressors (1:7); set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)\n | y ~ I(L.x)\n | ......^"},
		{"y ~ sw(x, qq)", ErrUnknownColumn, "formula: unknown column \"qq\" in regressors (1:11)\n | y ~ sw(x, qq)\n | ..........^"},
		{"y ~ x | id^yaer", ErrUnknownColumn, "formula: unknown column \"yaer\" in fixed effects (1:12); did you mean \"year\"?\n | y ~ x | id^yaer\n | ...........^"},
	} {
		err := Validate(MustParse(tc.in), testColumns, false)
		if !errors.Is(err, tc.err) || err.Error() != tc.want {
			t.Errorf("%s: error:\n%v\nwant:\n%s", tc.in, err, tc.want)
		}
	}
}

// TestTermNode checks that formula terms are the nodes of package expr:
// l(x, 1) is Stata's L.x, d(x) is D.x, x:z is x*z, so that one evaluator
// serves both (package design evaluates every term through expr).
func TestTermNode(t *testing.T) {
	tests := []struct{ term, stata string }{
		{"l(x, 1)", "L.x"}, {"l(x, 2)", "L2.x"}, {"f(x, 1)", "F.x"}, {"l(x, -1)", "F.x"}, {"d(x)", "D.x"},
		{"log(x)", "ln(x)"}, {"x:z", "x*z"}, {"x:z:w", "(x*z)*w"}, {"l(log(x), 1)", "L.(ln(x))"},
		{"d(log(y))", "D.(log(y))"}, {"sqrt(x):l(z, 2)", "sqrt(x)*L2.z"}, {"I(x^2)", "x^2"}, {"I(L.x):z", "L.x*z"},
	}
	for _, tc := range tests {
		f := MustParse("y ~ " + tc.term)
		got := f.Regressors[0].Node()
		want := expr.MustParse(tc.stata)
		if got == nil || !expr.Equal(got, want) {
			t.Errorf("%s: node %v, want %v", tc.term, got, want)
		}
	}
	if MustParse("y ~ i(r):x").Regressors[0].Node() != nil {
		t.Error("i() has a node")
	}
}
