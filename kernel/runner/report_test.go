package runner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const tinyNotebook = `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# 6. Table 1\n", "\n", "**Question.** Does SAGG raise TFP?"]},
 {"cell_type": "code", "execution_count": 1, "metadata": {"execution": {"iopub.status.busy": "2026-12-06T10:00:00Z"}},
  "outputs": [{"output_type": "display_data", "metadata": {"image/png": {"width": 672}},
   "data": {"image/svg+xml": "<svg/>", "image/png": "iVBOR", "text/plain": "<figure>"}}], "source": ["%%\n", "x"]}
], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
`

// TestReport writes a report from a narrative that embeds a saved table
// and figure, and checks the page and its refusal of a dangling reference.
func TestReport(t *testing.T) {
	repo, out := t.TempDir(), t.TempDir()
	write(t, filepath.Join(repo, "notebooks", "06-table1.ipynb"), tinyNotebook)
	write(t, filepath.Join(repo, "notebooks", "report.md"), "# The replication\n\nThe question.\n\n![Table 1 side by side](table:06-t1)\n\n![SAGG](figure:06-coef)\n")
	write(t, filepath.Join(repo, "notebooks", "data", "x.csv"), "a\n1\n")
	write(t, filepath.Join(out, "tables", "06-t1.html"), `<table class="econb-table"><tr><td>SAGG</td></tr></table>`)
	write(t, filepath.Join(out, "tables", "06-t1.tex"), `\begin{tabular}`)
	write(t, filepath.Join(out, "figures", "06-coef.svg"), `<svg/>`)
	ran := []ranNotebook{{Name: "06-table1", Path: "notebooks/06-table1.ipynb", Cells: 1, Seconds: 2.5, OK: true}}
	if err := writeReport(repo, out, ran, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		"<title>The replication</title>",
		`<td>SAGG</td>`,                              // the table, embedded
		`<img src="figures/06-coef.svg" alt="SAGG">`, // the figure
		`<a href="tables/06-t1.tex">LaTeX</a>`,
		"<b>6. Table 1</b>", "Question. Does SAGG raise TFP?", "2.5 s",
		`<a href="tables/06-t1.tex">tex</a>`,
		"data x.csv", "sha256 ", "@media print",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Report writes the same page again from the run's record, executing nothing.
	if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := Report(repo, out); err == nil || !strings.Contains(err.Error(), "run `econb replicate` first") {
		t.Errorf("Report without run.json: %v", err)
	}
	write(t, filepath.Join(out, runFile), `{"start": "1970-01-01T00:00:00Z", "notebooks": [{"name": "06-table1", "path": "notebooks/06-table1.ipynb", "cells": 1, "seconds": 2.5, "ok": true}]}`)
	if err := Report(repo, out); err != nil {
		t.Fatal(err)
	}
	if again, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(again) != page {
		t.Errorf("Report's page differs from the run's (%v)", err)
	}
	write(t, filepath.Join(repo, "notebooks", "report.md"), "# R\n\n![gone](table:nope)\n")
	if err := writeReport(repo, out, ran, time.Unix(0, 0)); err == nil || !strings.Contains(err.Error(), "table:nope, which no notebook saved") {
		t.Errorf("dangling reference: %v", err)
	}
}

// TestNormalizeAndStaleness: normalizing drops execution timestamps and a
// PNG beside its SVG and joins consecutive stream outputs of one name (their
// split depends on timing); a committed notebook without outputs, or with
// other outputs, is stale.
func TestNormalizeAndStaleness(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "nb.ipynb")
	write(t, p, tinyNotebook)
	nb, err := readNotebook(p)
	if err != nil {
		t.Fatal(err)
	}
	nb.normalize()
	if err := nb.write(p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if s := string(b); strings.Contains(s, "iopub.status.busy") || strings.Contains(s, "image/png") || !strings.Contains(s, "image/svg+xml") {
		t.Errorf("normalized notebook:\n%s", s)
	}
	fresh, _ := readNotebook(p)
	if msg := staleness(nb, fresh); msg != "" {
		t.Errorf("same outputs reported stale: %s", msg)
	}
	empty, _ := readNotebook(p)
	empty.cells()[1]["outputs"] = []any{}
	if msg := staleness(empty, fresh); msg != "committed without outputs" {
		t.Errorf("empty outputs: %q", msg)
	}
	split, joined := notebook{"cells": []any{map[string]any{"cell_type": "code", "outputs": []any{
		map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"a\n", "b"}},
		map[string]any{"output_type": "stream", "name": "stdout", "text": "c\n"},
		map[string]any{"output_type": "stream", "name": "stderr", "text": "d\n"},
		map[string]any{"output_type": "stream", "name": "stdout", "text": "e\n"}}}}},
		notebook{"cells": []any{map[string]any{"cell_type": "code", "outputs": []any{
			map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"a\n", "bc\n"}},
			map[string]any{"output_type": "stream", "name": "stderr", "text": []any{"d\n"}},
			map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"e\n"}}}}}}
	split.normalize()
	if msg := staleness(joined, split); msg != "" {
		t.Errorf("streams not joined: %s: %v", msg, split.outputsOf())
	}
	other, _ := readNotebook(p)
	other.cells()[1]["outputs"] = []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "N = 3392\n"}}
	if msg := staleness(other, fresh); !strings.HasPrefix(msg, "code cell 1: committed outputs differ from a fresh run") {
		t.Errorf("different outputs: %q", msg)
	}
}

// TestCheckExecuted compares committed notebooks with executed copies in
// another folder (econb test after the Binder emulation): equal outputs
// pass, other outputs and a missing copy are named.
func TestCheckExecuted(t *testing.T) {
	repo, dir := t.TempDir(), t.TempDir()
	write(t, filepath.Join(repo, "notebooks", "a.ipynb"), tinyNotebook)
	write(t, filepath.Join(dir, "a.ipynb"), tinyNotebook)
	var log strings.Builder
	if err := checkExecuted(repo, dir, &log); err != nil || !strings.Contains(log.String(), "a.ipynb: committed outputs are up to date") {
		t.Fatalf("same outputs: %v\n%s", err, log.String())
	}
	write(t, filepath.Join(dir, "a.ipynb"), strings.Replace(tinyNotebook, `"<figure>"`, `"<other figure>"`, 1))
	write(t, filepath.Join(repo, "notebooks", "b.ipynb"), tinyNotebook)
	err := checkExecuted(repo, dir, &log)
	for _, want := range []string{"a.ipynb: stale outputs: code cell 1", "b.ipynb: no executed copy"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}
