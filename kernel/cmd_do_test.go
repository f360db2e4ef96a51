package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func runDoCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runMain(append([]string{"do"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// doTemp copies testdata/do/cig.do and the data it reads into a temporary
// folder and returns the folder (the do-file writes out.csv there).
func doTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []struct{ from, to string }{
		{"testdata/do/cig.do", "do/cig.do"}, {fitData, "fit/cigsw95.csv"},
	} {
		b, err := os.ReadFile(f.from)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, f.to)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "do")
}

// TestDoJSON: econb do --json prints one JSON object per estimation
// command, with the keys of econb fit --json, and the numbers of reference
// case cigsw95_2sls_robust_small (R 4.2.2 AER::ivreg + sandwich HC1 =
// ivreg2 robust small; coef/SE 1e-8, statistics 1e-6 relative). The log
// goes to standard error.
func TestDoJSON(t *testing.T) {
	dir := doTemp(t)
	code, out, errs := runDoCmd(filepath.Join(dir, "cig.do"), "--json", "--cd")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines (ivreg2, regress), got %d:\n%s", len(lines), out)
	}
	var iv struct {
		N         int
		Estimator string
		VCE       string
		Small     bool
		Coef      map[string]map[string]float64
		Stats     map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(lines[0]), &iv); err != nil {
		t.Fatal(err)
	}
	if iv.N != 48 || iv.Estimator != "2sls" || iv.VCE != "robust" || !iv.Small {
		t.Errorf("header: %+v", iv)
	}
	check(t, "b lrprice", iv.Coef["lrprice"]["b"], -1.2774241334272842, 1e-8)
	check(t, "se lrprice", iv.Coef["lrprice"]["se"], 0.2496100003979375, 1e-8)
	check(t, "b _cons", iv.Coef["_cons"]["b"], 9.894955541155229, 1e-8)
	var j, endog struct{ Stat float64 }
	_ = json.Unmarshal(iv.Stats["hansen_j"], &j)
	_ = json.Unmarshal(iv.Stats["endog"], &endog)
	check(t, "hansen_j", j.Stat, 0.334735881706156, 1e-6)
	check(t, "endog C", endog.Stat, 3.526081522397247, 1e-6)
	// the same keys as econb fit --json on the same model
	_, fitOut, _ := runFitCmd("--data", fitData, "--formula", "lpacks ~ lrincome | lrprice ~ tdiff + rtax",
		"--vce", "robust", "--small", "--endog", "lrprice", "--json")
	if got, want := jsonKeys(t, lines[0]), jsonKeys(t, fitOut); got != want {
		t.Errorf("econb do --json keys %s, econb fit --json keys %s", got, want)
	}
	if !strings.Contains(errs, ". ivreg2 lpacks lrincome (lrprice = tdiff rtax), robust small endog(lrprice)") {
		t.Errorf("the log on standard error lacks the command:\n%s", errs)
	}
}

func jsonKeys(t *testing.T, s string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &m); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	var k []string
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return strings.Join(k, ",")
}

// TestDoLogAndFiles: the text log, export delimited's file, and Stata's
// replace rule through kernel/internal/fileout.
func TestDoLogAndFiles(t *testing.T) {
	dir := doTemp(t)
	code, out, errs := runDoCmd(filepath.Join(dir, "cig.do"), "--cd")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{". import delimited ../fit/cigsw95.csv, clear", "IV (2SLS) estimation", "file out.csv saved"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.csv"))
	// the exact number: lpacks of AL in cigsw95.csv is 4.6159660400774136
	if err != nil || !strings.HasPrefix(string(b), "state,lpacks\nAL,4.615966040077414\n") {
		t.Errorf("out.csv: %v\n%.80s", err, b)
	}
	// without replace an existing file stays as it is
	noReplace := filepath.Join(dir, "noreplace.do")
	if err := os.WriteFile(noReplace, []byte("import delimited ../fit/cigsw95.csv\nexport delimited state using out.csv\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runDoCmd(noReplace, "--cd")
	if code != 1 || !strings.Contains(errs, "noreplace.do, line 2: export delimited: file out.csv already exists; add the option replace to overwrite it") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if b2, _ := os.ReadFile(filepath.Join(dir, "out.csv")); !bytes.Equal(b, b2) {
		t.Errorf("out.csv changed without replace")
	}
}

// TestDoErrors: an unknown command, a malformed one and a missing file
// stop with exit status 1 and name the line; a bad call is a usage error.
func TestDoErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		file, text string
		want       []string
	}{
		{"a.do", "* fine\nprobit y x\n", []string{"a.do, line 2: unrecognized command: probit is not in the subset of Stata that econb runs", "estimation: regress, xtreg, ivregress, ivreg2, xtivreg2", "  . probit y x"}},
		{"b.do", "display 1 +\n", []string{"b.do, line 1: "}},
		{"c.do", "use nothere, clear\n", []string{"c.do, line 1: use: file nothere.dta not found"}},
		{"d.do", "foreach v in a b {\n display \"`v'\"\n", []string{"d.do, line 1: the block opened with \"{\" is never closed"}},
	}
	for _, c := range cases {
		code, _, errs := runDoCmd(write(c.file, c.text))
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", c.file, code)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.file, w, errs)
			}
		}
	}
	if code, _, errs := runDoCmd(); code != 2 || !strings.Contains(errs, "give the do-file") {
		t.Errorf("no file: exit %d, %s", code, errs)
	}
}
