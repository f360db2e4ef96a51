package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/lib/internal/atomicfile"
)

// ErrFormat is returned by Save for a file extension it cannot write.
var ErrFormat = errors.New("report: unknown output format")

// Renderable is anything that lays itself out in every table format: a
// *Table, a *Comparison. kernel/display shows a Renderable as one MIME
// bundle.
type Renderable interface {
	String() string
	HTML() string
	LaTeX() string
	Markdown() string
	CSV() string
}

// Save writes t to path in the format its extension names: .txt, .html,
// .tex, .md or .csv. Missing parent directories are created; the file is
// replaced atomically (never left half-written).
func (t *Table) Save(path string) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("report: save %s: %w", path, err)
	}
	return Save(t, path)
}

// Save writes r to path in the format its extension names: .txt, .html
// (a standalone page), .tex, .md or .csv. Missing parent directories are
// created.
func Save(r Renderable, path string) error {
	var s string
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".txt":
		s = r.String()
	case ".html", ".htm":
		s = htmlPage(r.HTML())
	case ".tex":
		s = r.LaTeX()
	case ".md":
		s = r.Markdown()
	case ".csv":
		s = r.CSV()
	default:
		return fmt.Errorf("%w %q for %s: use .txt, .html, .tex, .md or .csv", ErrFormat, ext, path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("report: save %s: %w", path, err)
		}
	}
	if err := atomicfile.WriteBytes(path, []byte(s), 0o644); err != nil {
		return fmt.Errorf("report: save %s: %w", path, err)
	}
	return nil
}

// htmlPage wraps an HTML fragment in a minimal standalone page.
func htmlPage(fragment string) string {
	return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>econb table</title>\n" +
		"<style>body{font-family:system-ui,sans-serif;margin:2em}</style></head>\n<body>\n" +
		fragment + "</body></html>\n"
}
