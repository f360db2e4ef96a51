package paper_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/report"
)

// printed returns the printed text of table id ("1", "2", "3") from
// testdata/printed_tables.md, the paper's text the transcription comes
// from: the lines from its "Table <id>" caption (or, for Table 2, whose
// caption the conversion put mid-table, from its header line) to the
// next table.
func printed(t *testing.T, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "printed_tables.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := map[string]string{"1": "Table 1 estimation", "2": "Variable\tEast", "3": "Table 3 Path"}[id]
	end := map[string]string{"1": "Variable\tEast", "2": "Table 3 Path", "3": "\x00"}[id]
	s := string(b)
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("printed_tables.md has no %q", start)
	}
	s = s[i:]
	if j := strings.Index(s, end); j > 0 {
		s = s[:j]
	}
	return s
}

// hasField reports whether text has s as a tab-separated field.
func hasField(text, s string) bool {
	for _, line := range strings.Split(text, "\n") {
		for _, f := range strings.Split(line, "\t") {
			if strings.TrimSpace(f) == s {
				return true
			}
		}
	}
	return false
}

// TestPrintedCells lays the published tables out with report and checks
// cells against the paper's printed text (testdata/printed_tables.md, an
// excerpt of shared/paper/chen-producer-services-tfp.md): the rendered
// cell must be the printed one, exactly.
func TestPrintedCells(t *testing.T) {
	pub, err := paper.Published()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		table, row string
		col        int
		sub        bool
		want       string
		printedAs  string // when the printed text differs (an OCR slip fixed in tables.json)
	}{
		{"1", "SAGG", 1, false, "0.050**", ""}, // Table 1, 2SLS total sample
		{"1", "SAGG", 1, true, "(2.56)", ""},   // its t
		{"1", "SAGG", 4, false, "0.050***", ""},
		{"1", "GOV", 3, false, "-0.090*", ""},
		{"1", "H", 5, false, "1.130**", ""},
		{"1", "Hansen J statistic", 4, true, "[0.9490]", ""},
		{"1", "Kleibergen-Paap rk LM statistic", 4, false, "217.220", ""},
		{"1", "Kleibergen-Paap rk LM statistic", 4, true, "[0.000]", ""},
		{"1", "N", 1, false, "3393", ""},
		{"1", "R²", 2, false, "0.888", ""},
		{"1", "Year", 1, false, "Y", ""},
		{"2", "SAGG", 1, false, "0.068***", ""},
		{"2", "SAGG", 4, false, "-0.010", ""},
		{"2", "SAGG", 4, true, "(-0.98)", ""},
		{"2", "SAGG", 6, false, "-0.012", ""},
		{"3", "ROAD", 1, false, "-0.0004", ""}, // Table 3, TE total sample: 4 decimals
		{"3", "ROAD", 4, false, "-0.006***", ""},
		{"3", "FDI", 5, true, "(-2.85)", "(2.85)"}, // sign restored (tables.json ocr_fixes)
	}
	for _, tc := range tests {
		pt, err := pub.Table(tc.table)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := pt.Regression(report.RegOptions{FE: []string{"year", "city"}})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for i, r := range tab.Rows {
			if r.Cells[0].Text == tc.row {
				if tc.sub {
					r = tab.Rows[i+1]
				}
				got = r.Cells[tc.col].String()
				break
			}
		}
		if got != tc.want {
			t.Errorf("table %s, %s col %d (sub %v) = %q, want %q", tc.table, tc.row, tc.col, tc.sub, got, tc.want)
		}
		p := tc.want
		if tc.printedAs != "" {
			p = tc.printedAs
		}
		if !hasField(printed(t, tc.table), p) {
			t.Errorf("table %s: %q is not printed in the paper's table (testdata/printed_tables.md)", tc.table, p)
		}
	}
}

// The published tables: three tables of six columns, eight variables and
// seven statistic rows each, the descriptors the lookups use, and the
// paper's header names.
func TestPublished(t *testing.T) {
	pub, err := paper.Published()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2", "3"} {
		pt, err := pub.Table(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(pt.Columns) != 6 || len(pt.Rows) != 8 || len(pt.Stats) != 7 || pt.Labels["gmm2s"] != "IV-GMM" {
			t.Errorf("table %s: %d columns, %d rows, %d stats, labels %v", id, len(pt.Columns), len(pt.Rows), len(pt.Stats), pt.Labels != nil)
		}
	}
	// A fresh copy each time: changing one does not change the next.
	pt, _ := pub.Table("1")
	pt.Rows[0].Cells[0].Coef.Value = 99
	again, _ := paper.Published()
	if pt2, _ := again.Table("1"); pt2.Rows[0].Cells[0].Coef.Value != 0.050 {
		t.Error("Published shares its tables between calls")
	}
}

// Column and Coef find printed numbers by descriptors (expected values:
// the printed text, testdata/printed_tables.md).
func TestLookup(t *testing.T) {
	tests := []struct {
		table string
		want  map[string]string
		row   string
		col   int
		coef  float64
	}{
		{"1", map[string]string{"estimator": "gmm2s", "sagg": "high"}, "H", 5, 1.130},
		{"1", map[string]string{"estimator": "2sls", "sagg": "low"}, "SAGG", 3, 0.003},
		{"2", map[string]string{"region": "east", "sagg": "high"}, "SAGG", 1, 0.068},
		{"2", map[string]string{"region": "west", "sagg": "low"}, "SAGG", 6, -0.012},
		{"3", map[string]string{"depvar": "ec", "sagg": "total"}, "SAGG", 4, 0.114},
	}
	for _, tc := range tests {
		c, err := paper.Column(tc.table, tc.want)
		if err != nil || c != tc.col {
			t.Errorf("Column(%s, %v) = %d, %v; want %d", tc.table, tc.want, c, err, tc.col)
			continue
		}
		if v, err := paper.Coef(tc.table, c, tc.row); err != nil || v != tc.coef {
			t.Errorf("Coef(%s, %d, %s) = %v, %v; want %v", tc.table, c, tc.row, v, err, tc.coef)
		}
		if v := paper.MustCoef(tc.table, tc.want, tc.row); v != tc.coef {
			t.Errorf("MustCoef(%s, %v, %s) = %v, want %v", tc.table, tc.want, tc.row, v, tc.coef)
		}
	}
	errs := []struct {
		err  error
		want string
	}{
		{func() error { _, err := paper.Column("1", map[string]string{"sagg": "high"}); return err }(), "columns 2 and 5 both match"},
		{func() error { _, err := paper.Column("2", map[string]string{"region": "north"}); return err }(), "table 2 has no column map[region:north]"},
		{func() error { _, err := paper.Column("4", nil); return err }(), `no table "4"`},
		{func() error { _, err := paper.Coef("1", 7, "SAGG"); return err }(), "table 1 has columns 1-6, not 7"},
		{func() error { _, err := paper.Coef("1", 1, "CTD"); return err }(), `table 1 has no row "CTD" (rows: SAGG, STR, GOV, PGDP, FDI, H, ROAD, POP)`},
	}
	for _, e := range errs {
		if e.err == nil || !strings.Contains(e.err.Error(), e.want) {
			t.Errorf("err = %v, want one containing %q", e.err, e.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustCoef of a missing column does not panic")
		}
	}()
	paper.MustCoef("2", map[string]string{"region": "north"}, "SAGG")
}
