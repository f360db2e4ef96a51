package runner

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/econb/econb/kernel/nbtests"
)

// notebookJSON is a minimal nbformat-4 notebook for the econb kernel with
// the given code cells.
func notebookJSON(cells ...string) string {
	var b strings.Builder
	b.WriteString(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "econb", "display_name": "Go (econb)", "language": "go"}}, "cells": [`)
	for i, c := range cells {
		if i > 0 {
			b.WriteString(",")
		}
		src, _ := jsonString(c)
		b.WriteString(`{"cell_type": "code", "id": "c` + strconv.Itoa(i) + `", "metadata": {}, "execution_count": null, "outputs": [], "source": ` + src + `}`)
	}
	b.WriteString("]}")
	return b.String()
}

// TestReplicateNamesFailingCell runs replicate on three notebooks, one with
// a compile error in its third code cell and one stopped by nb.Errorf,
// through a real Jupyter: the good one is written, and the error names the
// notebook, the cell and the compiler's message or econb's own message
// (shown in the notebook as an HTML box). A cell of the good one writes a file into
// $ECONB_REPLICATION_DIR/tables, which proves the variable reaches the cells.
func TestReplicateNamesFailingCell(t *testing.T) {
	jup := nbtests.FindJupyter(t)
	for _, kv := range nbtests.InstallKernel(t) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	repo := t.TempDir()
	nbdir := filepath.Join(repo, "notebooks")
	if err := os.MkdirAll(nbdir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a-good.ipynb": notebookJSON("%noautoget", "%%\nfmt.Println(\"fine\")",
			"%%\ndir := filepath.Join(os.Getenv(\"ECONB_REPLICATION_DIR\"), \"tables\")\n"+
				"if err := os.MkdirAll(dir, 0o755); err != nil { panic(err) }\n"+
				"if err := os.WriteFile(filepath.Join(dir, \"t1.html\"), []byte(\"x\"), 0o644); err != nil { panic(err) }"),
		"b-bad.ipynb":  notebookJSON("%noautoget", "%%\nfmt.Println(\"fine\")", "%%\nvar x int = \"text\"\n_ = x"),
		"c-stop.ipynb": notebookJSON("%noautoget", "import \"github.com/econb/econb/kernel/nb\"\n\n%%\nnb.Errorf(\"column %q, row %d: not a number; fix the file\", \"gdp\", 7)"),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(nbdir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(repo, "out")
	var progress bytes.Buffer
	err := replicate(repo, replicateOptions{Out: out, Python: jup.Python, Timeout: 300}, &progress)
	t.Logf("progress:\n%s", progress.String())
	if err == nil {
		t.Fatal("replicate succeeded on a notebook with a compile error")
	}
	for _, want := range []string{"b-bad.ipynb", "code cell 3", `"var x int = \"text\""`, "cannot use",
		"c-stop.ipynb", "code cell 2", `econb: column "gdp", row 7: not a number; fix the file`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "a-good") {
		t.Errorf("error names the good notebook:\n%v", err)
	}
	for _, f := range []string{"a-good.ipynb", "a-good.html", "b-bad.ipynb", "b-bad.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	// The environment reached the cell: its file is under --out/tables.
	if _, err := os.Stat(filepath.Join(out, "tables", "t1.html")); err != nil {
		t.Errorf("the cell did not write into $ECONB_REPLICATION_DIR/tables: %v", err)
	}
	for _, want := range []string{"[1/3] notebooks/a-good.ipynb", "ok: 3 code cells", "tables written: 1", "t1.html", "figures written: 0", "[2/3] notebooks/b-bad.ipynb", "FAILED", "3 notebooks, 2 failed"} {
		if !strings.Contains(progress.String(), want) {
			t.Errorf("progress lacks %q", want)
		}
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

// TestFirstCodeLine checks how a failing cell is named: its first line
// that is not blank or a GoNB magic.
func TestFirstCodeLine(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"%%\nfmt.Println(1)", "fmt.Println(1)"},
		{"%noautoget\n\n  x := 1\n", "x := 1"},
		{"%%", "%%"},
	} {
		if got := firstCodeLine(c.src); got != c.want {
			t.Errorf("firstCodeLine(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}
