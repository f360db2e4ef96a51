package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
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

// TestFitCache checks --cache: the first run parses the file and stores
// the frame, the second loads it, and both print the result of a run
// without the cache byte for byte; a changed file is parsed again.
func TestFitCache(t *testing.T) {
	t.Setenv("ECONB_HOME", t.TempDir())
	args := []string{"--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax", "--vce", "robust", "--json"}
	code, plain, errs := runFitCmd(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for run := 1; run <= 2; run++ {
		code, out, errs := runFitCmd(append(args, "--cache")...)
		if code != 0 || out != plain {
			t.Fatalf("run %d with --cache: exit %d, stderr %q, output differs: %v", run, code, errs, out != plain)
		}
		files, _ := filepath.Glob(filepath.Join(os.Getenv("ECONB_HOME"), "cache", "*.frame"))
		if len(files) != 1 {
			t.Fatalf("run %d: cache holds %v, want one frame", run, files)
		}
	}
	// Another file (one more row) is another key.
	b, err := os.ReadFile(fitData)
	if err != nil {
		t.Fatal(err)
	}
	last := bytes.LastIndexByte(bytes.TrimRight(b, "\n"), '\n')
	other := filepath.Join(t.TempDir(), "more.csv")
	if err := os.WriteFile(other, append(b, b[last+1:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runFitCmd("--data", other, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax", "--json", "--cache"); code != 0 || !strings.Contains(out, `"n":49`) {
		t.Fatalf("changed file: exit %d, %s, %s", code, errs, out)
	}
	if files, _ := filepath.Glob(filepath.Join(os.Getenv("ECONB_HOME"), "cache", "*.frame")); len(files) != 2 {
		t.Errorf("cache holds %v, want two frames", files)
	}
}

// BenchmarkFitCSV times `econb fit` end to end (read the CSV, build the
// formula's design, fit; the kit's FE-IV model of shared/bench: y ~ w1..w7
// | id + year | x ~ z1 + z2, robust) on the file named by ECONB_FIT_CSV
// (the kit's panel 200000 10, 447 MB: `gen_data.py panel 200000 10 DIR
// --csv`), or else on a generated panel of 20,000 × 10 rows of that
// layout. "cache-warm" is the same with --cache after a first run; the
// baselines in the same process are reading the file's bytes
// (os.ReadFile) and parsing it (frame.ReadCSV), so that ratios survive a
// busy machine. Peak RSS: run the econb binary under /usr/bin/time -v.
func BenchmarkFitCSV(b *testing.B) {
	path := os.Getenv("ECONB_FIT_CSV")
	if path == "" {
		path = filepath.Join(b.TempDir(), "panel.csv")
		if err := os.WriteFile(path, benchPanelCSV(20000, 10), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Setenv("ECONB_HOME", b.TempDir())
	args := []string{"--data", path, "--panel", "id,year", "--vce", "robust",
		"--formula", "y ~ w1 + w2 + w3 + w4 + w5 + w6 + w7 | id + year | x ~ z1 + z2"}
	run := func(b *testing.B, args []string) {
		if code, _, errs := runFitCmd(args...); code != 0 {
			b.Fatalf("exit %d: %s", code, errs)
		}
	}
	b.Run("fit", func(b *testing.B) {
		for b.Loop() {
			run(b, args)
		}
	})
	b.Run("cache-warm", func(b *testing.B) {
		run(b, append(args, "--cache"))
		for b.Loop() {
			run(b, append(args, "--cache"))
		}
	})
	b.Run("baseline-readfile", func(b *testing.B) {
		for b.Loop() {
			if _, err := os.ReadFile(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline-frame-readcsv", func(b *testing.B) {
		for b.Loop() {
			if _, err := frame.ReadCSV(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchPanelCSV writes a balanced panel of n entities × t years in the
// kit's layout (id, year, y, x, w1..w7, z1, z2; z1, z2 the first two lags
// of x, NA before), from a fixed seed; the values follow the kit's model
// in form only (its exact DGP is shared/bench/gen_data.py).
func benchPanelCSV(n, t int) []byte {
	rng := rand.New(rand.NewPCG(20240601, 1))
	var b []byte
	b = append(b, "id,year,y,x,w1,w2,w3,w4,w5,w6,w7,z1,z2\n"...)
	num := func(v float64) { b = strconv.AppendFloat(append(b, ','), v, 'g', 17, 64) }
	for i := range n {
		alpha := rng.NormFloat64()
		var x1, x2 float64
		for yr := range t {
			var w [7]float64
			for k := range w {
				w[k] = 0.5*alpha + rng.NormFloat64()
			}
			x := 0.6*x1 + 0.3*w[0] + rng.NormFloat64()
			y := 0.5*x + alpha + 0.3*w[0] - 0.2*w[1] + 0.1*w[2] - 0.1*w[3] + 0.2*w[4] - 0.05*w[5] + 0.15*w[6] + rng.NormFloat64()
			b = strconv.AppendInt(b, int64(i+1), 10)
			b = strconv.AppendInt(append(b, ','), int64(yr+1), 10)
			num(y)
			num(x)
			for _, v := range w {
				num(v)
			}
			switch yr {
			case 0:
				b = append(b, ",NA,NA"...)
			case 1:
				num(x1)
				b = append(b, ",NA"...)
			default:
				num(x1)
				num(x2)
			}
			b = append(b, '\n')
			x1, x2 = x, x1
		}
	}
	return b
}
