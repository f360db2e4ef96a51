package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/econb/econb/kernel/internal/cli"
	"github.com/econb/econb/kernel/setup"
)

func runReplicate(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("replicate", "[--out DIR] [--timeout SECONDS] [--inplace | --check | --report]", stderr)
	out := fs.String("out", "", "output `directory` (default build/replication in the repository)")
	timeout := fs.Int("timeout", 600, "limit per cell, in `seconds`")
	inplace := fs.Bool("inplace", false, "also write each executed notebook, normalized (no timestamps, SVG without its PNG), back into notebooks/: commit them with their outputs")
	check := fs.Bool("check", false, "fail when a notebook in notebooks/ is committed without outputs or with outputs a fresh run does not reproduce (then run --inplace)")
	reportOnly := fs.Bool("report", false, "only write the report (index.html) again from the outputs of the last run in --out, e.g. after editing notebooks/report.md; executes nothing")
	if err := cli.ParseFlags(fs, args); err != nil {
		return err
	}
	if *inplace && *check || *reportOnly && (*inplace || *check) {
		return fmt.Errorf("%w: --inplace rewrites the notebooks, --check compares them, --report only writes the report: give one", cli.ErrUsage)
	}
	repo, err := setup.FindRepoRoot(".")
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(repo, "build", "replication")
	}
	if *reportOnly {
		if err := Report(repo, *out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "report: %s\n", filepath.Join(*out, "index.html"))
		return nil
	}
	py, err := setup.EnsurePython(repo, setup.ReplicateModules, stderr)
	if err != nil {
		return err
	}
	l, err := setup.UserLayout(repo, "econb")
	if err != nil {
		return err
	}
	if err := setup.Install(l, true, stderr); err != nil {
		return err
	}
	return replicate(repo, replicateOptions{Out: *out, Python: py.Python, Timeout: *timeout, Inplace: *inplace, Check: *check}, stdout)
}

// replicationDirEnv names the environment variable through which the
// notebooks learn where to write their tables/ and figures/.
const replicationDirEnv = "ECONB_REPLICATION_DIR"

// replicateOptions say how replicate runs.
type replicateOptions struct {
	Out     string // output folder: executed notebooks, HTML, tables/, figures/, index.html
	Python  string // interpreter with nbclient and nbconvert
	Timeout int    // seconds per cell
	Inplace bool   // write the normalized executed notebooks back into notebooks/
	Check   bool   // fail when a committed notebook's outputs are stale
}

// ranNotebook is one notebook's run, for the report.
type ranNotebook struct {
	Name    string  `json:"name"` // file name without .ipynb
	Path    string  `json:"path"` // notebooks/NAME.ipynb
	Cells   int     `json:"cells"`
	Seconds float64 `json:"seconds"`
	OK      bool    `json:"ok"`
	Err     string  `json:"error,omitempty"`
}

// runRecord is what a run leaves in its output folder (runFile) for
// Report: when it started and each notebook's run.
type runRecord struct {
	Start     time.Time     `json:"start"`
	Notebooks []ranNotebook `json:"notebooks"`
}

const runFile = "run.json"

// Report writes outDir/index.html again from the outputs a run of
// replicate left in outDir (its run.json, the executed notebooks, the
// tables and figures) and repo's notebooks/report.md; it executes nothing.
func Report(repo, outDir string) error {
	b, err := os.ReadFile(filepath.Join(outDir, runFile))
	if err != nil {
		return fmt.Errorf("no finished run in %s (%w): run `econb replicate` first", outDir, err)
	}
	var r runRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(outDir, runFile), err)
	}
	return writeReport(repo, outDir, r.Notebooks, r.Start)
}

// replicate executes each notebook of repo/notebooks into o.Out and
// writes progress to w. The kernels get ECONB_REPLICATION_DIR=<absolute
// o.Out>, so the tables and figures land in o.Out/tables and
// o.Out/figures, which are listed at the end; the replication report
// (o.Out/index.html) ties them together. It runs them all, then returns an
// error naming every notebook and cell that failed (and, with o.Check,
// every notebook whose committed outputs are stale).
func replicate(repo string, o replicateOptions, w io.Writer) error {
	nbs, err := filepath.Glob(filepath.Join(repo, "notebooks", "*.ipynb"))
	if err != nil || len(nbs) == 0 {
		return fmt.Errorf("no notebooks in %s/notebooks (err %v)", repo, err)
	}
	outDir, err := filepath.Abs(o.Out)
	if err != nil {
		return fmt.Errorf("resolving the output directory: %w", err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("creating the output directory: %w", err)
	}
	// The notebooks write their tables and figures under this folder.
	env := []string{replicationDirEnv + "=" + outDir}
	start := time.Now()
	var failed []string
	var ran []ranNotebook
	for i, nb := range nbs {
		base := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
		rel, _ := filepath.Rel(repo, nb)
		fmt.Fprintf(w, "[%d/%d] %s\n", i+1, len(nbs), rel)
		logPath := filepath.Join(outDir, base+".log")
		t0 := time.Now()
		logf, err := os.Create(logPath)
		if err != nil {
			return err
		}
		executed := filepath.Join(outDir, base+".ipynb")
		sum, err := Run(context.Background(), Config{
			Python:   o.Python,
			Notebook: nb,
			Out:      executed,
			HTML:     filepath.Join(outDir, base+".html"),
			Progress: w,
			Log:      logf,
			Timeout:  o.Timeout,
			Env:      env,
		})
		logf.Close()
		r := ranNotebook{Name: base, Path: rel, Cells: sum.Cells, Seconds: sum.Seconds, OK: err == nil}
		if err != nil {
			fmt.Fprintf(w, "  FAILED after %.1fs (kernel log: %s)\n", time.Since(t0).Seconds(), logPath)
			failed = append(failed, err.Error())
			r.Err = err.Error()
			ran = append(ran, r)
			continue
		}
		fmt.Fprintf(w, "  ok: %d code cells in %.1fs (%.1fs with kernel start, stop and export) -> %s.{ipynb,html}\n",
			sum.Cells, sum.Seconds, time.Since(t0).Seconds(), filepath.Join(outDir, base))
		ran = append(ran, r)
		if msg, err := settleOutputs(nb, executed, o); err != nil {
			failed = append(failed, err.Error())
		} else if msg != "" {
			fmt.Fprintf(w, "  %s\n", msg)
		}
	}
	for _, kind := range []string{"tables", "figures"} {
		files := writtenFiles(filepath.Join(outDir, kind), start)
		fmt.Fprintf(w, "%s written: %d in %s\n", kind, len(files), filepath.Join(outDir, kind))
		for _, f := range files {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	if b, err := json.MarshalIndent(runRecord{Start: start.UTC(), Notebooks: ran}, "", " "); err != nil {
		return err
	} else if err := os.WriteFile(filepath.Join(outDir, runFile), append(b, '\n'), 0o644); err != nil {
		return err
	}
	if err := writeReport(repo, outDir, ran, start); err != nil {
		failed = append(failed, fmt.Sprintf("replication report: %v", err))
	} else {
		fmt.Fprintf(w, "report: %s\n", filepath.Join(outDir, "index.html"))
	}
	fmt.Fprintf(w, "replicate: %d notebooks, %d failed, %.1fs; outputs in %s\n",
		len(nbs), len(failed), time.Since(start).Seconds(), outDir)
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	return nil
}

// settleOutputs normalizes the executed notebook and, with o.Inplace,
// writes it back over the committed one (its sources unchanged, its outputs
// new) or, with o.Check, compares the two; it returns a line for the log.
func settleOutputs(committedPath, executedPath string, o replicateOptions) (string, error) {
	fresh, err := readNotebook(executedPath)
	if err != nil {
		return "", err
	}
	fresh.normalize()
	if err := fresh.write(executedPath); err != nil {
		return "", err
	}
	switch {
	case o.Inplace:
		if err := fresh.write(committedPath); err != nil {
			return "", err
		}
		return "outputs written into " + committedPath, nil
	case o.Check:
		committed, err := readNotebook(committedPath)
		if err != nil {
			return "", err
		}
		committed.normalize() // as written by --inplace (a no-op), or by hand
		if msg := staleness(committed, fresh); msg != "" {
			return "", fmt.Errorf("%s: stale outputs: %s; run `go run ./kernel replicate --inplace` and commit the notebook", committedPath, msg)
		}
		return "committed outputs are up to date", nil
	}
	return "", nil
}

// writtenFiles lists the regular files under dir (relative to dir, sorted)
// modified since start, so files left by an earlier run are not counted;
// none when dir does not exist.
func writtenFiles(dir string, start time.Time) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil && !info.ModTime().Before(start) {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	})
	return files
}

// BinderNotebooks is the folder, relative to the repository, where the
// Binder emulation test copies the notebooks its image build executed
// (normalized by replicate), for `econb test` to compare with the
// committed ones instead of executing them once more.
const BinderNotebooks = "build/browsertest/binder/replication"

// checkExecuted compares the outputs of every committed notebook with
// those of its executed copy in dir (as replicate --check does after a
// run), and returns an error naming each notebook that is stale or
// missing there.
func checkExecuted(repo, dir string, w io.Writer) error {
	nbs, err := filepath.Glob(filepath.Join(repo, "notebooks", "*.ipynb"))
	if err != nil || len(nbs) == 0 {
		return fmt.Errorf("no notebooks in %s/notebooks (err %v)", repo, err)
	}
	var failed []string
	for _, nb := range nbs {
		executed := filepath.Join(dir, filepath.Base(nb))
		if _, err := os.Stat(executed); err != nil {
			failed = append(failed, fmt.Sprintf("%s: no executed copy in %s (%v)", nb, dir, err))
			continue
		}
		msg, err := settleOutputs(nb, executed, replicateOptions{Check: true})
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		fmt.Fprintf(w, "  %s: %s\n", filepath.Base(nb), msg)
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	return nil
}
