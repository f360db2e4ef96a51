package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func runDEACmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runMain(append([]string{"dea"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// TestDEAText: the radial model on DEAP's example EG1 prints DEAP's lines
// (lib/dea/testdata/deap_eg1_out_excerpt.txt: input orientated, CRS,
// multi-stage slacks).
func TestDEAText(t *testing.T) {
	code, out, errs := runDEACmd("--data", "testdata/dea/eg1.csv", "--dmu", "firm", "--inputs", "x1,x2", "--outputs", "y")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		" Input orientated DEA\n\n Scale assumption: CRS\n\n Slacks calculated using multi-stage method\n",
		"\n    4  0.714\n", "\n mean  0.810\n",
		"\n    1                0.000       0.500\n", // input slacks of firm 1
		"\n mean                0.000       0.100\n",
		"\n    4                2.143       1.429\n", // input targets of firm 4
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestDEAModels runs every model once. Cost efficiency with w = (1, 3)
// for all firms, by hand: the cheapest way to make one unit of output at
// these prices is firm 5's (6, 2)/2 = (3, 1) per unit, cost 6 (firm 2's
// (1, 2) per unit costs 7; firm 4's (3, 2) per unit 9), so CE = 6·y/(w'x):
// firm 1: 6/17, firm 2: 12/14, firm 3: 18/24, firm 4: 6/9, firm 5: 12/12.
func TestDEAModels(t *testing.T) {
	base := []string{"--data", "testdata/dea/eg1_prices.csv", "--dmu", "firm", "--inputs", "x1,x2", "--outputs", "y", "--json"}
	var r struct {
		Model string
		Units []map[string]any
	}
	code, out, errs := runDEACmd(append(base, "--model", "cost", "--prices", "w1,w2")...)
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Model != "cost" {
		t.Fatalf("cost: exit %d, %s\n%s", code, errs, out)
	}
	for j, want := range []float64{6.0 / 17, 12.0 / 14, 18.0 / 24, 6.0 / 9, 1} {
		if got := r.Units[j]["score"].(float64); math.Abs(got-want) > 1e-9 {
			t.Errorf("firm %d: cost efficiency %.12g, want %.12g", j+1, got, want)
		}
	}
	for _, m := range []string{"sbm", "super", "super-sbm", "ddf"} {
		code, out, errs := runDEACmd(append(base, "--model", m)...)
		if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Model != m || len(r.Units) != 5 {
			t.Errorf("--model %s: exit %d, %s\n%s", m, code, errs, out)
		}
	}
	code, out, errs = runDEACmd("--data", "testdata/malmquist/eg4_bad.csv", "--dmu", "dmu", "--inputs", "x", "--outputs", "y",
		"--bad", "so2", "--model", "sbm", "--rts", "vrs", "--period", "period", "--year", "2")
	if code != 0 || !strings.Contains(out, "period period = 2") || !strings.Contains(out, "undesirable outputs Tone 2004") {
		t.Errorf("--period --year: exit %d, %s\n%s", code, errs, out)
	}
	code, out, errs = runDEACmd("--data", "testdata/dea/eg1.csv", "--dmu", "firm", "--inputs", "x1,x2", "--outputs", "y",
		"--bootstrap", "20", "--seed", "3", "--json")
	if code != 0 || !strings.Contains(out, `"bootstrap":{"alpha":0.05`) || !strings.Contains(out, `"lower":`) {
		t.Errorf("--bootstrap: exit %d, %s\n%s", code, errs, out)
	}
}

func TestDEAErrors(t *testing.T) {
	base := []string{"--data", "testdata/dea/eg1_prices.csv", "--dmu", "firm", "--inputs", "x1,x2", "--outputs", "y"}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown model", []string{"--model", "magic"}, `--model "magic"`},
		{"prices without cost", []string{"--prices", "w1,w2"}, "--prices is for --model cost"},
		{"cost without prices", []string{"--model", "cost"}, "--model cost needs --prices"},
		{"price arity", []string{"--model", "cost", "--prices", "w1"}, "--prices names 1 column(s) for 2 inputs"},
		{"bad with radial", []string{"--bad", "w1"}, "--bad needs --model sbm, super-sbm or ddf"},
		{"slacks with sbm", []string{"--model", "sbm", "--slacks", "two"}, "--slacks applies to --model radial only"},
		{"non-oriented radial", []string{"--orient", "non"}, "--orient non is for --model sbm and super-sbm"},
		{"orient with ddf", []string{"--model", "ddf", "--orient", "in"}, "--orient does not apply to --model ddf"},
		{"direction without ddf", []string{"--direction", "0,1,1"}, "--direction and --direction-fixed are for --model ddf"},
		{"bootstrap sbm", []string{"--model", "sbm", "--bootstrap", "10"}, "not available with --model sbm"},
		{"year without period", []string{"--year", "2"}, "--year needs --period"},
		{"radial nirs", []string{"--rts", "nirs"}, "--rts chooses crs or vrs"},
		{"seed without bootstrap", []string{"--seed", "1"}, "--seed and --alpha need --bootstrap"},
		{"input is output", []string{"--inputs", "x1,y"}, `column "y" is given to both --inputs and --outputs`},
		{"unknown column", []string{"--inputs", "x1,x3"}, `--inputs column "x3" not in`},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{}, base...), c.args...)
			if c.name == "input is output" || c.name == "unknown column" {
				args = append([]string{"--data", "testdata/dea/eg1_prices.csv", "--dmu", "firm", "--outputs", "y"}, c.args...)
			}
			code, _, errs := runDEACmd(args...)
			if code != 2 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errs, c.want)
			}
		})
	}
}
