package setup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/econb/econb/kernel/internal/cli"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeTools replaces the real `go install tool` (1-2 min cold) with empty
// files, so install's own logic is tested fast.
func fakeTools(t *testing.T) {
	t.Helper()
	old := installer
	installer = func(repo, dir string, w io.Writer) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, tl := range kernelTools {
			if err := os.WriteFile(filepath.Join(dir, tl.Name), []byte("#!/bin/sh\n"), 0o755); err != nil {
				return err
			}
		}
		return nil
	}
	oldCmd, oldDl, oldProf := commandBuilder, downloadModules, shellProfiles
	commandBuilder = func(repo, out string) error { return os.WriteFile(out, []byte("#!/bin/sh\n"), 0o755) }
	downloadModules = func(string, io.Writer) error { return nil }
	profiles := profileDir(t)
	shellProfiles = func() ([]string, error) {
		return []string{filepath.Join(profiles, ".profile"), filepath.Join(profiles, ".bashrc")}, nil
	}
	t.Cleanup(func() { installer, commandBuilder, downloadModules, shellProfiles = old, oldCmd, oldDl, oldProf })
}

// isolate points Jupyter's and econb's data directories into a temporary
// directory and returns it.
func isolate(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(tmp, "jupyter"))
	t.Setenv("ECONB_HOME", filepath.Join(tmp, "econb"))
	t.Setenv("XDG_BIN_HOME", filepath.Join(tmp, "bin"))
	return tmp
}

func TestMakeSpec(t *testing.T) {
	l := layout{Repo: "/src/econb", DataDir: "/d/jupyter", ToolsDir: "/d/econb/bin", Name: "econb"}
	s := makeSpec(l, "/usr/local/go/bin")
	checks := []struct {
		name      string
		got, want any
	}{
		{"argv", strings.Join(s.Argv, " "), "/d/econb/bin/gonb --kernel {connection_file} -go_work=/src/econb"},
		{"display_name", s.DisplayName, "Go (econb)"},
		{"language", s.Language, "go"},
		{"interrupt_mode", s.InterruptMode, "message"},
		// Tools first, then go, then the server's PATH (jupyter_client
		// substitutes ${PATH} from the server's environment).
		{"env PATH", s.Env["PATH"], "/d/econb/bin:/usr/local/go/bin:${PATH}"},
		{"env size", len(s.Env), 1},
		{"metadata repo", s.Metadata.Econb.Repo, "/src/econb"},
		{"kernel dir", l.KernelDir(), "/d/jupyter/kernels/econb"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	var back kernelSpec
	if err := json.Unmarshal(encodeSpec(s), &back); err != nil || back.Argv[3] != s.Argv[3] {
		t.Errorf("kernel.json does not round-trip: %v", err)
	}
}

func TestInstallIdempotent(t *testing.T) {
	fakeTools(t)
	tmp := isolate(t)
	kdir := filepath.Join(tmp, "jupyter", "kernels", "econb")
	var out1, out2, errb bytes.Buffer
	if code := run([]string{"install"}, &out1, &errb); code != 0 {
		t.Fatalf("install: exit %d: %s", code, errb.String())
	}
	// kernel.json, two logos, the econb binary and its link in XDG_BIN_HOME.
	if n := strings.Count(out1.String(), "written "); n != 5 {
		t.Errorf("first install wrote %d files, want 5:\n%s", n, out1.String())
	}
	spec1, err := os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s kernelSpec
	if err := json.Unmarshal(spec1, &s); err != nil {
		t.Fatal(err)
	}
	repo, _ := FindRepoRoot(".")
	if want := filepath.Join(tmp, "econb", "bin", "gonb"); s.Argv[0] != want {
		t.Errorf("argv[0] = %s, want %s", s.Argv[0], want)
	}
	if s.Argv[3] != "-go_work="+repo {
		t.Errorf("argv[3] = %s, want -go_work=%s", s.Argv[3], repo)
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(kdir, "logo-"+itoa(size)+"x"+itoa(size)+".png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != size {
			t.Errorf("logo %d: %v, bounds %v", size, err, img.Bounds())
		}
	}
	if code := run([]string{"install", "--user"}, &out2, &errb); code != 0 {
		t.Fatalf("second install: exit %d: %s", code, errb.String())
	}
	// The same five files, and the two shell profiles that already put
	// XDG_BIN_HOME on PATH.
	if strings.Contains(out2.String(), "written ") || strings.Count(out2.String(), "unchanged ") != 7 {
		t.Errorf("second install changed files:\n%s", out2.String())
	}
	spec2, _ := os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if !bytes.Equal(spec1, spec2) {
		t.Errorf("kernel.json changed on reinstall:\n%s\n---\n%s", spec1, spec2)
	}
}

func TestInstallPrefix(t *testing.T) {
	fakeTools(t)
	tmp := isolate(t)
	prefix := filepath.Join(tmp, "prefix")
	var out, errb bytes.Buffer
	if code := run([]string{"install", "--prefix", prefix, "--name", "econb2"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "econb2", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s kernelSpec
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "bin", "gonb"); s.Argv[0] != want {
		t.Errorf("argv[0] = %s, want %s", s.Argv[0], want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "jupyter")); !os.IsNotExist(err) {
		t.Errorf("--prefix install touched the user data dir (stat: %v)", err)
	}
}

func TestInstallBadFlags(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{"install", "--user", "--prefix", "/x"},
		{"install", "--name", "a b"},
		{"install", "extra"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2 (usage); stderr %s", args, code, errb.String())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestInstallCommandLink checks where the econb command goes: the binary
// beside the kernel tools, a link in the user's bin directory, a note when
// that directory is not on PATH, and no foreign file replaced.
func TestInstallCommandLink(t *testing.T) {
	fakeTools(t)
	tmp := isolate(t)
	bin := filepath.Join(tmp, "bin")
	goDir := filepath.Dir(mustLookPath(t, "go"))
	t.Setenv("PATH", goDir+":/usr/bin:/bin")
	var out, errb bytes.Buffer
	if code := run([]string{"install"}, &out, &errb); code != 0 {
		t.Fatalf("install: exit %d: %s", code, errb.String())
	}
	target := filepath.Join(tmp, "econb", "bin", "econb")
	if dest, err := os.Readlink(filepath.Join(bin, "econb")); err != nil || dest != target {
		t.Errorf("link %s -> %q (%v), want -> %s", filepath.Join(bin, "econb"), dest, err, target)
	}
	// bin was not on PATH: the shell profiles now put it there.
	for _, f := range []string{".profile", ".bashrc"} {
		b, err := os.ReadFile(filepath.Join(profileDir(t), f))
		if err != nil || !strings.Contains(string(b), profileMarker) || !strings.Contains(string(b), `export PATH="`+bin+`:$PATH"`) {
			t.Errorf("%s does not put %s on PATH (%v):\n%s", f, bin, err, b)
		}
	}
	if want := "note: " + bin + " was not on this shell's PATH"; !strings.Contains(out.String(), want) {
		t.Errorf("install output lacks %q:\n%s", want, out.String())
	}

	// A file of the user's own at the link's place is left alone.
	foreign := []byte("#!/bin/sh\necho mine\n")
	link := filepath.Join(bin, "econb")
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(link, foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	t.Setenv("PATH", bin+":"+goDir+":/usr/bin:/bin")
	if code := run([]string{"install"}, &out, &errb); code != 0 {
		t.Fatalf("install: exit %d: %s", code, errb.String())
	}
	if got, _ := os.ReadFile(link); !bytes.Equal(got, foreign) {
		t.Errorf("install replaced the user's own %s", link)
	}
	if !strings.Contains(out.String(), "is not an econb command; left it alone") || strings.Contains(out.String(), "not on this shell's PATH") {
		t.Errorf("install output:\n%s", out.String())
	}
}

func mustLookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// profileDirs holds each test's stand-in for the home directory of the
// shell profiles that install edits.
var profileDirs = map[string]string{}

// profileDir returns the test's profile directory, made on first use.
func profileDir(t *testing.T) string {
	t.Helper()
	d, ok := profileDirs[t.Name()]
	if !ok {
		d = t.TempDir()
		profileDirs[t.Name()] = d
		t.Cleanup(func() { delete(profileDirs, t.Name()) })
	}
	return d
}

// TestEnsurePath checks that the PATH lines are appended once, after what
// a profile already holds, and that a profile is created when missing.
func TestEnsurePath(t *testing.T) {
	dir := t.TempDir()
	old := "# my profile\nexport EDITOR=vi\n"
	prof, rc := filepath.Join(dir, ".profile"), filepath.Join(dir, ".bashrc")
	if err := os.WriteFile(rc, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	saved := shellProfiles
	shellProfiles = func() ([]string, error) { return []string{prof, rc}, nil }
	t.Cleanup(func() { shellProfiles = saved })
	for i := 0; i < 2; i++ {
		if err := ensurePath("/home/u/.local/bin", io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	want := "\n" + profileMarker + "\n" + `case ":$PATH:" in *":/home/u/.local/bin:"*) ;; *) export PATH="/home/u/.local/bin:$PATH" ;; esac` + "\n"
	if b, _ := os.ReadFile(rc); string(b) != old+want {
		t.Errorf(".bashrc after two installs:\n%s\nwant:\n%s", b, old+want)
	}
	if b, _ := os.ReadFile(prof); string(b) != want {
		t.Errorf(".profile (created):\n%s\nwant:\n%s", b, want)
	}
	if fi, _ := os.Stat(rc); fi.Mode().Perm() != 0o600 {
		t.Errorf(".bashrc mode changed to %v", fi.Mode().Perm())
	}
	// The lines work: a POSIX shell that sources the profile finds the
	// directory on PATH exactly once, even when sourced twice.
	out, err := exec.Command("sh", "-c", ". "+prof+"; . "+prof+`; echo "$PATH"`).Output()
	if err != nil || strings.Count(string(out), "/home/u/.local/bin") != 1 {
		t.Errorf("PATH after sourcing twice: %q (%v)", out, err)
	}
}

// run calls the setup command args[0] as econb does and returns the exit
// status econb would give: 0, 1 for an error, 2 for a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	for _, c := range Commands() {
		if c.Name != args[0] {
			continue
		}
		err := c.Run(args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, cli.ErrUsage):
			return 2
		default:
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	panic("no setup command " + args[0])
}
