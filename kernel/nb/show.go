package nb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/econb/econb/kernel/display"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/report"
)

// Show displays each value as one MIME bundle: a dataset as an HTML table
// (first and last rows, types, labels, missing counts), a model as its
// regression output, a table in HTML (and LaTeX, Markdown, text), a figure
// as SVG and PNG, anything else as its text. A value it cannot show stops
// the cell.
func Show(xs ...any) {
	for _, x := range xs {
		Check(display.Show(x))
		markShown(x)
	}
}

// shown holds the values (pointers) this cell has displayed, so that Save
// shows what was not shown yet and nothing twice.
var shown = map[uintptr]bool{}

func markShown(x any) {
	if v := reflect.ValueOf(x); v.Kind() == reflect.Pointer {
		shown[v.Pointer()] = true
	}
}

func wasShown(x any) bool {
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && shown[v.Pointer()]
}

// Printf prints a line of text that keeps its place among the tables and
// figures the cell shows (fmt's output can arrive out of order with them).
func Printf(format string, args ...any) { say(fmt.Sprintf(strings.TrimSuffix(format, "\n"), args...)) }

// EnvOutDir names the environment variable that sets where Save writes
// (econb replicate sets it to its output folder).
const EnvOutDir = "ECONB_REPLICATION_DIR"

// OutDir is the folder where Save writes files of one kind ("tables",
// "figures", "data"): $ECONB_REPLICATION_DIR/kind when the variable is set,
// else build/replication/kind of the repository (../build/replication/kind
// seen from notebooks/, where cells run).
func OutDir(kind string) string {
	if dir := os.Getenv(EnvOutDir); dir != "" {
		return filepath.Join(dir, kind)
	}
	if _, err := os.Stat("go.mod"); err == nil { // the repository root
		return filepath.Join("build", "replication", kind)
	}
	return filepath.Join("..", "build", "replication", kind)
}

type (
	svger interface{ SVG() ([]byte, error) }
	saver interface{ Save(path string) error }
)

// Save shows x (unless the verb that made it did: Table, Coefplot,
// SumStats, Describe show what they make) and writes it for the
// replication under OutDir, printing one line saying where: a table (report.Renderable, or
// a model's summary) as name.tex, .md, .csv and .html in tables/; a figure
// as name.svg and name.png in figures/; a dataset as name.csv in data/.
// It returns x, so that `nb.Save(nb.Table(m1, m2), "table1")` shows and
// saves in one line.
func Save[T any](x T, name string) T {
	if !wasShown(x) {
		Show(x)
	}
	var (
		kind string
		exts []string
		err  error
	)
	switch v := any(x).(type) {
	case report.Renderable:
		kind, exts = "tables", []string{".tex", ".md", ".csv", ".html"}
		err = saveEach(kind, name, exts, func(p string) error { return report.Save(v, p) })
	case svger:
		s, ok := any(x).(saver)
		if !ok {
			err = fmt.Errorf("nb.Save: %T draws SVG but cannot save itself", x)
			break
		}
		kind, exts = "figures", []string{".svg", ".png"}
		err = saveEach(kind, name, exts, s.Save)
	case report.Fitted:
		kind, exts = "tables", []string{".tex", ".md", ".csv", ".html"}
		t := report.Summary(v)
		err = saveEach(kind, name, exts, func(p string) error { return report.Save(t, p) })
	case csvWriter:
		kind, exts = "data", []string{".csv"}
		err = saveEach(kind, name, exts, v.WriteCSV)
	case *frame.Table:
		kind, exts = "tables", []string{".tex", ".md", ".csv", ".html"}
		t := reportTable(v)
		err = saveEach(kind, name, exts, func(p string) error { return report.Save(t, p) })
	case tabler:
		kind, exts = "tables", []string{".tex", ".md", ".csv", ".html"}
		t := reportTable(v.Table())
		err = saveEach(kind, name, exts, func(p string) error { return report.Save(t, p) })
	default:
		err = fmt.Errorf("nb.Save: cannot save a %T: it is not a table, a figure, a model or a dataset", x)
	}
	Check(err)
	say(fmt.Sprintf("(saved %s/%s%v)", kind, name, exts))
	return x
}

// tabler is a result of an inspection verb (a summary, a tabulation).
type tabler interface{ Table() *frame.Table }

// reportTable turns an inspection verb's table into the report table
// model, for LaTeX and the other formats.
func reportTable(ft *frame.Table) *report.Table {
	var stub string
	var cols []string
	if len(ft.Header) > 0 {
		stub, cols = ft.Header[0], ft.Header[1:]
	}
	t := report.New(ft.Title, stub, cols...)
	for _, r := range ft.Rows {
		if len(r) > 0 {
			t.AddStrings(r[0], r[1:]...)
		}
	}
	t.Notes = append(t.Notes, ft.Notes...)
	return t
}

// csvWriter is a dataset that writes itself as CSV.
type csvWriter interface{ WriteCSV(path string) error }

func saveEach(kind, name string, exts []string, save func(string) error) error {
	dir := OutDir(kind)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("nb.Save: %w", err)
	}
	var errs []error
	for _, ext := range exts {
		if err := save(filepath.Join(dir, name+ext)); err != nil {
			errs = append(errs, fmt.Errorf("nb.Save %s%s: %w", name, ext, err))
		}
	}
	return errors.Join(errs...)
}

// say prints a line of the verbs' text (notes, checks, "saved"): in a
// notebook as display data, so that it keeps its place among the tables
// and figures a cell shows (GoNB forwards stdout and display data on two
// channels, whose order is not kept); elsewhere on stdout.
func say(s string) {
	if display.InNotebook() {
		Check(display.SendBundle(map[string]any{display.MIMEText: s}))
		return
	}
	fmt.Fprintln(stdout, s)
}

// Progress returns a progress callback (done of total) for long library
// runs (bootstraps, Monte Carlo studies) that prints a line at every
// tenth of the way: deterministic text, no timings, so an executed
// notebook's output stays the same from run to run.
func Progress(label string) func(done, total int) {
	var mu sync.Mutex
	last := -1
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total <= 0 {
			return
		}
		tenth := 10 * done / total
		if tenth == last || (tenth == 0 && done > 0) {
			return
		}
		last = tenth
		say(fmt.Sprintf("%s: %d%% (%d of %d)", label, 10*tenth, done, total))
	}
}
