package report

import (
	"fmt"
	"math"
	"strings"
)

// Summary lays one fitted model out as a coefficient table (estimate,
// standard error, t, p) with its statistics as notes: what an estimator's
// String method can return, so that fmt.Println(res) prints a summary.
func Summary(m Fitted) *Table {
	caption := fmt.Sprintf("%s estimation - Dep. var.: %s", m.ReportTitle(), m.ReportDepVar())
	if fe := m.ReportFE(); len(fe) > 0 {
		caption += " - Fixed effects: " + strings.Join(fe, ", ")
	}
	t := New(caption, "Variable", "Coef.", "Std. err.", "t", "P>|t|")
	t.Align = []Align{AlignLeft, AlignRight, AlignRight, AlignRight, AlignRight}
	for _, c := range m.ReportCoefs() {
		t.AddRow(c.Name,
			Cell{Text: FormatCoef(c.B, 6), Sup: DefaultStars.Mark(DefaultStars.Count(c.P))},
			C(Missing(FormatCoef(c.SE, 6))), C(Missing(Fixed(c.T, 2))), C(Missing(Fixed(c.P, 4))))
	}
	for _, s := range m.ReportStats() {
		f, known := LookupStat(s.Code)
		label := s.Label
		if label == "" || known && s.Code != "r2" && s.Code != "n" {
			label = f.Label
		}
		line := label + ": " + f.value(s.Value)
		if !math.IsNaN(s.P) {
			line += fmt.Sprintf(" (%s, p = %s)", dfText(s), Fixed(s.P, 4))
		}
		t.Notes = append(t.Notes, line)
	}
	t.Notes = append(t.Notes, DefaultStars.Note())
	return t
}

// dfText names a test's reference distribution: "Chi-sq(2)" or "F(2, 100)".
func dfText(s Stat) string {
	switch {
	case s.DF2 > 0:
		return fmt.Sprintf("F(%d, %d)", s.DF, s.DF2)
	case s.DF > 0:
		return fmt.Sprintf("Chi-sq(%d)", s.DF)
	}
	return "p-value"
}
