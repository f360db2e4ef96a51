package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/econb/econb/kernel/internal/fileout"
)

// snapshot records every file of dir: its content and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = fi.ModTime().Format(time.RFC3339Nano) + "\n" + string(b)
	}
	return out
}

func keys(m map[string]string) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// No command ever truncates, replaces or half-writes an existing file
// when it fails (issue 13), and a failed run leaves no file behind: each
// run below fails, in a directory of existing files that every output
// flag points at, and the directory must be exactly as it was.
func TestFailedCommandsKeepFiles(t *testing.T) {
	const precious = "my precious data\n"
	runs := [][]string{
		// synth: refused before anything is written
		{"synth", "--out", "a.csv"},
		{"synth", "--out", "new.csv", "--tfp", "a.csv"},
		{"synth", "--out", "a.csv", "--tfp", "a.csv", "--replace"},
		{"synth", "--out", "a.csv", "--tfp", "./a.csv", "--force"},
		{"synth", "--out", "a.csv", "--tfp", "b.csv", "--truth", "nodir/t.json", "--replace"},
		{"synth", "--out", "a.csv", "--tfp", "/nonexistent/t.csv", "--replace"},
		{"synth", "--out", "a.csv", "--replace", "--seed", "-1"},
		{"synth", "--out", "a.csv", "--replace", "extra"},
		{"synth", "--out", ".", "--replace"},
		// montecarlo: checked before the study runs
		{"montecarlo", "--reps", "1", "--out", "a.csv"},
		{"montecarlo", "--reps", "1", "--out", "nodir/x.json", "--replace"},
		{"montecarlo", "--reps", "1", "--cities", "1,2", "--out", "a.csv", "--replace"},
		// the commands that read --data write nothing, and fail on bad data
		{"fit", "--data", "a.csv", "--formula", "y ~ x"},
		{"fit", "--data", "b.csv", "--formula", "my precious data ~ x"},
		{"malmquist", "--data", "a.csv", "--dmu", "d", "--period", "p", "--inputs", "x", "--outputs", "y"},
		{"dea", "--data", "a.csv", "--dmu", "d", "--inputs", "x", "--outputs", "y"},
	}
	// every shell command, called wrongly with its output flags on the files
	for name := range shellCommands {
		runs = append(runs, []string{name, "--out", "a.csv", "--tfp", "b.csv", "--replace", "--no-such-flag"})
	}
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range []string{"a.csv", "b.csv"} {
				if err := os.WriteFile(filepath.Join(dir, f), []byte(precious), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			if code := runMain(args, &stdout, &stderr); code == 0 {
				t.Fatalf("exit 0, want a failure")
			}
			after := snapshot(t, dir)
			if strings.Join(keys(after), ",") != strings.Join(keys(before), ",") {
				t.Errorf("files %v after the failed run, want %v", keys(after), keys(before))
			}
			for f, s := range before {
				if after[f] != s {
					t.Errorf("%s changed by the failed run (%s)", f, strings.TrimSpace(stderr.String()))
				}
			}
		})
	}
}

// A successful run with --replace replaces the files whole and leaves no
// temporary file; --force is the same.
func TestReplaceLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a.csv", "b.csv"} {
		if err := os.WriteFile(f, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, flag := range []string{"--replace", "--force"} {
		var stdout, stderr bytes.Buffer
		if code := runMain([]string{"synth", "--out", "a.csv", "--tfp", "b.csv", flag}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, stderr.String())
		}
		for _, f := range []string{"a.csv", "b.csv"} {
			b, _ := os.ReadFile(f)
			if !bytes.HasPrefix(b, []byte("city,")) {
				t.Errorf("%s: %s not replaced: %.20q", flag, f, b)
			}
		}
		ents, _ := os.ReadDir(".")
		for _, e := range ents {
			if fileout.IsTemp(e.Name()) {
				t.Errorf("%s: temporary file %s left", flag, e.Name())
			}
		}
	}
}
