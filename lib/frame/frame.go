package frame

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/formula"
)

// Sentinel errors, wrapped with the column and row by the functions below.
var (
	ErrUnknownColumn = errors.New("frame: unknown column")
	ErrNotNumeric    = errors.New("frame: column is not numeric")
	ErrAllMissing    = errors.New("frame: column has no values")
	ErrShape         = errors.New("frame: columns of different lengths")
	ErrDuplicateName = errors.New("frame: duplicate column name")
)

// Frame is a set of equally long named columns.
type Frame struct {
	n     int
	names []string
	cols  map[string]*column
}

// column holds a numeric column (num != nil) or a text one (text != nil);
// missing marks the missing cells of either.
type column struct {
	num     []float64
	text    []string
	missing []bool
}

// New returns an empty frame of n rows; add columns with AddFloat and AddText.
func New(n int) *Frame { return &Frame{n: n, cols: map[string]*column{}} }

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
	sortStrings(names)
	if n < 0 {
		n = 0
	}
	f := New(n)
	for _, k := range names {
		if err := f.AddFloat(k, m[k]); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// AddFloat adds a numeric column; NaN cells are missing. The slice is used,
// not copied.
func (f *Frame) AddFloat(name string, x []float64) error {
	miss := make([]bool, len(x))
	for i, v := range x {
		miss[i] = math.IsNaN(v)
	}
	return f.add(name, &column{num: x, missing: miss})
}

// AddText adds a column of cells as read from a file: it becomes numeric
// when every non-missing cell is a number (see the package doc), text
// otherwise.
func (f *Frame) AddText(name string, cells []string) error {
	return f.add(name, typeCells(cells))
}

func (f *Frame) add(name string, c *column) error {
	n := len(c.missing)
	if n != f.n {
		return fmt.Errorf("%w: column %q has %d rows, the frame %d", ErrShape, name, n, f.n)
	}
	if _, dup := f.cols[name]; dup {
		return fmt.Errorf("%w: %q appears twice; rename one", ErrDuplicateName, name)
	}
	f.names = append(f.names, name)
	f.cols[name] = c
	return nil
}

// IsMissing reports whether s is a missing-value token.
func IsMissing(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "NA", "NaN", "nan", ".", "<nil>":
		return true
	}
	return false
}

func typeCells(cells []string) *column {
	c := &column{missing: make([]bool, len(cells))}
	num := make([]float64, len(cells))
	numeric := true
	for i, s := range cells {
		if IsMissing(s) {
			c.missing[i] = true
			num[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			numeric = false
			break
		}
		num[i] = v
	}
	if numeric {
		c.num = num
		return c
	}
	c.text = cells
	for i, s := range cells {
		c.missing[i] = IsMissing(s)
	}
	return c
}

// Len returns the number of rows.
func (f *Frame) Len() int { return f.n }

// Names returns the column names in order.
func (f *Frame) Names() []string { return f.names }

// Has reports whether the frame has a column called name.
func (f *Frame) Has(name string) bool { _, ok := f.cols[name]; return ok }

// IsNumeric reports whether column name exists and is numeric.
func (f *Frame) IsNumeric(name string) bool { c, ok := f.cols[name]; return ok && c.num != nil }

// lookup returns the column or an ErrUnknownColumn error with the closest name.
func (f *Frame) lookup(name string) (*column, error) {
	if c, ok := f.cols[name]; ok {
		return c, nil
	}
	e := &Error{Column: name, Msg: fmt.Sprintf("unknown column %q", name), Err: ErrUnknownColumn}
	if s := formula.Suggest(name, f.names); s != "" {
		e.Hint = fmt.Sprintf("did you mean %q?", s)
	}
	return nil, e
}

// Float returns column name as floats with NaN for missing cells (a copy).
// Errors: ErrUnknownColumn (with the closest name), ErrNotNumeric (with the
// first non-numeric row and value, and how many there are), ErrAllMissing.
func (f *Frame) Float(name string) ([]float64, error) {
	c, err := f.lookup(name)
	if err != nil {
		return nil, err
	}
	if c.num == nil {
		bad, first := 0, -1
		for i, s := range c.text {
			if c.missing[i] {
				continue
			}
			if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
				bad++
				if first < 0 {
					first = i
				}
			}
		}
		more := ""
		switch {
		case bad == 2:
			more = ", and 1 more non-numeric value"
		case bad > 2:
			more = fmt.Sprintf(", and %d more non-numeric values", bad-1)
		}
		return nil, &Error{Column: name, Err: ErrNotNumeric,
			Msg:  fmt.Sprintf("column %q is not numeric (row %d has %q%s)", name, first+1, c.text[first], more),
			Hint: fmt.Sprintf("use it as a fixed effect, cluster or i(%s), or convert it to numbers", name)}
	}
	if err := allMissing(name, c); err != nil {
		return nil, err
	}
	return append([]float64(nil), c.num...), nil
}

func allMissing(name string, c *column) error {
	for _, m := range c.missing {
		if !m {
			return nil
		}
	}
	return &Error{Column: name, Err: ErrAllMissing, Msg: fmt.Sprintf("column %q has no values (missing on all %d rows)", name, len(c.missing))}
}

// Missing returns, per row, whether column name is missing there.
func (f *Frame) Missing(name string) ([]bool, error) {
	c, err := f.lookup(name)
	if err != nil {
		return nil, err
	}
	return c.missing, nil
}

// Strings returns column name as labels: the text as read for a text column,
// the shortest decimal form for a numeric one ("1978", "0.5"); missing cells
// are "" and flagged in the second result.
func (f *Frame) Strings(name string) ([]string, []bool, error) {
	c, err := f.lookup(name)
	if err != nil {
		return nil, nil, err
	}
	if c.text != nil {
		out := make([]string, len(c.text))
		for i, s := range c.text {
			if !c.missing[i] {
				out[i] = strings.TrimSpace(s)
			}
		}
		return out, c.missing, nil
	}
	out := make([]string, len(c.num))
	for i, v := range c.num {
		if !c.missing[i] {
			out[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	return out, c.missing, nil
}

// Codes returns column name as a categorical: per row the index of its level
// in levels, -1 where missing. Levels are sorted: numerically for a numeric
// column (labelled as in Strings), as strings for a text one. An
// all-missing column is ErrAllMissing.
func (f *Frame) Codes(name string) (codes []int, levels []string, err error) {
	c, err := f.lookup(name)
	if err != nil {
		return nil, nil, err
	}
	if err := allMissing(name, c); err != nil {
		return nil, nil, err
	}
	if c.num != nil {
		codes, levels = numericCodes(c.num, c.missing)
		return codes, levels, nil
	}
	labels, miss, _ := f.Strings(name)
	seen := map[string]int{}
	for i, s := range labels {
		if !miss[i] {
			seen[s] = 0
		}
	}
	levels = make([]string, 0, len(seen))
	for s := range seen {
		levels = append(levels, s)
	}
	sort.Strings(levels)
	for k, s := range levels {
		seen[s] = k
	}
	codes = make([]int, len(labels))
	for i, s := range labels {
		if miss[i] {
			codes[i] = -1
		} else {
			codes[i] = seen[s]
		}
	}
	return codes, levels, nil
}

// numericCodes codes a numeric column by its distinct values, formatting
// only the levels: a dense table when the values are integers in a range
// not much wider than the column, a map otherwise.
func numericCodes(x []float64, miss []bool) ([]int, []string) {
	codes := make([]int, len(x))
	lo, hi, integral := math.Inf(1), math.Inf(-1), true
	for i, v := range x {
		if miss[i] {
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		integral = integral && v == math.Trunc(v)
	}
	var uniq []float64
	if integral && hi-lo < float64(2*len(x)+1024) {
		present := make([]int, int(hi-lo)+1) // level+1 of each value, 0 = absent
		for i, v := range x {
			if !miss[i] {
				present[int(v-lo)] = 1
			}
		}
		for k := range present {
			if present[k] != 0 {
				uniq = append(uniq, lo+float64(k))
				present[k] = len(uniq)
			}
		}
		for i, v := range x {
			if miss[i] {
				codes[i] = -1
			} else {
				codes[i] = present[int(v-lo)] - 1
			}
		}
	} else {
		index := map[float64]int{}
		for i, v := range x {
			if !miss[i] {
				index[v] = 0
			}
		}
		for v := range index {
			uniq = append(uniq, v)
		}
		sort.Float64s(uniq)
		for k, v := range uniq {
			index[v] = k
		}
		for i, v := range x {
			if miss[i] {
				codes[i] = -1
			} else {
				codes[i] = index[v]
			}
		}
	}
	levels := make([]string, len(uniq))
	for k, v := range uniq {
		levels[k] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return codes, levels
}

// Error is a problem with one column. It reads "frame: " + Msg, then
// "; " + Hint when there is one, and wraps a sentinel (ErrNotNumeric, …).
type Error struct {
	Column string
	Msg    string // what is wrong, naming the column: `column "x" is not numeric (row 3 has "a")`
	Hint   string // what to do, or the closest column name
	Err    error
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return "frame: " + e.Msg
	}
	return "frame: " + e.Msg + "; " + e.Hint
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }
