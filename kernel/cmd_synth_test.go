package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// `econb synth` with the default seed writes the shipped panel and TFP
// files byte for byte.
func TestSynthDefaultSeed(t *testing.T) {
	dir := t.TempDir()
	out, tfp := filepath.Join(dir, "p.csv"), filepath.Join(dir, "tfp.csv")
	var stdout, stderr bytes.Buffer
	if err := runSynth([]string{"--out", out, "--tfp", tfp}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, f := range [][2]string{{out, "synth_cities.csv"}, {tfp, "synth_cities_tfp.csv"}} {
		got, _ := os.ReadFile(f[0])
		want, err := os.ReadFile(filepath.Join("..", "notebooks", "data", f[1]))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("econb synth output differs from notebooks/data/%s", f[1])
		}
	}
	// To stdout, another seed: a different panel with the same header.
	stdout.Reset()
	if err := runSynth([]string{"--seed", "3"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(out)
	if bytes.Equal(stdout.Bytes(), want) || !bytes.HasPrefix(stdout.Bytes(), want[:bytes.IndexByte(want, '\n')]) {
		t.Error("seed 3 should give another panel with the same header")
	}
}

// `econb synth --truth` writes the shipped truth files byte for byte: the
// JSON the notebooks read (chen.LoadTruth) and its rows as CSV.
func TestSynthTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("the implied national values take a 40x panel")
	}
	dir := t.TempDir()
	for _, name := range []string{"synth_truth.json", "synth_truth.csv"} {
		var stdout, stderr bytes.Buffer
		out := filepath.Join(dir, name)
		if err := runSynth([]string{"--out", filepath.Join(dir, "p.csv"), "--truth", out, "--replace"}, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(out)
		want, err := os.ReadFile(filepath.Join("..", "notebooks", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("econb synth --truth differs from notebooks/data/%s", name)
		}
	}
}

func TestSynthUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := runSynth([]string{"--seed", "x"}, &stdout, &stderr); !errors.Is(err, errUsage) {
		t.Errorf("err = %v, want a usage error", err)
	}
	if err := runSynth([]string{"extra"}, &stdout, &stderr); !errors.Is(err, errUsage) {
		t.Errorf("err = %v, want a usage error", err)
	}
}
