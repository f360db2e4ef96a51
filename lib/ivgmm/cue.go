package ivgmm

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// cue is the continuously updated GMM estimator (Hansen, Heaton and
// Yaron 1996; ivreg2 cue): b minimizes
//
//	J(b) = N ḡ(b)' S(b)⁻¹ ḡ(b),   ḡ(b) = Z'(y − Xb)/N,
//
// S(b) the covariance's score covariance at the residuals of b itself.
// It starts at the two-step GMM estimate b0 (ivreg2's default initial
// values) and minimizes by BFGS with central-difference gradients, then
// returns b, its residuals, V = N (X'Z S(b)⁻¹ Z'X)⁻¹ (ivreg2) and J(b).
// Under IID() it is LIML's estimate with V = σ²(b)(X'P_Z X)⁻¹.
func (ds *sample) cue(f *ivFit, b0 *mat.VecDense) (*mat.VecDense, []float64, *mat.SymDense, float64, error) {
	k := f.K
	e := ds.buf()
	xcols := ds.colsOf(f.xIdx)
	y := ds.cols[ds.y]
	nf := ds.nw
	var failed error
	obj := func(b []float64) float64 {
		subCombination(e, y, xcols, b)
		s := ds.cov.sTilde(f, e)
		w, ok := spdInverse(s)
		if !ok {
			failed = errSingularS()
			return math.Inf(1)
		}
		g := mat.NewVecDense(f.L, nil)
		g.MulVec(f.C, mat.NewVecDense(k, b))
		g.SubVec(f.cy, g)
		return quad(g, w) / nf
	}
	x0 := append([]float64(nil), b0.RawVector().Data...)
	p := optimize.Problem{
		Func: obj,
		// central differences with a step relative to each parameter
		Grad: func(grad, x []float64) {
			h := make([]float64, len(x))
			for i := range x {
				h[i] = 1e-6 * max(1, math.Abs(x[i]))
			}
			for i := range x {
				xp := append([]float64(nil), x...)
				xm := append([]float64(nil), x...)
				xp[i] += h[i]
				xm[i] -= h[i]
				grad[i] = (obj(xp) - obj(xm)) / (2 * h[i])
			}
		},
	}
	res, err := optimize.Minimize(p, x0, &optimize.Settings{GradientThreshold: 1e-10, Converger: &optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-15, Iterations: 50}}, &optimize.BFGS{})
	if failed != nil {
		ds.release(e)
		return nil, nil, nil, 0, failed
	}
	if err != nil && res == nil {
		ds.release(e)
		return nil, nil, nil, 0, fmt.Errorf("%w: CUE did not converge: %v", ErrSingular, err)
	}
	x := res.X
	// polish with Newton steps on a finite-difference Hessian
	x = newtonPolish(obj, x)
	b := mat.NewVecDense(k, x)
	j := obj(x) // leaves e at the residuals of b
	s := ds.cov.sTilde(f, e)
	w, ok := spdInverse(s)
	if !ok {
		ds.release(e)
		return nil, nil, nil, 0, errSingularS()
	}
	var cw, a mat.Dense
	cw.Mul(f.C.T(), w)
	a.Mul(&cw, f.C)
	ainv, ok := spdInverse(symOf(&a))
	if !ok {
		ds.release(e)
		return nil, nil, nil, 0, fmt.Errorf("%w: CUE: X'Z S⁻¹ Z'X is not positive definite", ErrSingular)
	}
	V := mat.NewSymDense(k, nil)
	V.ScaleSym(nf, ainv)
	return b, e, V, j, nil
}

// newtonPolish takes up to 20 Newton steps on f from x with
// central-difference gradient and Hessian, keeping a step only when it
// lowers f.
func newtonPolish(f func([]float64) float64, x []float64) []float64 {
	k := len(x)
	fx := f(x)
	for range 20 {
		h := make([]float64, k)
		for i := range x {
			h[i] = 1e-4 * max(1e-2, math.Abs(x[i]))
		}
		grad := make([]float64, k)
		hess := mat.NewSymDense(k, nil)
		shift := func(d map[int]float64) float64 {
			xs := append([]float64(nil), x...)
			for i, v := range d {
				xs[i] += v
			}
			return f(xs)
		}
		for i := range k {
			fp, fm := shift(map[int]float64{i: h[i]}), shift(map[int]float64{i: -h[i]})
			grad[i] = (fp - fm) / (2 * h[i])
			hess.SetSym(i, i, (fp-2*fx+fm)/(h[i]*h[i]))
			for j := range i {
				fpp := shift(map[int]float64{i: h[i], j: h[j]})
				fpm := shift(map[int]float64{i: h[i], j: -h[j]})
				fmp := shift(map[int]float64{i: -h[i], j: h[j]})
				fmm := shift(map[int]float64{i: -h[i], j: -h[j]})
				hess.SetSym(i, j, (fpp-fpm-fmp+fmm)/(4*h[i]*h[j]))
			}
		}
		var ch mat.Cholesky
		if !ch.Factorize(hess) {
			return x
		}
		var step mat.VecDense
		if err := ch.SolveVecTo(&step, mat.NewVecDense(k, grad)); err != nil {
			return x
		}
		xn := make([]float64, k)
		small := true
		for i := range x {
			xn[i] = x[i] - step.AtVec(i)
			small = small && math.Abs(step.AtVec(i)) <= 1e-12*max(1, math.Abs(x[i]))
		}
		fn := f(xn)
		if !(fn <= fx) {
			return x
		}
		x, fx = xn, fn
		if small {
			return x
		}
	}
	return x
}
