package setup

import (
	"bytes"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// tool is one binary the kernel needs, pinned as a `tool` in go.mod.
type tool struct {
	Name   string // binary name
	Module string // module whose version go.mod pins
}

// kernelTools are the binaries GoNB needs: itself, goimports (cell
// imports) and gopls (completion, hover).
var kernelTools = []tool{
	{Name: "gonb", Module: "github.com/janpfeifer/gonb"},
	{Name: "goimports", Module: "golang.org/x/tools"},
	{Name: "gopls", Module: "golang.org/x/tools/gopls"},
}

// goCmd runs `go args...` in dir and returns its trimmed standard output;
// the error carries go's standard error.
func goCmd(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return strings.TrimSpace(out.String()), nil
}

// goBinDir is the directory of the go command the kernel must use.
func goBinDir() (string, error) {
	root, err := goCmd("", nil, "env", "GOROOT")
	if err != nil {
		return "", fmt.Errorf("go is not usable (install Go 1.26 and put it on PATH): %w", err)
	}
	return filepath.Join(root, "bin"), nil
}

// pinnedVersions returns the version go.mod in repo pins for each tool's
// module.
func pinnedVersions(repo string) (map[string]string, error) {
	args := []string{"list", "-m", "-f", "{{.Path}} {{.Version}}"}
	for _, t := range kernelTools {
		args = append(args, t.Module)
	}
	out, err := goCmd(repo, nil, args...)
	if err != nil {
		return nil, fmt.Errorf("reading pinned tool versions from %s/go.mod: %w", repo, err)
	}
	v := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if mod, ver, ok := strings.Cut(line, " "); ok {
			v[mod] = ver
		}
	}
	return v, nil
}

// builtVersion returns the module version recorded in the binary at path.
func builtVersion(path string) (string, error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", err
	}
	return bi.Main.Version, nil
}

// staleTools lists, one line each, the tools in dir that are missing or
// built from another version than want (module → version).
func staleTools(dir string, want map[string]string) []string {
	var stale []string
	for _, t := range kernelTools {
		p := filepath.Join(dir, exeName(t.Name))
		got, err := builtVersion(p)
		switch {
		case err != nil:
			stale = append(stale, fmt.Sprintf("%s: missing or unreadable (%v)", p, err))
		case got != want[t.Module]:
			stale = append(stale, fmt.Sprintf("%s: built from %s %s, go.mod pins %s", p, t.Module, got, want[t.Module]))
		case t.Module == gonbModule && !gonbPatched(p):
			stale = append(stale, fmt.Sprintf("%s: GoNB %s without econb's patch (a fresh kernel would show \"Unknown\" in JupyterLab)", p, got))
		}
	}
	return stale
}

// buildTools builds the pinned tools into dir with `go install tool`,
// unless they are already there at the pinned versions. It reports what it
// did on w.
func buildTools(repo, dir string, w io.Writer) error {
	want, err := pinnedVersions(repo)
	if err != nil {
		return err
	}
	stale := staleTools(dir, want)
	if len(stale) == 0 {
		fmt.Fprintf(w, "tools: gonb %s, goimports, gopls %s already in %s\n",
			want[kernelTools[0].Module], want[kernelTools[2].Module], dir)
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the tools directory: %w", err)
	}
	fmt.Fprintf(w, "tools: building gonb %s (with econb's patch), goimports, gopls %s into %s (1-2 min on a cold cache)...\n",
		want[kernelTools[0].Module], want[kernelTools[2].Module], dir)
	tmp, err := os.MkdirTemp("", "econb-tools-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	work, err := gonbWorkspace(repo, tmp, want[gonbModule])
	if err != nil {
		return err
	}
	if _, err := goCmd(repo, []string{"GOBIN=" + dir, "GOWORK=" + work}, "install", "tool"); err != nil {
		return fmt.Errorf("building the kernel tools: %w", err)
	}
	if stale := staleTools(dir, want); len(stale) > 0 {
		return fmt.Errorf("after go install tool: %s", strings.Join(stale, "; "))
	}
	return nil
}
