package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

// csvInput is a --data file as the shell commands read it.
type csvInput struct {
	path         string
	decimalComma []string // text columns that look like numbers with a decimal comma
}

var decimalCommaNote = regexp.MustCompile(`^\(note: column (.+) looks like numbers with a decimal comma, such as ("[^"]*"); it was read as text`)

// readData reads the CSV file of --data (delimiter, encoding and line
// ends detected by lib/frame), with decimal commas when asked. The
// reader's warnings a user must see (a column that looks like numbers
// with a decimal comma) go to stderr in the command's words.
func readData(cmd, path string, decimalComma bool, stderr io.Writer) (*frame.Frame, *csvInput, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("--data %s: no such file%s", path, closestFile(path))
	}
	fr, info, err := frame.ReadCSVWith(path, frame.CSVOptions{DecimalComma: decimalComma})
	if err != nil {
		return nil, nil, err
	}
	if fr.Len() == 0 {
		return nil, nil, fmt.Errorf("--data %s has a header row (%s) but no data rows", path, strings.Join(fr.Names(), ", "))
	}
	in := &csvInput{path: path}
	example := ""
	for _, n := range info.Notes {
		if m := decimalCommaNote.FindStringSubmatch(n); m != nil {
			in.decimalComma = append(in.decimalComma, m[1])
			if example == "" {
				example = m[2]
			}
		}
	}
	if k := len(in.decimalComma); k > 0 {
		what := "column " + in.decimalComma[0] + " looks"
		if k > 1 {
			list := in.decimalComma
			if k > 5 {
				list = append(list[:5:5], "…")
			}
			what = fmt.Sprintf("%d columns (%s) look", k, strings.Join(list, ", "))
		}
		fmt.Fprintf(stderr, "econb %s: note: %s like numbers with a decimal comma, such as %s, and %s read as text; add --decimal-comma to read them as numbers\n",
			cmd, what, example, map[bool]string{true: "was", false: "were"}[k == 1])
	}
	return fr, in, nil
}

// closestFile suggests the file of path's directory whose name is
// closest to path's, as "; did you mean x.csv?", or "".
func closestFile(path string) string {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Sprintf(" (directory %s: %v)", dir, errors.Unwrap(err))
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if s := formula.Suggest(base, names); s != "" {
		return fmt.Sprintf("; did you mean %s?", filepath.Join(filepath.Dir(path), s))
	}
	return ""
}

// explain adds to err what the input tells about it: a column reported
// as not numeric that looks like numbers with a decimal comma.
func (in *csvInput) explain(err error) error {
	if err == nil || in == nil {
		return err
	}
	msg := err.Error()
	for _, c := range in.decimalComma {
		if strings.Contains(msg, fmt.Sprintf("%q is not numeric", c)) || strings.Contains(msg, fmt.Sprintf("column %q", c)) {
			return fmt.Errorf("%w\n(column %s of %s looks like numbers with a decimal comma: add --decimal-comma)", err, c, in.path)
		}
	}
	return err
}

// decimalCommaUsage is the help of --decimal-comma.
const decimalCommaUsage = `read "1,5" as 1.5: a ';'- or tab-delimited file from a European locale (Stata import delimited's decimalseparator(,))`
