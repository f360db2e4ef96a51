// Package atomicfile writes a file so that a failure never leaves it
// truncated or half-written: the content goes to a temporary file in the
// same directory, which replaces the file by a rename only once it is
// complete and synced. A reader sees the old file or the new one, never a
// mixture, and an error (a failed encoder, a full disk) leaves the old file
// as it was. The library's writers (frame.WriteCSV, WriteDTA, WriteParquet,
// report.Save, plot's Figure.Save) use it; they overwrite an existing file,
// as a notebook re-running a cell expects.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write writes path through a buffer with write, atomically. A new file
// gets mode perm; a replaced file keeps its mode. A symbolic link is
// followed: its target is replaced, the link kept.
func Write(path string, perm fs.FileMode, write func(io.Writer) error) (err error) {
	target := path
	if t, lerr := filepath.EvalSymlinks(path); lerr == nil {
		target = t
	}
	if fi, serr := os.Stat(target); serr == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		perm = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// WriteBytes writes b to path atomically (see Write).
func WriteBytes(path string, b []byte, perm fs.FileMode) error {
	return Write(path, perm, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// IsTemp reports whether the base name name is a temporary file of this
// package (for tests that check nothing is left behind).
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}
