package frame

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
)

// Describe lists the columns: name, type, missing count, label (Stata
// describe, with misstable's counts).
func (f *Frame) Describe() *Table {
	t := &Table{Title: fmt.Sprintf("Observations: %s   Variables: %s", commas(f.n), commas(len(f.cols))),
		Header: []string{"Variable", "Type", "Missing", "Label"}, Align: "llrl"}
	for _, c := range f.cols {
		typ := c.kind.String()
		if c.vlabName != "" {
			typ += " (" + c.vlabName + ")"
		}
		t.Rows = append(t.Rows, []string{c.name, typ, commas(c.NMissing()), c.label})
	}
	if f.panel != nil {
		t.Notes = append(t.Notes, fmt.Sprintf("Panel: %s × %s", f.panel.Entity, f.panel.Time))
	}
	return t
}

// SumStats are one variable's summary statistics (Stata summarize; the
// detail fields are filled by Summarize(vars, true)).
type SumStats struct {
	Var                string
	N                  int
	Mean, SD, Min, Max float64    // SD with divisor N-1
	Sum, Variance      float64    // detail
	Skewness, Kurtosis float64    // detail: m3/m2^1.5 and m4/m2^2 (moments with divisor N)
	Pctiles            [9]float64 // detail: p1 p5 p10 p25 p50 p75 p90 p95 p99
	Smallest, Largest  []float64  // detail: the 4 smallest and largest values
}

// PctileLevels are the percentiles of summarize, detail.
var PctileLevels = [9]float64{1, 5, 10, 25, 50, 75, 90, 95, 99}

// Summary is the result of Summarize.
type Summary struct {
	Detail bool
	Stats  []SumStats
}

// Summarize computes Stata's summarize (N, mean, sd, min, max) for the
// numeric columns named (all numeric columns when none), over the
// non-missing values; with detail, also the percentiles (summarize,
// detail's definition, see pctile), variance, skewness and kurtosis
// (Stata's: m3/m2^(3/2) and m4/m2^2 with moments about the mean divided by
// N), the sum and the four smallest and largest values. A string column is
// an error naming it.
func (f *Frame) Summarize(vars []string, detail bool) (*Summary, error) {
	if len(vars) == 0 {
		for _, c := range f.cols {
			if c.IsNumeric() {
				vars = append(vars, c.name)
			}
		}
	}
	s := &Summary{Detail: detail, Stats: make([]SumStats, len(vars))}
	cols, err := f.colsOf(vars)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		if !c.IsNumeric() {
			return nil, &Error{Column: c.name, Err: ErrNotNumeric, Msg: fmt.Sprintf("%s is a string column", c.name), Hint: "tabulate it instead"}
		}
	}
	parallelFor(len(cols), func(k int) { s.Stats[k] = summarize(cols[k], detail) })
	return s, nil
}

func summarize(c *Column, detail bool) SumStats {
	x := c.Floats()
	st := SumStats{Var: c.name, Mean: nan, SD: nan, Min: nan, Max: nan, Variance: nan, Skewness: nan, Kurtosis: nan}
	sum := 0.0
	n := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if v == v {
			n++
			sum += v
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	st.N, st.Sum = n, sum
	if n == 0 {
		for k := range st.Pctiles {
			st.Pctiles[k] = nan
		}
		return st
	}
	mean := sum / float64(n)
	var m2, m3, m4 float64
	for _, v := range x {
		if v == v {
			d := v - mean
			d2 := d * d
			m2 += d2
			m3 += d2 * d
			m4 += d2 * d2
		}
	}
	st.Mean, st.Min, st.Max = mean, lo, hi
	if n > 1 {
		st.Variance = m2 / float64(n-1)
		st.SD = math.Sqrt(st.Variance)
	}
	if !detail {
		return st
	}
	fn := float64(n)
	if m2 > 0 {
		st.Skewness = (m3 / fn) / math.Pow(m2/fn, 1.5)
		st.Kurtosis = (m4 / fn) / ((m2 / fn) * (m2 / fn))
	}
	vals := make([]float64, 0, n)
	for _, v := range x {
		if v == v {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	for k, p := range PctileLevels {
		st.Pctiles[k] = pctile(vals, p)
	}
	st.Smallest = slices.Clone(vals[:min(4, n)])
	st.Largest = slices.Clone(vals[max(0, n-4):])
	return st
}

// Table lays the summary out as Stata prints it: one line per variable,
// or with detail a block per variable.
func (s *Summary) Table() *Table {
	if !s.Detail {
		t := &Table{Header: []string{"Variable", "Obs", "Mean", "Std. dev.", "Min", "Max"}}
		for _, st := range s.Stats {
			t.Rows = append(t.Rows, []string{st.Var, commas(st.N), fmtG(st.Mean), fmtG(st.SD), fmtG(st.Min), fmtG(st.Max)})
		}
		return t
	}
	t := &Table{Header: []string{"Variable", "", "Percentiles", "Smallest", "", ""}, Align: "rrrrlr"}
	for i, st := range s.Stats {
		if i > 0 {
			t.Rule = append(t.Rule, len(t.Rows))
		}
		small := func(k int) string {
			if k < len(st.Smallest) {
				return fmtG(st.Smallest[k])
			}
			return ""
		}
		large := func(k int) string {
			if k < len(st.Largest) {
				return fmtG(st.Largest[len(st.Largest)-1-k])
			}
			return ""
		}
		// Stata's layout: 1% 5% 10% 25% 50%, a line with the "Largest"
		// heading and the sd, then 75% 90% 95% 99%.
		right := [10][2]string{
			{"", ""}, {"", ""}, {"Obs", commas(st.N)}, {"Sum of wgt.", commas(st.N)},
			{"Mean", fmtG(st.Mean)}, {"Std. dev.", fmtG(st.SD)}, {"", ""}, {"Variance", fmtG(st.Variance)},
			{"Skewness", fmtG(st.Skewness)}, {"Kurtosis", fmtG(st.Kurtosis)},
		}
		for line := range 10 {
			name, pl, pv, col3 := "", "", "", ""
			if line == 0 {
				name = st.Var
			}
			k := line
			if line > 5 {
				k = line - 1
			}
			if line != 5 {
				pl, pv = fmt.Sprintf("%g%%", PctileLevels[k]), fmtG(st.Pctiles[k])
			}
			switch {
			case line < 4:
				col3 = small(line)
			case line == 5:
				col3 = "Largest"
			case line > 5:
				col3 = large(9 - line)
			}
			t.Rows = append(t.Rows, []string{name, pl, pv, col3, right[line][0], right[line][1]})
		}
	}
	return t
}

func (s *Summary) String() string { return s.Table().String() }

// HTML renders the summary table.
func (s *Summary) HTML() string { return s.Table().HTML() }

// Tabulation is a one- or two-way frequency table (Stata tabulate).
type Tabulation struct {
	Var1, Var2 string
	Rows, Cols []string // levels (Cols nil for one-way)
	Counts     [][]int  // Counts[i][j] (one column for one-way)
	Missing    bool     // missing values were counted as a level
}

// Tabulate counts the values of var1 (one-way, var2 == "") or of the
// pairs (var1, var2) (two-way), levels sorted as Sort orders them. Rows
// with a missing value are left out unless missing is true (Stata's
// missing option), when missing is a level shown as ".".
func (f *Frame) Tabulate(var1, var2 string, missing bool) (*Tabulation, error) {
	c1, err := f.Col(var1)
	if err != nil {
		return nil, err
	}
	g1 := groupOne(c1, missing)
	tb := &Tabulation{Var1: var1, Missing: missing, Rows: levelLabels(c1, g1)}
	if var2 == "" {
		tb.Counts = make([][]int, g1.ngroups)
		for k := range tb.Counts {
			tb.Counts[k] = make([]int, 1)
		}
		for _, k := range g1.codes {
			if k >= 0 {
				tb.Counts[k][0]++
			}
		}
		return tb, nil
	}
	c2, err := f.Col(var2)
	if err != nil {
		return nil, err
	}
	g2 := groupOne(c2, missing)
	tb.Var2, tb.Cols = var2, levelLabels(c2, g2)
	tb.Counts = make([][]int, g1.ngroups)
	for k := range tb.Counts {
		tb.Counts[k] = make([]int, g2.ngroups)
	}
	for r, k := range g1.codes {
		if l := g2.codes[r]; k >= 0 && l >= 0 {
			tb.Counts[k][l]++
		}
	}
	return tb, nil
}

func levelLabels(c *Column, g grouping) []string {
	out := make([]string, g.ngroups)
	for k, r := range g.first {
		if c.IsMissing(int(r)) {
			out[k] = "."
			if c.kind == String {
				out[k] = `""`
			}
			continue
		}
		out[k] = fmtCell(c, int(r))
	}
	return out
}

// Table lays the tabulation out as Stata does: one-way with Freq.,
// Percent and Cum.; two-way with counts and row and column totals.
func (tb *Tabulation) Table() *Table {
	if tb.Cols == nil {
		t := &Table{Header: []string{tb.Var1, "Freq.", "Percent", "Cum."}}
		total := 0
		for _, c := range tb.Counts {
			total += c[0]
		}
		cum := 0
		for k, c := range tb.Counts {
			cum += c[0]
			t.Rows = append(t.Rows, []string{tb.Rows[k], commas(c[0]), pct(c[0], total), pct(cum, total)})
		}
		t.Rule = []int{len(t.Rows)}
		t.Rows = append(t.Rows, []string{"Total", commas(total), pct(total, total), ""})
		return t
	}
	t := &Table{Header: append(append([]string{tb.Var1}, tb.Cols...), "Total")}
	colTot := make([]int, len(tb.Cols))
	total := 0
	for k, row := range tb.Counts {
		cells := []string{tb.Rows[k]}
		rt := 0
		for j, c := range row {
			cells = append(cells, commas(c))
			rt += c
			colTot[j] += c
		}
		total += rt
		t.Rows = append(t.Rows, append(cells, commas(rt)))
	}
	t.Rule = []int{len(t.Rows)}
	cells := []string{"Total"}
	for _, c := range colTot {
		cells = append(cells, commas(c))
	}
	t.Rows = append(t.Rows, append(cells, commas(total)))
	t.Title = tb.Var1 + " × " + tb.Var2
	return t
}

func pct(a, b int) string {
	if b == 0 {
		return "."
	}
	return fmt.Sprintf("%.2f", 100*float64(a)/float64(b))
}

func (tb *Tabulation) String() string { return tb.Table().String() }

// HTML renders the tabulation.
func (tb *Tabulation) HTML() string { return tb.Table().HTML() }

// List returns rows from..to-1 (0-based) of the named columns (all when
// none) as a table (Stata list in from/to); value labels are shown as
// labels, missing numbers as ".".
func (f *Frame) List(vars []string, from, to int) (*Table, error) {
	if len(vars) == 0 {
		vars = f.Names()
	}
	cols, err := f.colsOf(vars)
	if err != nil {
		return nil, err
	}
	from, to = max(from, 0), min(to, f.n)
	t := &Table{Header: append([]string{""}, vars...)}
	for r := from; r < to; r++ {
		row := []string{fmt.Sprintf("%d.", r+1)}
		for _, c := range cols {
			row = append(row, fmtCell(c, r))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// preview is the rows shown by String and HTML: all when few, else the
// first and last five.
func (f *Frame) preview() (rows []int, cut int) {
	if f.n <= 10 {
		for r := range f.n {
			rows = append(rows, r)
		}
		return rows, -1
	}
	for r := range 5 {
		rows = append(rows, r)
	}
	for r := f.n - 5; r < f.n; r++ {
		rows = append(rows, r)
	}
	return rows, 5
}

func (f *Frame) shape() string {
	return fmt.Sprintf("%s × %s", plural(f.n, "row", "rows"), plural(len(f.cols), "column", "columns"))
}

// String shows the frame as text: the first and last rows, the column
// types, and its shape.
func (f *Frame) String() string {
	rows, cut := f.preview()
	t := &Table{Header: []string{""}, NoRowBar: false}
	types := []string{""}
	for _, c := range f.cols {
		t.Header = append(t.Header, c.name)
		types = append(types, c.kind.String())
	}
	t.Rows = append(t.Rows, types)
	t.Rule = []int{1}
	for k, r := range rows {
		if k == cut {
			dots := make([]string, len(f.cols)+1)
			for j := range dots {
				dots[j] = "…"
			}
			t.Rows = append(t.Rows, dots)
		}
		row := []string{fmt.Sprint(r + 1)}
		for _, c := range f.cols {
			row = append(row, fmtCell(c, r))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = []string{"[" + f.shape() + "]"}
	return t.String()
}

// HTML shows the frame as an HTML table in the manner of pandas'
// DataFrame: column names with their types and labels (as tooltips and a
// second header row when any), missing counts, the first and last rows,
// and the shape.
func (f *Frame) HTML() string {
	rows, cut := f.preview()
	var b strings.Builder
	b.WriteString(`<div class="econb-frame"><style>.econb-frame table{border-collapse:collapse;font-size:12px}` +
		`.econb-frame th,.econb-frame td{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}` +
		`.econb-frame thead th{border-bottom:1px solid #000}.econb-frame .t{color:#888;font-weight:normal;font-style:italic}</style><table><thead><tr><th></th>`)
	hasLabel := false
	for _, c := range f.cols {
		fmt.Fprintf(&b, `<th title="%s">%s</th>`, html.EscapeString(c.label), html.EscapeString(c.name))
		hasLabel = hasLabel || c.label != ""
	}
	b.WriteString(`</tr><tr><th class="t">type</th>`)
	for _, c := range f.cols {
		fmt.Fprintf(&b, `<th class="t">%s</th>`, c.kind)
	}
	b.WriteString("</tr>")
	if hasLabel {
		b.WriteString(`<tr><th class="t">label</th>`)
		for _, c := range f.cols {
			fmt.Fprintf(&b, `<th class="t">%s</th>`, html.EscapeString(c.label))
		}
		b.WriteString("</tr>")
	}
	b.WriteString(`<tr><th class="t">missing</th>`)
	for _, c := range f.cols {
		fmt.Fprintf(&b, `<th class="t">%s</th>`, commas(c.NMissing()))
	}
	b.WriteString("</tr></thead><tbody>")
	for k, r := range rows {
		if k == cut {
			b.WriteString("<tr><th>…</th>")
			for range f.cols {
				b.WriteString("<td>…</td>")
			}
			b.WriteString("</tr>")
		}
		fmt.Fprintf(&b, "<tr><th>%d</th>", r+1)
		for _, c := range f.cols {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(fmtCell(c, r)))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table><p>" + html.EscapeString(f.shape()))
	if f.panel != nil {
		b.WriteString(html.EscapeString(fmt.Sprintf("; panel %s × %s", f.panel.Entity, f.panel.Time)))
	}
	b.WriteString("</p></div>")
	return b.String()
}
