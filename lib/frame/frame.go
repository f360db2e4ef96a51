package frame

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
)

// Frame is a set of equally long named columns, in order. A frame returned
// by a reader or a verb is never modified afterwards by this package: verbs
// return new frames that share the columns they did not change. New and the
// Add methods build a frame in place and are meant for constructing one.
type Frame struct {
	n     int
	cols  []*Column
	index map[string]int
	notes []string
	key   Key
	panel *Panel
	pix   *panelMemo // the lib/panel index of the declared panel, built once
}

// New returns an empty frame of n rows; add columns with AddFloat, AddInt,
// AddString, AddText or AddColumn.
func New(n int) *Frame { return &Frame{n: n, index: map[string]int{}, pix: &panelMemo{}} }

// FromMap builds a frame from float columns (NaN = missing), sorted by name
// for a stable column order.
func FromMap(m map[string][]float64) (*Frame, error) {
	names := make([]string, 0, len(m))
	n := -1
	for k, v := range m {
		names = append(names, k)
		if n < 0 {
			n = len(v)
		}
	}
	sort.Strings(names)
	f := New(max(n, 0))
	for _, k := range names {
		if err := f.AddFloat(k, m[k]); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// FromColumns builds a frame from columns (all of one length, distinct
// names).
func FromColumns(cols ...*Column) (*Frame, error) {
	n := 0
	if len(cols) > 0 {
		n = cols[0].n
	}
	f := New(n)
	for _, c := range cols {
		if err := f.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// AddFloat adds a Float column; NaN cells are missing. The slice is used,
// not copied.
func (f *Frame) AddFloat(name string, x []float64) error { return f.AddColumn(NewFloatColumn(name, x)) }

// AddInt adds an Int column; valid marks the rows with a value (nil: all).
func (f *Frame) AddInt(name string, x []int64, valid []bool) error {
	return f.AddColumn(NewIntColumn(name, x, valid))
}

// AddString adds a String column; missing-value tokens (IsMissing) are
// missing.
func (f *Frame) AddString(name string, cells []string) error {
	return f.AddColumn(NewStringColumn(name, cells, nil))
}

// AddText adds a column of cells as read from a file, typed as a CSV column
// is: Int when every non-missing cell is an integer, Float when every one is
// a number, String otherwise (see the package doc). A number too large for
// float64 is an error naming the row.
func (f *Frame) AddText(name string, cells []string) error {
	c, err := typeCells(name, cells)
	if err != nil {
		return err
	}
	return f.AddColumn(c)
}

// AddColumn adds a column (shared, not copied).
func (f *Frame) AddColumn(c *Column) error {
	if c.n != f.n {
		return &Error{Column: c.name, Err: ErrShape, Msg: fmt.Sprintf("column %q has %d rows, the frame %d", c.name, c.n, f.n)}
	}
	if c.name == "" {
		return &Error{Err: ErrBadName, Msg: fmt.Sprintf("column %d has an empty name", len(f.cols)+1), Hint: "give every column a name"}
	}
	if _, dup := f.index[c.name]; dup {
		return &Error{Column: c.name, Err: ErrDuplicateName, Msg: fmt.Sprintf("%q appears twice", c.name), Hint: "rename one"}
	}
	if f.index == nil {
		f.index = map[string]int{}
	}
	f.index[c.name] = len(f.cols)
	f.cols = append(f.cols, c)
	return nil
}

// Len returns the number of rows.
func (f *Frame) Len() int { return f.n }

// Width returns the number of columns.
func (f *Frame) Width() int { return len(f.cols) }

// Names returns the column names in order (a new slice).
func (f *Frame) Names() []string {
	out := make([]string, len(f.cols))
	for k, c := range f.cols {
		out[k] = c.name
	}
	return out
}

// Columns returns the columns in order (a new slice of shared columns).
func (f *Frame) Columns() []*Column { return slices.Clone(f.cols) }

// Has reports whether the frame has a column called name.
func (f *Frame) Has(name string) bool { _, ok := f.index[name]; return ok }

// IsNumeric reports whether column name exists and is numeric (Float or Int).
func (f *Frame) IsNumeric(name string) bool {
	k, ok := f.index[name]
	return ok && f.cols[k].IsNumeric()
}

// Notes returns what the verb or reader that made the frame reported, in
// Stata's words: "(12 observations deleted)", the merge table, notes on
// types and missing values.
func (f *Frame) Notes() []string { return slices.Clone(f.notes) }

// Col returns column name, or an ErrUnknownColumn error with the closest
// name.
func (f *Frame) Col(name string) (*Column, error) {
	if k, ok := f.index[name]; ok {
		return f.cols[k], nil
	}
	return nil, unknownColumn(name, f.Names())
}

// Kind returns the kind of column name (0 when there is no such column).
func (f *Frame) Kind(name string) Kind {
	if k, ok := f.index[name]; ok {
		return f.cols[k].kind
	}
	return 0
}

// Label returns the variable label of column name ("" when none).
func (f *Frame) Label(name string) string {
	if k, ok := f.index[name]; ok {
		return f.cols[k].label
	}
	return ""
}

// Numeric returns numeric column name as float64 with NaN for missing
// (shared, read-only; an Int column is converted once), false when there
// is no numeric column of that name. For lib/expr's Source.
func (f *Frame) Numeric(name string) ([]float64, bool) {
	k, ok := f.index[name]
	if !ok || !f.cols[k].IsNumeric() {
		return nil, false
	}
	return f.cols[k].Floats(), true
}

// Text returns text column name as dictionary codes (-1 = missing) and the
// dictionary (shared, read-only), false when there is no text column of
// that name. For lib/expr's Source.
func (f *Frame) Text(name string) (codes []int32, dict []string, ok bool) {
	k, ok := f.index[name]
	if !ok || f.cols[k].kind != String {
		return nil, nil, false
	}
	return f.cols[k].codes, f.cols[k].dict, true
}

// Float returns column name as floats with NaN for missing cells (a copy).
// Errors: ErrUnknownColumn (with the closest name), ErrNotNumeric (with the
// first non-numeric row and value, and how many there are), ErrAllMissing.
func (f *Frame) Float(name string) ([]float64, error) {
	x, err := f.FloatView(name)
	if err != nil {
		return nil, err
	}
	return slices.Clone(x), nil
}

// FloatView is Float without the copy: the shared column (or its float
// conversion, made once). Do not modify it. For the expression evaluator
// and estimators that only read.
func (f *Frame) FloatView(name string) ([]float64, error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, err
	}
	if c.kind == String {
		return nil, notNumeric(c)
	}
	if err := allMissing(c); err != nil {
		return nil, err
	}
	return c.Floats(), nil
}

// notNumeric describes a String column that was asked for numbers.
func notNumeric(c *Column) error {
	bad := make([]bool, len(c.dict))
	for k, s := range c.dict {
		_, err := strconv.ParseFloat(s, 64)
		bad[k] = err != nil
	}
	nbad, first := 0, -1
	for r, k := range c.codes {
		if k >= 0 && bad[k] {
			nbad++
			if first < 0 {
				first = r
			}
		}
	}
	e := &Error{Column: c.name, Err: ErrNotNumeric,
		Hint: fmt.Sprintf("use it as a fixed effect, cluster or i(%s), or convert it to numbers", c.name)}
	if first < 0 { // every value parses: a column built as text on purpose
		e.Msg = fmt.Sprintf("column %q is stored as text", c.name)
		return e
	}
	more := ""
	switch {
	case nbad == 2:
		more = ", and 1 more non-numeric value"
	case nbad > 2:
		more = fmt.Sprintf(", and %d more non-numeric values", nbad-1)
	}
	e.Msg = fmt.Sprintf("column %q is not numeric (row %d has %q%s)", c.name, first+1, c.dict[c.codes[first]], more)
	return e
}

func allMissing(c *Column) error {
	if c.NMissing() < c.n || c.n == 0 {
		return nil
	}
	return &Error{Column: c.name, Err: ErrAllMissing, Msg: fmt.Sprintf("column %q has no values (missing on all %d rows)", c.name, c.n)}
}

// Missing returns, per row, whether column name is missing there (shared:
// do not modify).
func (f *Frame) Missing(name string) ([]bool, error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, err
	}
	return c.Missing(), nil
}

// Strings returns column name as labels: the text for a String column, the
// shortest decimal form for a numeric one ("1978", "0.5"); missing cells
// are "" and flagged in the second result.
func (f *Frame) Strings(name string) ([]string, []bool, error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, nil, err
	}
	out := make([]string, c.n)
	if c.kind == String {
		for r, k := range c.codes {
			if k >= 0 {
				out[r] = c.dict[k]
			}
		}
	} else {
		for r := range out {
			out[r] = c.Text(r)
		}
	}
	return out, c.Missing(), nil
}

// Codes returns column name as a categorical: per row the index of its level
// in levels, -1 where missing. Levels are sorted: numerically for a numeric
// column (labelled as in Strings), as strings for a text one. An all-missing
// column is ErrAllMissing.
func (f *Frame) Codes(name string) (codes []int, levels []string, err error) {
	if codes, levels, err = f.CodesView(name); err != nil {
		return nil, nil, err
	}
	return slices.Clone(codes), slices.Clone(levels), nil
}

// CodesView is Codes without the copy: the codes and levels are computed
// once per column and shared, so do not modify them. For estimators that
// only read a fixed effect's or a cluster variable's codes.
func (f *Frame) CodesView(name string) (codes []int, levels []string, err error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, nil, err
	}
	if err := allMissing(c); err != nil {
		return nil, nil, err
	}
	codes, levels = c.levelCodes()
	return codes, levels, nil
}

// levelCodes returns the column's level codes and levels (Codes), computed
// once.
func (c *Column) levelCodes() ([]int, []string) {
	c.lcOnce.Do(func() {
		if c.kind == Int && c.valid == nil {
			if codes, levels, ok := intLevelCodes(c.i); ok {
				c.lcode, c.llev = codes, levels
				return
			}
		}
		g := groupColumn(c)
		codes := make([]int, c.n)
		for r, k := range g.codes {
			codes[r] = int(k)
		}
		levels := make([]string, g.ngroups)
		for k := range levels {
			levels[k] = c.Text(int(g.first[k]))
		}
		c.lcode, c.llev = codes, levels
	})
	return c.lcode, c.llev
}

// intLevelCodes is levelCodes for an Int column without missing values
// whose range is at most a few times its length (years, entity numbers):
// the ranks of the distinct values through a presence table, written
// straight into the []int codes, the levels formatted from the values.
// false when the range is too wide.
func intLevelCodes(v []int64) ([]int, []string, bool) {
	if len(v) == 0 {
		return nil, nil, false
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	if span := uint64(hi - lo); span >= uint64(4*len(v)+1024) {
		return nil, nil, false
	}
	rank := make([]int32, hi-lo+1) // rank+1 of each value, 0 = absent
	for _, x := range v {
		rank[x-lo] = 1
	}
	var levels []string
	for d, present := range rank {
		if present != 0 {
			levels = append(levels, strconv.FormatInt(lo+int64(d), 10))
			rank[d] = int32(len(levels))
		}
	}
	codes := make([]int, len(v))
	for r, x := range v {
		codes[r] = int(rank[x-lo]) - 1
	}
	return codes, levels, true
}

// derive returns a frame of n rows with the given columns (the slice is
// owned by the new frame), the parent's panel declaration when its columns
// survive, and the parent's key extended by the verb.
func (f *Frame) derive(n int, cols []*Column, verb string, args ...any) *Frame {
	g := &Frame{n: n, cols: cols, index: make(map[string]int, len(cols))}
	for k, c := range cols {
		g.index[c.name] = k
	}
	if f.panel != nil && g.Has(f.panel.Entity) && g.Has(f.panel.Time) {
		g.panel = &Panel{Entity: f.panel.Entity, Time: f.panel.Time}
	}
	g.pix = &panelMemo{}
	g.key = f.key.Extend(verb, args...)
	return g
}

// note appends a line to the frame's notes.
func (f *Frame) note(format string, args ...any) {
	f.notes = append(f.notes, fmt.Sprintf(format, args...))
}

// plural returns "1 observation" / "3 observations" as Stata writes them.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", commas(n), many)
}

// commas formats n with thousands separators as Stata prints counts.
func commas(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for k := range s {
		if k > 0 && (len(s)-k)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[k])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// nan is the missing float.
var nan = math.NaN()
