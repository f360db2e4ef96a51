package report

import "fmt"

// outsideMark flags, in SideBySide, a value of ours that does not round to
// the published one.
const outsideMark = "†"

// SideBySide lays the comparison out in the published table's shape: for
// every published column a pair of columns, ours and the paper's, with
// each coefficient and its stars, (t) beneath, and the statistics with [p]
// beneath; ours is printed to the published precision and marked † where
// it does not round to the published value (stars: a different count).
func (c *Comparison) SideBySide() *Table {
	type key struct {
		col       int
		row, what string
	}
	cells := map[key]CompareCell{}
	var heads []string
	var rows []string
	seenRow := map[string]bool{}
	for _, x := range c.Cells {
		cells[key{x.Column, x.Row, x.What}] = x
		if x.Column >= len(heads) {
			heads = append(heads, x.Header)
		}
		if !seenRow[x.Row] {
			seenRow[x.Row] = true
			rows = append(rows, x.Row)
		}
	}
	ncol := len(heads)
	t := &Table{Caption: c.Caption, Name: "side-by-side"}
	top := []Span{{Cols: 1}}
	sub := []Span{{Text: "Variable", Cols: 1}}
	for _, h := range heads {
		top = append(top, Span{Text: h, Cols: 2})
		sub = append(sub, Span{Text: "Ours", Cols: 1}, Span{Text: "Paper", Cols: 1})
	}
	t.Header = [][]Span{top, sub}
	st := DefaultStars
	pair := func(x CompareCell, ok bool, format func(v float64, dec int) string, stars *CompareCell) (Cell, Cell) {
		if !ok {
			return C(""), C("")
		}
		ours, pub := Cell{Text: format(x.Ours, x.Decimals)}, Cell{Text: format(x.Published, x.Decimals)}
		if stars != nil {
			ours.Sup, pub.Sup = st.Mark(int(stars.Ours)), st.Mark(int(stars.Published))
		}
		if !x.Within || stars != nil && !stars.Within {
			ours.Sup += outsideMark
		}
		return ours, pub
	}
	coef := func(v float64, dec int) string { return Fixed(v, dec) }
	paren := func(open, close string) func(float64, int) string {
		return func(v float64, dec int) string {
			if s := Fixed(v, dec); s != "" {
				return open + s + close
			}
			return ""
		}
	}
	first := true
	for _, r := range rows {
		label := r
		if _, isStat := cells[key{0, r, "stat"}]; isStat {
			if f, known := LookupStat(r); known {
				label = f.Label
			}
		}
		main, under := []Cell{C(label)}, []Cell{C("")}
		hasUnder := false
		for j := 0; j < ncol; j++ {
			var a, b, u, v Cell
			if x, ok := cells[key{j, r, "coef"}]; ok {
				s := cells[key{j, r, "stars"}]
				a, b = pair(x, true, coef, &s)
				tx, tok := cells[key{j, r, "t"}]
				u, v = pair(tx, tok, paren("(", ")"), nil)
				hasUnder = hasUnder || tok
			} else if x, ok := cells[key{j, r, "stat"}]; ok {
				format := coef
				if x.Decimals == 0 {
					format = func(v float64, _ int) string { return Integer(v) }
				}
				a, b = pair(x, true, format, nil)
			} else if x, ok := cells[key{j, r, "p"}]; ok {
				// A p row on its own: shown under its statistic below.
				a, b = pair(x, true, paren("[", "]"), nil)
			}
			main = append(main, a, b)
			under = append(under, u, v)
		}
		if _, isP := cells[key{0, r, "p"}]; isP && len(t.Rows) > 0 {
			// Put [p] under the statistic row just added, with no label.
			main[0] = C("")
			t.Rows = append(t.Rows, Row{Cells: main, Kind: RowSub})
			continue
		}
		_, isStat := cells[key{0, r, "stat"}]
		t.Rows = append(t.Rows, Row{Cells: main, Rule: isStat && first})
		if isStat {
			first = false
		}
		if hasUnder {
			t.Rows = append(t.Rows, Row{Cells: under, Kind: RowSub})
		}
	}
	w, n := c.Within()
	t.Notes = []string{
		"Ours printed to the paper's precision; " + outsideMark + " marks a value that does not round to the published one (or a different number of stars).",
		fmt.Sprintf("%d of %d published numbers reproduced within their printed precision.", w, n),
		st.Note(),
	}
	return t
}
