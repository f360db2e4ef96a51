package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"os"
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
	t.Cleanup(func() { installer = old })
}

// isolate points Jupyter's and econb's data directories into a temporary
// directory and returns it.
func isolate(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(tmp, "jupyter"))
	t.Setenv("ECONB_HOME", filepath.Join(tmp, "econb"))
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
	if code := runMain([]string{"install"}, &out1, &errb); code != 0 {
		t.Fatalf("install: exit %d: %s", code, errb.String())
	}
	if n := strings.Count(out1.String(), "written "); n != 3 {
		t.Errorf("first install wrote %d files, want 3:\n%s", n, out1.String())
	}
	spec1, err := os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s kernelSpec
	if err := json.Unmarshal(spec1, &s); err != nil {
		t.Fatal(err)
	}
	repo, _ := findRepoRoot(".")
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
	if code := runMain([]string{"install", "--user"}, &out2, &errb); code != 0 {
		t.Fatalf("second install: exit %d: %s", code, errb.String())
	}
	if strings.Contains(out2.String(), "written ") || strings.Count(out2.String(), "unchanged ") != 3 {
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
	if code := runMain([]string{"install", "--prefix", prefix, "--name", "econb2"}, &out, &errb); code != 0 {
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
		if code := runMain(args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2 (usage); stderr %s", args, code, errb.String())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
