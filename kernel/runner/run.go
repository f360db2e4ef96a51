package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/econb/econb/kernel/assets"
)

// Config says how to execute one notebook.
type Config struct {
	Python   string    // interpreter with nbclient and nbconvert
	Kernel   string    // kernelspec name, "econb" if empty
	Notebook string    // input .ipynb
	Out      string    // executed .ipynb to write
	HTML     string    // HTML export to write; none if empty
	Env      []string  // extra environment (e.g. JUPYTER_DATA_DIR=...)
	Progress io.Writer // gets one line per executed cell; may be nil
	Log      io.Writer // gets the kernel's and Jupyter's own log; may be nil
	Timeout  int       // seconds per cell; 600 if zero
}

// Summary is the driver's report on one notebook.
type Summary struct {
	OK      bool    `json:"ok"`
	Cells   int     `json:"cells"`   // code cells in the notebook
	Seconds float64 `json:"seconds"` // execution time, kernel start included
	Cell    int     `json:"cell"`    // failing code cell, from 1; 0 if not a cell
	Ename   string  `json:"ename"`
	Evalue  string  `json:"evalue"`
	Source  string  `json:"source"` // failing cell's source
	Detail  string  `json:"detail"` // what the failing cell showed (stderr, compiler errors)
}

// ErrCell is wrapped by Run's error when a cell of the notebook failed.
var ErrCell = errors.New("nbtests: notebook cell failed")

// Run executes c.Notebook with the driver script and returns its summary.
// The error names the notebook and, for a failing cell, its number and
// first source line and the kernel's error; it wraps ErrCell then.
func Run(ctx context.Context, c Config) (Summary, error) {
	var s Summary
	dir, err := os.MkdirTemp("", "econb-nbrun-")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(dir)
	driver := filepath.Join(dir, assets.NotebookDriver)
	src, err := assets.Files.ReadFile(assets.NotebookDriver)
	if err != nil {
		return s, err
	}
	if err := os.WriteFile(driver, src, 0o644); err != nil {
		return s, err
	}
	if c.Kernel == "" {
		c.Kernel = "econb"
	}
	if c.Timeout == 0 {
		c.Timeout = 600
	}
	args := []string{driver, "--kernel", c.Kernel, "--timeout", fmt.Sprint(c.Timeout), "--out", c.Out}
	if c.HTML != "" {
		args = append(args, "--html", c.HTML)
	}
	cmd := exec.CommandContext(ctx, c.Python, append(args, c.Notebook)...)
	cmd.Env = append(os.Environ(), c.Env...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return s, err
	}
	if err := cmd.Start(); err != nil {
		return s, fmt.Errorf("%s: starting %s: %w", c.Notebook, c.Python, err)
	}
	splitLog(stderr, c.Progress, c.Log)
	runErr := cmd.Wait()
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if jerr := json.Unmarshal([]byte(lines[len(lines)-1]), &s); jerr != nil {
		return s, fmt.Errorf("%s: the notebook driver failed (%v) without a summary; its output: %q", c.Notebook, runErr, stdout.String())
	}
	switch {
	case s.OK && runErr == nil:
		return s, nil
	case s.Cell > 0:
		first := firstCodeLine(s.Source)
		return s, fmt.Errorf("%w: %s, code cell %d (%q): %s: %s\n%s", ErrCell, c.Notebook, s.Cell, first, s.Ename,
			LastLines(s.Evalue, 8), LastLines(s.Detail, 12))
	default:
		return s, fmt.Errorf("%s: %s: %s (driver exit: %v)", c.Notebook, s.Ename, s.Evalue, runErr)
	}
}

// splitLog copies the driver's progress lines ("  cell k/n ...") to
// progress and everything else (kernel logs) to log.
func splitLog(r io.Reader, progress, log io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		w := log
		if strings.HasPrefix(line, "  cell ") {
			w = progress
		}
		if w != nil {
			fmt.Fprintln(w, line)
		}
	}
}

// firstCodeLine is the first line of src that is not blank or a GoNB
// magic (%%, %noautoget, ...): what identifies a cell to a reader.
func firstCodeLine(src string) string {
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "%") {
			return l
		}
	}
	return strings.TrimSpace(src)
}

// LastLines keeps the last n lines of s: an error's end says the most.
func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
