package chen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
)

const dataDir = "../../notebooks/data/"

var (
	loadOnce sync.Once
	shared   *Data
	loadErr  error
)

// synthetic returns the shipped synthetic panel through the pipeline,
// with its true TFP (loaded once; tests must not modify it).
func synthetic(t *testing.T) *Data {
	t.Helper()
	loadOnce.Do(func() {
		shared, loadErr = Load(dataDir+"synth_cities.csv", Options{})
		if loadErr == nil {
			loadErr = shared.AddTrueTFP(dataDir + "synth_cities_tfp.csv")
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return shared
}

func TestSpecs(t *testing.T) {
	tests := []struct {
		table   string
		col     int
		label   string
		formula string
		stata   string
	}{
		{"1", 1, "2SLS / Total sample", "tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_total ~ l(sagg_total, 1:2)",
			"xtivreg2 tfp str gov pgdp fdi h road pop i.year (sagg_total = L.sagg_total L2.sagg_total), fe robust"},
		{"1", 5, "IV-GMM / High-end", "tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_high ~ l(sagg_high, 1:2)",
			"xtivreg2 tfp str gov pgdp fdi h road pop i.year (sagg_high = L.sagg_high L2.sagg_high), fe robust gmm2s"},
		{"2", 4, "Central / Low-end", "tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_low ~ l(sagg_low, 1:2)",
			`xtivreg2 tfp str gov pgdp fdi h road pop i.year (sagg_low = L.sagg_low L2.sagg_low) if region == "central", fe robust gmm2s`},
		{"3", 1, "TE / Total sample", "tc ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_total ~ l(sagg_total, 1:2)", ""},
		{"3", 5, "EC / High-end", "ec ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg_high ~ l(sagg_high, 1:2)", ""},
	}
	for _, tc := range tests {
		ss, err := Specs(tc.table)
		if err != nil {
			t.Fatal(err)
		}
		s := ss[tc.col-1]
		if s.Column != tc.col || s.Table != tc.table {
			t.Errorf("table %s column %d: spec says table %s column %d", tc.table, tc.col, s.Table, s.Column)
		}
		if got := s.Label(); got != tc.label {
			t.Errorf("table %s column %d: label %q, want %q", tc.table, tc.col, got, tc.label)
		}
		if got := s.Formula(); got != tc.formula {
			t.Errorf("table %s column %d: formula\n%s\nwant\n%s", tc.table, tc.col, got, tc.formula)
		}
		if got := s.Stata(ivgmm.Robust()); tc.stata != "" && got != tc.stata {
			t.Errorf("table %s column %d: Stata\n%s\nwant\n%s", tc.table, tc.col, got, tc.stata)
		}
	}
	if _, err := Specs("4"); !errors.Is(err, ErrInput) {
		t.Errorf("Specs(4): %v, want ErrInput", err)
	}
}

// The specs are the paper's columns: each matches the descriptors of the
// published tables (lib/chen/paper).
func TestSpecsMatchPublished(t *testing.T) {
	pub, err := Published()
	if err != nil {
		t.Fatal(err)
	}
	est := map[ivgmm.Estimator]string{ivgmm.TSLS: "2sls", ivgmm.GMM2S: "gmm2s"}
	for _, id := range []string{"1", "2", "3"} {
		pt, err := pub.Table(id)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := Specs(id)
		if len(ss) != len(pt.Columns) {
			t.Fatalf("table %s: %d specs, %d published columns", id, len(ss), len(pt.Columns))
		}
		for c, s := range ss {
			d := pt.Columns[c]
			region, dep := d["region"], d["depvar"]
			if region == "" {
				region = National
			}
			if dep == "" {
				dep = "tfp"
			}
			if d["estimator"] != est[s.Estimator] || d["sagg"] != s.Group || region != s.Region || dep != s.DepVar {
				t.Errorf("table %s column %d: spec %+v, published %v", id, c+1, s, d)
			}
		}
	}
}

func TestOutDir(t *testing.T) {
	t.Setenv(EnvOutDir, "/tmp/rep")
	if got := OutDir("tables"); got != "/tmp/rep/tables" {
		t.Errorf("with %s set: %q", EnvOutDir, got)
	}
	t.Setenv(EnvOutDir, "")
	if got := OutDir("figures"); got != filepath.Join("..", "build", "replication", "figures") {
		t.Errorf("from a notebook-like folder: %q", got)
	}
}

func TestSaveTable(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvOutDir, dir)
	tb := report.New("caption", "Variable", "(1)")
	tb.AddStrings("SAGG", "0.050")
	if err := SaveTable(tb, "t1"); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".tex", ".md", ".csv", ".html"} {
		b, err := os.ReadFile(filepath.Join(dir, "tables", "t1"+ext))
		if err != nil || !strings.Contains(string(b), "0.050") {
			t.Errorf("t1%s: %v, content %q", ext, err, b)
		}
	}
}

// FitAll's []*ivgmm.Result goes into report.Regression and report.Compare
// as it is (no conversion to []report.Fitted), with the same table.
func TestReportTakesResults(t *testing.T) {
	d := synthetic(t)
	rs, err := d.FitAll(Table1, ivgmm.Options{VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	ms := make([]report.Fitted, len(rs))
	for i, r := range rs {
		ms[i] = r
	}
	opt := report.RegOptions{Labels: Labels}
	a, err := report.Regression(rs, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Regression(ms, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("[]*ivgmm.Result and []report.Fitted give different tables:\n%s\n%s", a, b)
	}
	pub, err := Published()
	if err != nil {
		t.Fatal(err)
	}
	pt, _ := pub.Table("1")
	ca, err := report.Compare(pt, rs, report.CompareOptions{Labels: Labels})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := report.Compare(pt, ms, report.CompareOptions{Labels: Labels})
	if ca.String() != cb.String() || !strings.HasPrefix(ca.Cells[0].Header, "(1) 2SLS / Total sample") {
		t.Errorf("Compare differs by slice type, or headers lack the paper's labels: %q", ca.Cells[0].Header)
	}
}
