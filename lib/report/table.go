package report

import (
	"errors"
	"fmt"
)

// ErrLayout is returned when a table's header spans or rows do not add up to
// its number of columns.
var ErrLayout = errors.New("report: inconsistent table layout")

// Align is the horizontal alignment of a column.
type Align int

// Column alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Cell is one formatted table cell. Sup holds marks printed right after the
// text, such as significance stars: they are set as a superscript in LaTeX and
// kept apart in HTML so that numbers stay aligned.
type Cell struct {
	Text string
	Sup  string
}

// C returns a cell holding text s.
func C(s string) Cell { return Cell{Text: s} }

// String returns the cell as plain text: Text followed by Sup.
func (c Cell) String() string { return c.Text + c.Sup }

// Span is a header cell covering Cols adjacent columns (Cols >= 1).
type Span struct {
	Text string
	Cols int
}

// RowKind says how a body row is typeset.
type RowKind int

// Row kinds.
const (
	RowNormal RowKind = iota
	// RowSub is a secondary line under a number: the (t) or (SE) of a
	// coefficient, the [p] of a statistic. Its label is usually empty.
	RowSub
)

// Row is one body row. Cells[0] is the row label (the stub column).
type Row struct {
	Cells []Cell
	Kind  RowKind
	Rule  bool // a horizontal rule above this row (a new block starts)
}

// Table is the one table model every renderer lays out. All numbers are
// already formatted into cells; renderers only align and escape.
//
// Column 0 is the stub (row labels). Header rows are listed top first; each
// row's spans must add up to NumCols. The last header row labels the columns.
type Table struct {
	Caption string   // printed above the table
	Name    string   // short identifier: LaTeX \label{tab:Name}, HTML id
	Header  [][]Span // header rows, top first
	Align   []Align  // per column; missing entries: stub left, others center
	Rows    []Row
	Notes   []string // printed under the table, one per line
}

// New returns a table with one header row: stub is the stub column's
// heading and columns label the data columns.
func New(caption, stub string, columns ...string) *Table {
	h := make([]Span, 0, len(columns)+1)
	h = append(h, Span{Text: stub, Cols: 1})
	for _, c := range columns {
		h = append(h, Span{Text: c, Cols: 1})
	}
	return &Table{Caption: caption, Header: [][]Span{h}}
}

// AddRow appends a row labelled label with the given cells.
func (t *Table) AddRow(label string, cells ...Cell) *Row {
	t.Rows = append(t.Rows, Row{Cells: append([]Cell{C(label)}, cells...)})
	return &t.Rows[len(t.Rows)-1]
}

// AddStrings appends a row of plain-text cells (label first).
func (t *Table) AddStrings(label string, cells ...string) *Row {
	cs := make([]Cell, len(cells))
	for i, s := range cells {
		cs[i] = C(s)
	}
	return t.AddRow(label, cs...)
}

// NumCols is the number of columns, stub included.
func (t *Table) NumCols() int {
	n := 0
	for _, h := range t.Header {
		s := 0
		for _, sp := range h {
			s += max(sp.Cols, 1)
		}
		n = max(n, s)
	}
	for _, r := range t.Rows {
		n = max(n, len(r.Cells))
	}
	return n
}

// Validate reports ErrLayout when a header row's spans or a body row's cells
// do not match NumCols.
func (t *Table) Validate() error {
	n := t.NumCols()
	if n == 0 {
		return fmt.Errorf("%w: table %q has no columns", ErrLayout, t.Caption)
	}
	for i, h := range t.Header {
		s := 0
		for _, sp := range h {
			if sp.Cols < 1 {
				return fmt.Errorf("%w: header row %d: span %q covers %d columns; it must cover at least 1", ErrLayout, i+1, sp.Text, sp.Cols)
			}
			s += sp.Cols
		}
		if s != n {
			return fmt.Errorf("%w: header row %d spans %d columns, the table has %d", ErrLayout, i+1, s, n)
		}
	}
	for i, r := range t.Rows {
		if len(r.Cells) != n {
			label := ""
			if len(r.Cells) > 0 {
				label = r.Cells[0].Text
			}
			return fmt.Errorf("%w: row %d (%q) has %d cells, the table has %d columns", ErrLayout, i+1, label, len(r.Cells), n)
		}
	}
	return nil
}

// align returns the alignment of column j.
func (t *Table) align(j int) Align {
	if j < len(t.Align) {
		return t.Align[j]
	}
	if j == 0 {
		return AlignLeft
	}
	return AlignCenter
}

// cell returns row r's cell j, or an empty cell when the row is short, so
// that renderers never index out of range on a hand-built table.
func (r Row) cell(j int) Cell {
	if j < len(r.Cells) {
		return r.Cells[j]
	}
	return Cell{}
}

// headerRow returns header row i padded with single empty spans up to n
// columns.
func headerRow(h []Span, n int) []Span {
	out := make([]Span, 0, len(h))
	s := 0
	for _, sp := range h {
		sp.Cols = max(sp.Cols, 1)
		if s+sp.Cols > n {
			sp.Cols = n - s
		}
		if sp.Cols <= 0 {
			break
		}
		out = append(out, sp)
		s += sp.Cols
	}
	for ; s < n; s++ {
		out = append(out, Span{Cols: 1})
	}
	return out
}
