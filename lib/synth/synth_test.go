package synth

import (
	"bytes"
	"flag"
	"math"
	"os"
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
// equation holds exactly: the residual x = TFP − SAGG effects − controls −
// ε is a sum of a city and a year effect, so every double difference
// x_it − x_i0 − x_0t + x_00 is zero (up to rounding, 1e-12).
func TestStructuralEquationExact(t *testing.T) {
	p := generateDefault(t)
	cp, v := loadShipped(t)
	d := p.DGP
	N, T := len(cp.Cities), len(cp.Years)
	if N != 261 || T != 15 || d.Cities != [3]int{101, 99, 61} {
		t.Fatalf("panel %d x %d, regions %v", N, T, d.Cities)
	}
	res := make([]float64, N*T)
	for k := range res {
		r := d.RegionOf(k / T)
		x := p.TFP[k] - d.BetaHigh[r]*v.SAGGHigh[k] - d.BetaLow[r]*v.SAGGLow[k] - p.Eps[k]
		for j, c := range v.Controls[k].Slice() {
			x -= d.BetaControls[j] * c
		}
		res[k] = x
	}
	worst := 0.0
	for i := 0; i < N; i++ {
		for tt := 0; tt < T; tt++ {
			dd := res[i*T+tt] - res[i*T] - res[tt] + res[0]
			worst = math.Max(worst, math.Abs(dd))
		}
	}
	if worst > 1e-12 {
		t.Errorf("TFP equation residual is not a city plus a year effect: largest double difference %g, want < 1e-12", worst)
	}
}

// The DGP's structural coefficients are the paper's printed IV-GMM
// estimates, read from lib/chen/paper. Expected: the printed text, Table 2
// SAGG row and Table 1 column 5 (lib/chen/paper/testdata/printed_tables.md).
func TestDefaultIsPrinted(t *testing.T) {
	d := Default()
	want := DGP{
		BetaHigh:     [3]float64{0.068, 0.032, 0.044},
		BetaLow:      [3]float64{0.027, -0.010, -0.012},
		BetaControls: [7]float64{0.024, -0.094, 0.004, -0.246, 1.130, -0.003, 0.128},
	}
	if d.BetaHigh != want.BetaHigh || d.BetaLow != want.BetaLow || d.BetaControls != want.BetaControls {
		t.Errorf("structural coefficients high %v low %v controls %v; want %v %v %v",
			d.BetaHigh, d.BetaLow, d.BetaControls, want.BetaHigh, want.BetaLow, want.BetaControls)
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

// The measurement-error knobs perturb only the recorded DEA variables:
// with NoiseOutput and NoiseCapital the true TFP, the shocks and every
// other column equal the noiseless panel's; the recorded real output and
// investment deviate from the true ones by log errors of about the sd
// asked (sample sd within 10 % over 3915 city-years); NoiseLabour moves
// emp_total alone among the employment columns. SO2 follows the true
// output, capital and labour, so the output and capital errors leave it
// alone (the labour error moves the location quotients, hence TFP and
// output, hence SO2). Zero noise is the shipped
// panel (TestReproducesShippedFiles).
func TestMeasurementError(t *testing.T) {
	base := generateDefault(t)
	d := Default()
	d.NoiseOutput, d.NoiseCapital = 0.05, 0.08
	p, err := Generate(d, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	T := d.Years
	var ey, ek []float64
	for k := range p.Records {
		if p.TFP[k] != base.TFP[k] || p.Eps[k] != base.Eps[k] {
			t.Fatalf("row %d: true TFP or shock changed by measurement error", k)
		}
		a, b := p.Records[k], base.Records[k]
		if a.GDP != b.GDP || a.EmpTotal != b.EmpTotal || a.Pop != b.Pop || a.FAIPriceIndex != b.FAIPriceIndex || a.SO2 != b.SO2 {
			t.Fatalf("row %d: a column without measurement error changed", k)
		}
		ek = append(ek, math.Log(a.FAI/b.FAI))
		if k%T > 0 {
			// recorded level over true level: chained index ratio.
			ey = append(ey, math.Log(a.GDPIndex/b.GDPIndex))
		}
	}
	sd := func(x []float64) float64 {
		m, s := 0.0, 0.0
		for _, v := range x {
			m += v / float64(len(x))
		}
		for _, v := range x {
			s += (v - m) * (v - m)
		}
		return math.Sqrt(s / float64(len(x)-1))
	}
	// The index ratio is exp(u_t − u_{t−1}) (u_0 = 0): sd √2·0.05, except
	// in the second year (0.05).
	if got := sd(ey); math.Abs(got/(0.05*math.Sqrt2)-1) > 0.1 {
		t.Errorf("log error of the recorded output growth: sd %.4f, want about %.4f", got, 0.05*math.Sqrt2)
	}
	if got := sd(ek); math.Abs(got/0.08-1) > 0.1 {
		t.Errorf("log error of the recorded investment: sd %.4f, want about 0.08", got)
	}
	d = Default()
	d.NoiseLabour = 0.05
	q, err := Generate(d, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	var el []float64
	for k := range q.Records {
		a, b := q.Records[k], base.Records[k]
		if a.EmpICT != b.EmpICT || a.EmpTransport != b.EmpTransport || a.FAI != b.FAI {
			t.Fatalf("row %d: labour noise changed another column", k)
		}
		el = append(el, math.Log(a.EmpTotal/b.EmpTotal))
	}
	if got := sd(el); math.Abs(got/0.05-1) > 0.1 {
		t.Errorf("log error of the recorded employment: sd %.4f, want about 0.05", got)
	}
	d.NoiseLabour = -1
	if _, err := Generate(d, DefaultSeed); err == nil {
		t.Error("a negative noise sd is accepted")
	}
}

// Panel size: a longer panel extends the shorter one (every draw is a
// function of city and year), so its first 15 years are the shipped panel;
// sizes out of range are errors.
func TestPanelSize(t *testing.T) {
	base := generateDefault(t)
	d := Default()
	d.Years = 20
	p, err := Generate(d, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < d.N(); i++ {
		for tt := 0; tt < 15; tt++ {
			a, b := p.Records[i*20+tt], base.Records[i*15+tt]
			if a != b || p.TFP[i*20+tt] != base.TFP[i*15+tt] {
				t.Fatalf("city %d year %d of a 20-year panel differs from the 15-year panel", i, tt)
			}
		}
	}
	if last := p.Records[19]; last.Year != 2022 || last.USDCNY != 6.7518 {
		t.Errorf("year 20: %d, usd_cny %v; want 2022 and the last rate held", last.Year, last.USDCNY)
	}
	for _, bad := range []DGP{{Cities: [3]int{101, 99, 61}, Years: 2}, {Cities: [3]int{101, 99, 61}, Years: MaxYears + 1}, {Cities: [3]int{1, 0, 0}, Years: 15}} {
		b := Default()
		b.Cities, b.Years = bad.Cities, bad.Years
		if _, err := Generate(b, 1); err == nil {
			t.Errorf("cities %v, %d years: no error", bad.Cities, bad.Years)
		}
	}
}
