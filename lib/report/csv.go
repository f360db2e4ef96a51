package report

import (
	"bytes"
	"encoding/csv"
)

// CSV writes the table as comma-separated values: the header rows first (a
// span's text in its first column, the columns it covers left empty), then
// one record per body row with cells as printed (stars included). Caption
// and notes are left out so that the file stays a rectangle.
func (t *Table) CSV() string {
	n := t.NumCols()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, h := range t.Header {
		rec := make([]string, 0, n)
		for _, sp := range headerRow(h, n) {
			rec = append(rec, sp.Text)
			for k := 1; k < sp.Cols; k++ {
				rec = append(rec, "")
			}
		}
		_ = w.Write(rec) // writes to a bytes.Buffer cannot fail
	}
	for _, r := range t.Rows {
		rec := make([]string, n)
		for j := range rec {
			rec[j] = r.cell(j).String()
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.String()
}
