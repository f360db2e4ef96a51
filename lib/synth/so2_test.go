package synth

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/econb/econb/lib/citypanel"
)

// The SO2 process draws from its own streams after everything else:
// without it (SO2.Scale = 0) the written panel is the shipped one without
// its last column, byte for byte — every other column of
// synth_cities.csv is what it was before the column was added — and
// changing any of its parameters moves no other value of the panel.
func TestSO2LeavesOtherColumns(t *testing.T) {
	base := generateDefault(t)
	d := Default()
	d.SO2.Scale = 0
	p, err := Generate(d, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := citypanel.Write(&b, p.Records); err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(shipped + "synth_cities.csv")
	if err != nil {
		t.Fatal(err)
	}
	var cut strings.Builder
	for _, line := range strings.SplitAfter(string(shipped), "\n") {
		if line == "" {
			continue
		}
		cut.WriteString(line[:strings.LastIndexByte(line, ',')] + "\n")
	}
	if b.String() != cut.String() {
		t.Errorf("the panel without SO2 (%d bytes) is not the shipped panel without its so2 column (%d bytes)", b.Len(), cut.Len())
	}
	if p.CityPanel().Has("so2") || !base.CityPanel().Has("so2") {
		t.Error("CityPanel().Has(so2) does not follow SO2.Scale")
	}
	d = Default()
	d.SO2 = Emission{Scale: 3e-6, Region: [3]float64{1, 2, 3}, KRef: 1e5, KL: 0.7, Trend: 0.01, TrendSD: 0.1, Ineff: 2, Rho: -0.5, Sigma: 0.5}
	q, err := Generate(d, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	for k := range q.Records {
		a, b := q.Records[k], base.Records[k]
		if a.SO2 == b.SO2 {
			t.Fatalf("row %d: other SO2 parameters gave the same so2 %v", k, a.SO2)
		}
		a.SO2 = b.SO2
		if a != b || q.TFP[k] != base.TFP[k] || q.Eps[k] != base.Eps[k] || q.Efficiency[k] != base.Efficiency[k] {
			t.Fatalf("row %d: the SO2 parameters changed another column", k)
		}
	}
}

// so2Trends returns, for the shipped panel, each city's abatement trend
// g_i read off the SO2 equation of the package doc with the variables
// built from the CSV (citypanel.Build: real GDP Y, capital K, employment
// L) and the efficiency θ = A/max_j A_jt with A = Y/(K^α L^(1−α)): the
// residual ln so2 − ln(Scale·κ_r·Y·(K/L/KRef)^KL·θ^(−Ineff)) − u_it should
// be g_i·t. It also returns the largest deviation of the residual from
// that line and of θ from Panel.Efficiency (relative).
func so2Trends(t *testing.T) (g []float64, worst, worstTheta float64) {
	t.Helper()
	p := generateDefault(t)
	cp, v := loadShipped(t)
	if !cp.Has("so2") {
		t.Fatal("the shipped panel has no so2 column")
	}
	d, e := p.DGP, p.DGP.SO2
	N, T := len(cp.Cities), len(cp.Years)
	best := make([]float64, T)
	a := make([]float64, N*T)
	for k := range a {
		a[k] = v.RealGDP[k] / (math.Pow(v.K[k], d.Alpha) * math.Pow(v.L[k], 1-d.Alpha))
		best[k%T] = math.Max(best[k%T], a[k])
	}
	for i := 0; i < N; i++ {
		r := d.RegionOf(i)
		res := func(t int) float64 {
			k := i*T + t
			theta := a[k] / best[t]
			worstTheta = math.Max(worstTheta, math.Abs(theta/p.Efficiency[k]-1))
			return math.Log(cp.Records[k].SO2) - math.Log(e.Scale*e.Region[r]*v.RealGDP[k]*math.Pow(v.K[k]/v.L[k]/e.KRef, e.KL)*math.Pow(theta, -e.Ineff)) - p.SO2Shock[k]
		}
		gi := res(T-1) / float64(T-1)
		g = append(g, gi)
		for t := 0; t < T; t++ {
			worst = math.Max(worst, math.Abs(res(t)-gi*float64(t)))
		}
	}
	return g, worst, worstTheta
}

// The SO2 equation of the package doc holds with the variables built from
// the CSV: the residual is a line g_i·t through the origin for every city
// within the rounding of so2 to whole tonnes and of gdp_index to 3
// decimals (5e-4 in logs), and θ from the CSV is the generator's within
// 2e-4. Expected parameters: the documented Default.
func TestSO2Equation(t *testing.T) {
	_, worst, worstTheta := so2Trends(t)
	t.Logf("largest log deviation %.2g, θ relative deviation %.2g", worst, worstTheta)
	if worst > 5e-4 {
		t.Errorf("SO2 equation: largest deviation of the log residual from g_i·t %g, want ≤ 5e-4", worst)
	}
	if worstTheta > 2e-4 {
		t.Errorf("θ from the CSV deviates from Panel.Efficiency by %g (relative), want ≤ 2e-4", worstTheta)
	}
}

// The shocks have the documented law: u_it AR(1) with coefficient 0.6 and
// innovation sd 0.15 (stationary sd 0.1875), g_i with mean −0.04 and sd
// 0.02. Sample moments over 261 cities × 15 years within sampling error:
// sd of u within 10 %, the lag-1 coefficient within 0.05, the sd of the
// g_i within 20 % and their mean within 0.005 (about 2 standard errors).
func TestSO2Shocks(t *testing.T) {
	p := generateDefault(t)
	T := p.DGP.Years
	var uu, u1, u0 float64
	for k, u := range p.SO2Shock {
		uu += u * u
		if k%T > 0 {
			u1 += u * p.SO2Shock[k-1]
			u0 += p.SO2Shock[k-1] * p.SO2Shock[k-1]
		}
	}
	if sd := math.Sqrt(uu / float64(len(p.SO2Shock))); math.Abs(sd/0.1875-1) > 0.1 {
		t.Errorf("sd of u %.4f, want about 0.1875", sd)
	}
	if rho := u1 / u0; math.Abs(rho-0.6) > 0.05 {
		t.Errorf("lag-1 coefficient of u %.3f, want about 0.6", rho)
	}
	gs, _, _ := so2Trends(t)
	m, s := 0.0, 0.0
	for _, g := range gs {
		m += g / float64(len(gs))
	}
	for _, g := range gs {
		s += (g - m) * (g - m) / float64(len(gs)-1)
	}
	t.Logf("u: sd %.4f, lag-1 %.3f; g_i: mean %.4f sd %.4f", math.Sqrt(uu/float64(len(p.SO2Shock))), u1/u0, m, math.Sqrt(s))
	if math.Abs(m+0.04) > 0.005 || math.Abs(math.Sqrt(s)/0.02-1) > 0.2 {
		t.Errorf("city abatement trends: mean %.4f sd %.4f, want about −0.04 and 0.02", m, math.Sqrt(s))
	}
}

func TestSO2Validation(t *testing.T) {
	for _, e := range []Emission{{Scale: -1}, {Scale: 1, KRef: 1, Sigma: -0.1}, {Scale: 1, KRef: 1, Rho: 1}, {Scale: 1}, {Scale: 1, KRef: 1, Region: [3]float64{1, -1, 1}}} {
		d := Default()
		d.SO2 = e
		if _, err := Generate(d, 1); err == nil || !strings.Contains(err.Error(), "SO2 process") {
			t.Errorf("SO2 %+v: err %v", e, err)
		}
	}
}
