package nbtests

import (
	"github.com/econb/econb/kernel/setup"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Jupyter is a Python installation with the packages of requirements.txt.
type Jupyter = setup.Jupyter

// modules are the Python modules the tests import (requirements.txt).
var modules = []string{"nbclient", "nbconvert", "jupyter_client", "jupyter_kernel_test", "jupyterlab"}

// FindJupyter returns the Jupyter the tests run against (see the package
// documentation). It skips the test when none is found, or fails it when
// ECONB_REQUIRE_JUPYTER=1; under -short it skips.
func FindJupyter(t testing.TB) Jupyter {
	t.Helper()
	if testing.Short() {
		t.Skip("nbtests: Jupyter tests skipped under -short")
	}
	var dirs []string
	if d := os.Getenv("ECONB_JUPYTER_BIN"); d != "" {
		dirs = append(dirs, d)
	} else {
		if h, err := os.UserHomeDir(); err == nil {
			dirs = append(dirs, filepath.Join(h, ".local", "share", "econb", "venv", "bin"))
		}
		if p, err := exec.LookPath("python3"); err == nil {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	if j, ok := setup.Lookup(dirs, modules); ok {
		return j
	}
	msg := "nbtests: no Python with " + strings.Join(modules, ", ") + " found in " + strings.Join(dirs, ", ") +
		"; run `go run ./kernel test`, which installs them"
	if os.Getenv("ECONB_REQUIRE_JUPYTER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return Jupyter{}
}

// RepoRoot returns the econb repository root (the main module's directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Fatalf("nbtests: cannot find the repository root with go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// InstallKernel builds the econb command and installs the kernelspec
// "econb" into a fresh temporary Jupyter data directory. It returns the
// environment (JUPYTER_DATA_DIR=...) to pass to Jupyter commands. The tools
// go to the usual stable directory (~/.local/share/econb/bin), so they are
// built once per machine.
func InstallKernel(t testing.TB) []string {
	t.Helper()
	repo := RepoRoot(t)
	tmp := t.TempDir()
	bin := os.Getenv("ECONB_BIN")
	if bin == "" {
		bin = filepath.Join(tmp, "econb")
		build := exec.Command("go", "build", "-o", bin, "./kernel")
		build.Dir = repo
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("nbtests: go build ./kernel: %v\n%s", err, out)
		}
	}
	env := []string{"JUPYTER_DATA_DIR=" + filepath.Join(tmp, "jupyter")}
	inst := exec.Command(bin, "install", "--no-modify-path")
	inst.Dir = repo
	inst.Env = append(os.Environ(), env...)
	out, err := inst.CombinedOutput()
	if err != nil {
		t.Fatalf("nbtests: econb install: %v\n%s", err, out)
	}
	t.Logf("econb install:\n%s", out)
	return env
}
