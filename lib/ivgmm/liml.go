package ivgmm

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// crossR returns Σ_{r ≥ from} R[r,a] R[r,b] for the columns a, b of R:
// the cross product of the two columns after partialling out the first
// `from` columns of the factored matrix.
func crossR(R *mat.Dense, from int, a, b []int) *mat.Dense {
	out := mat.NewDense(len(a), len(b), nil)
	rows, _ := R.Dims()
	for i, ca := range a {
		for j, cb := range b {
			s := 0.0
			for r := from; r < rows; r++ {
				s += R.At(r, ca) * R.At(r, cb)
			}
			out.Set(i, j, s)
		}
	}
	return out
}

// limlKappa is the LIML κ (ivreg2's e(lambda)): the smallest root of
// det(W'M_X2 W − κ W'M_Z W) = 0, W = [y, X1] (Anderson and Rubin 1949).
func (ds *sample) limlKappa(f *ivFit) (float64, error) {
	w := f.positions(append([]int{ds.y}, ds.x1...))
	a := crossR(f.R, f.L, w, w)         // W'M_Z W
	bm := crossR(f.R, len(ds.x2), w, w) // W'M_X2 W
	l, ok := upperChol(a)
	if !ok {
		return 0, fmt.Errorf("%w: LIML: W'M_Z W is not positive definite (a perfect first-stage fit?)", ErrSingular)
	}
	li, err := invUpper(l) // a = l'l, l upper
	if err != nil {
		return 0, err
	}
	var t1, m mat.Dense
	t1.Mul(li.T(), bm)
	m.Mul(&t1, li)
	var es mat.EigenSym
	if !es.Factorize(symOf(&m), false) {
		return 0, fmt.Errorf("%w: LIML eigenvalues", ErrSingular)
	}
	kappa := es.Values(nil)[0]
	if math.IsNaN(kappa) {
		return 0, fmt.Errorf("%w: LIML κ is NaN", ErrSingular)
	}
	return kappa, nil
}

// positions maps column indices of the sample to positions in f.R.
func (f *ivFit) positions(idx []int) []int {
	out := make([]int, len(idx))
	for i, j := range idx {
		out[i] = f.pos[j]
	}
	return out
}

// kclass computes the k-class estimate
//
//	b = (X'(I − κM_Z)X)⁻¹ X'(I − κM_Z)y
//
// (Theil 1958; κ = 0 is OLS, 1 is 2SLS, the LIML κ is LIML, and κ_LIML
// − α/(N−L) Fuller's (1977) modified LIML; ivreg2 liml, fuller(),
// kclass(); ivregress liml). It returns b, A⁻¹ = (X'(I − κM_Z)X)⁻¹ and
// Π = (Z'Z)⁻¹Z'X. The robust, cluster and kernel VCE is A⁻¹ (Σ s s')
// A⁻¹ with s_i = u_i x̂_i, x̂ = Π'z the projected regressors, as Stata
// does (checked against ivregress liml in TestLIMLStata and the
// simulated ivregress results, and against ivreg2 fuller() in
// TestFullerStata; with (I − κM_Z)X in the meat the SEs are up to 70%
// off).
func (ds *sample) kclass(f *ivFit, kappa float64) (*mat.VecDense, *mat.SymDense, *mat.Dense, error) {
	x := f.positions(f.xIdx)
	all := f.positions([]int{ds.y})
	xx := crossR(f.R, 0, x, x)
	xy := crossR(f.R, 0, x, all)
	var cc, ccy mat.Dense
	cc.Mul(f.C.T(), f.C)
	ccy.Mul(f.C.T(), f.cy)
	var ak, bk mat.Dense
	ak.Scale(1-kappa, xx)
	cc.Scale(kappa, &cc)
	ak.Add(&ak, &cc)
	bk.Scale(1-kappa, xy)
	ccy.Scale(kappa, &ccy)
	bk.Add(&bk, &ccy)
	ainv, ok := spdInverse(symOf(&ak))
	if !ok {
		return nil, nil, nil, fmt.Errorf("%w: k-class: X'(I-κM_Z)X is not positive definite (κ = %g)", ErrSingular, kappa)
	}
	b := mat.NewVecDense(f.K, nil)
	b.MulVec(ainv, bk.ColView(0))
	// x̂_i = Π'z_i, Π = Rzz⁻¹C: the projected regressors of the meat
	pi := mat.NewDense(f.L, f.K, nil)
	pi.Mul(f.rzzInv, f.C)
	return b, ainv, pi, nil
}
