package report_test

import (
	"errors"
	"math"
	"testing"

	"github.com/econb/econb/lib/report"
)

// fromPublished builds models that reproduce table 1's published numbers,
// shifted by offset[col] on every coefficient, with p-values chosen inside
// the published star band (so stars agree unless a test changes them).
func fromPublished(pt *report.PublishedTable, offset []float64) []report.Fitted {
	pStars := []float64{0.5, 0.07, 0.03, 0.001} // a p in each star band
	names := map[string]string{"SAGG": "sagg", "STR": "str", "GOV": "gov", "PGDP": "pgdp", "FDI": "fdi", "H": "h", "ROAD": "road", "POP": "pop"}
	var out []report.Fitted
	for j := range pt.Columns {
		f := fake{title: "model", dep: "tfp", fe: []string{"city", "year"}}
		for _, r := range pt.Rows {
			c := r.Cells[j]
			b := c.Coef.Value + offset[j]
			f.coefs = append(f.coefs, report.Coef{Name: names[r.Name], B: b, T: c.T.Value, SE: b / c.T.Value, P: pStars[c.Stars]})
		}
		get := func(code string) float64 {
			for _, s := range pt.Stats {
				if s.Code == code {
					return s.Values[j].Value
				}
			}
			return math.NaN()
		}
		f.stats = []report.Stat{
			{Code: "kp_lm", Value: get("kp_lm"), P: get("kp_lm_p")},
			{Code: "kp_f", Value: get("kp_f"), P: math.NaN()},
			{Code: "hansen_j", Value: get("hansen_j"), P: get("hansen_j_p")},
			{Code: "n", Value: get("n"), P: math.NaN()},
			// r2 left out: Compare must report it as missing, not drop it.
		}
		out = append(out, f)
	}
	return out
}

func TestCompare(t *testing.T) {
	pt := loadPaper(t, "1")
	// Column 1 off by 0.0004 (within half a unit of 0.001), column 2 by
	// 0.0006 (outside); the others exact.
	offsets := []float64{0.0004, 0.0006, 0, 0, 0, 0}
	models := fromPublished(pt, offsets)
	cmp, err := report.Compare(pt, models, report.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	within, total := cmp.Within()
	// 6 columns x (8 rows x {coef, t, stars} + 7 stat cells) = 186 cells.
	// Outside: column 2's 8 coefficients and the 6 missing R².
	if total != 186 || within != 186-8-6 {
		t.Errorf("within %d of %d, want %d of 186", within, total, 186-8-6)
	}
	for _, c := range cmp.Outside() {
		switch {
		case c.What == "coef" && c.Column == 1:
		case c.Row == "r2" && c.Note == "model "+string(rune('1'+c.Column))+" does not report r2":
		default:
			t.Errorf("unexpected cell outside: %+v", c)
		}
	}
	golden(t, "compare_table1.txt", cmp.String())
	golden(t, "compare_table1.csv", cmp.CSV())
	side := cmp.SideBySide()
	if err := side.Validate(); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare_table1_side.txt", side.String())
	golden(t, "compare_table1_side.html", side.HTML())
	golden(t, "compare_table1_side.tex", side.LaTeX())

	// Labels map our names to the published rows; a star mismatch shows.
	m := fromPublished(pt, make([]float64, 6))
	f := m[0].(fake)
	f.coefs[0].Name = "sagg_total"
	f.coefs[0].P = 0.2 // no star; the paper prints 0.050**
	m[0] = f
	cmp, err = report.Compare(pt, m, report.CompareOptions{Labels: map[string]string{"sagg_total": "SAGG"}})
	if err != nil {
		t.Fatal(err)
	}
	c := cmp.Cells[2]
	if c.Row != "SAGG" || c.What != "stars" || c.Within || c.Ours != 0 || c.Published != 2 {
		t.Errorf("stars cell = %+v", c)
	}
	if !cmp.Cells[0].Within {
		t.Errorf("relabelled coefficient not matched: %+v", cmp.Cells[0])
	}

	if _, err := report.Compare(pt, m[:5], report.CompareOptions{}); !errors.Is(err, report.ErrOptions) ||
		err.Error() != "report: bad table options: table 1 has 6 columns but 5 models were given" {
		t.Errorf("err = %v", err)
	}
}

// TestCompareBoundary checks the precision rule on the printed decimals.
func TestCompareBoundary(t *testing.T) {
	pt := loadPaper(t, "3") // ROAD TE printed -0.0004: 4 decimals
	for _, tc := range []struct {
		off  float64
		want bool
	}{{0.00004, true}, {0.00006, false}} {
		models := fromPublished(pt, []float64{tc.off, 0, 0, 0, 0, 0})
		cmp, err := report.Compare(pt, models, report.CompareOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cmp.Cells {
			if c.Column == 0 && c.Row == "ROAD" && c.What == "coef" {
				if c.Decimals != 4 || c.Within != tc.want {
					t.Errorf("offset %g: decimals %d within %v, want 4 and %v", tc.off, c.Decimals, c.Within, tc.want)
				}
			}
		}
	}
}
