package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// `econb montecarlo --json` gives the same study with one worker and with
// two (timings aside), and the DGP knobs reach the study.
func TestMonteCarloJSON(t *testing.T) {
	run := func(workers string) map[string]any {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := []string{"--reps", "3", "--seed", "7", "--workers", workers, "--json", "--cities", "30,30,20", "--years", "10", "--noise-output", "0.01"}
		if err := runMonteCarlo(args, &stdout, &stderr); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		if !strings.Contains(stderr.String(), "3/3 replications") {
			t.Errorf("no progress on stderr:\n%s", stderr.String())
		}
		var out map[string]any
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, stdout.String())
		}
		for _, k := range []string{"seconds", "wall_seconds", "workers"} {
			delete(out, k)
		}
		return out
	}
	one, two := run("1"), run("2")
	if !reflect.DeepEqual(one, two) {
		t.Error("--workers 1 and --workers 2 give different studies")
	}
	dgp := one["dgp"].(map[string]any)
	if dgp["Years"].(float64) != 10 || dgp["NoiseOutput"].(float64) != 0.01 || one["completed"].(float64) != 3 {
		t.Errorf("dgp %v, completed %v", dgp, one["completed"])
	}
	if n := len(one["summaries"].([]any)); n != 48*8 {
		t.Errorf("%d summaries, want 48 models × 8 coefficients", n)
	}
}

// The text report: the IV-GMM and 2SLS tables, the correlations by year,
// the time split; --out writes every replication.
func TestMonteCarloText(t *testing.T) {
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "reps.json")
	if err := runMonteCarlo([]string{"--reps", "2", "--cities", "30,30,20", "--years", "8", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for _, want := range []string{"SAGG, IV-GMM: 2 replications", "SAGG, 2SLS", "Correlation across cities", "Malmquist", "48 fits"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var full struct {
		Replications []struct {
			Fits []any `json:"fits"`
		} `json:"replications"`
	}
	if err := json.Unmarshal(b, &full); err != nil || len(full.Replications) != 2 || len(full.Replications[0].Fits) != 48 {
		t.Errorf("--out: %v, %d replications", err, len(full.Replications))
	}
}

func TestMonteCarloUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--reps", "0"},
		{"--reps", "2", "--models", "some"},
		{"--reps", "2", "--cities", "101,99"},
		{"--reps", "2", "--cities", "101,x,61"},
		{"--reps", "x"},
	} {
		var stdout, stderr bytes.Buffer
		if err := runMonteCarlo(args, &stdout, &stderr); !errors.Is(err, errUsage) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}
