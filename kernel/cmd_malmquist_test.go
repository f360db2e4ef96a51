package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func runMalmquistCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runMain(append([]string{"malmquist"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// TestMalmquistText checks DEAP's layout and printed numbers for its
// example EG4: lines copied from DEAP 2.1's printed output EG4-out.txt
// (lib/malmquist/testdata/deap_eg4_out_excerpt.txt; the overall mean from
// the EG4 annual means quoted in lib/malmquist/testdata/cases.json,
// deap_eg4_oo_vrs, source "secondary").
func TestMalmquistText(t *testing.T) {
	code, out, errs := runMalmquistCmd("--data", "testdata/malmquist/deap_eg4.csv", "--dmu", "dmu", "--period", "period",
		"--inputs", "x", "--outputs", "y", "--orient", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		" Output orientated Malmquist DEA\n",
		"\n mean      0.000     0.727     0.545     0.894\n", // DISTANCES SUMMARY year 1
		"\n     2   1.125   1.333   1.222   0.920   1.500\n", // MALMQUIST INDEX SUMMARY year 2, firm 2
		"\n mean    0.844   1.333   0.955   0.883   1.125\n", // year 2 mean
		"\n mean    0.918   1.155   0.977   0.940   1.061\n", // overall mean
		"MALMQUIST INDEX SUMMARY OF FIRM MEANS",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestMalmquistJSON checks the JSON layout of issue 4 and numbers of case
// economy_oo_deap (deaR 1.5.3 fgnz, tolerance 1e-6 absolute).
func TestMalmquistJSON(t *testing.T) {
	code, out, errs := runMalmquistCmd("--data", "testdata/malmquist/economy_wang_lan_2011.csv", "--dmu", "dmu",
		"--period", "period", "--inputs", "capital,labor", "--outputs", "giov", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Indices     []map[string]any
		Distances   []map[string]any
		PeriodMeans []map[string]any `json:"period_means"`
		DMUMeans    []map[string]any `json:"dmu_means"`
		Overall     map[string]any
		Levels      []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(r.Indices) != 124 || len(r.Distances) != 155 || len(r.PeriodMeans) != 4 || len(r.DMUMeans) != 31 || len(r.Levels) != 155 {
		t.Fatalf("sizes: %d indices, %d distances, %d period means, %d DMU means, %d levels",
			len(r.Indices), len(r.Distances), len(r.PeriodMeans), len(r.DMUMeans), len(r.Levels))
	}
	near := func(what string, got any, want float64) {
		t.Helper()
		g, ok := got.(float64)
		if !ok || math.Abs(g-want) > 1e-6 {
			t.Errorf("%s = %v, want %.10g", what, got, want)
		}
	}
	// cases.json economy_oo_deap: indices Beijing 2006, distances Beijing
	// 2005, period mean 2006, overall mean, level Anhui 2006.
	for _, ix := range r.Indices {
		if ix["dmu"] == "Beijing" && ix["period"] == 2006.0 {
			near("Beijing 2006 effch", ix["effch"], 0.9759474793)
			near("Beijing 2006 techch", ix["techch"], 1.2070685757)
			near("Beijing 2006 pech", ix["pech"], 0.9695916508)
			near("Beijing 2006 sech", ix["sech"], 1.0065551601)
			near("Beijing 2006 tfpch", ix["tfpch"], 1.1780355338)
		}
	}
	d := r.Distances[0]
	if d["dmu"] != "Beijing" || d["period"] != 2005.0 || d["crs_prev"] != nil {
		t.Errorf("first distance row %v: want Beijing 2005 with crs_prev null", d)
	}
	near("Beijing 2005 crs", d["crs"], 0.9778143894)
	near("Beijing 2005 crs_next", d["crs_next"], 0.8100736023)
	near("Beijing 2005 vrs", d["vrs"], 0.9849981319)
	near("period mean 2006 tfpch", r.PeriodMeans[0]["tfpch"], 1.1359002056)
	near("overall tfpch", r.Overall["tfpch"], 1.0933576454)
	near("overall techch", r.Overall["techch"], 1.0761179815)
	for _, l := range r.Levels {
		if l["dmu"] == "Anhui" && l["period"] == 2006.0 {
			near("Anhui 2006 tfp level", l["tfp"], 1.1117656775)
			near("Anhui 2006 tc level", l["tc"], 1.1073945646)
			near("Anhui 2006 ec level", l["ec"], 1.0039472046)
		}
	}
}

func TestMalmquistErrors(t *testing.T) {
	base := []string{"--dmu", "dmu", "--period", "period", "--inputs", "x", "--outputs", "y"}
	eg4 := append([]string{"--data", "testdata/malmquist/deap_eg4.csv"}, base...)
	bad := []string{"--data", "testdata/malmquist/eg4_bad.csv", "--dmu", "dmu", "--period", "period", "--inputs", "x", "--outputs", "y", "--bad", "so2"}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing flags", []string{"--data", "testdata/malmquist/deap_eg4.csv"}, 2, "are required"},
		{"unknown column", []string{"--data", "testdata/malmquist/deap_eg4.csv", "--dmu", "dmu", "--period", "period", "--inputs", "z", "--outputs", "y"}, 2, `--inputs column "z" not in`},
		{"bad orientation", append(eg4, "--orient", "sideways"), 2, `--orient "sideways"`},
		{"bad frontier", append(eg4, "--frontier", "lunar"), 2, `--frontier "lunar"`},
		{"not a number", append([]string{"--data", "testdata/malmquist/bad_value.csv"}, base...), 1, `input column "x" is not numeric: DMU "3", period 2 (row 8) has "x1"`},
		{"missing value", append([]string{"--data", "testdata/malmquist/missing_value.csv"}, base...), 1, `DMU "4", period 2, column "x" (row 9)`},
		{"missing output", append([]string{"--data", "testdata/malmquist/missing_value.csv"}, base...), 1, `DEA has no missing-value treatment`},
		{"unbalanced", append([]string{"--data", "testdata/malmquist/unbalanced.csv"}, base...), 1, `missing: "5" (periods 3); use --common`},
		{"gap", append([]string{"--data", "testdata/malmquist/gap.csv"}, base...), 1, "except 2-4; the index would treat such a span as one step: fill in the missing periods, or use --gaps"},
		{"input is output", []string{"--data", "testdata/malmquist/deap_eg4.csv", "--dmu", "dmu", "--period", "period", "--inputs", "x,y", "--outputs", "y"}, 2, `column "y" is given to both --inputs and --outputs`},
		{"orient with bad", append(bad, "--orient", "in"), 2, "--orient does not apply to the directional model"},
		{"direction without bad", append(eg4, "--direction", "0,1,1"), 2, "--direction and --direction-fixed need the directional model"},
		{"direction arity", append(bad, "--direction", "1,1"), 2, "give 3 weights"},
		{"seed without bootstrap", append(eg4, "--seed", "7"), 2, "--seed and --alpha need --bootstrap"},
		{"bootstrap with bad", append(bad, "--bootstrap", "10"), 2, "not available with --bad or --ddf"},
		{"bootstrap with global", append(eg4, "--bootstrap", "10", "--frontier", "global"), 2, "not available with --frontier global"},
		{"bad alpha", append(eg4, "--bootstrap", "10", "--alpha", "1.5"), 2, "--alpha 1.5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runMalmquistCmd(c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, c.code, c.want)
			}
		})
	}
	// --common accepts the unbalanced panel and says so.
	code, out, errs := runMalmquistCmd(append([]string{"--data", "testdata/malmquist/unbalanced.csv", "--common"}, base...)...)
	if code != 0 || !strings.Contains(out, "Unbalanced panel") || !strings.Contains(out, `not in both: "5"`) {
		t.Errorf("--common: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	// --gaps accepts periods 1, 2, 4 and says so.
	code, out, errs = runMalmquistCmd(append([]string{"--data", "testdata/malmquist/gap.csv", "--gaps"}, base...)...)
	if code != 0 || !strings.Contains(out, "Periods are not equally spaced (most are 1 apart): the indices of 2-4 span") {
		t.Errorf("--gaps: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}

// TestMalmquistFrontiers runs the other frontiers and the
// Malmquist-Luenberger index end to end (their numbers are tested in
// lib/malmquist).
func TestMalmquistFrontiers(t *testing.T) {
	base := []string{"--data", "testdata/malmquist/deap_eg4.csv", "--dmu", "dmu", "--period", "period", "--inputs", "x", "--outputs", "y"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--frontier", "global"}, "global frontier (Pastor & Lovell 2005)"},
		{[]string{"--frontier", "sequential"}, "sequential frontiers (Shestalova 2003)"},
		{[]string{"--frontier", "biennial"}, "biennial frontiers (Pastor, Asmild & Lovell 2011)"},
		{[]string{"--ddf"}, "Malmquist-Luenberger index (directional distance functions, direction (0, y))"},
	} {
		code, out, errs := runMalmquistCmd(append(base, c.args...)...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, stderr %q, output:\n%s", c.args, code, errs, out)
		}
	}
	code, out, errs := runMalmquistCmd("--data", "testdata/malmquist/eg4_bad.csv", "--dmu", "dmu", "--period", "period",
		"--inputs", "x", "--outputs", "y", "--bad", "so2", "--frontier", "global", "--json")
	var r struct {
		Model      string
		Frontier   string
		Luenberger []map[string]any
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Model != "malmquist-luenberger" || r.Frontier != "global" || len(r.Luenberger) != 10 {
		t.Errorf("--bad --json: exit %d, stderr %q, %+v\n%s", code, errs, r, out)
	}
}

// TestMalmquistBootstrap runs the Simar-Wilson bootstrap end to end (its
// statistics are tested in lib/malmquist): JSON carries the intervals, the
// text the bootstrap tables, and the same seed gives the same output.
func TestMalmquistBootstrap(t *testing.T) {
	args := []string{"--data", "testdata/malmquist/economy_wang_lan_2011.csv", "--dmu", "dmu", "--period", "period",
		"--inputs", "capital,labor", "--outputs", "giov", "--bootstrap", "20", "--seed", "11"}
	code, out, errs := runMalmquistCmd(append(args, "--json")...)
	var r struct {
		Bootstrap struct {
			Replications    int
			PeriodIntervals []map[string]any `json:"period_intervals"`
			Intervals       []map[string]any
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Bootstrap.Replications != 20 ||
		len(r.Bootstrap.PeriodIntervals) != 4 || len(r.Bootstrap.Intervals) != 124 {
		t.Fatalf("exit %d, %s: %+v", code, errs, r.Bootstrap)
	}
	_, again, _ := runMalmquistCmd(append(args, "--json")...)
	if again != out {
		t.Error("the same seed gave a different JSON output")
	}
	code, out, errs = runMalmquistCmd(args...)
	if code != 0 || !strings.Contains(out, "BOOTSTRAP (Simar & Wilson 1999): 20 replications") || !strings.Contains(out, "NUMBER OF DMUS WITH A SIGNIFICANT") {
		t.Errorf("text: exit %d, %s\n%s", code, errs, out)
	}
}

// An index that does not exist (here: infeasible directional LPs of the
// Malmquist-Luenberger index) prints as "." in the DEAP-style text, never
// as NaN (issue 13; found by TestCLIRandom).
func TestMalmquistMissingPrintsDot(t *testing.T) {
	code, out, errs := runMalmquistCmd("--data", "testdata/malmquist/ml_infeasible.csv", "--dmu", "dmu", "--period", "year",
		"--inputs", "x1,x2", "--outputs", "y1", "--bad", "b", "--gaps")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if nonFinite.MatchString(line) {
			t.Errorf("output prints a non-finite number: %q", line)
		}
	}
	if !strings.Contains(out, "\n     0   0.753       .   1.000   0.753       .\n") {
		t.Errorf("year 2002 of DMU 0 should show effch 0.753 and techch, tfpch missing (.):\n%s", out)
	}
}
