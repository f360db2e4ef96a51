package browsertest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/econb/econb/kernel/nbtests"
)

// TestTourInJupyterLab runs the tour in JupyterLab in headless Chromium.
func TestTourInJupyterLab(t *testing.T) {
	s := openNotebook(t, "00-tour.ipynb", 1280, 2500)
	page, p := s.Page, s.Page.Timeout(3*time.Minute)
	runAll(t, page)

	// The HTML table, with the hand-computed LQs (see nbtests.TestTour).
	table, err := p.Element("#econb-tour-table")
	if err != nil {
		t.Fatalf("HTML table did not render: %v", err)
	}
	text, err := table.Text()
	if err != nil {
		t.Fatal(err)
	}
	if err := nbtests.Sequence(text, `Region\s+Manufacturing share\s+LQ`, `North\s+0\.400\s+1\.667`, `Centre\s+0\.200\s+0\.833`, `South\s+0\.133\s+0\.556`); err != nil {
		t.Errorf("table text: %v", err)
	}
	// The formula, typeset by MathJax (not left as $$...$$ source).
	if _, err := p.Element(".jp-RenderedLatex mjx-container"); err != nil {
		t.Fatalf("formula was not typeset: %v", err)
	}
	// All cells done: the kernel is idle again and no cell shows an error.
	if _, err := p.Element(`.jp-Notebook-ExecutionIndicator[data-status="idle"]`); err != nil {
		t.Fatalf("kernel did not return to idle: %v", err)
	}
	if has, _, _ := page.Has(`.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`); has {
		t.Errorf("a cell wrote to stderr")
	}
	for _, want := range []string{"econb lib/lq: LQ(North) = 1.667", "[3x3] DataFrame"} {
		if _, err := p.ElementR(".jp-OutputArea-output", regexpQuote(want)); err != nil {
			t.Errorf("output %q not shown: %v", want, err)
		}
	}
	time.Sleep(time.Second) // let MathJax finish laying out
	screenshot(t, page, filepath.Join(s.Repo, "build", "browsertest", "00-tour.png"))
}

func regexpQuote(s string) string {
	r := strings.NewReplacer(`[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`, `.`, `\.`)
	return r.Replace(s)
}
