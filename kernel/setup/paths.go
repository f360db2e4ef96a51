package setup

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// modulePath is the module the econb repository declares; FindRepoRoot
// looks for its go.mod.
const modulePath = "github.com/econb/econb"

// errNotInRepo reports that the command was run outside the econb
// repository, whose root the kernel's go.work must point to.
var errNotInRepo = errors.New("not inside the econb repository (no go.mod declaring module " + modulePath + ")")

// FindRepoRoot walks up from dir to the directory whose go.mod declares
// modulePath.
func FindRepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if mod, err := readModulePath(filepath.Join(d, "go.mod")); err == nil && mod == modulePath {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w; started from %s: cd into your clone first", errNotInRepo, dir)
		}
	}
}

// readModulePath returns the module path declared in the go.mod at path.
func readModulePath(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s: no module line", path)
}

// homeDir returns $HOME, or an error telling how to fix its absence.
func homeDir() (string, error) {
	h, err := os.UserHomeDir()
	if err != nil || h == "" {
		return "", fmt.Errorf("cannot find the home directory (set HOME): %w", err)
	}
	return h, nil
}

// econbHome is where econb keeps what it builds and installs outside the
// repository: tools in bin/, the Python venv in venv/. It is $ECONB_HOME,
// else $XDG_DATA_HOME/econb, else ~/.local/share/econb; never /tmp, so the
// kernelspec keeps working after a reboot.
func econbHome() (string, error) {
	if d := os.Getenv("ECONB_HOME"); d != "" {
		return filepath.Abs(d)
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "econb"), nil
	}
	h, err := homeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "share", "econb"), nil
}

// userJupyterDataDir is the per-user Jupyter data directory that jupyter
// itself uses: $JUPYTER_DATA_DIR if set, else the platform default.
func userJupyterDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	h, err := homeDir()
	if err != nil {
		return "", err
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(h, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
		return filepath.Join(h, "AppData", "Roaming", "jupyter"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	return filepath.Join(h, ".local", "share", "jupyter"), nil
}

// layout says where one installation puts its pieces.
type layout struct {
	Repo     string // econb repository root: the kernel's -go_work
	DataDir  string // Jupyter data directory; the spec goes in kernels/<Name>
	ToolsDir string // gonb, goimports, gopls and the econb command (on the kernel's PATH)
	BinDir   string // the user's bin directory, where the econb command is linked for shells
	Name     string // kernelspec name, "econb" by default
}

// UserLayout is the default installation: the user's Jupyter data
// directory and econbHome()/bin for the tools.
func UserLayout(repo, name string) (layout, error) {
	data, err := userJupyterDataDir()
	if err != nil {
		return layout{}, err
	}
	home, err := econbHome()
	if err != nil {
		return layout{}, err
	}
	bin, err := userBinDir()
	if err != nil {
		return layout{}, err
	}
	return layout{Repo: repo, DataDir: data, ToolsDir: filepath.Join(home, "bin"), BinDir: bin, Name: name}, nil
}

// userBinDir is where user commands go: $XDG_BIN_HOME, else ~/.local/bin
// (the XDG base directory specification; Debian's and Ubuntu's default
// ~/.profile put it on PATH when it exists).
func userBinDir() (string, error) {
	if d := os.Getenv("XDG_BIN_HOME"); d != "" {
		return filepath.Abs(d)
	}
	h, err := homeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "bin"), nil
}

// prefixLayout installs under prefix, as `jupyter kernelspec install
// --prefix` does: the spec in prefix/share/jupyter, the tools in prefix/bin.
func prefixLayout(repo, prefix, name string) (layout, error) {
	p, err := filepath.Abs(prefix)
	if err != nil {
		return layout{}, err
	}
	bin := filepath.Join(p, "bin")
	return layout{Repo: repo, DataDir: filepath.Join(p, "share", "jupyter"), ToolsDir: bin, BinDir: bin, Name: name}, nil
}

// KernelDir is the kernelspec directory.
func (l layout) KernelDir() string { return filepath.Join(l.DataDir, "kernels", l.Name) }

// exeName adds the platform's executable suffix.
func exeName(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}
