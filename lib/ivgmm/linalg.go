package ivgmm

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Numerical thresholds.
const (
	// condPivot: when some column's squared distance to the span of the
	// previous ones, relative to its squared norm (1-R²), falls below this
	// in the Gram matrix, the Gram/Cholesky path would lose more than
	// ~6 of 16 digits and the factor is recomputed by Householder QR.
	condPivot = 1e-6
	// collinearQR: a column whose distance to the span of the previous
	// ones is below this fraction of its norm (R_jj/||x_j||, from
	// Householder QR) is collinear, as Stata's _rmcoll drops it.
	collinearQR = 1e-11
	// maxCond: above this 2-norm condition number of the column-scaled
	// Gram matrix, solving the normal equations would leave fewer than
	// ~10 correct digits, and Householder QR of the data is used instead.
	maxCond = 1e6
)

// scaledCond is the 2-norm condition number of the sub-matrix of g on
// idx after scaling it to unit diagonal (zero columns ignored).
func scaledCond(g *mat.SymDense, idx []int) float64 {
	var use []int
	for _, j := range idx {
		if g.At(j, j) > 0 {
			use = append(use, j)
		}
	}
	if len(use) < 2 {
		return 1
	}
	s := mat.NewSymDense(len(use), nil)
	for a, i := range use {
		for b := a; b < len(use); b++ {
			j := use[b]
			s.SetSym(a, b, g.At(i, j)/math.Sqrt(g.At(i, i)*g.At(j, j)))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(s, false) {
		return math.Inf(1)
	}
	v := es.Values(nil)
	if v[0] <= 0 {
		return math.Inf(1)
	}
	return v[len(v)-1] / v[0]
}

// gram returns W'W for the columns cols, computed in row blocks that stay
// in cache.
func gram(cols [][]float64) *mat.SymDense {
	p := len(cols)
	g := mat.NewSymDense(p, nil)
	if p == 0 {
		return g
	}
	acc := make([]float64, p*(p+1)/2) // lower triangle, row by row
	blockSums(acc, len(cols[0]), rowBlock, func(_, s, e int, out []float64) {
		t := 0
		for j := range p {
			cj := cols[j][s:e]
			for k := 0; k <= j; k++ {
				out[t] = floats.Dot(cj, cols[k][s:e])
				t++
			}
		}
	})
	t := 0
	for j := range p {
		for k := 0; k <= j; k++ {
			g.SetSym(j, k, acc[t])
			t++
		}
	}
	return g
}

// seqChol factors the sub-matrix of g on order, in that order, as R'R
// (R upper triangular). A column in droppable whose relative pivot
// (1-R² on the previous kept columns) is below tol is dropped. It returns
// R over the kept columns, the kept positions of order, and the smallest
// relative pivot among kept columns.
func seqChol(g *mat.SymDense, order []int, droppable []bool, tol float64) (*mat.Dense, []int, float64) {
	p := len(order)
	r := make([][]float64, p) // r[j] = column j of R (length of kept so far + 1)
	var kept []int
	minRel := math.Inf(1)
	for j := range p {
		gj := order[j]
		col := make([]float64, len(kept)+1)
		for a, ka := range kept {
			s := g.At(order[ka], gj)
			for b := range a {
				s -= r[ka][b] * col[b]
			}
			col[a] = s / r[ka][a]
		}
		d := g.At(gj, gj)
		for a := range kept {
			d -= col[a] * col[a]
		}
		rel := 0.0
		if g.At(gj, gj) > 0 {
			rel = d / g.At(gj, gj)
		}
		if droppable[j] && (rel < tol || g.At(gj, gj) == 0) {
			continue
		}
		if d <= 0 {
			d = math.SmallestNonzeroFloat64
		}
		col[len(kept)] = math.Sqrt(d)
		r[j] = col
		kept = append(kept, j)
		minRel = min(minRel, rel)
	}
	R := mat.NewDense(max(len(kept), 1), max(len(kept), 1), nil)
	for c, j := range kept {
		for a := range c + 1 {
			R.Set(a, c, r[j][a])
		}
	}
	return R, kept, minRel
}

// seqQR factors the columns cols by Householder QR in the given order.
// A droppable column whose distance to the span of the previous kept
// columns is below tol times its norm is dropped. It returns R (W'W = R'R
// on the kept columns), the kept positions and the smallest relative
// |R_jj| among kept columns.
func seqQR(cols [][]float64, droppable []bool, tol float64) (*mat.Dense, []int, float64) {
	p := len(cols)
	if p == 0 {
		return mat.NewDense(1, 1, nil), nil, math.Inf(1)
	}
	n := len(cols[0])
	var vs [][]float64 // reflectors, vs[k] has length n-k, H = I - 2 v v'/(v'v) stored with beta
	var betas []float64
	var kept []int
	var rcols [][]float64
	minRel := math.Inf(1)
	a := make([]float64, n)
	for j := range p {
		copy(a, cols[j])
		norm0 := floats.Norm(a, 2)
		for k, v := range vs {
			s := betas[k] * floats.Dot(v, a[k:])
			floats.AddScaled(a[k:], -s, v)
		}
		r := len(vs)
		rest := 0.0
		if r < n {
			rest = floats.Norm(a[r:], 2)
		}
		rel := 0.0
		if norm0 > 0 {
			rel = rest / norm0
		}
		if droppable[j] && (rel < tol || norm0 == 0) {
			continue
		}
		col := make([]float64, r+1)
		copy(col, a[:r])
		if r < n && rest > 0 {
			alpha := -math.Copysign(rest, a[r])
			v := make([]float64, n-r)
			copy(v, a[r:])
			v[0] -= alpha
			vv := floats.Dot(v, v)
			vs = append(vs, v)
			betas = append(betas, 2/vv)
			col[r] = alpha
		}
		rcols = append(rcols, col)
		kept = append(kept, j)
		minRel = min(minRel, rel)
	}
	R := mat.NewDense(max(len(kept), 1), max(len(kept), 1), nil)
	for c, col := range rcols {
		for a := range col {
			if a < len(kept) {
				R.Set(a, c, col[a])
			}
		}
	}
	return R, kept, minRel
}

// sub returns the block A[r0:r1, c0:c1] as a new matrix (nil-safe for empty).
func sub(a *mat.Dense, r0, r1, c0, c1 int) *mat.Dense {
	if r1 <= r0 || c1 <= c0 {
		return nil
	}
	out := mat.NewDense(r1-r0, c1-c0, nil)
	out.Copy(a.Slice(r0, r1, c0, c1))
	return out
}

// pick returns the columns cols (rows 0..rows-1) of a.
func pick(a *mat.Dense, rows int, cols []int) *mat.Dense {
	out := mat.NewDense(rows, len(cols), nil)
	for j, c := range cols {
		for i := range rows {
			out.Set(i, j, a.At(i, c))
		}
	}
	return out
}

// colVec returns rows 0..rows-1 of column c of a.
func colVec(a *mat.Dense, rows, c int) *mat.VecDense {
	v := mat.NewVecDense(rows, nil)
	for i := range rows {
		v.SetVec(i, a.At(i, c))
	}
	return v
}

// invUpper returns the inverse of an upper-triangular matrix.
func invUpper(r *mat.Dense) (*mat.Dense, error) {
	n, _ := r.Dims()
	t := mat.NewTriDense(n, mat.Upper, nil)
	for i := range n {
		for j := i; j < n; j++ {
			t.SetTri(i, j, r.At(i, j))
		}
	}
	var inv mat.TriDense
	if err := inv.InverseTri(t); err != nil {
		return nil, err
	}
	out := mat.NewDense(n, n, nil)
	out.Copy(&inv)
	return out, nil
}

// lsq solves min ||C b - c|| for a small dense C (rows >= cols) by
// Householder QR and returns b and (C'C)⁻¹. ok is false if C is rank
// deficient.
func lsq(c *mat.Dense, rhs *mat.VecDense) (b *mat.VecDense, inv *mat.SymDense, ok bool) {
	rows, k := c.Dims()
	cols := make([][]float64, k+1)
	for j := range k {
		cols[j] = mat.Col(nil, j, c)
	}
	cols[k] = append([]float64(nil), rhs.RawVector().Data...)
	if rhs.RawVector().Inc != 1 {
		cols[k] = make([]float64, rows)
		for i := range rows {
			cols[k][i] = rhs.AtVec(i)
		}
	}
	drop := make([]bool, k+1)
	for j := range k {
		drop[j] = true
	}
	R, kept, _ := seqQR(cols, drop, 1e-13)
	if len(kept) != k+1 {
		return nil, nil, false
	}
	Rx := sub(R, 0, k, 0, k)
	ri, err := invUpper(Rx)
	if err != nil {
		return nil, nil, false
	}
	ry := mat.NewVecDense(k, nil)
	for i := range k {
		ry.SetVec(i, R.At(i, k))
	}
	b = mat.NewVecDense(k, nil)
	b.MulVec(ri, ry)
	inv = mat.NewSymDense(k, nil)
	var full mat.Dense
	full.Mul(ri, ri.T())
	for i := range k {
		for j := i; j < k; j++ {
			inv.SetSym(i, j, full.At(i, j))
		}
	}
	return b, inv, true
}

// spdInverse inverts a symmetric positive definite matrix by Cholesky of
// its equilibrated form D A D, D_ii the power of two nearest 1/√A_ii:
// A⁻¹ = D (D A D)⁻¹ D. The scaling is exact in floating point, so the
// inverse is the same as without it, but the condition check of the
// factorization no longer depends on the units of the variables (a
// covariance of coefficients in units of 1e12 and 1e-12 is well
// conditioned after equilibration; issue 13). When the diagonal spans
// less than 2^20 the matrix is factored as it is.
func spdInverse(a mat.Symmetric) (*mat.SymDense, bool) {
	n := a.SymmetricDim()
	lo, hi := math.Inf(1), 0.0
	for i := range n {
		aii := a.At(i, i)
		if !(aii > 0) || math.IsInf(aii, 0) {
			return nil, false
		}
		lo, hi = min(lo, aii), max(hi, aii)
	}
	if hi <= 0x1p20*lo { // units alike: no copy (the same numbers either way)
		return cholInverse(a)
	}
	d := make([]float64, n)
	for i := range n {
		_, e := math.Frexp(a.At(i, i))
		d[i] = math.Ldexp(1, -e/2)
	}
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, a.At(i, j)*d[i]*d[j])
		}
	}
	inv, ok := cholInverse(s)
	if !ok {
		return nil, false
	}
	for i := range n {
		for j := i; j < n; j++ {
			inv.SetSym(i, j, inv.At(i, j)*d[i]*d[j])
		}
	}
	return inv, true
}

// cholInverse inverts a by Cholesky; ok is false when a is not positive
// definite or too ill-conditioned (gonum's condition check).
func cholInverse(a mat.Symmetric) (*mat.SymDense, bool) {
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return nil, false
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, false
	}
	return &inv, true
}

// symOf returns the symmetric part of a square matrix.
func symOf(a mat.Matrix) *mat.SymDense {
	n, _ := a.Dims()
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (a.At(i, j)+a.At(j, i))/2)
		}
	}
	return s
}

// quad returns v' A v.
func quad(v mat.Vector, a mat.Matrix) float64 {
	var t mat.VecDense
	t.MulVec(a, v)
	return mat.Dot(v, &t)
}

type symDense = mat.SymDense

func newSym(n int) *mat.SymDense { return mat.NewSymDense(n, nil) }
