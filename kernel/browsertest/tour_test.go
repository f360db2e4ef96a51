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

	// A gota DataFrame (nb.Show of it, and of the same data as an econb
	// dataset) renders as an HTML table, not as text: the first
	// .econb-frame of the page is cell 2's, with its header, the types row
	// and the made-up numbers.
	frame, err := p.Element(".econb-frame table")
	if err != nil {
		t.Fatalf("dataset did not render as an HTML table: %v", err)
	}
	text, err := frame.Text()
	if err != nil {
		t.Fatal(err)
	}
	if err := nbtests.Sequence(text, `region\s+manufacturing\s+total`, `type\s+str\s+float64\s+float64`, `North\s+120\s+300`, `Centre\s+80\s+400`, `South\s+40\s+300`); err != nil {
		t.Errorf("dataset table text: %v", err)
	}
	// The second is the same data as an econb dataset: the same table.
	frames, err := p.Elements(".econb-frame table")
	if err != nil || len(frames) < 2 {
		t.Fatalf("the gota DataFrame and the dataset are not two HTML tables: %d found, %v", len(frames), err)
	}
	if second, err := frames[1].Text(); err != nil || second != text {
		t.Errorf("the dataset's table differs from the gota DataFrame's (%v):\n%s\n---\n%s", err, second, text)
	}

	// The HTML table, with the hand-computed shares and LQs (see
	// nbtests.TestTour): the dataset's table inside the element with id
	// econb-tour-table.
	table, err := p.Element("#econb-tour-table")
	if err != nil {
		t.Fatalf("HTML table did not render: %v", err)
	}
	if has, _, _ := table.Has("table"); !has {
		t.Errorf("#econb-tour-table holds no <table>")
	}
	text, err = table.Text()
	if err != nil {
		t.Fatal(err)
	}
	if err := nbtests.Sequence(text, `region\s+share\s+lq`, `North\s+\.4\s+1\.666667`, `Centre\s+\.2\s+\.8333333`, `South\s+\.1333333\s+\.5555556`); err != nil {
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
	for _, want := range []string{"check: LQ(North) = (120/300)/(240/1000) = 1.666666667 ", "check: LQ(South) = (40/300)/(240/1000) = 0.5555555556 "} {
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
