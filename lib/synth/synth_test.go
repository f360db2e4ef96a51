package synth

import (
	"bytes"
	"encoding/csv"
	"flag"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/econb/econb/lib/citypanel"
)

const shipped = "../../notebooks/data/"

// update rewrites the shipped files instead of comparing with them:
// go test ./lib/synth -run Reproduces -update
var update = flag.Bool("update", false, "rewrite notebooks/data/synth_* from the generator")

func generateDefault(t *testing.T) *Panel {
	t.Helper()
	p, err := Generate(Default(), DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The shipped CSVs are exactly what the generator writes for the default
// seed.
func TestReproducesShippedFiles(t *testing.T) {
	p := generateDefault(t)
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"synth_cities.csv", func(b *bytes.Buffer) error { return citypanel.Write(b, p.Records) }},
		{"synth_cities_tfp.csv", func(b *bytes.Buffer) error { return WriteTFP(b, p) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(shipped+f.name, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(shipped + f.name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: generator output (%d bytes) differs from the shipped file (%d bytes); regenerate with `econb synth`", f.name, b.Len(), len(want))
		}
	}
	q, _ := Generate(Default(), DefaultSeed+1)
	if q.Records[0].GDP == p.Records[0].GDP {
		t.Error("another seed gave the same first GDP")
	}
}

// The truth file is what Truth computes (slow: a 10,440-city panel).
func TestReproducesShippedTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("implied national coefficients take a 40x panel")
	}
	rows, err := Truth(Default())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTruthCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	if *update {
		var j bytes.Buffer
		if err := WriteTruthJSON(&j, Default(), DefaultSeed, rows); err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{"synth_truth.csv": b.Bytes(), "synth_truth.json": j.Bytes()} {
			if err := os.WriteFile(shipped+name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want, _ := os.ReadFile(shipped + "synth_truth.csv")
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("synth_truth.csv differs from Truth():\n%s", b.String())
	}
}

func loadShipped(t *testing.T) (*citypanel.Panel, *citypanel.Vars) {
	t.Helper()
	f, err := os.Open(shipped + "synth_cities.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cp, err := citypanel.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	v, err := citypanel.Build(cp, citypanel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cp, v
}

// With the variables built from the CSV by citypanel, the DGP's TFP
// equation holds exactly: TFP − SAGG effects − controls − ε is a sum of a
// city and a year effect, so its two-way within transform is zero (up to
// rounding, 1e-12).
func TestStructuralEquationExact(t *testing.T) {
	p := generateDefault(t)
	cp, v := loadShipped(t)
	d := p.DGP
	N, T := len(cp.Cities), len(cp.Years)
	if N != 261 || T != 15 || d.Cities != [3]int{101, 99, 61} {
		t.Fatalf("panel %d x %d, regions %v", N, T, d.Cities)
	}
	// The first year is normalised (TFP = 1), so use years 2..T of the
	// equation with the city effect; the first year satisfies it too.
	res := make([]float64, N*T)
	id := make([]int, N*T)
	tm := make([]int, N*T)
	for k := range res {
		r := d.RegionOf(k / T)
		x := p.TFP[k] - d.BetaHigh[r]*v.SAGGHigh[k] - d.BetaLow[r]*v.SAGGLow[k] - p.Eps[k]
		for j, c := range v.Controls[k].Slice() {
			x -= d.BetaControls[j] * c
		}
		res[k], id[k], tm[k] = x, k/T, k%T
	}
	worst := 0.0
	for _, e := range demean2(res, id, tm, N, T) {
		worst = math.Max(worst, math.Abs(e))
	}
	if worst > 1e-12 {
		t.Errorf("TFP equation residual after removing city and year effects: max %g, want < 1e-12", worst)
	}
}

// Output = A_i0 · TFP · K^α L^(1-α): the TFP implied by the CSV's real GDP
// (chained gdp_index, 3 decimals), capital stock and labour matches the
// true TFP within the rounding of the index (≤ 15 × 5e-6 relative).
func TestProductionFunction(t *testing.T) {
	p := generateDefault(t)
	cp, v := loadShipped(t)
	T := len(cp.Years)
	d := p.DGP
	worst := 0.0
	for i := range cp.Cities {
		a := func(k int) float64 {
			return v.RealGDP[k] / (math.Pow(v.K[k], d.Alpha) * math.Pow(v.L[k], 1-d.Alpha))
		}
		a0 := a(i * T)
		for t := 0; t < T; t++ {
			k := i*T + t
			worst = math.Max(worst, math.Abs(a(k)/a0/p.TFP[k]-1))
		}
	}
	if worst > 15*5e-6 {
		t.Errorf("implied TFP deviates from the truth by %g (relative), want ≤ 7.5e-5", worst)
	}
}

type truthKey struct{ region, group string }

func readTruth(t *testing.T) map[truthKey]float64 {
	f, err := os.Open(shipped + "synth_truth.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := map[truthKey]float64{}
	for _, r := range rows[1:] {
		if r[4] != "SAGG" {
			continue
		}
		v, _ := strconv.ParseFloat(r[6], 64)
		m[truthKey{r[2], r[3]}] = v
	}
	return m
}

// The paper's design on the default panel with the TRUE TFP: FE-2SLS
// (instruments: lags 1-2 of the index) recovers the DGP's SAGG coefficients
// of Table 1 (implied national values, synth_truth.csv) and Table 2
// (structural) within two standard errors; FE-OLS is biased upwards by the
// endogenous agglomeration (more than 3 SEs nationally).
func TestRecovery(t *testing.T) {
	p := generateDefault(t)
	cp, v := loadShipped(t)
	truth := readTruth(t)
	N, T := len(cp.Cities), len(cp.Years)
	specs := []truthKey{{"national", "total"}, {"national", "high"}, {"national", "low"},
		{"east", "high"}, {"east", "low"}, {"central", "high"}, {"central", "low"}, {"west", "high"}, {"west", "low"}}
	t.Logf("%-9s %-5s %8s | %8s %7s %6s | %8s %7s %6s", "sample", "index", "truth", "FE-2SLS", "se", "z", "FE-OLS", "se", "z")
	for _, s := range specs {
		reg := s.region
		if reg == "national" {
			reg = ""
		}
		want, ok := truth[s]
		if !ok {
			t.Fatalf("no truth for %v", s)
		}
		iv, err := Fit(v, p.TFP, N, T, Spec{Group: s.group, Region: reg, IV: true})
		if err != nil {
			t.Fatal(err)
		}
		ols, err := Fit(v, p.TFP, N, T, Spec{Group: s.group, Region: reg})
		if err != nil {
			t.Fatal(err)
		}
		ziv, zols := (iv.Coef-want)/iv.SE, (ols.Coef-want)/ols.SE
		t.Logf("%-9s %-5s %8.4f | %8.4f %7.4f %6.2f | %8.4f %7.4f %6.2f", s.region, s.group, want, iv.Coef, iv.SE, ziv, ols.Coef, ols.SE, zols)
		if math.Abs(ziv) > 2 {
			t.Errorf("%v: FE-2SLS %.4f is %.2f SEs from the truth %.4f", s, iv.Coef, ziv, want)
		}
		if s.region == "national" && zols < 3 {
			t.Errorf("%v: FE-OLS %.4f only %.2f SEs above the truth %.4f; the DGP should make it visibly biased", s, ols.Coef, zols, want)
		}
	}
}
