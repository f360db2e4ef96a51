package stata

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCorpus runs every do-file of testdata/do in a temporary copy of the
// folder (the do-files write files). Each do-file asserts its expected
// numbers itself (assert stops it at the first wrong one); the sources of
// the numbers are in each file's header and in testdata/do/README.md. The
// table below adds what the log must show.
func TestCorpus(t *testing.T) {
	logs := map[string][]string{
		"lex.do": {
			"shown inside quietly",
			`compound "quotes" kept`,
			"\n.33333333\n",    // display 1/3: Stata's default format %9.0g
			"\n    3.142\n",    // %9.3f
			"\n   1,234,567\n", // %12.0fc
			"N = 6              |\nnext line  x",
			"\na4\n",
			"unrecognized command: xtlogit is not in the subset of Stata that econb runs",
		},
		"data.do": {"(3 real changes made)", "(1 missing value generated)", "(2 observations deleted)"},
		"io.do":   {"file provs.dta saved", "file roundtrip.csv saved", "logged line"},
		"esttab.do": {
			"(output written to table.csv)",
			"House value", // label
		},
		"malmquist.do": {"MALMQUIST INDEX SUMMARY OF ANNUAL MEANS"},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "do", "*.do"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	dir := copyCorpus(t)
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var log bytes.Buffer
			s := New(Options{Dir: dir, Out: &log})
			if err := s.RunFile(name); err != nil {
				t.Fatalf("%v\n--- log:\n%s", err, tail(log.String(), 3000))
			}
			for _, want := range logs[name] {
				if !strings.Contains(log.String(), want) {
					t.Errorf("the log lacks %q\n--- log:\n%s", want, tail(log.String(), 3000))
				}
			}
			if name == "lex.do" && strings.Contains(log.String(), "\nnot shown\n") {
				t.Errorf("quietly showed a display:\n%s", log.String())
			}
		})
	}
	// esttab's CSV holds Stata's numbers (hsng_2sls_robust_small,
	// hsng_gmm_robust of lib/ivgmm's cases.json) at 5 decimals.
	b, err := os.ReadFile(filepath.Join(dir, "table.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0.00224", "(0.00069)", "0.00146", "(0.00045)", "120.70651", "112.12271", "50"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("table.csv lacks %s:\n%s", want, b)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "table.tex")); err != nil || !strings.Contains(string(b), "House value") {
		t.Errorf("table.tex: %v\n%s", err, b)
	}
	// log using wrote what ran between it and log close
	if b, err := os.ReadFile(filepath.Join(dir, "session.log")); err != nil || !strings.Contains(string(b), ". display \"logged line\"\nlogged line\n") || strings.Contains(string(b), "capture") {
		t.Errorf("session.log: %v\n%s", err, b)
	}
}

// copyCorpus copies testdata/do into a temporary folder.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", "do")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		in, err := os.Open(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		out.Close()
	}
	// an Excel workbook for import excel: a title row, then the header
	x := excelize.NewFile()
	rows := [][]any{{"Cities (title row)"}, {"city", "prov", "year", "gdp", "pop"},
		{"Beijing", "BJ", 2004, 100, 10}, {"Beijing", "BJ", 2005, 120, 11}, {"Wuhan", "HB", 2004, 50, 8},
		{"Wuhan", "HB", 2005, nil, 8}, {"Xian", "SN", 2004, 30, 5}, {"Xian", "SN", 2005, 36, 6}}
	for i, r := range rows {
		if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(filepath.Join(dir, "cities.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
