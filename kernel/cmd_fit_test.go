package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// check fails t unless got is within the relative tolerance tol of want
// (lib/internal/testutil's reldif, |got-want|/(|want|+1), which kernel
// cannot import).
func check(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if d := math.Abs(got-want) / (math.Abs(want) + 1); !(d <= tol) {
		t.Errorf("%s = %.12g, want %.12g (reldif %.3g > %.3g)", what, got, want, d, tol)
	}
}

const fitData = "testdata/fit/cigsw95.csv"

func runFitCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runMain(append([]string{"fit"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// TestFitJSON checks the JSON layout of issue 3 and the numbers of
// reference case cigsw95_2sls_robust_small (shared/refs/ivgmm/cases.json:
// R 4.2.2 AER::ivreg + sandwich HC1 = ivreg2 robust small; coef/SE
// tolerance 1e-8, statistics 1e-6 relative).
func TestFitJSON(t *testing.T) {
	code, out, errs := runFitCmd("--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax",
		"--estimator", "2sls", "--vce", "robust", "--small", "--endog", "lrprice", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"n", "estimator", "vce", "small", "dropped", "coef", "stats"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON has no %q key: %s", k, out)
		}
	}
	var r struct {
		N         int
		Estimator string
		VCE       string
		Small     bool
		Dropped   struct{ Missing, Singletons int }
		Coef      map[string]map[string]float64
		Stats     map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.N != 48 || r.Estimator != "2sls" || r.VCE != "robust" || !r.Small || r.Dropped.Missing != 0 {
		t.Errorf("header: n %d estimator %q vce %q small %v dropped %+v", r.N, r.Estimator, r.VCE, r.Small, r.Dropped)
	}
	for _, name := range []string{"lrprice", "lrincome", "_cons"} {
		for _, k := range []string{"b", "se", "t", "p"} {
			if _, ok := r.Coef[name][k]; !ok {
				t.Errorf("coef %s has no %q", name, k)
			}
		}
	}
	check(t, "b lrprice", r.Coef["lrprice"]["b"], -1.2774241334272842, 1e-8)
	check(t, "se lrprice", r.Coef["lrprice"]["se"], 0.2496100003979375, 1e-8)
	check(t, "b _cons", r.Coef["_cons"]["b"], 9.894955541155229, 1e-8)
	for _, k := range []string{"rss", "r2", "rmse", "hansen_j", "kp_lm", "endog"} {
		if _, ok := r.Stats[k]; !ok {
			t.Errorf("stats has no %q: %s", k, out)
		}
	}
	var j, endog struct{ Stat, Df float64 }
	_ = json.Unmarshal(r.Stats["hansen_j"], &j)
	_ = json.Unmarshal(r.Stats["endog"], &endog)
	check(t, "hansen_j", j.Stat, 0.334735881706156, 1e-6)
	check(t, "endog C", endog.Stat, 3.526081522397247, 1e-6)
}

func TestFitText(t *testing.T) {
	code, out, errs := runFitCmd("--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax", "--vce", "robust")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"lrprice", "lrincome", "_cons"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestFitErrors checks what the user sees on stderr, and the exit status.
func TestFitErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // the whole stderr, or its first line when it ends in "…"
	}{
		{[]string{"--data", fitData, "--formula", "lpacks ~ lrincome | lrprcie ~ tdiff + rtax"}, 1,
			"econb fit: formula: unknown column \"lrprcie\" in endogenous (1:21); did you mean \"lrprice\"?\n" +
				" | lpacks ~ lrincome | lrprcie ~ tdiff + rtax\n" +
				" | ....................^\n"},
		{[]string{"--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ l(tdiff, 1)"}, 1,
			"econb fit: formula: l() needs a panel index in instruments (1:31); set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)\n" +
				" | lpacks ~ lrincome | lrprice ~ l(tdiff, 1)\n" +
				" | ..............................^\n"},
		{[]string{"--data", fitData, "--formula", "lpacks ~ state"}, 1,
			"econb fit: formula: column \"state\" is not numeric (row 1 has \"AL\", and 47 more non-numeric values) in regressors (1:10); use it as a fixed effect, cluster or i(state), or convert it to numbers\n" +
				" | lpacks ~ state\n" +
				" | .........^\n"},
		{[]string{"--data", fitData, "--formula", "lpacks ~ lrincome", "--vce", "cluster"}, 2,
			"econb fit: usage: --vce cluster needs the variable: --vce cluster:VAR\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--panel", "state"}, 2,
			"econb fit: usage: --panel \"state\": give ENTITY,TIME, e.g. --panel city,year\n"},
		{[]string{"--formula", "y ~ x"}, 2, "econb fit: usage: --data and --formula are required\n"},
	}
	for _, tc := range tests {
		code, _, errs := runFitCmd(tc.args...)
		if code != tc.code || errs != tc.want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", tc.args, code, errs, tc.code, tc.want)
		}
	}
}
