package setup

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Python modules each command needs (requirements.txt pins them).
var (
	ReplicateModules = []string{"nbclient", "nbconvert", "nbformat"}
	TestModules      = []string{"nbclient", "nbconvert", "nbformat", "jupyter_client", "jupyter_kernel_test", "jupyterlab"}
)

// pyEnv is a Python installation with Jupyter.
type pyEnv struct {
	BinDir string // holds python3 and jupyter
	Python string
}

// Jupyter is the jupyter command of e.
func (e pyEnv) Jupyter() string { return filepath.Join(e.BinDir, "jupyter") }

// venvDir is where econb keeps its own Python environment.
func venvDir() (string, error) {
	h, err := econbHome()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, "venv"), nil
}

// findPython returns the first Python with modules and a jupyter command:
// econb's venv when it is up to date with requirements.txt, then python3
// on PATH (e.g. the Jupyter of a Docker image or a conda environment).
func findPython(repo string, modules []string) (pyEnv, bool) {
	var cands []string
	if v, err := venvDir(); err == nil && venvCurrent(v, repo) {
		cands = append(cands, filepath.Join(v, "bin"))
	}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, filepath.Dir(p))
	}
	if j, ok := Lookup(cands, modules); ok {
		return pyEnv{BinDir: filepath.Dir(j.Python), Python: j.Python}, true
	}
	return pyEnv{}, false
}

// requirementsStamp is the file in the venv recording which
// requirements.txt it was installed from.
const requirementsStamp = "econb-requirements.sha256"

// requirementsFile is the pinned Python side (JupyterLab, nbclient,
// nbconvert, jupyter_kernel_test), relative to the repository root.
const requirementsFile = "kernel/requirements.txt"

// requirementsHash is the SHA-256 of repo/requirements.txt.
func requirementsHash(repo string) (string, error) {
	b, err := os.ReadFile(filepath.Join(repo, requirementsFile))
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// venvCurrent reports whether the venv at dir was installed from the
// current requirements.txt.
func venvCurrent(dir, repo string) bool {
	want, err := requirementsHash(repo)
	if err != nil {
		return false
	}
	got, err := os.ReadFile(filepath.Join(dir, requirementsStamp))
	return err == nil && strings.TrimSpace(string(got)) == want
}

// EnsurePython returns a Python with modules, creating or updating econb's
// venv from requirements.txt when no suitable one exists. Progress goes to
// w.
func EnsurePython(repo string, modules []string, w io.Writer) (pyEnv, error) {
	if e, ok := findPython(repo, modules); ok {
		fmt.Fprintf(w, "python: using %s\n", e.Python)
		return e, nil
	}
	dir, err := venvDir()
	if err != nil {
		return pyEnv{}, err
	}
	base, err := exec.LookPath("python3")
	if err != nil {
		return pyEnv{}, fmt.Errorf("python3 not found on PATH: install Python 3.10+ (with venv and pip) first")
	}
	fmt.Fprintf(w, "python: installing kernel/requirements.txt into %s (a few minutes the first time)...\n", dir)
	if _, err := os.Stat(filepath.Join(dir, "bin", "python3")); err != nil {
		if err := runLogged(w, "", base, "-m", "venv", dir); err != nil {
			return pyEnv{}, fmt.Errorf("creating the venv (on Debian/Ubuntu: apt-get install python3-venv): %w", err)
		}
	}
	py := filepath.Join(dir, "bin", "python3")
	if err := runLogged(w, "", py, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", filepath.Join(repo, requirementsFile)); err != nil {
		return pyEnv{}, fmt.Errorf("pip install -r kernel/requirements.txt: %w", err)
	}
	h, err := requirementsHash(repo)
	if err != nil {
		return pyEnv{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, requirementsStamp), []byte(h+"\n"), 0o644); err != nil {
		return pyEnv{}, err
	}
	if e, ok := findPython(repo, modules); ok && e.Python == py {
		return e, nil
	}
	return pyEnv{}, fmt.Errorf("%s still lacks one of %s (or jupyter) after pip install", py, strings.Join(modules, ", "))
}

// runLogged runs name args in dir with output to w.
func runLogged(w io.Writer, dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", filepath.Base(name), strings.Join(args, " "), err)
	}
	return nil
}

// Jupyter is a Python installation with the packages of requirements.txt.
type Jupyter struct {
	Python  string // interpreter path
	Jupyter string // the jupyter command next to it
}

// Lookup returns the first of dirs holding a jupyter command and a python3
// that imports every module.
func Lookup(dirs, modules []string) (Jupyter, bool) {
	check := "import " + strings.Join(modules, ", ")
	for _, d := range dirs {
		j := Jupyter{Python: filepath.Join(d, "python3"), Jupyter: filepath.Join(d, "jupyter")}
		if _, err := os.Stat(j.Jupyter); err != nil {
			continue
		}
		if exec.Command(j.Python, "-c", check).Run() == nil {
			return j, true
		}
	}
	return Jupyter{}, false
}
