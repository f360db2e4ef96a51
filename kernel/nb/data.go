package nb

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	"github.com/cespare/xxhash/v2"
	"github.com/go-gota/gota/dataframe"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/stata"
)

// Data is a dataset in a notebook: a lib/frame Frame and the content key of
// how it was made (the input file's bytes and every verb since). Each verb
// returns a new Data, prints what it did in Stata's words the first time
// this kernel computes that result (see session.go), and stops the cell
// with a clean message on an error. A step that took long to compute is
// stored in the frame cache under its key, so that GoNB's re-running of
// every declaration in each cell reloads it instead of computing it again;
// the key changes with one byte of input or one argument, so the cache is
// never stale.
type Data struct {
	f    *frame.Frame
	key  frame.Key // zero: not cacheable (built from memory)
	what string    // how it was made, for messages: Use("x.csv").Gen("…")
}

// cacheAfter is the compute time above which a step's result is stored in
// the cache (loading a 2-million-row frame takes about 0.1 s).
const cacheAfter = 200 * time.Millisecond

// theCache is the frame cache, opened on first use; nil when it cannot be
// opened (the data are then just computed).
var theCache *frame.Cache

func cache() *frame.Cache {
	if theCache == nil && os.Getenv("ECONB_NO_CACHE") == "" {
		theCache, _ = frame.OpenCache("")
	}
	return theCache
}

// step runs one verb: it loads the result from the cache when the key is
// there, else computes it with run, stores it when that was slow, and
// prints its notes once per kernel session.
func step(key frame.Key, what string, run func() (*frame.Frame, error)) *Data {
	if c := cache(); c != nil && !key.IsZero() {
		if f, ok, _ := c.Get(key); ok {
			f = withStoredNotes(c, key, f)
			printNotes(key.String(), f.Notes())
			return &Data{f: f, key: key, what: what}
		}
	}
	t0 := time.Now()
	f, err := run()
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	if c := cache(); c != nil && !key.IsZero() && time.Since(t0) > cacheAfter {
		if _, err := c.Memo(key, func() (*frame.Frame, error) { return f, nil }); err == nil {
			storeNotes(c, key, f.Notes())
		}
	}
	id := key.String()
	if id == "" {
		id = noteID(what, f.Notes())
	}
	printNotes(id, f.Notes())
	return &Data{f: f, key: key, what: what}
}

// noteID identifies the notes of a result without a content key.
func noteID(what string, notes []string) string {
	return fmt.Sprintf("mem-%016x", xxhash.Sum64String(what+"\x00"+strings.Join(notes, "\n")))
}

// The cache stores frames; a result's notes are kept beside, so that a
// result loaded from it reports what the verb did, as when computed.
func notesPath(c *frame.Cache, k frame.Key) string { return filepath.Join(c.Dir, k.String()+".notes") }

func storeNotes(c *frame.Cache, k frame.Key, notes []string) {
	_ = os.WriteFile(notesPath(c, k), []byte(strings.Join(notes, "\n")), 0o644)
}

func withStoredNotes(c *frame.Cache, k frame.Key, f *frame.Frame) *frame.Frame {
	b, err := os.ReadFile(notesPath(c, k))
	if err != nil || len(b) == 0 {
		return f
	}
	return f.WithNotes(strings.Split(string(b), "\n"))
}

// then applies a verb to d.
func (d *Data) then(verb, args string, run func(f *frame.Frame) (*frame.Frame, error)) *Data {
	what := fmt.Sprintf("%s.%s(%q)", d.what, verb, args)
	return step(d.key.Extend(verb, args), what, func() (*frame.Frame, error) { return run(d.f) })
}

// Use reads a data file, its format chosen by the extension: .csv, .tsv,
// .txt (delimiter and encoding detected: UTF-8, with or without BOM, GBK /
// GB18030), .xlsx (first sheet; UseSheet for another or a cell range),
// .dta (Stata 114-119, variable and value labels), .parquet. It prints the
// shape and how the file was read (Stata's import delimited / use).
func Use(path string) *Data {
	return useWith(path, frame.XLSXOptions{})
}

// UseSheet reads an Excel sheet, optionally a cell range:
// UseSheet("yearbook.xlsx", "Table 3!A3:F200").
func UseSheet(path, sheetRange string) *Data {
	sheet, rng, _ := strings.Cut(sheetRange, "!")
	if rng != "" {
		return useWith(path, frame.XLSXOptions{Sheet: sheet, Range: sheetRange})
	}
	return useWith(path, frame.XLSXOptions{Sheet: sheet})
}

func useWith(path string, xo frame.XLSXOptions) *Data {
	what := fmt.Sprintf("Use(%q)", path)
	ext := strings.ToLower(filepath.Ext(path))
	key, err := fileKey(path, ext, fmt.Sprintf("%+v", xo))
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	return step(key, what, func() (*frame.Frame, error) {
		switch ext {
		case ".csv", ".tsv", ".txt", ".tab":
			f, _, err := frame.ReadCSVWith(path, frame.CSVOptions{})
			return f, err
		case ".xlsx", ".xlsm":
			return frame.ReadXLSX(path, xo)
		case ".dta":
			return frame.ReadDTA(path)
		case ".parquet", ".pq":
			return frame.ReadParquet(path)
		}
		return nil, fmt.Errorf("%s: unknown data file type %q: econb reads .csv, .tsv, .txt, .xlsx, .dta and .parquet", path, ext)
	})
}

// fileKey is the content key of a data file read by the reader for ext:
// the file's bytes hashed (xxhash64), its size and the reader's options.
func fileKey(path, ext, opts string) (frame.Key, error) {
	if ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".tab" {
		return frame.FileKey(path, frame.CSVOptions{})
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return frame.Key{}, err
	}
	return frame.SourceKey(strings.TrimPrefix(ext, "."), xxhash.Sum64(b), int64(len(b)), opts), nil
}

// From makes a Data of a frame a library function returns with its error,
// stopping the cell on the error: nb.From(p.Frame(chen.National)).
func From(f *frame.Frame, err error) *Data {
	Check(err)
	return FromFrame(f)
}

// FromFrame makes a Data of a frame built in Go (not cached).
func FromFrame(f *frame.Frame) *Data {
	return &Data{f: f, key: f.Key(), what: "FromFrame(…)"}
}

// FromGota makes a Data of a gota DataFrame, column by column.
func FromGota(df dataframe.DataFrame) *Data {
	f, err := frame.FromDataFrame(df)
	if err != nil {
		Stop(fmt.Errorf("FromGota: %w", err))
	}
	return &Data{f: f, what: "FromGota(…)"}
}

// Frame is the dataset's frame (lib/frame), for the library's functions.
func (d *Data) Frame() *frame.Frame { return d.f }

// Gota is the dataset as a gota DataFrame.
func (d *Data) Gota() dataframe.DataFrame { return d.f.DataFrame() }

// N is the number of observations (Stata's _N).
func (d *Data) N() int { return d.f.Len() }

// Vars are the variable names, in order.
func (d *Data) Vars() []string { return d.f.Names() }

// Col returns a numeric variable as floats (missing = NaN); it stops the
// cell when the variable is not there or is text.
func (d *Data) Col(name string) []float64 {
	x, ok := d.f.Numeric(name)
	if !ok {
		Stop(fmt.Errorf("%s.Col(%q): %w", d.what, name, colErr(d.f, name)))
	}
	return x
}

func colErr(f *frame.Frame, name string) error {
	if _, err := f.Col(name); err != nil {
		return err
	}
	return fmt.Errorf("variable %s is text, not a number: %w", name, frame.ErrNotNumeric)
}

// String is the dataset's text form; HTML its notebook form (first and
// last rows, types, labels, missing counts), so Show(d) displays a table.
func (d *Data) String() string { return d.f.String() }

// HTML renders the dataset as an HTML table.
func (d *Data) HTML() string { return d.f.HTML() }

// WriteCSV writes the dataset as CSV (Save uses it).
func (d *Data) WriteCSV(path string) error { return d.f.WriteCSV(path) }

// Gen is Stata's generate: d.Gen("lgdp = ln(gdp) if year > 2003").
func (d *Data) Gen(args string) *Data {
	return d.then("Gen", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Generate(f, args) })
}

// Replace is Stata's replace: d.Replace("gdp = . if gdp < 0").
func (d *Data) Replace(args string) *Data {
	return d.then("Replace", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Replace(f, args) })
}

// Egen is Stata's egen: d.Egen("m = mean(gdp), by(city)").
func (d *Data) Egen(args string) *Data {
	return d.then("Egen", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Egen(f, args) })
}

// Keep is Stata's keep: a varlist ("city year gdp*") or a condition
// ("if year >= 2004", "in 1/100").
func (d *Data) Keep(args string) *Data {
	return d.then("Keep", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Keep(f, args) })
}

// Drop is Stata's drop: a varlist or a condition (see Keep).
func (d *Data) Drop(args string) *Data {
	return d.then("Drop", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Drop(f, args) })
}

// Sort is Stata's sort and gsort: d.Sort("city -year").
func (d *Data) Sort(args string) *Data {
	return d.then("Sort", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Sort(f, args) })
}

// Rename is Stata's rename: d.Rename("old new").
func (d *Data) Rename(args string) *Data {
	return d.then("Rename", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Rename(f, args) })
}

// Label is Stata's label variable: d.Label(`gdp "GDP (100 million yuan)"`);
// tables print labels.
func (d *Data) Label(args string) *Data {
	return d.then("Label", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Label(f, args) })
}

// Xtset is Stata's xtset: d.Xtset("city year") declares the panel that L.,
// F., D. and the estimators use.
func (d *Data) Xtset(args string) *Data {
	return d.then("Xtset", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Xtset(f, args) })
}

// Collapse is Stata's collapse: d.Collapse("(mean) gdp (sum) pop, by(province)").
func (d *Data) Collapse(args string) *Data {
	return d.then("Collapse", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Collapse(f, args) })
}

// Reshape is Stata's reshape: d.Reshape("long gdp, i(city) j(year)").
func (d *Data) Reshape(args string) *Data {
	return d.then("Reshape", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Reshape(f, args) })
}

// Winsor is winsor2: d.Winsor("gdp pop, cuts(1 99) by(year)").
func (d *Data) Winsor(args string) *Data {
	return d.then("Winsor", args, func(f *frame.Frame) (*frame.Frame, error) { return stata.Winsor2(f, args) })
}

// Merge is Stata's merge with using: d.Merge("m:1 province", prov) or
// d.Merge("m:1 province, keep(match) nogenerate", prov). It prints Stata's
// table of matched and unmatched observations.
func (d *Data) Merge(args string, using *Data) *Data {
	what := fmt.Sprintf("%s.Merge(%q, %s)", d.what, args, using.what)
	key := d.key.Combine("merge", using.key, args)
	if using.key.IsZero() {
		key = frame.Key{}
	}
	return step(key, what, func() (*frame.Frame, error) { return stata.Merge(d.f, args, using.f) })
}

// Append is Stata's append: the rows of other after d's.
func (d *Data) Append(other *Data) *Data {
	what := fmt.Sprintf("%s.Append(%s)", d.what, other.what)
	key := d.key.Combine("append", other.key)
	if other.key.IsZero() {
		key = frame.Key{}
	}
	return step(key, what, func() (*frame.Frame, error) { return stata.Append(d.f, other.f) })
}

// Balance keeps the panel units observed in every period from to to,
// saying how many units and observations it dropped (needs Xtset).
func (d *Data) Balance(from, to int) *Data {
	args := fmt.Sprintf("%d %d", from, to)
	return d.then("Balance", args, func(f *frame.Frame) (*frame.Frame, error) { return f.Balance(int64(from), int64(to)) })
}

// Assert is Stata's assert: it stops the cell, saying how many
// observations contradict exp, unless exp holds on every row selected, and
// prints the check otherwise. It returns d, so it chains.
func (d *Data) Assert(args string) *Data {
	if err := stata.Assert(d.f, args); err != nil {
		Stop(fmt.Errorf("%s.Assert: %w", d.what, err))
	}
	n := d.f.Len()
	if _, q, ok := strings.Cut(args, " if "); ok {
		if k, err := stata.Count(d.f, "if "+q); err == nil {
			n = k
		}
	}
	say(fmt.Sprintf("check: assert %s (%d observations)", args, n))
	return d
}

// Count is Stata's count: d.Count("if gdp > 100").
func (d *Data) Count(args string) int {
	n, err := stata.Count(d.f, args)
	if err != nil {
		Stop(fmt.Errorf("%s.Count: %w", d.what, err))
	}
	return n
}

// Describe shows the variables: type, label, missing count (Stata's
// describe).
func (d *Data) Describe() *frame.Table {
	t := stata.Describe(d.f)
	Show(t)
	return t
}

// Summarize shows Stata's summarize: d.Summarize("gdp pop"),
// d.Summarize("gdp, detail"), d.Summarize("") for every numeric variable.
func (d *Data) Summarize(args string) *frame.Summary {
	s, err := stata.Summarize(d.f, args)
	if err != nil {
		Stop(fmt.Errorf("%s.Summarize: %w", d.what, err))
	}
	Show(s)
	return s
}

// Tab shows Stata's tabulate: d.Tab("region"), d.Tab("region year").
func (d *Data) Tab(args string) *frame.Tabulation {
	t, err := stata.Tabulate(d.f, args)
	if err != nil {
		Stop(fmt.Errorf("%s.Tab: %w", d.what, err))
	}
	Show(t)
	return t
}

// List shows observations: d.List("city year gdp in 1/10").
func (d *Data) List(args string) *frame.Table {
	t, err := stata.List(d.f, args)
	if err != nil {
		Stop(fmt.Errorf("%s.List: %w", d.what, err))
	}
	Show(t)
	return t
}

// Notes are what the verb that made d printed.
func (d *Data) Notes() []string { return d.f.Notes() }

// Str returns a variable as text, one string per row ("" for missing;
// numbers as Stata's list prints them).
func (d *Data) Str(name string) []string {
	c, err := d.f.Col(name)
	if err != nil {
		Stop(fmt.Errorf("%s.Str(%q): %w", d.what, name, err))
	}
	out := make([]string, d.f.Len())
	for r := range out {
		if !c.IsMissing(r) {
			out[r] = c.Text(r)
		}
	}
	return out
}

// With adds (or replaces) a numeric variable computed in Go, one value per
// row, NaN for missing (Stata's svmat; a generate from outside the
// expression language).
func (d *Data) With(name string, x []float64) *Data {
	if len(x) != d.f.Len() {
		Stop(fmt.Errorf("%s.With(%q): %d values for %d observations", d.what, name, len(x), d.f.Len()))
	}
	args := fmt.Sprintf("%s %016x", name, xxhash.Sum64(float64Bytes(x)))
	return d.then("With", args, func(f *frame.Frame) (*frame.Frame, error) {
		return f.WithColumn(frame.NewFloatColumn(name, x))
	})
}

// float64Bytes views x's memory as bytes, for hashing.
func float64Bytes(x []float64) []byte {
	if len(x) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 8*len(x))
}
