package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/proto"

	"github.com/econb/econb/kernel/nbtests"
)

// TestTourInJupyterLab runs the tour in JupyterLab in headless Chromium.
func TestTourInJupyterLab(t *testing.T) {
	chrome := findChromium(t)
	jup := nbtests.FindJupyter(t)
	env := nbtests.InstallKernel(t)
	repo := nbtests.RepoRoot(t)
	root := t.TempDir()
	src, err := os.ReadFile(filepath.Join(repo, "notebooks", "00-tour.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "00-tour.ipynb"), string(src))
	l := startLab(t, jup, root, env)

	u, err := launcher.New().Bin(chrome).Leakless(false).Headless(true).NoSandbox(true).
		Set("disable-gpu").Set("disable-background-networking").Set("disable-component-update").
		Set("disable-sync").Set("no-first-run").UserDataDir(filepath.Join(t.TempDir(), "chrome")).
		Launch()
	if err != nil {
		t.Fatalf("launching %s: %v", chrome, err)
	}
	browser := rod.New().ControlURL(u)
	if err := browser.Connect(); err != nil {
		t.Fatal(err)
	}
	defer browser.Close()

	page, err := browser.Page(proto.TargetCreateTarget{URL: l.URL + "/lab/tree/00-tour.ipynb?token=" + l.Token})
	if err != nil {
		t.Fatal(err)
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: 1280, Height: 2500, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(repo, "build", "browsertest", "00-tour.png")
	defer func() {
		if t.Failed() {
			screenshot(t, page, strings.TrimSuffix(shot, ".png")+"-failed.png")
		}
	}()

	p := page.Timeout(3 * time.Minute)
	// The notebook is open and its kernel (Go (econb)) is idle.
	if _, err := p.Element(".jp-Notebook .jp-Cell"); err != nil {
		t.Fatalf("notebook did not open: %v", err)
	}
	if _, err := p.Element(`.jp-Notebook-ExecutionIndicator[data-status="idle"]`); err != nil {
		t.Fatalf("kernel did not become idle: %v", err)
	}
	if name, err := p.ElementR(".jp-Toolbar-kernelName, .jp-KernelName", "Go \\(econb\\)"); err != nil || name == nil {
		t.Errorf("toolbar does not show the kernel Go (econb): %v", err)
	}
	// Run > Run All Cells, as a user would.
	runMenu, err := p.ElementR(".lm-MenuBar-itemLabel", "^Run$")
	if err != nil {
		t.Fatalf("no Run menu: %v", err)
	}
	if err := runMenu.Click(proto.InputMouseButtonLeft, 1); err != nil {
		t.Fatal(err)
	}
	runAll, err := p.ElementR(".lm-Menu-itemLabel", "^Run All Cells$")
	if err != nil {
		t.Fatalf("no Run All Cells item: %v", err)
	}
	if err := runAll.Click(proto.InputMouseButtonLeft, 1); err != nil {
		t.Fatal(err)
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
	screenshot(t, page, shot)
}

// screenshot saves the visible page (the whole tour fits the viewport) as PNG.
func screenshot(t *testing.T, page *rod.Page, path string) {
	t.Helper()
	b, err := page.Screenshot(false, &proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng})
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Error(err)
		return
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Error(err)
		return
	}
	t.Logf("screenshot: %s", path)
}

func regexpQuote(s string) string {
	r := strings.NewReplacer(`[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`, `.`, `\.`)
	return r.Replace(s)
}
