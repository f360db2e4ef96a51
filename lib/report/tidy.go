package report

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// TidyOptions shape a plain table built from records.
type TidyOptions struct {
	Caption  string
	Name     string
	Decimals int            // decimals of float cells; 0 means 3
	Column   map[string]int // decimals by column name (overrides Decimals; -1 prints an integer)
	Notes    []string
}

// Tidy builds a plain one-header table: one row per record, one column per
// name. Cells may be string, float64/float32 (NaN prints empty), any integer,
// bool, fmt.Stringer or nil; numeric columns are right-aligned and text
// columns left-aligned. A record whose length differs from len(columns) is
// an error naming the record.
func Tidy(columns []string, rows [][]any, opt TidyOptions) (*Table, error) {
	if len(columns) == 0 {
		return nil, fmt.Errorf("%w: tidy table %q has no columns", ErrLayout, opt.Caption)
	}
	t := New(opt.Caption, columns[0], columns[1:]...)
	t.Name, t.Notes = opt.Name, opt.Notes
	numeric := make([]bool, len(columns))
	for j := range numeric {
		numeric[j] = true
	}
	for i, rec := range rows {
		if len(rec) != len(columns) {
			return nil, fmt.Errorf("%w: record %d has %d values for %d columns (%s)", ErrLayout, i+1, len(rec), len(columns), strings.Join(columns, ", "))
		}
		cells := make([]Cell, len(rec))
		for j, v := range rec {
			dec, ok := opt.Column[columns[j]]
			if !ok {
				dec = opt.Decimals
				if dec == 0 {
					dec = 3
				}
			}
			s, num := tidyCell(v, dec)
			cells[j] = C(s)
			numeric[j] = numeric[j] && num
		}
		t.Rows = append(t.Rows, Row{Cells: cells})
	}
	t.Align = make([]Align, len(columns))
	for j, num := range numeric {
		if num && len(rows) > 0 {
			t.Align[j] = AlignRight
		}
	}
	return t, nil
}

// tidyCell formats one value and reports whether it is a number.
func tidyCell(v any, dec int) (string, bool) {
	f := func(x float64) string {
		if dec < 0 {
			return Integer(x)
		}
		return Fixed(x, dec)
	}
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, false
	case float64:
		return f(x), true
	case float32:
		return f(float64(x)), true
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x), true
	case bool:
		if x {
			return "yes", false
		}
		return "no", false
	case fmt.Stringer:
		return x.String(), false
	}
	return fmt.Sprint(v), false
}

// IndexRow is one line of a Malmquist summary: a key (year, DMU or
// "mean") and DEAP's five indices. report takes plain values so that it does
// not import lib/malmquist.
type IndexRow struct {
	Key                              string
	EffCh, TechCh, PECh, SECh, TFPCh float64
}

func (r IndexRow) values() []float64 { return []float64{r.EffCh, r.TechCh, r.PECh, r.SECh, r.TFPCh} }

// indexNames are DEAP's column names, in DEAP's order.
var indexNames = []string{"effch", "techch", "pech", "sech", "tfpch"}

// Fortran formats v as Fortran's Fw.d edit descriptor: right-aligned in w
// characters with d decimals; a value that does not fit (and ±Inf) prints
// as w asterisks, NaN as "NaN" right-aligned (gfortran). DEAP 2.1 prints
// indices as F8.3 and distances as F10.3.
func Fortran(v float64, w, d int) string {
	if math.IsNaN(v) {
		return fmt.Sprintf("%*s", w, "NaN")
	}
	s := fmt.Sprintf("%*.*f", w, d, v)
	if len(s) > w || math.IsInf(v, 0) {
		return strings.Repeat("*", w)
	}
	return s
}

// DEAPRow is one line of a DEAP table: its key (a firm, a year) and values.
type DEAPRow struct {
	Key    string
	Values []float64
}

// DEAPTable is one table of DEAP 2.1's fixed-width output (Coelli 1996,
// CEPA WP 96/08), the layout of every table of a DEAP output file:
//
//	  firm   effch  techch    pech    sech   tfpch      Head: key label right-aligned in 7, rest verbatim
//	                                                    (blank)
//	    1   0.750   1.333   1.000   0.750   1.000       " " + key right-aligned in 5, values as Fw.d
//	                                                    (blank)
//	mean    0.844   1.333   0.955   0.883   1.125       Mean: " mean" + values
//
// Keys longer than DEAP's five characters widen the key column (and pad
// the header by as much). A value that is NaN or ±Inf (an undefined index
// or distance) prints as ".", Stata's missing value, right-aligned. This is the one implementation of DEAP's layout:
// lib/malmquist and lib/dea print their DEAP-style outputs through it.
type DEAPTable struct {
	// Head holds the header lines: the key column's label (right-aligned two
	// characters wider than the keys, as DEAP's "   firm" and "    no.") and
	// the rest of the line, verbatim.
	Head [][2]string
	// Width and Decimals are the Fortran Fw.d of the values: 8 and 3 for
	// DEAP's indices, 10 and 3 for its distances.
	Width, Decimals int
	Rows            []DEAPRow
	// Mean, when not nil, is printed after a blank line as " mean".
	Mean *DEAPRow
}

// KeyWidth is the width of the key column: DEAP's 5, or the longest key.
func (t DEAPTable) KeyWidth() int {
	w := 5
	for _, r := range t.Rows {
		w = max(w, utf8.RuneCountInString(r.Key))
	}
	return w
}

// String lays the table out.
func (t DEAPTable) String() string {
	var b strings.Builder
	kw := t.KeyWidth()
	pad := func(s string, w int) string {
		return strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s))) + s
	}
	for _, h := range t.Head {
		b.WriteString(strings.TrimRight(pad(h[0], kw+2)+h[1], " "))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	line := func(key string, vals []float64) {
		b.WriteString(key)
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				b.WriteString(fmt.Sprintf("%*s", t.Width, ".")) // missing, as Stata prints it
				continue
			}
			b.WriteString(Fortran(v, t.Width, t.Decimals))
		}
		b.WriteByte('\n')
	}
	for _, r := range t.Rows {
		line(" "+pad(r.Key, kw), r.Values)
	}
	if t.Mean != nil {
		b.WriteByte('\n')
		line(" mean"+strings.Repeat(" ", kw-4), t.Mean.Values)
	}
	return b.String()
}

// DEAPIndexHead is the header of DEAP's Malmquist index tables with key
// label keyName ("firm", "year").
func DEAPIndexHead(keyName string) [][2]string {
	return [][2]string{{keyName, "   effch  techch    pech    sech   tfpch"}}
}

// DEAPSummary prints a Malmquist summary in the fixed-width layout of DEAP
// 2.1's output: a title line, the header "   firm   effch  techch    pech
// sech   tfpch" (keyName in place of firm), one line per row with each
// index as Fortran F8.3, then a blank line and the mean line (see
// DEAPTable). Values that do not fit F8.3 print as "********", as DEAP's
// do; a missing value (NaN, ±Inf: an undefined index) prints as "       .",
// Stata's missing value. mean may be nil.
//
// DEAP's own summaries are "MALMQUIST INDEX SUMMARY OF ANNUAL MEANS" (keyName
// "year") and "MALMQUIST INDEX SUMMARY OF FIRM MEANS" (keyName "firm"); DEAP
// averages are geometric means, computed by the caller.
func DEAPSummary(title, keyName string, rows []IndexRow, mean *IndexRow) string {
	t := DEAPTable{Head: DEAPIndexHead(keyName), Width: 8, Decimals: 3}
	for _, r := range rows {
		t.Rows = append(t.Rows, DEAPRow{Key: r.Key, Values: r.values()})
	}
	if mean != nil {
		t.Mean = &DEAPRow{Key: "mean", Values: mean.values()}
	}
	return " " + title + "\n\n" + t.String() + "\n"
}

// IndexTable lays a Malmquist summary out as a tidy table (key column then
// effch, techch, pech, sech, tfpch to 3 decimals), with the mean as a last
// row under a rule. mean may be nil.
func IndexTable(caption, keyName string, rows []IndexRow, mean *IndexRow) *Table {
	t := New(caption, keyName, indexNames...)
	t.Align = []Align{AlignLeft, AlignRight, AlignRight, AlignRight, AlignRight, AlignRight}
	add := func(r IndexRow) *Row {
		cells := make([]Cell, 0, 5)
		for _, v := range r.values() {
			cells = append(cells, C(Fixed(v, 3)))
		}
		return t.AddRow(r.Key, cells...)
	}
	for _, r := range rows {
		add(r)
	}
	if mean != nil {
		add(*mean).Rule = true
		t.Notes = []string{"Malmquist averages are geometric means, as DEAP reports them."}
	}
	return t
}
