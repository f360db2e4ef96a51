package fileout

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const precious = "my precious data\n"

// setup makes a directory holding existing.csv and returns the directory.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "existing.csv"), []byte(precious), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// untouched fails t unless existing.csv still holds precious and no
// temporary file is left in dir.
func untouched(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "existing.csv"))
	if err != nil || string(b) != precious {
		t.Errorf("existing.csv = %q, %v; want it unchanged", b, err)
	}
	noTemps(t, dir)
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if IsTemp(e.Name()) {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func write(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// Add refuses, before anything is written, every output that would lose
// a file or cannot be written, naming the flag and the fix.
func TestAddRefuses(t *testing.T) {
	dir := setup(t)
	t.Chdir(dir)
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Link("existing.csv", "hardlink.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("existing.csv", "symlink.csv"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		replace bool
		adds    [][2]string
		err     error
		msg     string
	}{
		{false, [][2]string{{"--out", "existing.csv"}}, ErrExists,
			"--out existing.csv already exists; add --replace (or --force) to overwrite it, or choose another name"},
		{false, [][2]string{{"--out", "symlink.csv"}}, ErrExists,
			"--out symlink.csv already exists; add --replace (or --force) to overwrite it, or choose another name"},
		{true, [][2]string{{"--out", "a.csv"}, {"--tfp", "a.csv"}}, ErrSamePath,
			"--tfp a.csv is the same file as --out a.csv; give each output its own file"},
		{true, [][2]string{{"--out", "a.csv"}, {"--tfp", "./sub/../a.csv"}}, ErrSamePath,
			"--tfp ./sub/../a.csv is the same file as --out a.csv; give each output its own file"},
		{true, [][2]string{{"--out", "existing.csv"}, {"--tfp", "hardlink.csv"}}, ErrSamePath,
			"--tfp hardlink.csv is the same file as --out existing.csv; give each output its own file"},
		{true, [][2]string{{"--out", "existing.csv"}, {"--tfp", "symlink.csv"}}, ErrSamePath,
			"--tfp symlink.csv is the same file as --out existing.csv; give each output its own file"},
		{true, [][2]string{{"--out", "sub"}}, ErrBadPath,
			"--out sub is a directory; give a file name, e.g. --out sub/out.csv"},
		{true, [][2]string{{"--out", "existing.csv"}, {"--tfp", "nodir/t.csv"}}, ErrBadPath,
			"--tfp nodir/t.csv: directory nodir does not exist; create it first (mkdir -p nodir)"},
	}
	for _, c := range cases {
		b := New(c.replace)
		var err error
		for _, a := range c.adds {
			if err = b.Add(a[0], a[1]); err != nil {
				break
			}
		}
		b.Abort()
		if !errors.Is(err, c.err) || err.Error() != c.msg {
			t.Errorf("%v: err = %v\nwant %q (%v)", c.adds, err, c.msg, c.err)
		}
		untouched(t, dir)
	}
}

// A failed write, or no Commit, leaves every existing file as it was; a
// commit replaces them whole, keeps their permissions, writes through a
// symbolic link and leaves no temporary file.
func TestWriteCommit(t *testing.T) {
	dir := setup(t)
	t.Chdir(dir)
	b := New(true)
	if err := b.Add("--out", "existing.csv"); err != nil {
		t.Fatal(err)
	}
	if err := b.Add("--tfp", "new.csv"); err != nil {
		t.Fatal(err)
	}
	if err := b.Write("--out", write("half")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := b.Write("--tfp", func(w io.Writer) error { io.WriteString(w, "x"); return boom })
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "writing --tfp new.csv: ") {
		t.Errorf("err = %v", err)
	}
	b.Abort()
	untouched(t, dir)
	if _, err := os.Stat("new.csv"); err == nil {
		t.Error("new.csv was created by a failed run")
	}

	if err := os.Symlink("existing.csv", "link.csv"); err != nil {
		t.Fatal(err)
	}
	b = New(true)
	for _, a := range [][2]string{{"--out", "link.csv"}, {"--tfp", "new.csv"}, {"--truth", "unused.csv"}} {
		if err := b.Add(a[0], a[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Write("--out", write("panel\n")); err != nil {
		t.Fatal(err)
	}
	if err := b.Write("--tfp", write("tfp\n")); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	if got, _ := os.ReadFile("existing.csv"); string(got) != "panel\n" {
		t.Errorf("existing.csv = %q after commit through link.csv", got)
	}
	if fi, err := os.Lstat("link.csv"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if fi, _ := os.Stat("existing.csv"); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the replaced file's 0600", fi.Mode().Perm())
	}
	if got, _ := os.ReadFile("new.csv"); string(got) != "tfp\n" {
		t.Errorf("new.csv = %q", got)
	}
	if _, err := os.Stat("unused.csv"); err == nil {
		t.Error("an output added but not written was created")
	}
	noTemps(t, dir)
}

// Without replace, a file that appears between Add and Commit is not
// overwritten.
func TestCommitNoClobber(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	b := New(false)
	if err := b.Add("--out", "late.csv"); err != nil {
		t.Fatal(err)
	}
	if err := b.Write("--out", write("ours\n")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("late.csv", []byte("theirs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := b.Commit()
	b.Abort()
	if !errors.Is(err, ErrExists) {
		t.Errorf("err = %v, want ErrExists", err)
	}
	if got, _ := os.ReadFile("late.csv"); string(got) != "theirs\n" {
		t.Errorf("late.csv = %q, want the other writer's file kept", got)
	}
	noTemps(t, dir)
}
