package formula

import (
	"errors"
	"testing"
)

var testColumns = []string{"tfp", "str", "gov", "pgdp", "city", "year", "sagg", "y", "x", "z", "z1", "z2", "e", "e2", "id", "region", "收入", "教育", "年龄"}

// TestValidateErrors checks the exact text of the semantic errors.
func TestValidateErrors(t *testing.T) {
	tests := []struct {
		in    string
		panel bool
		err   error
		want  string
	}{
		{"tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)", true, ErrUnknownColumn,
			"formula: unknown column \"yaer\" in fixed effects (1:26); did you mean \"year\"?\n | tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)\n | .........................^"},
		// Wide characters: the column counts runes, the dots count cells.
		{"收入 ~ 教育 + 年领", false, ErrUnknownColumn,
			"formula: unknown column \"年领\" in regressors (1:11); did you mean \"年龄\"?\n | 收入 ~ 教育 + 年领\n | ..............^"},
		{"tfp ~ str + qqq", false, ErrUnknownColumn,
			"formula: unknown column \"qqq\" in regressors (1:13)\n | tfp ~ str + qqq\n | ............^"},
		{"tfp ~ str | sagg ~ l(sagg, 1:2)", false, ErrNoPanel,
			"formula: l() needs a panel index in instruments (1:20); set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)\n | tfp ~ str | sagg ~ l(sagg, 1:2)\n | ...................^"},
		{"d(y) ~ x", false, ErrNoPanel,
			"formula: d() needs a panel index in response (1:1); set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)\n | d(y) ~ x\n | ^"},
		{"y ~ x | e + e2 ~ z", false, ErrUnderidentified,
			"formula: underidentified: 2 endogenous regressors (e, e2) but 1 excluded instrument (z) in instruments (1:18); each endogenous regressor needs at least one instrument of its own\n | y ~ x | e + e2 ~ z\n | .................^"},
		{"y ~ x | e ~ x + z", false, ErrConflict,
			"formula: x is already a regressor in instruments (1:13); an exogenous regressor is its own instrument already; list it only among the regressors\n | y ~ x | e ~ x + z\n | ............^"},
		{"y ~ x + e | e ~ z", false, ErrConflict,
			"formula: e is already a regressor in endogenous (1:13); list an endogenous regressor only left of the IV \"~\", not among the regressors\n | y ~ x + e | e ~ z\n | ............^"},
		{"y ~ x | e ~ e", false, ErrConflict,
			"formula: e is already an endogenous regressor in instruments (1:13); an endogenous regressor cannot instrument itself\n | y ~ x | e ~ e\n | ............^"},
		{"y ~ y + x", false, ErrConflict,
			"formula: y is already the response in regressors (1:5); the response cannot also explain itself\n | y ~ y + x\n | ....^"},
		{"y ~ x + year | id + year", false, ErrConflict,
			"formula: year is already a regressor in fixed effects (1:21); use each variable in one role\n | y ~ x + year | id + year\n | ....................^"},
		// issue 13: the same column however written (expr.Canonical)
		{"y ~ x | e ~ l(e, 0)", true, ErrConflict,
			"formula: l(e,0) is e, which is already an endogenous regressor in instruments (1:13); an endogenous regressor cannot instrument itself\n | y ~ x | e ~ l(e, 0)\n | ............^"},
		{"y ~ x | e ~ z + f(e, 0:1)", true, ErrConflict,
			"formula: f(e,0) is e, which is already an endogenous regressor in instruments (1:17); an endogenous regressor cannot instrument itself\n | y ~ x | e ~ z + f(e, 0:1)\n | ................^"},
		{"y ~ x | e ~ I(e)", false, ErrConflict,
			"formula: I(e) is e, which is already an endogenous regressor in instruments (1:13); an endogenous regressor cannot instrument itself\n | y ~ x | e ~ I(e)\n | ............^"},
		{"y ~ x + I(x)", false, ErrDuplicate,
			"formula: I(x) is x, which is already listed in regressors (1:9); list each term once\n | y ~ x + I(x)\n | ........^"},
		{"y ~ l(y, 0) + x", true, ErrConflict,
			"formula: l(y,0) is y, which is already the response in regressors (1:5); the response cannot also explain itself\n | y ~ l(y, 0) + x\n | ....^"},
		{"y ~ x | e ~ l(z, 1) + I(L.z)", true, ErrDuplicate,
			"formula: I(L.z) is l(z,1), which is already listed in instruments (1:23); list each term once\n | y ~ x | e ~ l(z, 1) + I(L.z)\n | ......................^"},
		{"y ~ x | e ~ l(z, 1:2) + l(z, 2)", true, ErrDuplicate,
			"formula: l(z,2) is listed twice in instruments (1:25); list each term once\n | y ~ x | e ~ l(z, 1:2) + l(z, 2)\n | ........................^"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, err := Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(f, testColumns, tc.panel)
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

func TestValidateOK(t *testing.T) {
	for _, in := range []string{
		"tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)",
		"y ~ x | e ~ i(region)", // counted with the data's levels later
		"y ~ i(region) + x:z | id",
		"log(y) ~ d(x) + f(x, 1)",
	} {
		if err := Validate(MustParse(in), testColumns, true); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}
