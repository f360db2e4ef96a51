package expr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// sexpr prints n fully parenthesised, to test grouping.
func sexpr(n Node) string {
	switch n := n.(type) {
	case *Unary:
		return fmt.Sprintf("(%s %s)", n.Op, sexpr(n.X))
	case *Binary:
		return fmt.Sprintf("(%s %s %s)", n.Op, sexpr(n.X), sexpr(n.Y))
	case *Call:
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			args[i] = sexpr(a)
		}
		return n.Func + "(" + strings.Join(args, " ") + ")"
	case *Lag:
		return fmt.Sprintf("(lag %d:%d %s)", n.Lo, n.Hi, sexpr(n.X))
	case *Diff:
		return fmt.Sprintf("(diff %d/%d %s)", n.Order, n.Season, sexpr(n.X))
	case *Subscript:
		return fmt.Sprintf("(at %s %s)", sexpr(n.X), sexpr(n.Row))
	}
	return n.String()
}

// TestPrecedence checks the grouping against Stata's order of evaluation
// ([U] 13.2.5: ! ^ - (negation) / * - + != > < <= >= == & |) and the
// examples of the Stata FAQ "The use of macros with the power operator"
// (-2^2 is -4).
func TestPrecedence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"-2^2", "(- (^ 2 2))"},
		{"2^-1", "(^ 2 (- 1))"},
		{"2^3^2", "(^ 2 (^ 3 2))"},
		{"-a*b", "(* (- a) b)"},
		{"!x^2", "(^ (! x) 2)"},
		{"!x==1", "(== (! x) 1)"},
		{"~x", "(! x)"},
		{"a+b-c", "(+ a (- b c))"},
		{"a-b+c", "(+ (- a b) c)"},
		{"a-b-c", "(- (- a b) c)"},
		{"a*b/c", "(* a (/ b c))"},
		{"a/b*c", "(* (/ a b) c)"},
		{"a/b/c", "(/ (/ a b) c)"},
		{"a+b*c^d", "(+ a (* b (^ c d)))"},
		{"a<b==c", "(== (< a b) c)"},
		{"a==b<c", "(== a (< b c))"},
		{"a!=b>c", "(> (!= a b) c)"},
		{"a~=b", "(!= a b)"},
		{"x>5&y<3|z", "(| (& (> x 5) (< y 3)) z)"},
		{"a|b&c", "(| a (& b c))"},
		{"-(a+b)", "(- (+ a b))"},
		{"--a", "(- (- a))"},
		{"a--b", "(- a (- b))"},
		{"L.x+F2.x", "(+ (lag 1:1 x) (lag -2:-2 x))"},
		{"LD.x", "(lag 1:1 (diff 1/1 x))"},
		{"D2.x", "(diff 2/1 x)"},
		{"S12.x", "(diff 1/12 x)"},
		{"l(x,2)*f(x)", "(* (lag 2:2 x) (lag -1:-1 x))"},
		{"d(log(x))", "(diff 1/1 log(x))"},
		{"L(1/2).x", "(lag 1:2 x)"},
		{"F(1/2).x", "(lag -1:-2 x)"},
		{"x[_n-1]", "(at x (- _n 1))"},
		{"cond(x>0,1,2)", "cond((> x 0) 1 2)"},
	}
	for _, tc := range tests {
		n, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := sexpr(n); got != tc.want {
			t.Errorf("%s parses as %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestRoundTrip checks the canonical text of each expression and that it
// parses back to an Equal node.
func TestRoundTrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a * b + log(c)", "a*b+log(c)"},
		{"ln(gdp) if", ""}, // not an expression: checked in TestParseErrors
		{"(a + b) * c", "(a+b)*c"},
		{"(-a)^2", "(-a)^2"},
		{"(a^b)^c", "(a^b)^c"},
		{"a - (b - c)", "a-(b-c)"},
		{"a + (b - c)", "a+b-c"},
		{"(a + b) - c", "(a+b)-c"}, // a+b-c is a+(b-c) in Stata's order
		{"!(x > 5)", "!(x>5)"},
		{"x > 5 & !missing(x)", "x>5&!missing(x)"},
		{"1e6 + .5 + 1e-5 + 2.50", "1000000+0.5+1e-05+2.5"},
		{`"a" + "b"`, `"a"+"b"`},
		{"`\"say \"hi\"\"'", "`\"say \"hi\"\"'"},
		{". == .", ".==."},
		{"`my var` + `收入`", "`my var`+收入"},
		{"`_n` + _n", "`_n`+_n"},
		{"l.x + L2.x + f.x + F3.x + d.x + D2.x + s4.x", "L.x+L2.x+F.x+F3.x+D.x+D2.x+S4.x"},
		{"LD.x + D.L.x + L2S4.x", "L.D.x+D.L.x+L2.S4.x"},
		{"l(x, 1) + f(x, 2) + d(x) + l(log(x), 1)", "l(x,1)+f(x,2)+d(x)+l(log(x),1)"},
		{"L.(log(x))", "L.(log(x))"},
		{"L(1/2).x + F(1/2).x + L(0/3).x", "L(1/2).x+F(1/2).x+L(0/3).x"},
		{"x[_n - 1] + x[_N]", "x[_n-1]+x[_N]"},
		{"cond(a, 1, 2, .)", "cond(a,1,2,.)"},
		{"round(x, .01)", "round(x,0.01)"},
	}
	for _, tc := range tests {
		if tc.want == "" {
			continue
		}
		n, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		s := n.String()
		m, err := Parse(s)
		if err != nil {
			t.Errorf("%s: canonical %q does not parse: %v", tc.in, s, err)
			continue
		}
		if !Equal(n, m) {
			t.Errorf("%s: canonical %q parses to %s", tc.in, s, sexpr(m))
		}
		if s != tc.want {
			t.Errorf("%s: String() = %q, want %q", tc.in, s, tc.want)
		}
	}
}

// TestLagSpellings checks that Stata's operators and the formula's
// functions are the same nodes.
func TestLagSpellings(t *testing.T) {
	pairs := [][2]string{{"L.x", "l(x)"}, {"L.x", "l(x, 1)"}, {"L2.x", "l(x, 2)"}, {"F.x", "f(x)"},
		{"F2.x", "f(x, 2)"}, {"F2.x", "l(x, -2)"}, {"D.x", "d(x)"}, {"L.(log(x))", "l(log(x), 1)"}, {"D.L.x", "d(l(x))"}, {"DL.x", "d(l(x))"}}
	for _, p := range pairs {
		a, err1 := Parse(p[0])
		b, err2 := Parse(p[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("%v %v", err1, err2)
		}
		if !Equal(a, b) {
			t.Errorf("%s and %s differ: %s, %s", p[0], p[1], sexpr(a), sexpr(b))
		}
	}
	// Expand splits lag lists in order.
	var got []string
	for _, n := range Expand(MustParse("L(1/3).x + F(1/2).y")) {
		got = append(got, n.String())
	}
	want := "L.x+F.y L.x+F2.y L2.x+F.y L2.x+F2.y L3.x+F.y L3.x+F2.y"
	if strings.Join(got, " ") != want {
		t.Errorf("Expand = %v, want %s", got, want)
	}
}

// TestParseErrors checks the exact text users see.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		err  error
		want string
	}{
		{"", ErrSyntax, "expr: empty expression (1:1)\n | \n | ^"},
		{"x +", ErrSyntax, "expr: unexpected end of expression (1:4)\n | x +\n | ...^"},
		{"ln(x", ErrSyntax, "expr: unclosed \"(\" (1:3)\n | ln(x\n | ..^"},
		{"(a + b", ErrSyntax, "expr: unclosed \"(\" (1:1)\n | (a + b\n | ^"},
		{"x[_n-1", ErrSyntax, "expr: unclosed \"[\" (1:2)\n | x[_n-1\n | .^"},
		{"x = 1", ErrSyntax, "expr: unexpected \"=\" (1:3); write == to test equality\n | x = 1\n | ..^"},
		{"a && b", ErrSyntax, "expr: unexpected \"&&\" (1:3); Stata writes & for the logical operator\n | a && b\n | ..^"},
		{"x == .a", ErrSyntax, "expr: unexpected \".a\" (1:6); write . for a missing value; extended missing values .a to .z are not supported\n | x == .a\n | .....^"},
		{"lgo(x)", ErrUnknownFunction, "expr: unknown function lgo() (1:1); did you mean log()?\n | lgo(x)\n | ^"},
		{"lag(x, 1)", ErrUnknownFunction, "expr: unknown function lag() (1:1); did you mean L.x or l(x, k)?\n | lag(x, 1)\n | ^"},
		{"ifelse(x > 0, 1, 0)", ErrUnknownFunction, "expr: unknown function ifelse() (1:1); did you mean cond(c, a, b)?\n | ifelse(x > 0, 1, 0)\n | ^"},
		{"log(x, 2)", ErrArgs, "expr: log() takes one argument, not 2 (1:1); the syntax is ln(x) or log(x)\n | log(x, 2)\n | ^"},
		{"cond(x, 1)", ErrArgs, "expr: cond() takes three to four arguments, not 2 (1:1); the syntax is cond(x, a, b[, c])\n | cond(x, 1)\n | ^"},
		{"inlist(x)", ErrArgs, "expr: inlist() takes at least two arguments, not 1 (1:1); the syntax is inlist(z, a, b, …)\n | inlist(x)\n | ^"},
		{"l(x, 1.5)", ErrArgs, "expr: bad lag 1.5 (1:6); the lag is a whole number from -1000 to 1000, as in l(x, k)\n | l(x, 1.5)\n | .....^"},
		{"L.5", ErrSyntax, "expr: unexpected \".5\" (1:2); expected an operator\n | L.5\n | .^"},
		{"L(1/200).x", ErrSyntax, "expr: operator list L(1/200) is too long (at most 100 lags) (1:1); write L.x, L2.x, F.x, D.x, S12.x or L(1/2).x\n | L(1/200).x\n | ^"},
		{"D(1/2).x", ErrSyntax, "expr: D() lists are not supported (1:1); write L.x, L2.x, F.x, D.x, S12.x or L(1/2).x\n | D(1/2).x\n | ^"},
		{"(a+b)[1]", ErrSyntax, "expr: unexpected \"[\" (1:6); subscripts apply to a column name, as in x[_n-1]\n | (a+b)[1]\n | .....^"},
		{"1e999", ErrSyntax, "expr: number 1e999 is too large (1:1); Stata's largest number is about 8.99e+307\n | 1e999\n | ^"},
		{"\"abc", ErrSyntax, "expr: unclosed string (missing the closing '\"') (1:1)\n | \"abc\n | ^"},
		{"x $ y", ErrSyntax, "expr: unexpected character '$' (1:3)\n | x $ y\n | ..^"},
		{"收入 + $", ErrSyntax, "expr: unexpected character '$' (1:6)\n | 收入 + $\n | .......^"},
		{"+x", ErrSyntax, "expr: unexpected unary \"+\" (1:1); remove the \"+\"\n | +x\n | ^"},
		{"a b", ErrSyntax, "expr: unexpected \"b\" (1:3); expected an operator\n | a b\n | ..^"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := Parse(tc.in)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tc.want)
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("error does not wrap %v", tc.err)
			}
		})
	}
}
