package ivgmm

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
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

// meat returns Σ_i s_i s_i' for VCE robust, or Σ_g (Σ_{i∈g} s_i)(·)' for
// cluster, with s_i = kron(res_i, z_i) (residual-major). Scores are
// formed in row blocks and accumulated as Gram matrices (SIMD dot
// products), so memory stays O(block × q).
func (ds *sample) meat(res [][]float64, z [][]float64, cluster bool) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	acc := make([]float64, q*q)
	if cluster {
		sums := make([][]float64, q)
		for k := range sums {
			sums[k] = make([]float64, ds.nClust)
		}
		for r := range nr {
			e := res[r]
			for l := range nz {
				sk, zl := sums[r*nz+l], z[l]
				for i, g := range ds.cluster {
					sk[g] += e[i] * zl[i]
				}
			}
		}
		gramAcc(acc, sums)
	} else {
		const maxBlk = 1024
		blk := min(maxBlk, ds.n)
		if cap(ds.scratch) < q*blk {
			ds.scratch = make([]float64, q*blk)
		}
		buf := ds.scratch[:q*blk]
		sc := make([][]float64, q)
		for s := 0; s < ds.n; s += blk {
			e := min(s+blk, ds.n)
			m := e - s
			for r := range nr {
				er := res[r][s:e]
				for l := range nz {
					k := r*nz + l
					sk, zl := buf[k*blk:k*blk+m], z[l][s:e]
					for i := range sk {
						sk[i] = er[i] * zl[i]
					}
					sc[k] = sk
				}
			}
			gramAcc(acc, sc)
		}
	}
	m := mat.NewSymDense(q, nil)
	for a := range q {
		for b := 0; b <= a; b++ {
			m.SetSym(b, a, acc[a*q+b])
		}
	}
	return m
}

// gramAcc adds the lower triangle of cols'cols to acc (q×q, row-major).
func gramAcc(acc []float64, cols [][]float64) {
	q := len(cols)
	for a := range q {
		for b := 0; b <= a; b++ {
			acc[a*q+b] += floats.Dot(cols[a], cols[b])
		}
	}
}

// sTilde returns the score covariance S of the moments z_i e_i in the
// orthonormal instrument coordinates of f, with ivreg2's scaling:
// iid σ²Z'Z/N with σ² = RSS/(N-dofminus); robust Σe²zz'/(N-dofminus);
// cluster Σ_g s_g s_g'/N.
func (ds *sample) sTilde(f *ivFit, e []float64, kind VCEKind) *mat.SymDense {
	n := float64(ds.n)
	if kind == IID {
		rss := dot(e, e)
		s2 := rss / (n - float64(ds.dofminus))
		out := mat.NewSymDense(f.L, nil)
		for i := range f.L {
			out.SetSym(i, i, s2/n)
		}
		return out
	}
	raw := ds.meat([][]float64{e}, ds.colsOf(f.zIdx), kind == Cluster)
	scale := 1 / n
	if kind == Robust {
		scale = 1 / (n - float64(ds.dofminus))
	}
	var t1, t2 mat.Dense
	t1.Mul(f.rzzInv.T(), raw)
	t2.Mul(&t1, f.rzzInv)
	t2.Scale(scale, &t2)
	return symOf(&t2)
}

// gmm returns the efficient-GMM estimate with weight W (in Q
// coordinates), (C'WC)⁻¹ and the J statistic N ḡ'Wḡ = r'Wr/N.
func gmm(c *mat.Dense, cy *mat.VecDense, w *mat.SymDense, n int) (*mat.VecDense, *mat.SymDense, float64, error) {
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
	j := quad(&r, w) / float64(n)
	return b, ainv, j, nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
