package report_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file under
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lib/report -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// renderAll checks every renderer of r against testdata/base.{txt,html,tex,md,csv}.
func renderAll(t *testing.T, base string, r interface {
	String() string
	HTML() string
	LaTeX() string
	Markdown() string
	CSV() string
}) {
	t.Helper()
	golden(t, base+".txt", r.String())
	golden(t, base+".html", r.HTML())
	golden(t, base+".tex", r.LaTeX())
	golden(t, base+".md", r.Markdown())
	golden(t, base+".csv", r.CSV())
}

func noTrailingSpace(t *testing.T, s string) {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("line %d has trailing spaces: %q", i+1, l)
		}
	}
}
