package chen

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/ivgmm"
)

// The frame has one row per city-year, the paper's columns, and the
// cumulative levels equal exactly 1 in the first year for every city
// (issue 7's test; the cumulated index starts at 1 by definition).
func TestFrame(t *testing.T) {
	d := synthetic(t)
	fr, err := d.Frame(National)
	if err != nil {
		t.Fatal(err)
	}
	if fr.Len() != 261*15 {
		t.Fatalf("%d rows, want 261 cities × 15 years = 3915", fr.Len())
	}
	want := append(append(append(append(append([]string{"city", "province", "region", "year"}, LevelColumns...),
		"sagg_total", "sagg_high", "sagg_low"), ControlColumns...), DEAColumns...), "tfp_true")
	if got := fr.Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("columns %v, want %v", got, want)
	}
	year, _ := fr.Float("year")
	for _, name := range LevelColumns {
		x, err := fr.Float(name)
		if err != nil {
			t.Fatal(err)
		}
		for k := range x {
			if year[k] == 2003 && x[k] != 1 {
				t.Fatalf("%s of row %d in 2003 is %v, want exactly 1", name, k, x[k])
			}
			if !(x[k] > 0) {
				t.Fatalf("%s of row %d is %v", name, k, x[k])
			}
		}
	}
	// TFP = TC · EC (Malmquist decomposition, cumulated).
	for k := range d.TFP {
		if math.Abs(d.TFP[k]-d.TC[k]*d.EC[k]) > 1e-12*d.TFP[k] {
			t.Fatalf("row %d: TFP %v ≠ TC·EC %v", k, d.TFP[k], d.TC[k]*d.EC[k])
		}
	}
	df, err := d.DataFrame("east")
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 101*15 || df.Ncol() != len(want) {
		t.Errorf("east DataFrame %d×%d, want %d×%d", df.Nrow(), df.Ncol(), 101*15, len(want))
	}
	if _, err := d.Frame("north"); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "north") {
		t.Errorf("Frame(north): %v, want ErrInput naming the region", err)
	}
}

// The paper's sample sizes (tables.json conventions): two lags leave
// 2005-2017, 3393 observations nationally, East 1313, Central 1287, West
// 793; FE-OLS is fitted on the same sample.
func TestSampleSizes(t *testing.T) {
	d := synthetic(t)
	want := map[string]int{National: 3393, "east": 1313, "central": 1287, "west": 793}
	cities := map[string]int{National: 261, "east": 101, "central": 99, "west": 61}
	for region, n := range want {
		s := Spec{Estimator: ivgmm.GMM2S, Region: region, Group: "high", DepVar: "tfp"}
		for _, e := range []ivgmm.Estimator{ivgmm.GMM2S, ivgmm.OLS} {
			s.Estimator = e
			r, err := d.Fit(s, ivgmm.Options{VCE: ivgmm.ClusterBy("city")})
			if err != nil {
				t.Fatal(err)
			}
			if r.N != n || r.NClusters != cities[region] {
				t.Errorf("%s %v: N %d, clusters %d; want %d, %d", region, e, r.N, r.NClusters, n, cities[region])
			}
		}
	}
	if _, err := d.Fit(Spec{Estimator: ivgmm.GMM2S, Region: National, Group: "mid", DepVar: "tfp"}, ivgmm.Options{}); !errors.Is(err, ErrInput) {
		t.Errorf("group mid: %v, want ErrInput", err)
	}
}

// Estimates carry the paper's printed SAGG numbers (tables.json).
func TestEstimatesPaper(t *testing.T) {
	d := synthetic(t)
	tr, err := LoadTruth(dataDir + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	es, err := d.Recover([]Spec{Table1[1], Table2[3], Table3[3]}, tr, ivgmm.Options{VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	// tables.json: Table 1 col 2 SAGG 0.058 (4.38); Table 2 col 4 -0.010 (-0.86); Table 3 col 4 0.114 (3.85).
	wantPaper := []float64{0.058, -0.010, 0.114}
	for i, e := range es {
		if e.Paper != wantPaper[i] {
			t.Errorf("%s: paper %v, want %v", e.Spec.Label(), e.Paper, wantPaper[i])
		}
		if e.T != e.Coef/e.SE {
			t.Errorf("%s: t %v ≠ coef/se", e.Spec.Label(), e.T)
		}
	}
	if math.IsNaN(es[0].Truth) || math.IsNaN(es[1].Truth) || !math.IsNaN(es[2].Truth) {
		t.Errorf("truths %v %v %v: want Tables 1-2 only", es[0].Truth, es[1].Truth, es[2].Truth)
	}
	tb, err := EstimateTable(es, "SAGG")
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Error(err)
	}
}

func TestAddTrueTFPErrors(t *testing.T) {
	d := synthetic(t)
	cp := *d
	dir := t.TempDir()
	tests := []struct{ name, body, want string }{
		{"header", "a,b,c\n", "city,year,tfp"},
		{"short", "city,year,tfp,eps\nC001,2003,1,0\n", "1 TFP rows for 3915"},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.name+".csv")
		os.WriteFile(p, []byte(tc.body), 0o644)
		if err := cp.AddTrueTFP(p); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want ErrInput containing %q", tc.name, err, tc.want)
		}
	}
	// A row out of order names the line and both city-years.
	b, _ := os.ReadFile(dataDir + "synth_cities_tfp.csv")
	lines := strings.SplitN(string(b), "\n", 4)
	lines[1], lines[2] = lines[2], lines[1]
	p := filepath.Join(dir, "swapped.csv")
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	if err := cp.AddTrueTFP(p); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("swapped rows: %v, want ErrInput naming line 2", err)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none.csv"), Options{}); err == nil {
		t.Error("a missing panel loads")
	}
	p := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(p, []byte("city,year\nA,2003\n"), 0o644)
	if _, err := Load(p, Options{}); err == nil || !strings.Contains(err.Error(), "bad.csv") {
		t.Errorf("a bad header: %v, want an error naming the file", err)
	}
}

// The gota DataFrame gives the same fit as the lib/frame path Fit uses
// (ivgmm.FitFormula vs ivgmm.FitFrame on the same columns).
func TestDataFrameFit(t *testing.T) {
	d := synthetic(t)
	s := Table2[0]
	opt := ivgmm.Options{Estimator: s.Estimator, VCE: ivgmm.ClusterBy("city"), Panel: ivgmm.PanelBy("city", "year")}
	want, err := d.Fit(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	df, err := d.DataFrame(s.Region)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ivgmm.FitFormula(s.Formula(), df, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got.N != want.N || got.Coef[0] != want.Coef[0] || got.SE[0] != want.SE[0] {
		t.Errorf("gota path: N %d SAGG %v (%v); frame path: N %d SAGG %v (%v)", got.N, got.Coef[0], got.SE[0], want.N, want.Coef[0], want.SE[0])
	}
}
