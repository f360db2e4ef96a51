package chen

import (
	"errors"
	"math"
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

// The specs are the paper's columns: each matches the descriptors of
// shared/paper/tables.json (embedded copy).
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

func TestLoadTruth(t *testing.T) {
	tr, err := LoadTruth(dataDir + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	// Expected: notebooks/data/synth_truth.csv (6 decimals, so tolerance 5e-7).
	tests := []struct {
		region, group string
		want          float64
	}{
		{"national", "total", 0.048450}, {"national", "high", 0.059073}, {"national", "low", -0.000923},
		{"east", "high", 0.068}, {"east", "low", 0.027}, {"central", "high", 0.032},
		{"central", "low", -0.010}, {"west", "high", 0.044}, {"west", "low", -0.012},
	}
	for _, tc := range tests {
		got, ok := tr.SAGG(tc.region, tc.group)
		if !ok || math.Abs(got-tc.want) > 5e-7 {
			t.Errorf("SAGG(%s, %s) = %v, %v; want %v", tc.region, tc.group, got, ok, tc.want)
		}
	}
	if tr.Seed != 20240601 || tr.DGP.FirstYear != 2003 || tr.DGP.Years != 15 {
		t.Errorf("seed %d, first year %d, years %d; want 20240601, 2003, 15", tr.Seed, tr.DGP.FirstYear, tr.DGP.Years)
	}
	if _, ok := tr.Of(Table3[0]); ok {
		t.Error("Table 3 (TC) has a truth; the DGP defines none")
	}
	if v, ok := tr.Of(Table1[1]); !ok || v != tr.Rows[1].Truth {
		t.Errorf("Of(Table 1 2SLS high) = %v, %v; want the national high truth %v", v, ok, tr.Rows[1].Truth)
	}
	if _, err := LoadTruth(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("a missing truth file loads")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"seed": 1, "rows": []}`), 0o644)
	if _, err := LoadTruth(bad); !errors.Is(err, ErrInput) {
		t.Errorf("a truth file without rows: %v, want ErrInput", err)
	}
}
