package report

import (
	"fmt"
	"html"
	"strings"
)

// tableCSS styles tables in JupyterLab's light and dark themes alike: rules
// use currentColor and backgrounds stay transparent, so the table follows
// the theme's text colour. Selectors carry two classes so that they win over
// JupyterLab's .jp-RenderedHTMLCommon table rules (zebra rows, right
// alignment, padding).
const tableCSS = `<style>
.econb table.econb-table{border-collapse:collapse;border:none;margin:0.6em 0;color:inherit;background:transparent;font-variant-numeric:tabular-nums;table-layout:auto}
.econb table.econb-table caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 0.4em 0;color:inherit}
.econb table.econb-table th,.econb table.econb-table td{padding:0.12em 0.75em;text-align:center;vertical-align:bottom;border:none;background:transparent;color:inherit;white-space:nowrap;line-height:1.35}
.econb table.econb-table .al{text-align:left}
.econb table.econb-table .ar{text-align:right}
.econb table.econb-table thead tr:first-child th{border-top:2px solid currentColor}
.econb table.econb-table thead tr:last-child th{border-bottom:1px solid currentColor;font-weight:600}
.econb table.econb-table th.grp{font-weight:600;background-image:linear-gradient(currentColor,currentColor);background-size:calc(100% - 0.9em) 1px;background-position:center bottom;background-repeat:no-repeat}
.econb table.econb-table tbody tr,.econb table.econb-table tbody tr:hover{background:transparent}
.econb table.econb-table tbody tr.rule td{border-top:1px solid currentColor}
.econb table.econb-table tbody tr:last-child td{border-bottom:2px solid currentColor}
.econb table.econb-table tbody tr.sub td{padding-top:0;font-size:0.92em;opacity:0.8}
.econb table.econb-table .st{display:inline-block;min-width:1.6em;text-align:left}
.econb table.econb-table tfoot td{text-align:left;font-size:0.85em;padding-top:0.35em;white-space:normal;opacity:0.85}
</style>
`

// HTML lays the table out as an HTML fragment with a small embedded style
// sheet, for the text/html part of a notebook display bundle.
func (t *Table) HTML() string {
	n := t.NumCols()
	var b strings.Builder
	b.WriteString(tableCSS)
	b.WriteString(`<div class="econb">`)
	if t.Name != "" {
		fmt.Fprintf(&b, `<table class="econb-table" id="tab-%s">`, html.EscapeString(t.Name))
	} else {
		b.WriteString(`<table class="econb-table">`)
	}
	b.WriteByte('\n')
	if t.Caption != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>\n", html.EscapeString(t.Caption))
	}
	hasSup := t.supColumns(n)
	b.WriteString("<thead>\n")
	for i, h := range t.Header {
		b.WriteString("<tr>")
		j := 0
		for _, sp := range headerRow(h, n) {
			var cls []string
			if sp.Text != "" && i < len(t.Header)-1 {
				cls = append(cls, "grp")
			}
			if sp.Cols == 1 {
				cls = append(cls, alignClass(t.align(j)))
			}
			b.WriteString("<th")
			if sp.Cols > 1 {
				fmt.Fprintf(&b, ` colspan="%d"`, sp.Cols)
			}
			writeClass(&b, cls)
			fmt.Fprintf(&b, ">%s</th>", html.EscapeString(sp.Text))
			j += sp.Cols
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</thead>\n<tbody>\n")
	for i, r := range t.Rows {
		var cls []string
		if r.Rule && i > 0 {
			cls = append(cls, "rule")
		}
		if r.Kind == RowSub {
			cls = append(cls, "sub")
		}
		b.WriteString("<tr")
		writeClass(&b, cls)
		b.WriteByte('>')
		for j := 0; j < n; j++ {
			c := r.cell(j)
			b.WriteString("<td")
			writeClass(&b, []string{alignClass(t.align(j))})
			b.WriteByte('>')
			b.WriteString(html.EscapeString(c.Text))
			if hasSup[j] {
				fmt.Fprintf(&b, `<span class="st">%s</span>`, html.EscapeString(c.Sup))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n")
	if len(t.Notes) > 0 {
		fmt.Fprintf(&b, "<tfoot>\n<tr><td colspan=\"%d\">", n)
		for i, note := range t.Notes {
			if i > 0 {
				b.WriteString("<br/>")
			}
			b.WriteString(html.EscapeString(note))
		}
		b.WriteString("</td></tr>\n</tfoot>\n")
	}
	b.WriteString("</table></div>\n")
	return b.String()
}

// supColumns reports the columns holding at least one Sup mark: their cells
// get a fixed-width mark box so that numbers line up.
func (t *Table) supColumns(n int) []bool {
	has := make([]bool, n)
	for _, r := range t.Rows {
		for j := 0; j < n; j++ {
			if r.cell(j).Sup != "" {
				has[j] = true
			}
		}
	}
	return has
}

func alignClass(a Align) string {
	switch a {
	case AlignLeft:
		return "al"
	case AlignRight:
		return "ar"
	}
	return ""
}

func writeClass(b *strings.Builder, cls []string) {
	var keep []string
	for _, c := range cls {
		if c != "" {
			keep = append(keep, c)
		}
	}
	if len(keep) > 0 {
		fmt.Fprintf(b, ` class="%s"`, strings.Join(keep, " "))
	}
}
