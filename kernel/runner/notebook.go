package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Executed notebooks are committed with their outputs, so that a reader on
// the repository's web page sees the tables and figures. For that the
// outputs must be deterministic and small: normalize drops what changes
// from run to run (nbclient's execution timestamps in cell metadata; how a
// cell's printing was cut into stream messages, which depends on timing:
// consecutive stream outputs of one name are joined into one) and what
// only doubles the size (a PNG beside an SVG of the same figure: the
// SVG is crisper and smaller). econb replicate --inplace writes the
// normalized notebooks back into notebooks/; econb replicate --check fails
// when a committed notebook's outputs differ from a fresh run's.

// notebook is an .ipynb file as JSON, kept generic so that every field
// round-trips.
type notebook map[string]any

func readNotebook(path string) (notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// cells returns the notebook's cells.
func (nb notebook) cells() []map[string]any {
	raw, _ := nb["cells"].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, c := range raw {
		if m, ok := c.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// normalize makes an executed notebook deterministic and small (see
// above), in place.
func (nb notebook) normalize() {
	for _, c := range nb.cells() {
		if md, ok := c["metadata"].(map[string]any); ok {
			delete(md, "execution")
			delete(md, "ExecuteTime")
		}
		outs := coalesceStreams(c)
		for _, o := range outs {
			om, ok := o.(map[string]any)
			if !ok {
				continue
			}
			data, _ := om["data"].(map[string]any)
			if _, svg := data["image/svg+xml"]; svg {
				delete(data, "image/png")
				if md, ok := om["metadata"].(map[string]any); ok {
					delete(md, "image/png")
				}
			}
		}
	}
}

// coalesceStreams joins consecutive stream outputs of the same name
// (stdout, stderr) of cell c into one, as nbconvert's coalesce_streams
// does, its text a list of lines (how Jupyter writes it, and how a diff
// reads best), and returns the outputs.
func coalesceStreams(c map[string]any) []any {
	outs, _ := c["outputs"].([]any)
	if len(outs) == 0 {
		return outs
	}
	var merged []any
	var text []string // of each merged output (streams only)
	for _, o := range outs {
		om, ok := o.(map[string]any)
		if ok && om["output_type"] == "stream" {
			if n := len(merged); n > 0 {
				if prev, ok := merged[n-1].(map[string]any); ok && prev["output_type"] == "stream" && prev["name"] == om["name"] {
					text[n-1] += textOf(om["text"])
					continue
				}
			}
		}
		merged = append(merged, o)
		text = append(text, textOf(om["text"]))
	}
	for k, o := range merged {
		if om, ok := o.(map[string]any); ok && om["output_type"] == "stream" {
			var lines []any
			for _, l := range strings.SplitAfter(text[k], "\n") {
				if l != "" {
					lines = append(lines, l)
				}
			}
			om["text"] = lines
		}
	}
	c["outputs"] = merged
	return merged
}

// textOf is nbformat's multiline string (a string or a list of strings)
// as one string.
func textOf(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, p := range s {
			if t, ok := p.(string); ok {
				b.WriteString(t)
			}
		}
		return b.String()
	}
	return ""
}

// outputsOf returns each code cell's outputs as canonical JSON.
func (nb notebook) outputsOf() []string {
	var out []string
	for _, c := range nb.cells() {
		if c["cell_type"] != "code" {
			continue
		}
		b, _ := json.Marshal(c["outputs"])
		out = append(out, string(b))
	}
	return out
}

// sourceOf returns a cell's source as one string.
func sourceOf(c map[string]any) string { return textOf(c["source"]) }

// write writes the notebook as Jupyter does: one-space indentation, no
// HTML escaping, a final newline.
func (nb notebook) write(path string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// staleness compares the outputs of a committed notebook with those of its
// fresh, normalized execution and describes the first difference; "" when
// they agree.
func staleness(committed, fresh notebook) string {
	a, b := committed.outputsOf(), fresh.outputsOf()
	if len(a) != len(b) {
		return fmt.Sprintf("%d code cells committed, %d executed", len(a), len(b))
	}
	empty := true
	for _, o := range a {
		if o != "[]" && o != "null" {
			empty = false
		}
	}
	if empty {
		return "committed without outputs"
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("code cell %d: committed outputs differ from a fresh run (%s)", i+1, firstDiff(a[i], b[i]))
		}
	}
	return ""
}

// firstDiff shows where two strings first differ, with some context.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-40)
	return fmt.Sprintf("committed …%s… vs fresh …%s…", clip(a, lo, i+40), clip(b, lo, i+40))
}

func clip(s string, lo, hi int) string {
	hi = min(hi, len(s))
	if lo > hi {
		return ""
	}
	return s[lo:hi]
}
