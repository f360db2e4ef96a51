package runner

import (
	"context"
	"errors"
	"fmt"
	"github.com/econb/econb/kernel/internal/cli"
	"github.com/econb/econb/kernel/setup"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func runReplicate(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("replicate", "[--out DIR] [--timeout SECONDS]", stderr)
	out := fs.String("out", "", "output `directory` (default build/replication in the repository)")
	timeout := fs.Int("timeout", 600, "limit per cell, in `seconds`")
	if err := cli.ParseFlags(fs, args); err != nil {
		return err
	}
	repo, err := setup.FindRepoRoot(".")
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(repo, "build", "replication")
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
	return replicate(repo, *out, py.Python, *timeout, stdout)
}

// replicationDirEnv names the environment variable through which the
// notebooks learn where to write their tables/ and figures/.
const replicationDirEnv = "ECONB_REPLICATION_DIR"

// replicate executes each notebook of repo/notebooks into outDir and
// writes progress to w. The kernels get ECONB_REPLICATION_DIR=<absolute
// outDir>, so the tables and figures land in outDir/tables and
// outDir/figures, which are listed at the end. It runs them all, then returns an error naming
// every notebook and cell that failed.
func replicate(repo, outDir, python string, timeout int, w io.Writer) error {
	nbs, err := filepath.Glob(filepath.Join(repo, "notebooks", "*.ipynb"))
	if err != nil || len(nbs) == 0 {
		return fmt.Errorf("no notebooks in %s/notebooks (err %v)", repo, err)
	}
	outDir, err = filepath.Abs(outDir)
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
		sum, err := Run(context.Background(), Config{
			Python:   python,
			Notebook: nb,
			Out:      filepath.Join(outDir, base+".ipynb"),
			HTML:     filepath.Join(outDir, base+".html"),
			Progress: w,
			Log:      logf,
			Timeout:  timeout,
			Env:      env,
		})
		logf.Close()
		if err != nil {
			fmt.Fprintf(w, "  FAILED after %.1fs (kernel log: %s)\n", time.Since(t0).Seconds(), logPath)
			failed = append(failed, err.Error())
			continue
		}
		fmt.Fprintf(w, "  ok: %d code cells in %.1fs (%.1fs with kernel start, stop and export) -> %s.{ipynb,html}\n",
			sum.Cells, sum.Seconds, time.Since(t0).Seconds(), filepath.Join(outDir, base))
	}
	for _, kind := range []string{"tables", "figures"} {
		files := writtenFiles(filepath.Join(outDir, kind), start)
		fmt.Fprintf(w, "%s written: %d in %s\n", kind, len(files), filepath.Join(outDir, kind))
		for _, f := range files {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	fmt.Fprintf(w, "replicate: %d notebooks, %d failed, %.1fs; outputs in %s\n",
		len(nbs), len(failed), time.Since(start).Seconds(), outDir)
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "\n"))
	}
	return nil
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
