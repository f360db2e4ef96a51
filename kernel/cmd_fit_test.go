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

// simData is the simulated data set of linearmodels' Stata tests, kept
// with its Stata 13 ivregress results in lib/ivgmm's testdata.
const simData = "../lib/ivgmm/testdata/ivopts/simulated-data.csv"

// fitJSON runs econb fit --json and decodes the coefficients (b, t)
// and the named stats.
func fitJSON(t *testing.T, args ...string) (coef map[string]map[string]float64, stats map[string]json.RawMessage, all map[string]json.RawMessage) {
	t.Helper()
	code, out, errs := runFitCmd(append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Coef  map[string]map[string]float64
		Stats map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(out), &all)
	return r.Coef, r.Stats, all
}

// The options of issue 18 on the command line, against Stata 13
// ivregress (lib/ivgmm/testdata/ivopts/stata-iv-simulated-results.txt,
// linearmodels' Stata run; b and t printed at %13.12g, tolerance 1e-9
// relative, reldif as lib/internal/testutil):
//   - ivregress 2sls y_kernel x3 x4 x5 (x1 = z1 z2) [aweight=weights],
//     vce(hac bartlett 12) small (tsset time)
//   - ivregress gmm y_clustered x3 x4 x5 (x1 = z1 z2), wmatrix(cluster
//     cluster_id) center
func TestFitIssue18Options(t *testing.T) {
	coef, stats, all := fitJSON(t, "--data", simData, "--formula", "y_kernel ~ x3 + x4 + x5 | x1 ~ z1 + z2",
		"--vce", "hac:bartlett:12", "--time", "time", "--weights", "aweight:weights", "--small", "--convention", "ivregress")
	for _, c := range []struct {
		name string
		b, t float64
	}{{"x1", .62737642248, 1.7579675253}, {"x3", .55205900729, 4.9561816891}, {"_cons", 1.1085969139, 13.272934777}} {
		check(t, "hac b "+c.name, coef[c.name]["b"], c.b, 1e-9)
		check(t, "hac t "+c.name, coef[c.name]["t"], c.t, 1e-9)
	}
	var rss float64
	_ = json.Unmarshal(stats["rss"], &rss)
	check(t, "hac rss", rss, 1106.7479488, 1e-9)
	var mt struct{ F struct{ Stat float64 } }
	_ = json.Unmarshal(all["model_test"], &mt)
	check(t, "hac F", mt.F.Stat, 480.38360026, 1e-9)

	coef, stats, all = fitJSON(t, "--data", simData, "--formula", "y_clustered ~ x3 + x4 + x5 | x1 ~ z1 + z2",
		"--estimator", "gmm", "--vce", "cluster:cluster_id", "--center", "--convention", "ivregress")
	check(t, "gmm b x1", coef["x1"]["b"], .47194118909, 1e-9)
	check(t, "gmm t x1", coef["x1"]["t"], 1.8266890784, 1e-9)
	check(t, "gmm t _cons", coef["_cons"]["t"], 24.115405812, 1e-9)
	var j struct{ Stat float64 }
	_ = json.Unmarshal(stats["hansen_j"], &j)
	check(t, "gmm J", j.Stat, .40736456674, 1e-9)
	var cov struct{ Matrix [][]float64 }
	_ = json.Unmarshal(all["cov"], &cov)
	check(t, "gmm V[x1,x1]", cov.Matrix[0][0], .06674926694, 1e-9)
	_ = json.Unmarshal(all["model_test"], &mt)
	var mc struct{ Chi2 struct{ Stat float64 } }
	_ = json.Unmarshal(all["model_test"], &mc)
	check(t, "gmm chi2", mc.Chi2.Stat, 3788.6832729, 1e-9)
}

// --ar-set prints the Anderson-Rubin confidence set (lib/ivgmm checks
// its numbers against the closed form, TestARSetIIDClosedForm).
func TestFitARSet(t *testing.T) {
	code, out, errs := runFitCmd("--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax", "--vce", "robust", "--ar-set", "-5:5:101")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Anderson-Rubin confidence set for lrprice: 95% AR set: [") {
		t.Errorf("no AR set line:\n%s", out)
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
		{[]string{"--formula", "y ~ x"}, 2, "econb fit: usage: --data and --formula are required, e.g. econb fit --data panel.csv --formula \"y ~ x | id | d ~ z\"\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--vce", "hac:bartlett:12"}, 2,
			"econb fit: usage: --vce hac:bartlett:12 needs the time order: --time VAR (tsset) or --panel ENTITY,TIME (xtset)\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--vce", "hac:bartlet:12", "--time", "year"}, 2,
			"econb fit: usage: --vce hac:bartlet:12: unknown kernel \"bartlet\": use bartlett, parzen, qs, truncated, thann, thamm, daniell or tent\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--center"}, 2,
			"econb fit: usage: --center centres the GMM weight: use it with --estimator gmm2s or cue, not 2sls\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--estimator", "fuller"}, 2,
			"econb fit: usage: --estimator fuller needs Fuller's alpha > 0: --estimator fuller:1 (ivreg2 fuller(1))\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--estimator", "cue", "--convention", "ivregress"}, 2,
			"econb fit: usage: --convention ivregress: ivregress has no cue (use the default --convention ivreg2)\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--weights", "bweight:pop"}, 2,
			"econb fit: usage: --weights \"bweight:pop\": the kind is aweight, pweight, fweight or iweight\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--vce", "dkraay:2"}, 2,
			"econb fit: usage: --vce dkraay:2 needs a panel: --panel ENTITY,TIME (xtset)\n"},
		{[]string{"--data", fitData, "--formula", "y ~ x", "--vce", "cluster:a,b", "--convention", "ivregress"}, 2,
			"econb fit: usage: --convention ivregress: ivregress clusters one way only (--vce cluster:a,b)\n"},
	}
	for _, tc := range tests {
		code, _, errs := runFitCmd(tc.args...)
		if code != tc.code || errs != tc.want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", tc.args, code, errs, tc.code, tc.want)
		}
	}
}
