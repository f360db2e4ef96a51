package frame

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Table is a small result table (Describe, Summarize, Tabulate, List)
// rendered as text (String, Stata's layout: a rule under the header, a bar
// after the first column) or as HTML (HTML, for notebooks).
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
	// Rule lists the row indexes before which a rule is drawn (Stata's
	// line above "Total").
	Rule     []int
	Notes    []string
	Align    string // one 'l' or 'r' per column; "" = first left, others right
	NoRowBar bool   // no vertical bar after the first column
}

// align is column j's alignment: Align's letter, right by default (the
// first column too, as Stata right-aligns the row labels).
func (t *Table) align(j int) byte {
	if j < len(t.Align) {
		return t.Align[j]
	}
	return 'r'
}

// String renders the table as fixed-width text.
func (t *Table) String() string {
	ncol := len(t.Header)
	w := make([]int, ncol)
	for j, h := range t.Header {
		w[j] = textWidth(h)
	}
	for _, row := range t.Rows {
		for j, c := range row {
			if j < ncol {
				w[j] = max(w[j], textWidth(c))
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n\n")
	}
	line := func(cells []string) {
		for j := range ncol {
			c := ""
			if j < len(cells) {
				c = cells[j]
			}
			pad := strings.Repeat(" ", w[j]-textWidth(c))
			if j > 0 {
				if j == 1 && !t.NoRowBar {
					b.WriteString(" | ")
				} else {
					b.WriteString("  ")
				}
			}
			if t.align(j) == 'l' {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
		}
		b.WriteString("\n")
	}
	rule := func() {
		for j := range ncol {
			if j > 0 {
				if j == 1 && !t.NoRowBar {
					b.WriteString("-+-")
				} else {
					b.WriteString("--")
				}
			}
			b.WriteString(strings.Repeat("-", w[j]))
		}
		b.WriteString("\n")
	}
	line(t.Header)
	rule()
	for i, row := range t.Rows {
		for _, r := range t.Rule {
			if r == i {
				rule()
			}
		}
		line(row)
	}
	for _, n := range t.Notes {
		b.WriteString(n + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// textWidth counts display columns (a CJK character takes two).
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// HTML renders the table as an HTML table.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString(`<table class="econb-frame">`)
	if t.Title != "" {
		b.WriteString("<caption>" + html.EscapeString(t.Title) + "</caption>")
	}
	b.WriteString("<thead><tr>")
	for _, h := range t.Header {
		b.WriteString("<th>" + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for i, row := range t.Rows {
		style := ""
		for _, r := range t.Rule {
			if r == i {
				style = ` style="border-top:1px solid"`
			}
		}
		b.WriteString("<tr" + style + ">")
		for j, c := range row {
			al := "right"
			if t.align(j) == 'l' {
				al = "left"
			}
			tag := "td"
			if j == 0 && !t.NoRowBar {
				tag = "th"
			}
			fmt.Fprintf(&b, `<%s style="text-align:%s">%s</%s>`, tag, al, html.EscapeString(c), tag)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	for _, n := range t.Notes {
		b.WriteString("<p>" + html.EscapeString(n) + "</p>")
	}
	return b.String()
}

// fmtG formats a number as Stata's %9.0g does in summarize: up to 7
// significant digits, no leading zero ("-.1879287"), exponent when needed.
func fmtG(v float64) string {
	if v != v {
		return "."
	}
	if math.IsInf(v, 0) {
		if v > 0 {
			return "+Inf"
		}
		return "-Inf"
	}
	s := strconv.FormatFloat(v, 'g', 7, 64)
	if strings.Contains(s, "e") {
		m, e, _ := strings.Cut(s, "e")
		if strings.Contains(m, ".") {
			m = strings.TrimRight(strings.TrimRight(m, "0"), ".")
		}
		sign := e[0]
		e = strings.TrimLeft(e[1:], "0")
		if len(e) < 2 {
			e = strings.Repeat("0", 2-len(e)) + e
		}
		return m + "e" + string(sign) + e
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if strings.HasPrefix(s, "0.") {
		s = s[1:]
	} else if strings.HasPrefix(s, "-0.") {
		s = "-" + s[2:]
	}
	return s
}

// fmtCell formats row r of a column for a listing.
func fmtCell(c *Column, r int) string {
	if c.IsMissing(r) {
		if c.kind == String {
			return ""
		}
		return "."
	}
	switch c.kind {
	case Float:
		return fmtG(c.f[r])
	case Int:
		v := c.i[r]
		if c.vlab != nil {
			if s, ok := c.vlab[v]; ok {
				return s
			}
		}
		return strconv.FormatInt(v, 10)
	}
	return c.dict[c.codes[r]]
}
