package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/econb/econb/kernel/internal/fileout"
	"github.com/econb/econb/lib/stata"
)

func init() {
	register(&command{
		name:    "do",
		summary: "run a Stata do-file (the subset in lib/stata: data, estimation, esttab, macros and loops)",
		run:     runDo,
	})
}

var doSynopsis = `FILE.do [--json] [--cd]

Runs the do-file as Stata would, printing its log (". command" and the
output) on standard output; the first error stops it, naming the line and
the command. Relative file names are read from the working directory, as
in Stata (--cd runs in the do-file's folder). save, export delimited,
esttab using and log using refuse to overwrite a file unless the command
says replace. With --json the log goes to standard error and standard
output gets one JSON object per estimation command, in the schema of
econb fit --json.

Supported: ` + stata.Supported() + `.`

// runDo is `econb do FILE.do [--json] [--cd]`.
func runDo(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("do", doSynopsis, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per estimation command (econb fit --json's schema) on standard output; the log goes to standard error")
	cd := fs.Bool("cd", false, "run in the do-file's folder (Stata: cd to it first)")
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("%w: give the do-file: econb do FILE.do", errUsage)
	}
	logTo := stdout
	if *asJSON {
		logTo = stderr
	}
	logw := bufio.NewWriter(logTo)
	defer logw.Flush()
	opt := stata.Options{Out: logw, Create: createFile}
	if *asJSON {
		jw := bufio.NewWriter(stdout)
		defer jw.Flush()
		enc := json.NewEncoder(jw)
		opt.OnEstimate = func(e *stata.Estimate) {
			if err := enc.Encode(e.Result); err != nil {
				fmt.Fprintf(stderr, "econb do: encoding the estimates of line %d: %v\n", e.Line, err)
			}
			jw.Flush()
		}
	}
	if *cd {
		opt.Dir = filepath.Dir(file)
		file = filepath.Base(file)
	}
	return stata.New(opt).RunFile(file)
}

// createFile writes a do-file's output file through kernel/internal/fileout
// (checked, written to a temporary file, moved into place), refusing an
// existing file unless the command said replace, in Stata's words.
func createFile(path string, replace bool, write func(io.Writer) error) error {
	outs := fileout.New(replace)
	defer outs.Abort()
	if err := outs.Add("file", path); err != nil {
		if errors.Is(err, fileout.ErrExists) {
			return fmt.Errorf("file %s already exists; add the option replace to overwrite it: %w", path, stata.ErrFileExists)
		}
		return fmt.Errorf("%v: %w", err, stata.ErrFile)
	}
	if err := outs.Write("file", write); err != nil {
		return err
	}
	if err := outs.Commit(); err != nil {
		if errors.Is(err, fileout.ErrExists) {
			return fmt.Errorf("file %s appeared while the do-file ran; add the option replace to overwrite it: %w", path, stata.ErrFileExists)
		}
		return err
	}
	return nil
}
