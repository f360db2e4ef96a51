package setup

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// byCheck indexes findings by check name.
func byCheck(fds []finding) map[string]finding {
	m := map[string]finding{}
	for _, f := range fds {
		m[f.Check] = f
	}
	return m
}

// TestDoctorBrokenSetup breaks an installation in the ways users meet and
// checks that doctor names each problem and its fix.
func TestDoctorBrokenSetup(t *testing.T) {
	repo, err := FindRepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	tmp := isolate(t)
	l, err := UserLayout(repo, "econb")
	if err != nil {
		t.Fatal(err)
	}
	goBin, err := goBinDir()
	if err != nil {
		t.Fatal(err)
	}
	// A kernelspec from a clone that has since moved, its gonb deleted.
	stale := l
	stale.Repo = filepath.Join(tmp, "old-clone")
	if err := writeKernel(stale, makeSpec(stale, goBin), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	// A fake "repository" whose go.mod declares the module but has no lib/.
	fake := filepath.Join(tmp, "fake-repo")
	if err := os.MkdirAll(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fake, "go.mod"), []byte("module "+modulePath+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lfake := l
	lfake.Repo = fake

	cases := []struct {
		name   string
		l      layout
		check  string
		detail []string // substrings of the finding's detail
		fix    string   // substring of the fix
	}{
		{"tools not built", l, "tools", []string{filepath.Join(tmp, "econb", "bin", "gonb") + ": missing"}, fixInstall},
		{"kernelspec points at a moved clone", l, "kernelspec", []string{"argv is", "-go_work=" + stale.Repo, "want", "-go_work=" + repo, "kernel binary"}, fixInstall},
		{"kernelspec missing", layout{Repo: repo, DataDir: filepath.Join(tmp, "empty"), ToolsDir: l.ToolsDir, Name: "econb"}, "kernelspec", []string{`no kernelspec "econb"`}, fixInstall},
		{"library does not build through go.work", lfake, "go.work", []string{"does not build offline", "lib/report"}, "go mod download"},
		{"go.mod without the tool pins", lfake, "tools", []string{"reading pinned tool versions"}, "go mod download"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, ok := byCheck(diagnose(c.l))[c.check]
			if !ok {
				t.Fatalf("no %q finding", c.check)
			}
			if f.OK {
				t.Fatalf("%s: OK, want a problem (detail %q)", c.check, f.Detail)
			}
			for _, s := range c.detail {
				if !strings.Contains(f.Detail, s) {
					t.Errorf("detail %q lacks %q", f.Detail, s)
				}
			}
			if !strings.Contains(f.Fix, c.fix) {
				t.Errorf("fix %q lacks %q", f.Fix, c.fix)
			}
		})
	}
}

// TestDoctorHealthy checks the parts of a good installation that need no
// Jupyter: fake tools at the right versions cannot be made, so only the
// kernelspec and go.work checks are asserted OK.
func TestDoctorHealthy(t *testing.T) {
	fakeTools(t)
	downloadModules = realDownloadModules // the go.work check needs the whole module graph
	isolate(t)
	repo, _ := FindRepoRoot(".")
	l, err := UserLayout(repo, "econb")
	if err != nil {
		t.Fatal(err)
	}
	if err := Install(l, false, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	m := byCheck(diagnose(l))
	for _, c := range []string{"go", "kernelspec", "go.work"} {
		if !m[c].OK {
			t.Errorf("%s: %s (fix: %s)", c, m[c].Detail, m[c].Fix)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"doctor"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "checks failed") || !strings.Contains(out.String(), "fix: "+fixInstall) {
		t.Errorf("doctor with fake tools: exit %d, want 1 and a fix line\nstdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
}
