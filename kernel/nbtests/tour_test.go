package nbtests

import (
	"context"
	"github.com/econb/econb/kernel/runner"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTour installs the kernel into a temporary Jupyter data directory,
// executes notebooks/00-tour.ipynb through Jupyter and checks what each
// cell shows: a gota DataFrame and the same data as an econb dataset
// (HTML), a library call (lib/lq through the nb verb d.LQ), an HTML table
// and a formula. Expected numbers are computed by hand from the tour's
// made-up table (manufacturing 120, 80, 40 of totals 300, 400, 300).
func TestTour(t *testing.T) {
	jup := FindJupyter(t)
	env := InstallKernel(t)
	out := filepath.Join(t.TempDir(), "tour.ipynb")
	var log strings.Builder
	sum, err := runner.Run(context.Background(), runner.Config{
		Python:   jup.Python,
		Notebook: filepath.Join(RepoRoot(t), "notebooks", "00-tour.ipynb"),
		Out:      out,
		HTML:     strings.TrimSuffix(out, ".ipynb") + ".html",
		Env:      env,
		Progress: testWriter{t},
		Log:      &log,
	})
	if err != nil {
		t.Fatalf("%v\nkernel log:\n%s", err, runner.LastLines(log.String(), 40))
	}
	t.Logf("tour: %d code cells in %.1fs", sum.Cells, sum.Seconds)
	nb, err := ReadNotebook(out)
	if err != nil {
		t.Fatal(err)
	}
	cells := nb.CodeCells()
	if len(cells) != 5 {
		t.Fatalf("tour has %d code cells, want 5", len(cells))
	}
	if src := strings.TrimSpace(string(cells[0].Source)); src != "%noautoget" {
		t.Errorf("first code cell is %q, want %%noautoget", src)
	}
	checks := []struct {
		name     string
		cell     int // code cell, from 0
		mime     string
		patterns []string
	}{
		{"gota DataFrame", 1, "text/plain", []string{`\[3x3\] DataFrame`, `region\s+manufacturing\s+total`, `North\s+120\.0+\s+300\.0+`, `South\s+40\.0+\s+300\.0+`}},
		// Both as HTML tables with types: the gota DataFrame (kernel/display) first, then the same data as an
		// econb dataset (nb.FromGota).
		{"gota DataFrame and dataset as HTML", 1, "text/html", []string{
			`class="econb-frame"`, `<th title="">region</th><th title="">manufacturing</th><th title="">total</th>`, `<td>North</td><td>120</td><td>300</td>`, `<td>South</td><td>40</td><td>300</td>`,
			`class="econb-frame"`, `<th title="">region</th><th title="">manufacturing</th><th title="">total</th>`, `<td>North</td><td>120</td><td>300</td>`, `<td>South</td><td>40</td><td>300</td>`}},
		// LQ = (x/y)/(240/1000): North (120/300)/0.24 = 1.6667, Centre (80/400)/0.24 = 0.8333, South (40/300)/0.24 = 0.5556,
		// computed by lib/lq through d.LQ and checked by nb.Near against these hand formulas.
		{"lib/lq runs (d.LQ)", 2, "text/plain", []string{`North\s+120\s+300\s+1\.666667`, `Centre\s+80\s+400\s+\.8333333`, `South\s+40\s+300\s+\.5555556`,
			`check: LQ\(North\) = \(120/300\)/\(240/1000\) = 1\.666666667 `, `check: LQ\(Centre\) = \(80/400\)/\(240/1000\) = 0\.8333333333 `, `check: LQ\(South\) = \(40/300\)/\(240/1000\) = 0\.5555555556 `}},
		// Shares 120/300 = .4, 80/400 = .2, 40/300 = .1333333; LQs as above.
		{"HTML table", 3, "text/html", []string{`<div id="econb-tour-table">`, `<td>North</td><td>\.4</td><td>1\.666667</td>`, `<td>Centre</td><td>\.2</td><td>\.8333333</td>`, `<td>South</td><td>\.1333333</td><td>\.5555556</td>`, `</table>`}},
		{"LaTeX formula", 4, "text/latex", []string{`\$\$\\mathrm\{LQ\}_\{ij\} = \\frac\{e_\{ij\} / e_\{i\}\}\{E_\{j\} / E\}\$\$`}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			text := cells[c.cell].Text(c.mime)
			if err := Sequence(text, c.patterns...); err != nil {
				t.Errorf("code cell %d, %s: %v", c.cell+1, c.mime, err)
			}
			if e := cells[c.cell].Text("error"); e != "" {
				t.Errorf("code cell %d has an error: %s", c.cell+1, e)
			}
		})
	}
	if html, err := os.ReadFile(strings.TrimSuffix(out, ".ipynb") + ".html"); err != nil || !strings.Contains(string(html), "econb-tour-table") {
		t.Errorf("HTML export lacks the table (err %v)", err)
	}
}

// testWriter sends each write to t.Log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// TestEconbInCell runs the econb command from a notebook cell (`!econb`),
// as a user does with `!econb fit ...`: econb install puts it on the
// kernel's PATH.
func TestEconbInCell(t *testing.T) {
	jup := FindJupyter(t)
	env := InstallKernel(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "cmd.ipynb"), filepath.Join(dir, "cmd-out.ipynb")
	nb := `{"cells": [
 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["%noautoget"]},
 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["!econb help"]}
], "metadata": {"kernelspec": {"name": "econb", "display_name": "Go (econb)", "language": "go"}}, "nbformat": 4, "nbformat_minor": 5}`
	if err := os.WriteFile(in, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	if _, err := runner.Run(context.Background(), runner.Config{Python: jup.Python, Notebook: in, Out: out, Env: env, Log: &log}); err != nil {
		t.Fatalf("%v\nkernel log:\n%s", err, runner.LastLines(log.String(), 40))
	}
	got, err := ReadNotebook(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := Sequence(got.CodeCells()[1].Text("text/plain"), `Usage: econb <command>`, `fit\s+fit an OLS`); err != nil {
		t.Errorf("!econb help in a cell: %v", err)
	}
}
