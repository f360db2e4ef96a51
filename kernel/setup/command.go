package setup

import (
	"bytes"
	"debug/buildinfo"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// commandPackage is the main package of the econb command, as its build
// info records it.
const commandPackage = modulePath + "/kernel"

// commandBuilder builds the econb command; tests replace it to avoid a
// real build.
var commandBuilder = buildCommand

// buildCommand compiles the econb command of repo into the file out.
func buildCommand(repo, out string) error {
	if _, err := goCmd(repo, nil, "build", "-o", out, "./kernel"); err != nil {
		return fmt.Errorf("building the econb command: %w", err)
	}
	return nil
}

// installCommand puts the econb command where both the kernel and a shell
// find it: the binary in l.ToolsDir, which the kernelspec puts on the
// kernel's PATH (so `!econb fit ...` works in a cell), and a symbolic link
// in l.BinDir, the user's bin directory. It never replaces a file in
// BinDir that is not an econb command, and says so. When BinDir is not on
// PATH, it adds it to the shell profiles (modifyPath) or says how to. It
// reports each step on w.
func installCommand(l layout, modifyPath bool, w io.Writer) error {
	if err := os.MkdirAll(l.ToolsDir, 0o755); err != nil {
		return fmt.Errorf("creating the tools directory: %w", err)
	}
	bin := filepath.Join(l.ToolsDir, exeName("econb"))
	tmp := filepath.Join(l.ToolsDir, ".econb-build.tmp")
	if err := commandBuilder(l.Repo, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	switch changed, err := replaceIfChanged(tmp, bin); {
	case err != nil:
		return err
	case changed:
		fmt.Fprintf(w, "  written   %s\n", bin)
	default:
		fmt.Fprintf(w, "  unchanged %s\n", bin)
	}
	if l.BinDir == "" || filepath.Clean(l.BinDir) == filepath.Clean(l.ToolsDir) {
		return nil
	}
	if err := linkCommand(bin, filepath.Join(l.BinDir, exeName("econb")), w); err != nil {
		return err
	}
	if onPath(l.BinDir) {
		return nil
	}
	if !modifyPath {
		fmt.Fprintf(w, "note: %s is not on your PATH, so a shell does not find `econb` yet. Add it:\n"+
			"  echo 'export PATH=\"%s:$PATH\"' >> ~/.profile   # then open a new shell\n", l.BinDir, l.BinDir)
		return nil
	}
	if err := ensurePath(l.BinDir, w); err != nil {
		return err
	}
	fmt.Fprintf(w, "note: %s was not on this shell's PATH; a new shell finds `econb` (here: export PATH=\"%s:$PATH\")\n", l.BinDir, l.BinDir)
	return nil
}

// replaceIfChanged renames tmp over dst unless dst already has the same
// bytes, in which case tmp is removed. It reports whether dst changed.
func replaceIfChanged(tmp, dst string) (bool, error) {
	nb, err := os.ReadFile(tmp)
	if err != nil {
		return false, err
	}
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, nb) {
		return false, os.Remove(tmp)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("installing the econb command: %w", err)
	}
	return true, nil
}

// linkCommand makes link a symbolic link to target. An existing link or
// econb binary there is replaced; anything else is left alone with a note.
func linkCommand(target, link string, w io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(link), err)
	}
	if dest, err := os.Readlink(link); err == nil && dest == target {
		fmt.Fprintf(w, "  unchanged %s -> %s\n", link, target)
		return nil
	}
	if fi, err := os.Lstat(link); err == nil {
		if fi.Mode()&os.ModeSymlink == 0 && !isEconbBinary(link) {
			fmt.Fprintf(w, "note: %s exists and is not an econb command; left it alone. Run %s, or remove that file and run econb install again\n", link, target)
			return nil
		}
		if err := os.Remove(link); err != nil {
			return fmt.Errorf("replacing the old %s: %w", link, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Symlink(target, link); err != nil {
		return fmt.Errorf("linking the econb command: %w", err)
	}
	fmt.Fprintf(w, "  written   %s -> %s\n", link, target)
	return nil
}

// isEconbBinary reports whether the executable at path was built from the
// econb command's package.
func isEconbBinary(path string) bool {
	bi, err := buildinfo.ReadFile(path)
	return err == nil && bi.Path == commandPackage
}

// onPath reports whether dir is one of the directories of $PATH.
func onPath(dir string) bool {
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if d != "" && filepath.Clean(d) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// commandRevision returns the VCS revision the econb binary at path was
// built from ("" if it records none) and whether its tree had
// uncommitted changes.
func commandRevision(path string) (rev string, modified bool, err error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", false, err
	}
	if bi.Path != commandPackage {
		return "", false, fmt.Errorf("%s is not the econb command (it was built from %s)", path, bi.Path)
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev, modified, nil
}

// repoRevision is the commit the clone at repo has checked out, or "" when
// it is not a git work tree.
func repoRevision(repo string) string {
	out, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// profileMarker starts the lines installCommand adds to shell profiles.
const profileMarker = "# econb: put the econb command on PATH (added by `econb install`; delete these two lines to undo)"

// shellProfiles lists the start-up files of the user's shells that
// ensurePath edits: ~/.profile (created if missing; login shells), and
// ~/.bashrc and ~/.zshrc when they exist (new terminal windows). Tests
// replace it.
var shellProfiles = func() ([]string, error) {
	h, err := homeDir()
	if err != nil {
		return nil, err
	}
	files := []string{filepath.Join(h, ".profile")}
	for _, f := range []string{".bashrc", ".zshrc"} {
		if _, err := os.Stat(filepath.Join(h, f)); err == nil {
			files = append(files, filepath.Join(h, f))
		}
	}
	return files, nil
}

// ensurePath adds dir to PATH in each shell profile that does not already
// do so, as rustup and pipx ensurepath do: it appends two marked lines,
// never rewrites what is there, and reports each file on w.
func ensurePath(dir string, w io.Writer) error {
	files, err := shellProfiles()
	if err != nil {
		return err
	}
	block := fmt.Sprintf("\n%s\ncase \":$PATH:\" in *\":%s:\"*) ;; *) export PATH=\"%s:$PATH\" ;; esac\n", profileMarker, dir, dir)
	for _, f := range files {
		old, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if bytes.Contains(old, []byte(fmt.Sprintf("*\":%s:\"*)", dir))) {
			fmt.Fprintf(w, "  unchanged %s (puts %s on PATH)\n", f, dir)
			continue
		}
		fh, err := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("adding %s to PATH in %s: %w", dir, f, err)
		}
		_, werr := fh.WriteString(block)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("adding %s to PATH in %s: %w", dir, f, werr)
		}
		fmt.Fprintf(w, "  appended  %s: two lines that put %s on PATH\n", f, dir)
	}
	return nil
}
