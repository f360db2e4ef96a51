// Package fileout writes the output files of an econb command so that a
// failed command never loses a file:
//
//   - every output path is checked before anything is computed or written
//     (Batch.Add): its directory exists and is writable, it is not a
//     directory, no two flags name the same file, and an existing file is
//     replaced only when the user said so (--replace, Stata's word, or
//     --force);
//   - each file is written to a temporary file in its own directory and
//     moved into place only when every output has been written
//     (Batch.Commit), so an error, a full disk or an interrupt leaves the
//     old files as they were and no half-written one;
//   - without --replace the move refuses to overwrite a file that appeared
//     meanwhile (a hard link, which fails if the name exists).
//
// Usage:
//
//	outs := fileout.New(*replace)
//	defer outs.Abort() // removes the temporary files unless committed
//	if err := outs.Add("--out", *out); err != nil { return err }
//	... compute ...
//	if err := outs.Write("--out", func(w io.Writer) error { ... }); err != nil { return err }
//	return outs.Commit()
package fileout

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Sentinel errors, for errors.Is.
var (
	ErrExists   = errors.New("output file exists")
	ErrSamePath = errors.New("the same output file twice")
	ErrBadPath  = errors.New("cannot write the output file")
)

// Error is an error of this package: Msg names the flag, the path and
// what to do; Err is one of the sentinels.
type Error struct {
	Err error
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

func errorf(sentinel error, format string, args ...any) error {
	return &Error{Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

// ReplaceFlags registers --replace and its synonym --force on fs and
// returns a function reporting whether either was given.
func ReplaceFlags(fs *flag.FlagSet) func() bool {
	replace := fs.Bool("replace", false, "overwrite output files that exist (Stata's replace; same as --force)")
	force := fs.Bool("force", false, "same as --replace")
	return func() bool { return *replace || *force }
}

// Batch is the set of output files of one command run.
type Batch struct {
	replace   bool
	outs      []*output
	committed bool
}

type output struct {
	flag     string // "--out", for messages
	path     string // as given
	target   string // the file finally written (symbolic links resolved)
	tmp      *os.File
	mode     fs.FileMode
	written  bool
	existing os.FileInfo // nil when the file does not exist yet
}

// New returns an empty batch; replace allows overwriting existing files.
func New(replace bool) *Batch { return &Batch{replace: replace} }

// Add checks the output file path given by flag and reserves a temporary
// file next to it. An empty path is ignored (the output was not asked for).
// It returns an error naming the flag, the path and what to do when the
// path is a directory, its directory does not exist or is not writable,
// the file exists and the batch may not replace it, or another flag of
// the batch names the same file.
func (b *Batch) Add(flagName, path string) error {
	if path == "" {
		return nil
	}
	o := &output{flag: flagName, path: path, target: path, mode: 0o644}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := filepath.EvalSymlinks(path); err == nil {
			o.target = t
		}
	}
	fi, err := os.Stat(o.target)
	switch {
	case err == nil && fi.IsDir():
		return errorf(ErrBadPath, "%s %s is a directory; give a file name, e.g. %s %s", flagName, path, flagName, filepath.Join(path, "out.csv"))
	case err == nil && !fi.Mode().IsRegular():
		return errorf(ErrBadPath, "%s %s is not a regular file", flagName, path)
	case err == nil:
		o.existing, o.mode = fi, fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return errorf(ErrBadPath, "%s %s: %v", flagName, path, err)
	}
	for _, p := range b.outs {
		if same(p, o) {
			return errorf(ErrSamePath, "%s %s is the same file as %s %s; give each output its own file", flagName, path, p.flag, p.path)
		}
	}
	if o.existing != nil && !b.replace {
		return errorf(ErrExists, "%s %s already exists; add --replace (or --force) to overwrite it, or choose another name", flagName, path)
	}
	dir := filepath.Dir(o.target)
	if di, err := os.Stat(dir); err != nil || !di.IsDir() {
		return errorf(ErrBadPath, "%s %s: directory %s does not exist; create it first (mkdir -p %s)", flagName, path, dir, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(o.target)+".econb-*.tmp")
	if err != nil {
		return errorf(ErrBadPath, "%s %s: cannot create a file in %s (%v)", flagName, path, dir, unwrapPath(err))
	}
	o.tmp = tmp
	b.outs = append(b.outs, o)
	return nil
}

// same reports whether two outputs name one file: the same cleaned
// absolute path, or the same existing file (hard links, symbolic links).
func same(a, b *output) bool {
	if a.existing != nil && b.existing != nil && os.SameFile(a.existing, b.existing) {
		return true
	}
	pa, err1 := filepath.Abs(a.target)
	pb, err2 := filepath.Abs(b.target)
	return err1 == nil && err2 == nil && pa == pb
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Has reports whether the batch holds an output for flag.
func (b *Batch) Has(flagName string) bool { return b.find(flagName) != nil }

func (b *Batch) find(flagName string) *output {
	for _, o := range b.outs {
		if o.flag == flagName {
			return o
		}
	}
	return nil
}

// Write writes the output of flag through a buffer with write. It panics
// if flag was not added (a programming error).
func (b *Batch) Write(flagName string, write func(io.Writer) error) error {
	o := b.find(flagName)
	if o == nil {
		panic("fileout: Write of an output that was not added: " + flagName)
	}
	if o.written {
		panic("fileout: output written twice: " + flagName)
	}
	bw := bufio.NewWriterSize(o.tmp, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s %s: %w", flagName, o.path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s %s: %w", flagName, o.path, unwrapPath(err))
	}
	o.written = true
	return nil
}

// Commit moves every written output into place. Outputs that were added
// but not written are discarded. Without replace, a file that appeared
// after Add is not overwritten: Commit fails naming it.
func (b *Batch) Commit() error {
	for _, o := range b.outs {
		if !o.written {
			continue
		}
		if err := o.tmp.Sync(); err != nil {
			return fmt.Errorf("writing %s %s: %w", o.flag, o.path, unwrapPath(err))
		}
		if err := o.tmp.Chmod(o.mode); err != nil {
			return fmt.Errorf("writing %s %s: %w", o.flag, o.path, unwrapPath(err))
		}
		if err := o.tmp.Close(); err != nil {
			return fmt.Errorf("writing %s %s: %w", o.flag, o.path, unwrapPath(err))
		}
	}
	for _, o := range b.outs {
		if !o.written {
			continue
		}
		if err := b.place(o); err != nil {
			return err
		}
		o.tmp = nil
	}
	b.committed = true
	b.Abort() // the unwritten ones
	return nil
}

// place renames the temporary file of o onto its target; without
// replace it links instead, which fails if the target exists.
func (b *Batch) place(o *output) error {
	tmp := o.tmp.Name()
	if b.replace {
		if err := os.Rename(tmp, o.target); err != nil {
			return fmt.Errorf("writing %s %s: %w", o.flag, o.path, unwrapPath(err))
		}
		return nil
	}
	err := os.Link(tmp, o.target)
	switch {
	case err == nil:
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return errorf(ErrExists, "%s %s appeared while econb was running; add --replace (or --force) to overwrite it", o.flag, o.path)
	}
	// a file system without hard links: check, then rename
	if _, serr := os.Stat(o.target); serr == nil {
		return errorf(ErrExists, "%s %s appeared while econb was running; add --replace (or --force) to overwrite it", o.flag, o.path)
	}
	if err := os.Rename(tmp, o.target); err != nil {
		return fmt.Errorf("writing %s %s: %w", o.flag, o.path, unwrapPath(err))
	}
	return nil
}

// Abort removes the temporary files of outputs not yet committed. It is
// safe to defer: after Commit it does nothing more.
func (b *Batch) Abort() {
	for _, o := range b.outs {
		if o.tmp == nil {
			continue
		}
		name := o.tmp.Name()
		o.tmp.Close()
		os.Remove(name)
		o.tmp = nil
	}
}

// Paths lists the outputs' paths as given, in the order added.
func (b *Batch) Paths() []string {
	var out []string
	for _, o := range b.outs {
		out = append(out, o.path)
	}
	return out
}

// IsTemp reports whether the base name name is one of this package's
// temporary files (for tests that check nothing is left behind).
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".econb-") && strings.HasSuffix(name, ".tmp")
}
