package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/econb/econb/kernel/nbtests"
	"github.com/econb/econb/kernel/runner"
)

// TestDockerfileParses checks that every instruction of the Dockerfile is
// one the Binder emulation runs, and the order of the steps it depends on.
func TestDockerfileParses(t *testing.T) {
	repo := nbtests.RepoRoot(t)
	ins, err := parseDockerfile(filepath.Join(repo, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var seq []string
	for _, in := range ins {
		seq = append(seq, in.Cmd)
	}
	got := strings.Join(seq, " ")
	for _, want := range []string{"ARG FROM", "USER RUN ENV USER WORKDIR COPY RUN RUN"} {
		if !strings.Contains(got, want) {
			t.Errorf("Dockerfile instructions %q lack %q", got, want)
		}
	}
	if !strings.Contains(ins[len(ins)-1].Args, "go run ./kernel replicate") {
		t.Errorf("last step is %q, want the replicate run", ins[len(ins)-1].Args)
	}
}

// TestBinderEmulation builds the emulated Binder image (binder.go) and
// runs the tour and Table 1 in JupyterLab served as uid 1000 under
// Binder's base URL, in Chromium. It logs each Dockerfile step's time and
// the first cells' latencies a Binder visitor meets. It needs root (to run
// as uid 1000) and runs when ECONB_BINDER=1 (`econb test` sets it).
func TestBinderEmulation(t *testing.T) {
	if testing.Short() {
		t.Skip("binder emulation skipped under -short")
	}
	if os.Getenv("ECONB_BINDER") != "1" {
		t.Skip("binder emulation runs with ECONB_BINDER=1 (econb test sets it when run as root)")
	}
	if os.Geteuid() != 0 {
		t.Fatal("binder emulation needs root, to run the image's steps as uid 1000")
	}
	findChromium(t)
	repo := nbtests.RepoRoot(t)
	logDir := filepath.Join(repo, "build", "browsertest", "binder")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		t.Fatal(err)
	}
	py := binderPython(t, repo)
	startSummary(t, filepath.Join(logDir, "summary.txt"))
	t0 := time.Now()
	var img binderImage
	if home := os.Getenv("ECONB_BINDER_REUSE"); home != "" {
		// Debugging the notebook part: reuse an image kept with
		// ECONB_BINDER_KEEP=1 instead of building one (7-8 min).
		img = reuseBinder(home, py)
	} else {
		img = emulateBinder(t, repo, py, logDir)
	}
	summaryf(t, "binder: image built in %.0fs (HOME %s)", time.Since(t0).Seconds(), img.Home)

	// Binder starts the single-user server in HOME under /user/<name>/.
	labDir := filepath.Join(img.Home, ".econb-test-lab")
	if err := os.MkdirAll(labDir, 0o755); err != nil {
		t.Fatal(err)
	}
	l := startLab(t, labConfig{Jupyter: filepath.Join(py, "jupyter"), Root: img.Home, Env: img.Env, BaseURL: "/user/econb/",
		Cred: img.Cred, Dir: labDir, FailLog: filepath.Join(logDir, "lab-failed.log")})

	s := openPage(t, l, repo, "notebooks/00-tour.ipynb", 1280, 1600)
	start := time.Now()
	runAll(t, s.Page)
	times := timeCells(t, s.Page, start, 3*time.Minute)
	for i, d := range times {
		summaryf(t, "binder: tour code cell %d done %.2fs after Run All", i+1, d.Seconds())
	}
	if _, err := s.Page.Timeout(time.Minute).Element("#econb-tour-table"); err != nil {
		t.Errorf("tour: HTML table did not render: %v", err)
	}
	screenshot(t, s.Page, filepath.Join(logDir, "00-tour.png"))

	s = openPage(t, l, repo, "notebooks/06-table1.ipynb", 1400, 2000)
	start = time.Now()
	runAll(t, s.Page)
	finishRun(t, s.Page, s.Trace, 8*time.Minute)
	summaryf(t, "binder: 06-table1 all cells in %.1fs", time.Since(start).Seconds())
	table, err := s.Page.Timeout(time.Minute).ElementR(".jp-OutputArea-output table.econb-table", "SAGG")
	if err != nil {
		t.Fatalf("06-table1: no rendered table with SAGG: %v", err)
	}
	scrollShot(t, s.Page, table, filepath.Join(logDir, "06-table1.png"))
	// The notebooks the image build executed, for econb test's comparison
	// with the committed ones (runner.BinderNotebooks).
	executed, _ := filepath.Glob(filepath.Join(img.Home, "build", "replication", "*.ipynb"))
	copyDir := filepath.Join(repo, filepath.FromSlash(runner.BinderNotebooks))
	if err := os.RemoveAll(copyDir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(copyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range executed {
		b, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(filepath.Join(copyDir, filepath.Base(p)), b, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
	if !t.Failed() {
		ok := filepath.Join(repo, filepath.FromSlash(runner.BinderOK))
		if err := os.WriteFile(ok, []byte(time.Now().UTC().Format(time.RFC3339)), 0o644); err != nil {
			t.Error(err)
		}
	}
}
