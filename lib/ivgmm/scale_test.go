package ivgmm

import (
	"math"
	"testing"
)

// rescale returns a copy of d with the response multiplied by sy(max|y|)
// and each regressor and instrument j by sx(j, max|x_j|), and the factors.
func rescale(d *Data, sy func(float64) float64, sx func(int, float64) float64) (*Data, *caseScale) {
	maxAbs := func(c []float64) float64 {
		m := 0.0
		for _, v := range c {
			if a := math.Abs(v); a > m && !math.IsInf(a, 0) {
				m = a
			}
		}
		return m
	}
	mul := func(c []float64, f float64) []float64 {
		out := make([]float64, len(c))
		for i, v := range c {
			out[i] = v * f
		}
		return out
	}
	sc := &caseScale{y: sy(maxAbs(d.Y)), x: map[string]float64{}}
	d2 := *d
	d2.Y = mul(d.Y, sc.y)
	j := 0
	cols := func(names []string, cs [][]float64) [][]float64 {
		out := make([][]float64, len(cs))
		for k, c := range cs {
			f := sx(j, maxAbs(c))
			j++
			sc.x[names[k]] = f
			out[k] = mul(c, f)
		}
		return out
	}
	d2.Exog = cols(d.ExogNames, d.Exog)
	d2.Endog = cols(d.EndogNames, d.Endog)
	d2.Instr = cols(d.InstrNames, d.Instr)
	return &d2, sc
}

// pow10Near returns the power of ten that brings m to about 10^e.
func pow10Near(m float64, e int) float64 {
	return math.Pow(10, float64(e)-math.Ceil(math.Log10(m)))
}

// pow2Near returns the power of two that brings m into [2^(e-1), 2^e).
func pow2Near(m float64, e int) float64 {
	_, k := math.Frexp(m)
	return math.Ldexp(1, e-k)
}

// scalings of the reference data: coefficients must be equivariant (b_j
// scales by s_y/s_j, its SE too, RSS by s_y²) and every statistic
// invariant, within the reference tolerances: a response of 1e300 and a
// regressor of 1e-300 (issue 13) among them.
var scalings = []struct {
	name string
	y    func(float64) float64
	x    func(int, float64) float64
	// exact: the factors are powers of two in the ordinary range, so the
	// result must be the unscaled one times the factors, bit for bit
	exact bool
}{
	{"2^40 y, 2^±40 x", func(float64) float64 { return 0x1p40 },
		func(j int, _ float64) float64 { return []float64{0x1p-40, 0x1p40}[j%2] }, true},
	{"1e3 y, 1e±3 x", func(float64) float64 { return 1e3 },
		func(j int, _ float64) float64 { return []float64{1e-3, 1e3}[j%2] }, false},
	{"1e-7 y, 1e5 x", func(float64) float64 { return 1e-7 },
		func(int, float64) float64 { return 1e5 }, false},
	{"y about 1e300", func(m float64) float64 { return pow10Near(m, 300) },
		func(int, float64) float64 { return 1 }, false},
	{"y about 1e-300", func(m float64) float64 { return pow10Near(m, -300) },
		func(int, float64) float64 { return 1 }, false},
	{"x about 1e-300", func(float64) float64 { return 1 },
		func(_ int, m float64) float64 { return pow10Near(m, -300) }, false},
	{"x about 1e300", func(float64) float64 { return 1 },
		func(_ int, m float64) float64 { return pow10Near(m, 300) }, false},
	{"y and x about 2^1000", func(m float64) float64 { return pow2Near(m, 1000) },
		func(_ int, m float64) float64 { return pow2Near(m, 1000) }, false},
	{"y and x about 2^-1000", func(m float64) float64 { return pow2Near(m, -1000) },
		func(_ int, m float64) float64 { return pow2Near(m, -1000) }, false},
}

// TestReferenceCasesRescaled fits every reference case (Stata and R
// outputs, testdata/ivgmm/cases.json) on rescaled data and checks the
// rescaled expected values within the case's tolerances.
func TestReferenceCasesRescaled(t *testing.T) {
	for _, c := range loadCases(t) {
		d, opt := caseData(t, c)
		opt.IvregressGMM = ivregressGMM(c)
		r0, err := Fit(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scalings {
			t.Run(c.ID+"/"+s.name, func(t *testing.T) {
				d2, sc := rescale(d, s.y, s.x)
				r, err := Fit(d2, opt)
				if err != nil {
					t.Fatal(err)
				}
				checkCase(t, c, r, sc)
				if !s.exact {
					return
				}
				for i, n := range r.Names {
					if f := sc.coef(n); r.Coef[i] != r0.Coef[i]*f || r.SE[i] != r0.SE[i]*math.Abs(f) {
						t.Errorf("%s: b %.17g se %.17g, want exactly %.17g, %.17g (unscaled × %g)", n, r.Coef[i], r.SE[i], r0.Coef[i]*f, r0.SE[i]*math.Abs(f), f)
					}
				}
			})
		}
	}
}
