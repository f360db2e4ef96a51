package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/econb/econb/kernel/nbtests"
)

// session is one notebook of notebooks/ opened in JupyterLab in headless
// Chromium.
type session struct {
	Page *rod.Page
	Repo string // repository root
	Out  string // the kernel's ECONB_REPLICATION_DIR (a temporary folder)
	// Trace records the websocket messages, the console and the
	// frontend's kernel state; it is saved when the test fails.
	Trace *trace
}

// openNotebook copies notebooks/name (and a link to notebooks/data) into a
// temporary folder served by a fresh JupyterLab, opens it in headless
// Chromium with a width x height viewport, and waits until the Go (econb)
// kernel is idle (waitIdle). On failure it saves
// build/browsertest/<name>-failed.{png,trace.txt,lab.log}.
func openNotebook(t *testing.T, name string, width, height int) session {
	t.Helper()
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
	verboseKernel(t, env)
	l := startLab(t, labConfig{Jupyter: jup.Jupyter, Root: root, Env: append(env, "ECONB_REPLICATION_DIR="+out),
		FailLog: failBase(t, repo, name) + ".lab.log"})
	s := openPage(t, l, repo, name, width, height)
	s.Out = out
	return s
}

// failBase is where a failing browser test leaves its screenshot, trace and
// log: build/browsertest/<notebook>-failed.
func failBase(t *testing.T, repo, name string) string {
	t.Helper()
	fail := filepath.Join(repo, "build", "browsertest", strings.TrimSuffix(filepath.Base(name), ".ipynb")+"-failed")
	if err := os.MkdirAll(filepath.Dir(fail), 0o755); err != nil {
		t.Fatal(err)
	}
	return fail
}

// openPage opens the notebook at path (relative to the lab's root) of the
// running lab l in a new headless Chromium, records a trace, and waits
// until its kernel is idle.
func openPage(t *testing.T, l lab, repo, path string, width, height int) session {
	t.Helper()
	chrome := findChromium(t)
	fail := failBase(t, repo, path)
	u := launchChromium(t, chrome)
	browser := rod.New().ControlURL(u)
	if err := browser.Connect(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = browser.Close() })

	page, err := browser.Page(proto.TargetCreateTarget{})
	if err != nil {
		t.Fatal(err)
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: width, Height: height, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	tr := startTrace(page)
	t.Cleanup(func() {
		if !t.Failed() {
			_ = tr.save(strings.TrimSuffix(fail, "-failed") + ".trace.txt")
			return
		}
		screenshot(t, page, fail+".png")
		if err := tr.save(fail + ".trace.txt"); err == nil {
			t.Logf("websocket and console trace: %s", fail+".trace.txt")
		}
	})
	// reset: a fresh workspace. Without it, JupyterLab restores the
	// notebooks an earlier page of the same lab had open (the Binder test
	// opens two), and the prompts of those never-run cells were counted.
	if err := page.Navigate(l.URL + "lab/tree/" + path + "?reset&token=" + l.Token); err != nil {
		t.Fatal(err)
	}
	p := page.Timeout(3 * time.Minute)
	if _, err := p.Element(".jp-Notebook .jp-Cell"); err != nil {
		t.Fatalf("notebook did not open: %v", err)
	}
	waitIdle(t, page, tr, readyLimit)
	if name, err := p.ElementR(".jp-Toolbar-kernelName, .jp-KernelName", "Go \\(econb\\)"); err != nil || name == nil {
		t.Errorf("toolbar does not show the kernel Go (econb): %v", err)
	}
	return session{Page: page, Repo: repo, Trace: tr}
}

// currentNotebookJS is the DOM node of the notebook in the main area, so
// that queries count its cells only (document as a fallback).
const currentNotebookJS = `(window.jupyterapp && window.jupyterapp.shell.currentWidget ? window.jupyterapp.shell.currentWidget.node : document)`

// kernelStateJS reads, through window.jupyterapp (the lab runs with
// expose_app_in_browser), what the frontend believes about the current
// notebook's kernel. "info" is true once the kernel_info_reply to the
// frontend's own request has arrived: the kernel is connected and
// answering. "status" is the execution state JupyterLab shows.
const kernelStateJS = `async () => {
	const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
	const sc = w && w.sessionContext;
	if (!sc) return {state: "no notebook"};
	const k = sc.session && sc.session.kernel;
	let info = false;
	if (k && k.connectionStatus === "connected") {
		info = await Promise.race([k.info.then(() => true), new Promise(r => setTimeout(() => r(false), 500))]);
	}
	return {
		display: sc.kernelDisplayStatus, ready: sc.isReady, session: sc.session ? sc.session.id : "",
		kernel: k ? k.id : "", connection: k ? k.connectionStatus : "", info: info, status: k ? k.status : "",
		indicator: (document.querySelector(".jp-Notebook-ExecutionIndicator") || {dataset: {}}).dataset.status || "",
	};
}`

// kernelState is kernelStateJS's answer.
type kernelState struct {
	Display    string `json:"display"`
	Ready      bool   `json:"ready"`
	Session    string `json:"session"`
	Kernel     string `json:"kernel"`
	Connection string `json:"connection"`
	Info       bool   `json:"info"`
	Status     string `json:"status"`
	Indicator  string `json:"indicator"`
}

// idle reports whether the notebook's kernel is connected, has answered
// the frontend's kernel_info_request, and is shown idle.
func (s kernelState) idle() bool {
	return s.Ready && s.Connection == "connected" && s.Info && s.Status == "idle" && s.Display == "idle"
}

func readKernelState(page *rod.Page) (kernelState, error) {
	var s kernelState
	v, err := page.Eval(kernelStateJS)
	if err != nil {
		return s, err
	}
	err = v.Value.Unmarshal(&s)
	return s, err
}

// waitIdle waits until the notebook's kernel is connected, has answered
// kernel_info and is shown idle (kernelState.idle), recording each change
// of the frontend's view in tr. It does not rely on the execution
// indicator alone: before a kernel exists, that shows "idle" too.
func waitIdle(t *testing.T, page *rod.Page, tr *trace, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	var last kernelState
	for {
		s, err := readKernelState(page)
		if err == nil && s != last {
			tr.add("frontend  %+v", s)
			last = s
		}
		if err == nil && s.idle() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("kernel not idle within %v: frontend sees %+v (err %v)", limit, s, err)
		}
		time.Sleep(100 * time.Millisecond)
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
func finishRun(t *testing.T, page *rod.Page, tr *trace, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		pending, err := page.Eval(`() => [...` + currentNotebookJS + `.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
			.filter(e => !/\[\d+\]/.test(e.textContent)).length`)
		if err == nil && pending.Value.Int() == 0 {
			break
		}
		// A failing cell stops Run All: the cells after it stay unnumbered.
		if msg := cellError(page); msg != "" {
			t.Fatalf("a cell failed:\n%s", tail(msg, 3000))
		}
		if time.Now().After(deadline) {
			t.Fatalf("cells still running or not run after %v", limit)
		}
		time.Sleep(500 * time.Millisecond)
	}
	waitIdle(t, page, tr, time.Minute)
	if msg := cellError(page); msg != "" {
		t.Errorf("a cell shows an error or stderr output:\n%s", tail(msg, 2000))
	}
}

// cellError returns the text of the first error or stderr output any cell
// shows, or "".
func cellError(page *rod.Page) string {
	for _, sel := range []string{
		`.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`,
		`.jp-OutputArea-output.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]`,
		`.jp-OutputArea-child .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]`,
	} {
		if has, el, _ := page.Has(sel); has {
			txt, _ := el.Text()
			return txt
		}
	}
	return ""
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

// verboseKernel makes the test's kernelspec start GoNB with -v=2, so that
// the lab log shows each message the kernel handles and each status it
// publishes.
func verboseKernel(t *testing.T, env []string) {
	t.Helper()
	for _, kv := range env {
		dir, ok := strings.CutPrefix(kv, "JUPYTER_DATA_DIR=")
		if !ok {
			continue
		}
		p := filepath.Join(dir, "kernels", "econb", "kernel.json")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var spec map[string]any
		if err := json.Unmarshal(b, &spec); err != nil {
			t.Fatal(err)
		}
		spec["argv"] = append(spec["argv"].([]any), "-v=2")
		b, _ = json.MarshalIndent(spec, "", "  ")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// timeCells waits, after Run All was clicked at start, until every code
// cell shows an execution count, and returns for each code cell the time
// from start until its count appeared: what a user waits for each result.
func timeCells(t *testing.T, page *rod.Page, start time.Time, limit time.Duration) []time.Duration {
	t.Helper()
	var done []time.Duration
	for {
		v, err := page.Eval(`() => [...` + currentNotebookJS + `.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
			.map(e => /\[\d+\]/.test(e.textContent))`)
		if err == nil {
			flags := v.Value.Arr()
			if done == nil {
				done = make([]time.Duration, len(flags))
			}
			all := true
			for i, f := range flags {
				if f.Bool() && i < len(done) && done[i] == 0 {
					done[i] = time.Since(start)
				}
				all = all && f.Bool()
			}
			if all && len(flags) > 0 {
				return done
			}
		}
		if time.Since(start) > limit {
			t.Fatalf("cells not all run after %v (done: %v)", limit, done)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// readyLimit is how long a notebook may take, from opening, to show its
// kernel idle: starting JupyterLab's kernel and connecting take seconds
// (the limit allows for a loaded CI machine); nothing is compiled before
// the first cell runs.
const readyLimit = 60 * time.Second
