package synth

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Estimate is one coefficient of a fixed-effects regression.
type Estimate struct {
	Coef, SE float64
	N        int
}

// demean2 returns the two-way within transform of v for a balanced panel:
// v − v̄_i − v̄_t + v̄, with units id[k] in 0..ni-1 and periods tm[k] in
// 0..nt-1, every (i, t) present exactly once.
func demean2(v []float64, id, tm []int, ni, nt int) []float64 {
	mi := make([]float64, ni)
	mt := make([]float64, nt)
	g := 0.0
	for k, x := range v {
		mi[id[k]] += x
		mt[tm[k]] += x
		g += x
	}
	for i := range mi {
		mi[i] /= float64(nt)
	}
	for t := range mt {
		mt[t] /= float64(ni)
	}
	g /= float64(len(v))
	out := make([]float64, len(v))
	for k, x := range v {
		out[k] = x - mi[id[k]] - mt[tm[k]] + g
	}
	return out
}

// feIV is two-way fixed-effects 2SLS on a balanced panel: y on the
// endogenous x and exogenous w, x instrumented by z (pass z = {x} for
// FE-OLS). It returns the estimate on x with a heteroskedasticity-robust
// standard error (HC1 with the fixed effects counted in the degrees of
// freedom). It is a minimal check of the DGP, not the library estimator
// (lib/ivgmm).
func feIV(y, x []float64, w, z [][]float64, id, tm []int, ni, nt int) (Estimate, error) {
	n := len(y)
	if n != ni*nt {
		return Estimate{}, fmt.Errorf("synth: feIV needs a balanced panel: %d rows for %d×%d", n, ni, nt)
	}
	cols := func(first [][]float64) *mat.Dense {
		all := append(append([][]float64{}, first...), w...)
		m := mat.NewDense(n, len(all), nil)
		for j, c := range all {
			dm := demean2(c, id, tm, ni, nt)
			for k := range dm {
				m.Set(k, j, dm[k])
			}
		}
		return m
	}
	X := cols([][]float64{x})
	Z := cols(z)
	yv := mat.NewVecDense(n, demean2(y, id, tm, ni, nt))
	// X̂ = Z (Z'Z)⁻¹ Z'X
	var zz, zx, b mat.Dense
	zz.Mul(Z.T(), Z)
	zx.Mul(Z.T(), X)
	if err := b.Solve(&zz, &zx); err != nil {
		return Estimate{}, fmt.Errorf("synth: feIV: singular Z'Z: %w", err)
	}
	var xh mat.Dense
	xh.Mul(Z, &b)
	var a, inv mat.Dense
	a.Mul(xh.T(), &xh)
	if err := inv.Inverse(&a); err != nil {
		return Estimate{}, fmt.Errorf("synth: feIV: singular X̂'X̂: %w", err)
	}
	var xy, beta mat.VecDense
	xy.MulVec(xh.T(), yv)
	beta.MulVec(&inv, &xy)
	var fit mat.VecDense
	fit.MulVec(X, &beta)
	k := X.RawMatrix().Cols
	meat := mat.NewDense(k, k, nil)
	row := make([]float64, k)
	for r := 0; r < n; r++ {
		u := yv.AtVec(r) - fit.AtVec(r)
		for j := 0; j < k; j++ {
			row[j] = xh.At(r, j)
		}
		for j := 0; j < k; j++ {
			for l := 0; l < k; l++ {
				meat.Set(j, l, meat.At(j, l)+u*u*row[j]*row[l])
			}
		}
	}
	var v, tmp mat.Dense
	tmp.Mul(&inv, meat)
	v.Mul(&tmp, &inv)
	dof := float64(n) / float64(n-k-ni-nt+1)
	return Estimate{Coef: beta.AtVec(0), SE: math.Sqrt(v.At(0, 0) * dof), N: n}, nil
}
