// The `econb test` command. (Not cmd_test.go: go would take that name for a test file.)

package runner

import (
	"fmt"
	"github.com/econb/econb/kernel/internal/cli"
	"github.com/econb/econb/kernel/setup"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// BinderOK is the file, relative to the repository, where the Binder
// emulation test (kernel/browsertest) writes the time it passed (RFC 3339,
// UTC); its image build includes `econb replicate`.
const BinderOK = "build/browsertest/binder/passed"

func runTest(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("test", "[--no-browser] [--run REGEXP]", stderr)
	noBrowser := fs.Bool("no-browser", false, "do not install Chromium; the browser tests (and the Binder emulation) are skipped")
	run := fs.String("run", "", "pass -run `REGEXP` to go test")
	if err := cli.ParseFlags(fs, args); err != nil {
		return err
	}
	start := time.Now()
	repo, err := setup.FindRepoRoot(".")
	if err != nil {
		return err
	}
	py, err := setup.EnsurePython(repo, setup.TestModules, stderr)
	if err != nil {
		return err
	}
	env := []string{"ECONB_JUPYTER_BIN=" + py.BinDir, "ECONB_REQUIRE_JUPYTER=1"}
	if !*noBrowser {
		chrome, err := setup.EnsureChromium(stderr)
		if err != nil {
			return err
		}
		env = append(env, "ECONB_CHROMIUM="+chrome, "ECONB_REQUIRE_BROWSER=1")
		// The Binder emulation runs the Dockerfile's steps as uid 1000,
		// which needs root; it includes `econb replicate`.
		if os.Geteuid() == 0 {
			env = append(env, "ECONB_BINDER=1")
		}
	}
	l, err := setup.UserLayout(repo, "econb")
	if err != nil {
		return err
	}
	if err := setup.Install(l, true, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "set-up done in %.0fs\n", time.Since(start).Seconds())

	steps := [][]string{{"vet", "./..."}, {"test", "-count=1", "-timeout=20m", "./..."}}
	if *run != "" {
		steps[1] = append(steps[1][:3], "-run", *run, "./...")
	}
	for _, s := range steps {
		fmt.Fprintf(stderr, "go %v\n", s)
		t0 := time.Now()
		cmd := exec.Command("go", s...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s failed after %.0fs: %w", s[0], time.Since(t0).Seconds(), err)
		}
	}
	// The notebooks, as the Dockerfile executes them (so CI tests its
	// commands too), and their committed outputs compared with a fresh
	// run's (replicate --check) — executed in the Binder emulation's image
	// if it just ran, else here.
	if ok, err := os.ReadFile(filepath.Join(repo, BinderOK)); err == nil && string(ok) >= start.UTC().Format(time.RFC3339) {
		if sum, err := os.ReadFile(filepath.Join(repo, filepath.Dir(BinderOK), "summary.txt")); err == nil {
			fmt.Fprintf(stderr, "Binder emulation:\n%s", sum)
		}
		fmt.Fprintf(stderr, "econb replicate --check: executed in the Binder emulation (%s); comparing its notebooks with the committed ones\n", BinderOK)
		if err := checkExecuted(repo, filepath.Join(repo, filepath.FromSlash(BinderNotebooks)), stderr); err != nil {
			return fmt.Errorf("econb replicate --check: %w\n(run `go run ./kernel replicate --inplace` and commit the notebooks)", err)
		}
	} else {
		fmt.Fprintln(stderr, "econb replicate --check")
		if err := replicate(repo, replicateOptions{Out: filepath.Join(repo, "build", "replication"), Python: py.Python, Timeout: 600, Check: true}, stderr); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "econb test: all passed in %.0fs\n", time.Since(start).Seconds())
	return nil
}
