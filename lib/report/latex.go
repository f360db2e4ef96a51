package report

import (
	"fmt"
	"strings"
)

// LaTeX lays the table out as a booktabs table float (needs
// \usepackage{booktabs}): \toprule, \cmidrule under column groups,
// \midrule between blocks, \bottomrule, and the notes in a footnotesize
// paragraph under the tabular.
func (t *Table) LaTeX() string {
	var b strings.Builder
	b.WriteString("\\begin{table}[htbp]\n\\centering\n")
	if t.Caption != "" {
		fmt.Fprintf(&b, "\\caption{%s}\n", latexEscape(t.Caption))
	}
	if t.Name != "" {
		fmt.Fprintf(&b, "\\label{tab:%s}\n", latexLabel(t.Name))
	}
	b.WriteString(t.LaTeXTabular())
	if len(t.Notes) > 0 {
		b.WriteString("\\par\\vspace{0.5ex}\n{\\footnotesize ")
		for i, note := range t.Notes {
			if i > 0 {
				b.WriteString("\\\\\n")
			}
			b.WriteString(latexEscape(note))
		}
		b.WriteString("\\par}\n")
	}
	b.WriteString("\\end{table}\n")
	return b.String()
}

// LaTeXTabular is the booktabs tabular alone, without the float, caption
// and notes: what a notebook's text/latex part or a \input needs.
func (t *Table) LaTeXTabular() string {
	n := t.NumCols()
	var b strings.Builder
	b.WriteString("\\begin{tabular}{")
	for j := 0; j < n; j++ {
		b.WriteByte("lcr"[t.align(j)])
	}
	b.WriteString("}\n\\toprule\n")
	for i, h := range t.Header {
		spans := headerRow(h, n)
		parts := make([]string, len(spans))
		var rules []string
		j := 0
		for k, sp := range spans {
			txt := latexEscape(sp.Text)
			if sp.Cols > 1 {
				txt = fmt.Sprintf("\\multicolumn{%d}{c}{%s}", sp.Cols, txt)
			}
			if sp.Text != "" && i < len(t.Header)-1 {
				rules = append(rules, fmt.Sprintf("\\cmidrule(lr){%d-%d}", j+1, j+sp.Cols))
			}
			parts[k] = txt
			j += sp.Cols
		}
		b.WriteString(strings.Join(parts, " & "))
		b.WriteString(" \\\\\n")
		if len(rules) > 0 {
			b.WriteString(strings.Join(rules, " "))
			b.WriteByte('\n')
		}
	}
	b.WriteString("\\midrule\n")
	for i, r := range t.Rows {
		if r.Rule && i > 0 {
			b.WriteString("\\midrule\n")
		}
		parts := make([]string, n)
		for j := 0; j < n; j++ {
			c := r.cell(j)
			parts[j] = latexNumber(latexEscape(c.Text))
			if c.Sup != "" {
				parts[j] += "$^{" + latexEscape(c.Sup) + "}$"
			}
		}
		b.WriteString(strings.Join(parts, " & "))
		b.WriteString(" \\\\\n")
	}
	b.WriteString("\\bottomrule\n\\end{tabular}\n")
	return b.String()
}

// latexEscape escapes LaTeX's special characters and spells the few
// non-ASCII symbols tables use (R², ≥, ≠, ×, →, …) in plain LaTeX, so the
// output compiles with pdflatex. Stars inside a $^{...}$ group are fine as is.
func latexEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '<':
			b.WriteString(`\textless{}`)
		case '>':
			b.WriteString(`\textgreater{}`)
		case '²':
			b.WriteString(`\textsuperscript{2}`)
		case '³':
			b.WriteString(`\textsuperscript{3}`)
		case '≤':
			b.WriteString(`$\leq$`)
		case '≥':
			b.WriteString(`$\geq$`)
		case '≠':
			b.WriteString(`$\neq$`)
		case '×':
			b.WriteString(`$\times$`)
		case '→':
			b.WriteString(`$\rightarrow$`)
		case '−', '–':
			b.WriteString("--")
		case '—':
			b.WriteString("---")
		case '…':
			b.WriteString(`\ldots{}`)
		case '†':
			b.WriteString(`\dag{}`)
		case '✓':
			b.WriteString("yes")
		case '✗':
			b.WriteString("no")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latexNumber sets the minus sign of a number, "-0.093" or "(-1.93)", as
// a math minus.
func latexNumber(s string) string {
	for _, pre := range []string{"", "(", "["} {
		if strings.HasPrefix(s, pre+"-") && len(s) > len(pre)+1 && (s[len(pre)+1] >= '0' && s[len(pre)+1] <= '9' || s[len(pre)+1] == '.') {
			return pre + "$-$" + s[len(pre)+1:]
		}
	}
	return s
}

// latexLabel keeps only characters safe in a \label key.
func latexLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r == '-' || r == ':' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}
