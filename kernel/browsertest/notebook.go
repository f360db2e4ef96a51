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

// session is one notebook of notebooks/ opened in JupyterLab in headless
// Chromium.
type session struct {
	Page *rod.Page
	Repo string // repository root
	Out  string // the kernel's ECONB_REPLICATION_DIR (a temporary folder)
}

// openNotebook copies notebooks/name (and a link to notebooks/data) into a
// temporary folder served by a fresh JupyterLab, opens it in headless
// Chromium with a width x height viewport, and waits until the Go (econb)
// kernel is idle. On failure it saves build/browsertest/<name>-failed.png.
func openNotebook(t *testing.T, name string, width, height int) session {
	t.Helper()
	chrome := findChromium(t)
	jup := nbtests.FindJupyter(t)
	env := nbtests.InstallKernel(t)
	repo := nbtests.RepoRoot(t)
	root := t.TempDir()
	src, err := os.ReadFile(filepath.Join(repo, "notebooks", name))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, name), string(src))
	if err := os.Symlink(filepath.Join(repo, "notebooks", "data"), filepath.Join(root, "data")); err != nil {
		t.Fatal(err)
	}
	// Tables and figures go to a temporary folder, not into the repository.
	out := t.TempDir()
	l := startLab(t, jup, root, append(env, "ECONB_REPLICATION_DIR="+out))

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
	t.Cleanup(func() { _ = browser.Close() })

	page, err := browser.Page(proto.TargetCreateTarget{URL: l.URL + "/lab/tree/" + name + "?token=" + l.Token})
	if err != nil {
		t.Fatal(err)
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: width, Height: height, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	failShot := filepath.Join(repo, "build", "browsertest", strings.TrimSuffix(name, ".ipynb")+"-failed.png")
	t.Cleanup(func() {
		if t.Failed() {
			screenshot(t, page, failShot)
		}
	})
	p := page.Timeout(3 * time.Minute)
	if _, err := p.Element(".jp-Notebook .jp-Cell"); err != nil {
		t.Fatalf("notebook did not open: %v", err)
	}
	waitIdle(t, page, 3*time.Minute)
	if name, err := p.ElementR(".jp-Toolbar-kernelName, .jp-KernelName", "Go \\(econb\\)"); err != nil || name == nil {
		t.Errorf("toolbar does not show the kernel Go (econb): %v", err)
	}
	return session{Page: page, Repo: repo, Out: out}
}

// waitIdle waits until the notebook's kernel indicator says idle.
func waitIdle(t *testing.T, page *rod.Page, limit time.Duration) {
	t.Helper()
	if _, err := page.Timeout(limit).Element(`.jp-Notebook-ExecutionIndicator[data-status="idle"]`); err != nil {
		t.Fatalf("kernel did not become idle within %v: %v", limit, err)
	}
}

// runAll clicks Run > Run All Cells, as a user would.
func runAll(t *testing.T, page *rod.Page) {
	t.Helper()
	p := page.Timeout(time.Minute)
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
}

// finishRun waits until every code cell has an execution count (none left
// at "[*]" or blank) and the kernel is idle, then checks that no cell shows
// an error or wrote to stderr.
func finishRun(t *testing.T, page *rod.Page, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		pending, err := page.Eval(`() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
			.filter(e => !/\[\d+\]/.test(e.textContent)).length`)
		if err == nil && pending.Value.Int() == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cells still running or not run after %v", limit)
		}
		time.Sleep(500 * time.Millisecond)
	}
	waitIdle(t, page, time.Minute)
	for _, sel := range []string{
		`.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`,
		`.jp-OutputArea-output.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]`,
		`.jp-OutputArea-child .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]`,
	} {
		if has, el, _ := page.Has(sel); has {
			txt, _ := el.Text()
			t.Errorf("a cell shows an error or stderr output:\n%s", tail(txt, 2000))
			return
		}
	}
}

// scrollShot scrolls el to the top of the notebook view and saves a
// screenshot of the viewport to path.
func scrollShot(t *testing.T, page *rod.Page, el *rod.Element, path string) {
	t.Helper()
	if _, err := el.Eval(`function() { this.scrollIntoView({block: "start"}) }`); err != nil {
		t.Errorf("scrolling: %v", err)
	}
	time.Sleep(time.Second) // let the notebook window its cells in
	screenshot(t, page, path)
}

// screenshot saves the visible page as PNG.
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
