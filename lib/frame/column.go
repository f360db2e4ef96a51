package frame

import (
	"math"
	"math/bits"
	"strconv"
	"sync"
)

// Kind is the storage type of a column.
type Kind uint8

// The column kinds. Each has one missing value: NaN for Float, a cleared
// validity bit for Int, code -1 for String.
const (
	Float  Kind = iota + 1 // float64; Stata double
	Int                    // int64 with a validity bitmap; Stata byte/int/long
	String                 // dictionary-encoded: int32 codes into a []string; Stata str#/strL
)

func (k Kind) String() string {
	switch k {
	case Float:
		return "float64"
	case Int:
		return "int64"
	case String:
		return "str"
	}
	return "invalid"
}

// Column is one named, immutable column. Verbs that change a column build a
// new one; columns a verb does not touch are shared between the input and
// the output frame, so a verb costs only what it changes.
type Column struct {
	name  string
	label string // variable label (Stata `label variable`)
	*data
}

// data is the storage shared by the renamed or relabelled copies of a column.
type data struct {
	kind  Kind
	n     int
	f     []float64 // Float
	i     []int64   // Int
	valid []uint64  // Int: bit r set = row r valid; nil = all valid
	codes []int32   // String: index into dict, -1 = missing
	dict  []string  // String: the distinct values, in first-seen order
	// vlab are value labels of a numeric column (Stata `label values`),
	// vlabName their label set's name.
	vlab     map[int64]string
	vlabName string
	// memos of derived views, computed once (the column is immutable).
	fOnce  sync.Once
	fview  []float64
	mOnce  sync.Once
	miss   []bool
	nmOnce sync.Once
	nmiss  int
	lcOnce sync.Once // levelCodes
	lcode  []int
	llev   []string
}

// Name returns the column's name.
func (c *Column) Name() string { return c.name }

// Label returns the variable label ("" when there is none).
func (c *Column) Label() string { return c.label }

// Kind returns the storage type.
func (c *Column) Kind() Kind { return c.kind }

// Len returns the number of rows.
func (c *Column) Len() int { return c.n }

// IsNumeric reports whether the column is Float or Int.
func (c *Column) IsNumeric() bool { return c.kind == Float || c.kind == Int }

// Floats returns the column as float64 with NaN for missing: the stored
// slice for a Float column, a conversion made once for an Int column, nil
// for a String column. The slice is shared: do not modify it.
func (c *Column) Floats() []float64 {
	switch c.kind {
	case Float:
		return c.f
	case Int:
		c.fOnce.Do(func() {
			out := make([]float64, c.n)
			for r, v := range c.i {
				out[r] = float64(v)
			}
			if c.valid != nil {
				for r := range out {
					if !c.validAt(r) {
						out[r] = math.NaN()
					}
				}
			}
			c.fview = out
		})
		return c.fview
	}
	return nil
}

// Ints returns the int64 values and validity of an Int column (valid nil
// means every row is valid; otherwise bit r of valid[r/64] is row r). The
// slices are shared: do not modify them. Nil for other kinds.
func (c *Column) Ints() (v []int64, valid []uint64) { return c.i, c.valid }

// Codes returns a String column's codes (-1 = missing) and dictionary, in
// first-seen order (not sorted). Shared: do not modify. Nil for other kinds.
func (c *Column) Codes() (codes []int32, dict []string) { return c.codes, c.dict }

// ValueLabels returns the value labels of a numeric column (Stata `label
// values`, as read from a .dta file) and the label set's name.
func (c *Column) ValueLabels() (map[int64]string, string) { return c.vlab, c.vlabName }

// IsMissing reports whether row r is missing.
func (c *Column) IsMissing(r int) bool {
	switch c.kind {
	case Float:
		return math.IsNaN(c.f[r])
	case Int:
		return !c.validAt(r)
	default:
		return c.codes[r] < 0
	}
}

func (c *data) validAt(r int) bool {
	return c.valid == nil || c.valid[r>>6]&(1<<(uint(r)&63)) != 0
}

// Missing returns per row whether the cell is missing (computed once; do
// not modify).
func (c *Column) Missing() []bool {
	c.mOnce.Do(func() {
		m := make([]bool, c.n)
		switch c.kind {
		case Float:
			for r, v := range c.f {
				m[r] = v != v
			}
		case Int:
			if c.valid != nil {
				for r := range m {
					m[r] = !c.validAt(r)
				}
			}
		case String:
			for r, k := range c.codes {
				m[r] = k < 0
			}
		}
		c.miss = m
	})
	return c.miss
}

// NMissing returns the number of missing cells.
func (c *Column) NMissing() int {
	c.nmOnce.Do(func() {
		k := 0
		switch c.kind {
		case Float:
			k = countNaN(c.f)
		case Int:
			if c.valid != nil {
				for _, w := range c.valid {
					k += bits.OnesCount64(w)
				}
				k = c.n - k
			}
		case String:
			for _, v := range c.codes {
				if v < 0 {
					k++
				}
			}
		}
		c.nmiss = k
	})
	return c.nmiss
}

// Text returns row r as text: the string of a String column, the shortest
// decimal form of a number ("1978", "0.5"), and "" when missing.
func (c *Column) Text(r int) string {
	switch c.kind {
	case Float:
		if v := c.f[r]; v == v {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
	case Int:
		if c.validAt(r) {
			return strconv.FormatInt(c.i[r], 10)
		}
	case String:
		if k := c.codes[r]; k >= 0 {
			return c.dict[k]
		}
	}
	return ""
}

// Value returns row r as float64 (NaN when missing or a String column).
func (c *Column) Value(r int) float64 {
	switch c.kind {
	case Float:
		return c.f[r]
	case Int:
		if c.validAt(r) {
			return float64(c.i[r])
		}
	}
	return math.NaN()
}

// NewFloatColumn makes a Float column; NaN cells are missing. The slice is
// used, not copied: do not modify it afterwards.
func NewFloatColumn(name string, x []float64) *Column {
	return &Column{name: name, data: &data{kind: Float, n: len(x), f: x}}
}

// NewIntColumn makes an Int column. valid marks the rows that hold a value
// (nil: all rows do). The slices are used, not copied.
func NewIntColumn(name string, x []int64, valid []bool) *Column {
	d := &data{kind: Int, n: len(x), i: x}
	if valid != nil {
		bm := newBitmap(len(x))
		all := true
		for r, ok := range valid {
			if ok {
				bm.set(r)
			} else {
				all = false
			}
		}
		if !all {
			d.valid = bm
		}
	}
	return &Column{name: name, data: d}
}

// NewStringColumn makes a String column from cells; missing[r] (or, when
// missing is nil, a cell that is a missing-value token, see IsMissing)
// makes row r missing. Cells are trimmed of surrounding spaces.
func NewStringColumn(name string, cells []string, missing []bool) *Column {
	codes := make([]int32, len(cells))
	index := map[string]int32{}
	var dict []string
	for r, s := range cells {
		if missing != nil && missing[r] || missing == nil && IsMissing(s) {
			codes[r] = -1
			continue
		}
		s = trimSpace(s)
		k, ok := index[s]
		if !ok {
			k = int32(len(dict))
			index[s] = k
			dict = append(dict, s)
		}
		codes[r] = k
	}
	return newCodesColumn(name, codes, dict)
}

// NewCodesColumn makes a String column from codes (-1 = missing) into
// dict. The slices are used, not copied.
func NewCodesColumn(name string, codes []int32, dict []string) *Column {
	return newCodesColumn(name, codes, dict)
}

func newCodesColumn(name string, codes []int32, dict []string) *Column {
	return &Column{name: name, data: &data{kind: String, n: len(codes), codes: codes, dict: dict}}
}

// renamed returns the column under another name, sharing the storage.
func (c *Column) renamed(name string) *Column {
	return &Column{name: name, label: c.label, data: c.data}
}

// labelled returns the column with another variable label.
func (c *Column) labelled(label string) *Column {
	return &Column{name: c.name, label: label, data: c.data}
}

// bitmap is a validity bitmap: bit r set = row r valid.
type bitmap []uint64

func newBitmap(n int) bitmap { return make(bitmap, (n+63)/64) }

func (b bitmap) set(r int) { b[r>>6] |= 1 << (uint(r) & 63) }

func (b bitmap) get(r int) bool { return b[r>>6]&(1<<(uint(r)&63)) != 0 }

// allValid returns a bitmap with the first n bits set.
func allValid(n int) bitmap {
	b := newBitmap(n)
	for k := range b {
		b[k] = ^uint64(0)
	}
	if n&63 != 0 {
		b[len(b)-1] = (1 << (uint(n) & 63)) - 1
	}
	return b
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\v' || b == '\f'
}

// dictUnion builds one dictionary from several (appending, stacking).
type dictUnion struct {
	index map[string]int32
	dict  []string
}

// remap adds the entries of d and returns, per code of d, its code in the
// union.
func (u *dictUnion) remap(d []string) []int32 {
	if u.index == nil {
		u.index = map[string]int32{}
	}
	out := make([]int32, len(d))
	for k, s := range d {
		g, ok := u.index[s]
		if !ok {
			g = int32(len(u.dict))
			u.index[s] = g
			u.dict = append(u.dict, s)
		}
		out[k] = g
	}
	return out
}

// countNaN counts the NaNs of x, in parallel chunks for long columns.
func countNaN(x []float64) int {
	const chunk = 1 << 18
	if len(x) <= chunk {
		k := 0
		for _, v := range x {
			if v != v {
				k++
			}
		}
		return k
	}
	n := (len(x) + chunk - 1) / chunk
	counts := make([]int, n)
	parallelFor(n, func(c int) {
		k := 0
		for _, v := range x[c*chunk : min((c+1)*chunk, len(x))] {
			if v != v {
				k++
			}
		}
		counts[c] = k
	})
	k := 0
	for _, c := range counts {
		k += c
	}
	return k
}
