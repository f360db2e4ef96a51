package ivgmm

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ivFit is a linear IV fit in the orthonormal coordinates of the
// instruments: Z = Q Rzz, C = Q'X (L×K), cy = Q'y. 2SLS is the least
// squares fit of cy on C; every GMM quantity is a small-matrix function
// of C, cy and the transformed score covariance S̃ = Rzz⁻ᵀ S Rzz⁻¹.
type ivFit struct {
	zIdx, xIdx []int
	L, K       int
	C          *mat.Dense
	cy         *mat.VecDense
	rzzInv     *mat.Dense
	b          *mat.VecDense // 2SLS
	bread      *mat.SymDense // (C'C)⁻¹ = (X'P_Z X)⁻¹
	R          *mat.Dense    // factor of [Z, X not in Z, y]
	pos        map[int]int   // column index -> position in R
}

// ivfit factors [Z, X not in Z, y] and solves 2SLS.
func (ds *sample) ivfit(zIdx, xIdx []int) (*ivFit, error) {
	inZ := make(map[int]bool, len(zIdx))
	order := append([]int(nil), zIdx...)
	for _, j := range zIdx {
		inZ[j] = true
	}
	for _, j := range xIdx {
		if !inZ[j] {
			order = append(order, j)
		}
	}
	order = append(order, ds.y)
	pos := make(map[int]int, len(order))
	for p, j := range order {
		pos[j] = p
	}
	R := ds.factor(order)
	L, K := len(zIdx), len(xIdx)
	f := &ivFit{zIdx: zIdx, xIdx: xIdx, L: L, K: K, R: R, pos: pos}
	f.C = mat.NewDense(L, K, nil)
	for j, x := range xIdx {
		for i := range L {
			f.C.Set(i, j, R.At(i, pos[x]))
		}
	}
	f.cy = colVec(R, L, pos[ds.y])
	var err error
	f.rzzInv, err = invUpper(sub(R, 0, L, 0, L))
	if err != nil {
		return nil, fmt.Errorf("%w: instrument matrix: %v", ErrSingular, err)
	}
	var ok bool
	f.b, f.bread, ok = lsq(f.C, f.cy)
	if !ok {
		return nil, fmt.Errorf("%w: the instruments do not identify the regressors (%s): their projections on the instruments are collinear",
			ErrSingular, strings.Join(ds.namesOf(xIdx), ", "))
	}
	return f, nil
}

// gmm returns the efficient-GMM estimate with weight W (in Q
// coordinates), (C'WC)⁻¹ and the J statistic N ḡ'Wḡ = r'Wr/N.
func gmm(c *mat.Dense, cy *mat.VecDense, w *mat.SymDense, n float64) (*mat.VecDense, *mat.SymDense, float64, error) {
	var cw mat.Dense
	cw.Mul(c.T(), w)
	var a mat.Dense
	a.Mul(&cw, c)
	ainv, ok := spdInverse(symOf(&a))
	if !ok {
		return nil, nil, 0, fmt.Errorf("%w: X'Z W Z'X is not positive definite", ErrSingular)
	}
	var rhs mat.VecDense
	rhs.MulVec(&cw, cy)
	b := mat.NewVecDense(ainv.SymmetricDim(), nil)
	b.MulVec(ainv, &rhs)
	var r mat.VecDense
	r.MulVec(c, b)
	r.SubVec(cy, &r)
	j := quad(&r, w) / n
	return b, ainv, j, nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
