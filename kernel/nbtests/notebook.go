package nbtests

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Notebook is the part of an executed .ipynb the checks read.
type Notebook struct {
	Cells []Cell `json:"cells"`
}

// Cell is one notebook cell.
type Cell struct {
	Type    string    `json:"cell_type"`
	Source  multiline `json:"source"`
	Outputs []Output  `json:"outputs"`
}

// Output is one cell output: a stream, display_data, execute_result or error.
type Output struct {
	Type   string               `json:"output_type"`
	Name   string               `json:"name"` // stream: stdout or stderr
	Text   multiline            `json:"text"`
	Data   map[string]multiline `json:"data"`
	Ename  string               `json:"ename"`
	Evalue string               `json:"evalue"`
}

// multiline is nbformat's string-or-list-of-strings.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		// Non-text MIME data (JSON objects) are kept as raw JSON.
		*m = multiline(b)
		return nil
	}
	*m = multiline(strings.Join(parts, ""))
	return nil
}

// ReadNotebook reads an .ipynb file.
func ReadNotebook(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &nb, nil
}

// CodeCells returns the code cells in order (cell k of a Summary is
// CodeCells()[k-1]).
func (nb *Notebook) CodeCells() []Cell {
	var cs []Cell
	for _, c := range nb.Cells {
		if c.Type == "code" {
			cs = append(cs, c)
		}
	}
	return cs
}

// Text returns what cell c shows for mime: streams count as "text/plain"
// (stdout only; "stderr" selects standard error), rich outputs by their
// MIME type, errors as "error" (ename: evalue). Outputs are joined by
// newlines.
func (c Cell) Text(mime string) string {
	var parts []string
	for _, o := range c.Outputs {
		switch {
		case o.Type == "stream" && (mime == "text/plain" && o.Name == "stdout" || mime == "stderr" && o.Name == "stderr"):
			parts = append(parts, string(o.Text))
		case o.Type == "error" && mime == "error":
			parts = append(parts, o.Ename+": "+o.Evalue)
		case o.Data != nil:
			if d, ok := o.Data[mime]; ok {
				parts = append(parts, string(d))
			}
		}
	}
	return strings.Join(parts, "\n")
}

// Sequence reports whether the regular expressions match text in order,
// each after the previous match; the error names the first that does not.
func Sequence(text string, patterns ...string) error {
	rest := text
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return err
		}
		loc := re.FindStringIndex(rest)
		if loc == nil {
			return fmt.Errorf("no match for %q in the rest of the output:\n%s", p, rest)
		}
		rest = rest[loc[1]:]
	}
	return nil
}
