package report

import (
	"strings"
	"unicode"
)

// colSep separates columns in the text layout.
const colSep = "  "

// String lays the table out as fixed-width text (the text/plain form, and
// what fmt.Println prints). Wide (CJK) characters count as two columns.
func (t *Table) String() string {
	n := t.NumCols()
	if n == 0 {
		return t.Caption + "\n"
	}
	sup := t.supWidths(n)
	w := t.textWidths(n, sup)
	total := len(colSep) * (n - 1)
	for _, x := range w {
		total += x
	}
	var b strings.Builder
	line := func(s string) {
		b.WriteString(strings.TrimRight(s, " "))
		b.WriteByte('\n')
	}
	if t.Caption != "" {
		line(t.Caption)
	}
	line(strings.Repeat("=", total))
	for i, h := range t.Header {
		spans := headerRow(h, n)
		var sb strings.Builder
		var under strings.Builder
		hasGroup := false
		j := 0
		for k, sp := range spans {
			if k > 0 {
				sb.WriteString(colSep)
				under.WriteString(colSep)
			}
			sw := spanWidth(w, j, sp.Cols)
			a := AlignCenter
			if sp.Cols == 1 {
				a = t.align(j)
			}
			sb.WriteString(pad(sp.Text, sw, a))
			if sp.Text != "" && i < len(t.Header)-1 {
				hasGroup = true
				under.WriteString(strings.Repeat("-", sw))
			} else {
				under.WriteString(strings.Repeat(" ", sw))
			}
			j += sp.Cols
		}
		line(sb.String())
		if hasGroup && i < len(t.Header)-1 {
			line(under.String())
		}
	}
	line(strings.Repeat("-", total))
	for i, r := range t.Rows {
		if r.Rule && i > 0 {
			line(strings.Repeat("-", total))
		}
		var sb strings.Builder
		for j := 0; j < n; j++ {
			if j > 0 {
				sb.WriteString(colSep)
			}
			sb.WriteString(pad(textCell(r.cell(j), sup[j]), w[j], t.align(j)))
		}
		line(sb.String())
	}
	line(strings.Repeat("=", total))
	for _, note := range t.Notes {
		line(note)
	}
	return b.String()
}

// textWidths returns the width of every column: the widest cell, widened
// where a spanning header needs more room (the extra goes to the spanned
// columns from the right).
func (t *Table) textWidths(n int, sup []int) []int {
	w := make([]int, n)
	for _, r := range t.Rows {
		for j := 0; j < n; j++ {
			w[j] = max(w[j], textWidth(textCell(r.cell(j), sup[j])))
		}
	}
	for _, h := range t.Header {
		j := 0
		for _, sp := range headerRow(h, n) {
			if sp.Cols == 1 {
				w[j] = max(w[j], textWidth(sp.Text))
			}
			j += sp.Cols
		}
	}
	for _, h := range t.Header {
		j := 0
		for _, sp := range headerRow(h, n) {
			if sp.Cols > 1 {
				for extra := textWidth(sp.Text) - spanWidth(w, j, sp.Cols); extra > 0; {
					for k := j + sp.Cols - 1; k >= j && extra > 0; k-- {
						w[k]++
						extra--
					}
				}
			}
			j += sp.Cols
		}
	}
	return w
}

// supWidths is, per right-aligned column, the widest Sup mark: every cell
// of the column reserves that room after its text, so that numbers line up
// whether or not they carry stars (esttab style). Centred columns centre the
// text with its marks, as the paper prints.
func (t *Table) supWidths(n int) []int {
	w := make([]int, n)
	for _, r := range t.Rows {
		for j := 0; j < n; j++ {
			if t.align(j) == AlignRight {
				w[j] = max(w[j], textWidth(r.cell(j).Sup))
			}
		}
	}
	return w
}

// textCell is a cell's text with its marks padded to supw.
func textCell(c Cell, supw int) string {
	if supw == 0 || c.Text == "" && c.Sup == "" {
		return c.Text + c.Sup
	}
	return c.Text + pad(c.Sup, supw, AlignLeft)
}

// spanWidth is the text width of cols columns starting at j, separators
// included.
func spanWidth(w []int, j, cols int) int {
	s := len(colSep) * (cols - 1)
	for k := j; k < j+cols; k++ {
		s += w[k]
	}
	return s
}

// pad aligns s in a field of width w.
func pad(s string, w int, a Align) string {
	gap := w - textWidth(s)
	if gap <= 0 {
		return s
	}
	switch a {
	case AlignRight:
		return strings.Repeat(" ", gap) + s
	case AlignCenter:
		left := gap / 2
		return strings.Repeat(" ", left) + s + strings.Repeat(" ", gap-left)
	default:
		return s + strings.Repeat(" ", gap)
	}
}

// textWidth is the number of terminal columns s takes: East Asian wide
// characters (Han, Hiragana, Katakana, Hangul, full-width forms) take two.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation
		(r >= 0xFF01 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) // full-width forms
}
