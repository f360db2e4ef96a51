package formula

import (
	"errors"
	"testing"
)

// TestParseRoundTrip checks the canonical text of each formula and that
// parsing it again gives the same formula.
func TestParseRoundTrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg ~ l(sagg, 1:2)",
			"tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg ~ l(sagg,1:2)"},
		{"y ~ x | endo ~ z1 + z2", "y ~ x | endo ~ z1 + z2"},
		{"y ~ x | id", "y ~ x | id"},
		{"y~x+z", "y ~ x + z"},
		{"y ~ -1 + x", "y ~ 0 + x"},
		{"y ~ x - 1", "y ~ 0 + x"},
		{"y ~ x + 0", "y ~ 0 + x"},
		{"y ~ 1 + x", "y ~ x"},
		{"y ~ 1", "y ~ 1"},
		{"y ~ 0", "y ~ 0"},
		{"y ~ 1 | e ~ z", "y ~ 1 | e ~ z"},
		{"log(y) ~ l(x) + f(x, 2) + d(x) + l(x, -1:1)", "log(y) ~ l(x,1) + f(x,2) + d(x) + l(x,-1:1)"},
		{"d(log(y)) ~ l(log(x), 1) + x:z + i(region) + i(region):x", "d(log(y)) ~ l(log(x),1) + x:z + i(region) + i(region):x"},
		{"`my y` ~ `x-1` + `收入`", "`my y` ~ `x-1` + 收入"},
		{"收入 ~ 教育\n + 年龄", "收入 ~ 教育 + 年龄"},
		{"y ~ l(x:z, 1:3)", "y ~ l(x:z,1:3)"},
		{"y ~ l(x,007)", "y ~ l(x,7)"},
		{"y ~ x.1 + _b", "y ~ x.1 + _b"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, err := Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.String(); got != tc.want {
				t.Fatalf("String() = %q, want %q", got, tc.want)
			}
			g, err := Parse(f.String())
			if err != nil {
				t.Fatalf("re-parse: %v", err)
			}
			if !f.Equal(g) {
				t.Fatalf("Parse(String()) differs: %q", g.String())
			}
		})
	}
}

func TestParseStructure(t *testing.T) {
	f := MustParse("tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)")
	if got := names(f.Regressors); len(got) != 2 || got[0] != "str" || got[1] != "gov" {
		t.Errorf("regressors %v", got)
	}
	if got := names(f.FixedEffects); len(got) != 2 || got[1] != "year" {
		t.Errorf("fixed effects %v", got)
	}
	if got := names(ExpandTerms(f.Instruments)); len(got) != 2 || got[0] != "l(sagg,1)" || got[1] != "l(sagg,2)" {
		t.Errorf("instruments %v", got)
	}
	if !f.Const || !f.HasIV() || f.Response.String() != "tfp" {
		t.Errorf("const %v, IV %v, response %q", f.Const, f.HasIV(), f.Response.String())
	}
	// The part that holds "~" is the IV part, whether or not fixed effects come first.
	g := MustParse("y ~ x | endo ~ z1 + z2")
	if len(g.FixedEffects) != 0 || len(g.Endogenous) != 1 || len(g.Instruments) != 2 {
		t.Errorf("IV-only formula parsed as FE %d, endog %d, instr %d", len(g.FixedEffects), len(g.Endogenous), len(g.Instruments))
	}
}

// TestParseErrors checks the exact text users see.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		err  error
		want string
	}{
		{"y ~ x |", ErrSyntax, "formula: unexpected end of formula (1:8)\n | y ~ x |\n | .......^"},
		// issue 13: a column name with spaces, unquoted
		{"log wage ~ exper", ErrSyntax, "formula: unexpected \"wage\" in response (1:5); a column name with spaces goes in backticks: `log wage`\n | log wage ~ exper\n | ....^"},
		{"y ~ GDP per capita + x", ErrSyntax, "formula: unexpected \"per\" in regressors (1:9); join terms with \"+\", or write a column name with spaces in backticks: `GDP per capita`\n | y ~ GDP per capita + x\n | ........^"},
		{"tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2", ErrSyntax,
			"formula: unclosed \"(\" in instruments (1:41)\n | tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2\n | ........................................^"},
		{"y ~ x | a | b | e ~ z", ErrSyntax,
			"formula: too many \"|\" parts (4); the syntax is: y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2"},
		{"y ~ x | e ~ z | fe", ErrSyntax,
			"formula: the IV part (endo ~ inst) must be the last part (1:15); the syntax is: y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2\n | y ~ x | e ~ z | fe\n | ..............^"},
		{"y ~ x | fe | fe2", ErrSyntax,
			"formula: expected the IV part (endogenous ~ instruments) after the fixed effects (1:14); the syntax is: y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2\n | y ~ x | fe | fe2\n | .............^"},
		{"y ~ x ~ z", ErrSyntax,
			"formula: unexpected second \"~\" in regressors (1:7); write the IV part after a \"|\": y ~ x | endo ~ z\n | y ~ x ~ z\n | ......^"},
		{"~ x", ErrSyntax,
			"formula: missing the response before \"~\" in response (1:1); the syntax is: y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2\n | ~ x\n | ^"},
		{"y", ErrSyntax,
			"formula: missing \"~\" and the regressors after the response in response (1:2); the syntax is: y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2\n | y\n | .^"},
		{"y ~ lag(x, 1)", ErrUnknownFunction,
			"formula: unknown function \"lag\" in regressors (1:5); did you mean l(x, k)? the functions are l(x, k), f(x, k), d(x), log(x), i(var)\n | y ~ lag(x, 1)\n | ....^"},
		{"y ~ lgo(x)", ErrUnknownFunction,
			"formula: unknown function \"lgo\" in regressors (1:5); did you mean log()? the functions are l(x, k), f(x, k), d(x), log(x), i(var)\n | y ~ lgo(x)\n | ....^"},
		{"y ~ l(x, )", ErrSyntax,
			"formula: unexpected \")\" in regressors (1:10); expected a whole number, as in l(x, k) or l(x, k1:k2)\n | y ~ l(x, )\n | .........^"},
		{"y ~ l(x, 2:1)", ErrSyntax,
			"formula: empty lag range 2:1 in regressors (1:11); write the smaller lag first\n | y ~ l(x, 2:1)\n | ..........^"},
		{"y ~ log(x, 2)", ErrSyntax,
			"formula: unexpected \",\" in regressors (1:10); log() takes one argument: log(x)\n | y ~ log(x, 2)\n | .........^"},
		{"y ~ x - z", ErrSyntax,
			"formula: unexpected \"-\" before \"z\" in regressors (1:7); \"-\" only removes the constant (-1); to drop a term, leave it out\n | y ~ x - z\n | ......^"},
		{"y ~ x + 2", ErrSyntax,
			"formula: unexpected number 2 in regressors (1:9); only 0 (no constant) and 1 (constant) may stand as terms\n | y ~ x + 2\n | ........^"},
		{"y ~ 0 + x + 1", ErrSyntax,
			"formula: 1 conflicts with the earlier 0 in regressors (1:13); keep one of them\n | y ~ 0 + x + 1\n | ............^"},
		{"y ~ x | l(id, 1)", ErrSyntax,
			"formula: l(id,1) is not a column name in fixed effects (1:9); fixed effects are column names joined by \"+\", as in | firm + year\n | y ~ x | l(id, 1)\n | ........^"},
		{"y ~ x | e ~ z + 1", ErrSyntax,
			"formula: unexpected number 1 in instruments (1:17); 0 and 1 set the constant among the regressors; here only names may stand\n | y ~ x | e ~ z + 1\n | ................^"},
		{"y ~ x * z", ErrSyntax,
			"formula: unexpected \"*\": write the product as x:z and list x and z as their own terms if wanted (1:7)\n | y ~ x * z\n | ......^"},
		{"l(y, 1:2) ~ x", ErrSyntax,
			"formula: l(y,1:2) is not one variable in response (1:1); the response is one column, as in y, log(y) or d(y)\n | l(y, 1:2) ~ x\n | ^"},
		{"y ~ l(i(a), 1)", ErrSyntax,
			"formula: i() inside l() in regressors (1:5); use i(var) as a term or a factor x:i(var) of its own\n | y ~ l(i(a), 1)\n | ....^"},
		// Nested ranges multiply; the parser refuses before expanding anything.
		{"l(l(l(y, 0:99), 0:99), 0:99) ~ x", ErrSyntax,
			"formula: l(l(l(y,0:99),0:99),0:99) is not one variable in response (1:1); the response is one column, as in y, log(y) or d(y)\n | l(l(l(y, 0:99), 0:99), 0:99) ~ x\n | ^"},
		{"y ~ l(l(l(x, 0:99), 0:99), 0:99)", ErrSyntax,
			"formula: too many columns in regressors (1:5); the terms of a part expand to at most 10000 columns\n | y ~ l(l(l(x, 0:99), 0:99), 0:99)\n | ....^"},
		{"y ~ `x", ErrSyntax,
			"formula: unclosed quoted name (missing the closing \"`\") (1:5)\n | y ~ `x\n | ....^"},
		// Wide characters take two cells: the caret stays under the "$".
		{"收入 ~ 教育 + $", ErrSyntax,
			"formula: unexpected character '$' (1:11)\n | 收入 ~ 教育 + $\n | ..............^"},
		// On a second line, the position and the snippet are those of that line.
		{"y ~ x\n  | e ~ ", ErrSyntax,
			"formula: unexpected end of formula in instruments (2:9)\n |   | e ~ \n | ........^"},
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
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("error is %T, not *Error", err)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	cols := []string{"city", "year", "sagg", "tfp", "pgdp"}
	tests := []struct{ in, want string }{
		{"yaer", "year"}, {"Year", "year"}, {"pgpd", "pgdp"}, {"citty", "city"}, {"zzz", ""}, {"year", ""},
	}
	for _, tc := range tests {
		if got := Suggest(tc.in, cols); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
