package report

import "strings"

// Markdown lays the table out as a GitHub-flavoured pipe table. Markdown has
// one header row and no spans: the top header row becomes the Markdown header
// (a span's text in its first column) and the lower header rows follow as
// bold rows. Rules are dropped; the caption comes first in bold and the notes
// after the table.
func (t *Table) Markdown() string {
	n := t.NumCols()
	var b strings.Builder
	if t.Caption != "" {
		b.WriteString("**" + mdEscape(t.Caption) + "**\n\n")
	}
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + c + " |")
		}
		b.WriteByte('\n')
	}
	spread := func(h []Span, bold bool) []string {
		out := make([]string, 0, n)
		for _, sp := range headerRow(h, n) {
			txt := mdEscape(sp.Text)
			if bold && txt != "" {
				txt = "**" + txt + "**"
			}
			out = append(out, txt)
			for k := 1; k < sp.Cols; k++ {
				out = append(out, "")
			}
		}
		return out
	}
	if len(t.Header) == 0 {
		row(make([]string, n))
	} else {
		row(spread(t.Header[0], false))
	}
	sep := make([]string, n)
	for j := range sep {
		switch t.align(j) {
		case AlignLeft:
			sep[j] = ":---"
		case AlignRight:
			sep[j] = "---:"
		default:
			sep[j] = ":---:"
		}
	}
	row(sep)
	for i := 1; i < len(t.Header); i++ {
		row(spread(t.Header[i], true))
	}
	for _, r := range t.Rows {
		cells := make([]string, n)
		for j := range cells {
			cells[j] = mdEscape(r.cell(j).String())
		}
		row(cells)
	}
	if len(t.Notes) > 0 {
		b.WriteByte('\n')
		for _, note := range t.Notes {
			b.WriteString(mdEscape(note) + "  \n")
		}
	}
	return b.String()
}

// mdEscape escapes the characters that would break a pipe table or start
// emphasis.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}
