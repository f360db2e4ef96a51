package setup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/econb/econb/kernel/internal/cli"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// finding is the outcome of one doctor check.
type finding struct {
	Check  string // "go", "tools", "kernelspec", "go.work", "jupyter"
	OK     bool
	Detail string // what was found
	Fix    string // command or action that fixes a problem
}

const fixInstall = "go run ./kernel install"

func runDoctor(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("doctor", "[--prefix DIR] [--name econb]", stderr)
	prefix := fs.String("prefix", "", "check an installation made with install --prefix `DIR`")
	name := fs.String("name", "econb", "kernelspec `name`")
	if err := cli.ParseFlags(fs, args); err != nil {
		return err
	}
	l, err := chooseLayout(*prefix, *name)
	if err != nil {
		return err
	}
	fds := diagnose(l)
	bad := 0
	for _, f := range fds {
		mark := "ok  "
		if !f.OK {
			mark = "FAIL"
			bad++
		}
		fmt.Fprintf(stdout, "%s %-10s %s\n", mark, f.Check, strings.ReplaceAll(f.Detail, "\n", "\n                "))
		if !f.OK {
			fmt.Fprintf(stdout, "     %-10s fix: %s\n", "", f.Fix)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d checks failed; apply the fixes above", bad, len(fds))
	}
	fmt.Fprintln(stdout, "all checks passed")
	return nil
}

// diagnose runs every check for installation l.
func diagnose(l layout) []finding {
	goBin, err := goBinDir()
	if err != nil {
		return []finding{{Check: "go", Detail: err.Error(), Fix: "install Go 1.26 (https://go.dev/dl/) and put its bin directory on PATH"}}
	}
	ver, _ := goCmd(l.Repo, nil, "env", "GOVERSION")
	fds := []finding{{Check: "go", OK: true, Detail: ver + " in " + goBin}}
	fds = append(fds, checkTools(l), checkCommand(l), checkSpec(l, goBin), checkGoWork(l), checkJupyter(l))
	return fds
}

// checkCommand checks that the econb command is installed from this
// clone's checked-out commit, and that a shell finds it by name.
func checkCommand(l layout) finding {
	f := finding{Check: "command", Fix: fixInstall}
	bin := filepath.Join(l.ToolsDir, exeName("econb"))
	rev, modified, err := commandRevision(bin)
	if err != nil {
		f.Detail = fmt.Sprintf("no econb command in %s: %v", l.ToolsDir, err)
		return f
	}
	if head := repoRevision(l.Repo); head != "" && rev != head {
		f.Detail = fmt.Sprintf("%s was built from commit %.12s, the clone is at %.12s", bin, rev, head)
		return f
	}
	found, err := exec.LookPath("econb")
	if err != nil {
		f.Detail = fmt.Sprintf("%s is installed, but a shell does not find `econb`: %s is not on PATH", bin, l.BinDir)
		f.Fix = fmt.Sprintf("add %s to PATH: echo 'export PATH=\"%s:$PATH\"' >> ~/.profile, then open a new shell", l.BinDir, l.BinDir)
		return f
	}
	if r1, _ := filepath.EvalSymlinks(found); r1 != bin {
		if r2, _ := filepath.EvalSymlinks(bin); r1 != r2 {
			f.Detail = fmt.Sprintf("`econb` on PATH is %s, not the one installed from this clone (%s)", found, bin)
			f.Fix = "remove " + found + " or put " + l.BinDir + " before its directory on PATH"
			return f
		}
	}
	f.OK = true
	f.Detail = fmt.Sprintf("econb (commit %.12s", rev)
	if modified {
		f.Detail += " with uncommitted changes"
	}
	f.Detail += ") in " + bin + ", found on PATH as " + found
	return f
}

// checkTools compares the built tools with go.mod's pins.
func checkTools(l layout) finding {
	f := finding{Check: "tools", Fix: fixInstall}
	want, err := pinnedVersions(l.Repo)
	if err != nil {
		f.Detail, f.Fix = err.Error(), "go mod download (needs the module proxy once)"
		return f
	}
	if stale := staleTools(l.ToolsDir, want); len(stale) > 0 {
		f.Detail = strings.Join(stale, "\n")
		return f
	}
	f.OK = true
	f.Detail = fmt.Sprintf("gonb %s, goimports, gopls %s in %s", want[kernelTools[0].Module], want[kernelTools[2].Module], l.ToolsDir)
	return f
}

// checkSpec compares the installed kernel.json with the one install
// would write now, and names the fields that differ.
func checkSpec(l layout, goBin string) finding {
	f := finding{Check: "kernelspec", Fix: fixInstall}
	path := filepath.Join(l.KernelDir(), "kernel.json")
	b, err := os.ReadFile(path)
	if err != nil {
		f.Detail = fmt.Sprintf("no kernelspec %q: %v", l.Name, err)
		return f
	}
	var got kernelSpec
	if err := json.Unmarshal(b, &got); err != nil {
		f.Detail = fmt.Sprintf("%s is not valid JSON: %v", path, err)
		return f
	}
	want := makeSpec(l, goBin)
	var diffs []string
	if !equalStrings(got.Argv, want.Argv) {
		diffs = append(diffs, fmt.Sprintf("argv is %q, want %q", got.Argv, want.Argv))
	}
	if got.Env["PATH"] != want.Env["PATH"] {
		diffs = append(diffs, fmt.Sprintf("env PATH is %q, want %q", got.Env["PATH"], want.Env["PATH"]))
	}
	if got.DisplayName != want.DisplayName || got.Language != want.Language {
		diffs = append(diffs, fmt.Sprintf("display_name/language are %q/%q, want %q/%q", got.DisplayName, got.Language, want.DisplayName, want.Language))
	}
	if len(got.Argv) > 0 {
		if _, err := os.Stat(got.Argv[0]); err != nil {
			diffs = append(diffs, fmt.Sprintf("kernel binary %s: %v", got.Argv[0], err))
		}
	}
	if len(diffs) > 0 {
		f.Detail = path + ": " + strings.Join(diffs, "; ")
		return f
	}
	f.OK = true
	f.Detail = fmt.Sprintf("%q (%s) in %s", l.Name, displayName, l.KernelDir())
	return f
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// doctorMain is the program checkGoWork builds: what a notebook cell does
// when it imports the library and gonbui.
const doctorMain = `package main

import (
	"fmt"

	"github.com/econb/econb/lib/report"
	"github.com/janpfeifer/gonb/gonbui"
)

func main() { fmt.Println(report.Coef{Name: "x"}.Name, gonbui.IsNotebook) }
`

// checkGoWork reproduces GoNB's per-notebook module (go mod init; go work
// init; go work use . <repo>) in a temporary directory and builds a
// program importing lib/report and gonbui with GOPROXY=off: it proves
// notebooks import the library offline, as %noautoget cells do.
func checkGoWork(l layout) finding {
	f := finding{Check: "go.work", Fix: "cd " + l.Repo + " && go mod download && go build ./lib/... (then rerun econb doctor)"}
	dir, err := os.MkdirTemp("", "econb-doctor-")
	if err != nil {
		f.Detail = err.Error()
		return f
	}
	defer os.RemoveAll(dir)
	env := []string{"GOPROXY=off", "GOFLAGS=-buildvcs=false", "GOWORK="}
	steps := [][]string{{"mod", "init", "gonb_doctor"}, {"work", "init"}, {"work", "use", ".", l.Repo}}
	for _, s := range steps {
		if _, err := goCmd(dir, env, s...); err != nil {
			f.Detail = err.Error()
			return f
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(doctorMain), 0o644); err != nil {
		f.Detail = err.Error()
		return f
	}
	if _, err := goCmd(dir, env, "build", "-o", filepath.Join(dir, "nb"), "."); err != nil {
		f.Detail = "a notebook importing lib/report and gonbui does not build offline with -go_work=" + l.Repo + ":\n" + err.Error()
		return f
	}
	f.OK = true
	f.Detail = "a notebook with go.work → " + l.Repo + " imports lib/report and gonbui offline"
	return f
}

// checkJupyter looks for a jupyter that lists the kernelspec at
// l.KernelDir().
func checkJupyter(l layout) finding {
	f := finding{Check: "jupyter", Fix: "go run ./kernel test (installs kernel/requirements.txt into ~/.local/share/econb/venv), or pip install -r kernel/requirements.txt"}
	py, ok := findPython(l.Repo, []string{"jupyter_client"})
	if !ok {
		f.Detail = "no jupyter found (econb's venv or python3 on PATH)"
		return f
	}
	cmd := exec.Command(py.Jupyter(), "kernelspec", "list", "--json")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		f.Detail = fmt.Sprintf("%s kernelspec list: %v: %s", py.Jupyter(), err, errb.String())
		return f
	}
	var list struct {
		Kernelspecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		f.Detail = fmt.Sprintf("%s kernelspec list --json: %v", py.Jupyter(), err)
		return f
	}
	ks, ok := list.Kernelspecs[l.Name]
	switch {
	case !ok:
		f.Detail = fmt.Sprintf("%s does not list kernel %q (it searches its data path; JUPYTER_DATA_DIR=%q)", py.Jupyter(), l.Name, os.Getenv("JUPYTER_DATA_DIR"))
		f.Fix = fixInstall + " (a --prefix DIR install is found only with JUPYTER_PATH=DIR/share/jupyter)"
	case filepath.Clean(ks.ResourceDir) != filepath.Clean(l.KernelDir()):
		f.Detail = fmt.Sprintf("%s lists %q from %s, which shadows %s", py.Jupyter(), l.Name, ks.ResourceDir, l.KernelDir())
		f.Fix = "jupyter kernelspec remove " + l.Name + " (the other one), then " + fixInstall
	default:
		f.OK = true
		f.Detail = fmt.Sprintf("%s lists %q", py.Jupyter(), l.Name)
	}
	return f
}
