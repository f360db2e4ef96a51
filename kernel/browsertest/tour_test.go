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
	start := time.Now()
	runAll(t, page)
	// The first Go cell compiles the notebook's imports (gota here): the
	// latency a new user meets. Cell 1 is only %noautoget.
	times := timeCells(t, page, start, 3*time.Minute)
	for i, d := range times {
		t.Logf("code cell %d done %.2fs after Run All", i+1, d.Seconds())
	}

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

// TestKernelIdleOnOpen opens a notebook and runs nothing: once the kernel
// has connected and answered kernel_info, JupyterLab must show it idle, as
// it does for ipykernel. Unpatched GoNB left it "Unknown" until the first
// cell ran (kernel/assets/gonbpatch), and the tests that waited for the
// execution indicator then hung whenever the kernel connected before the
// first check (before a kernel exists, the indicator says idle too).
func TestKernelIdleOnOpen(t *testing.T) {
	s := openNotebook(t, "00-tour.ipynb", 1280, 800) // fails here unless the frontend sees idle within the limit
	bar, err := s.Page.Timeout(10*time.Second).ElementR(".jp-StatusBar-Widget", `Go \(econb\) \| Idle`)
	if err != nil || bar == nil {
		t.Fatalf("status bar does not say \"Go (econb) | Idle\": %v", err)
	}
}
