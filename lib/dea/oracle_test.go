package dea

import (
	"errors"
	"math"
)

// The oracle solves each model as one textbook LP in data units (no row
// scaling, no frame, no warm start), written directly from the published
// formulation, with a dense two-phase tableau simplex using Bland's rule
// throughout (tableauSimplex below): a different algorithm from the
// library's revised simplex (explicit basis inverse, Dantzig/Harris
// pricing, warm starts), written for the tests only. gonum's lp.Simplex was
// tried first and cycled on one of the random DDF LPs (as doc.go says it
// can), so it is not used.

// stdLP is min c'z, A z = b, z >= 0 under construction.
type stdLP struct {
	rows [][]float64
	b, c []float64
	n    int
}

func newStdLP(nvars int) *stdLP { return &stdLP{n: nvars, c: make([]float64, nvars)} }

// row adds a constraint: coefficients by column (sparse map) = rhs.
func (p *stdLP) row(coef map[int]float64, rhs float64) {
	r := make([]float64, p.n)
	for j, v := range coef {
		r[j] = v
	}
	if rhs < 0 { // gonum needs nothing special, but keep b >= 0 for clarity
		for j := range r {
			r[j] = -r[j]
		}
		rhs = -rhs
	}
	p.rows = append(p.rows, r)
	p.b = append(p.b, rhs)
}

// solve returns the optimum and solution, or errOracleInfeasible.
func (p *stdLP) solve() (float64, []float64, error) {
	return tableauSimplex(p.c, p.rows, p.b)
}

// tableauSimplex minimises c'z s.t. A z = b (b >= 0), z >= 0 with a full
// tableau: phase 1 from an all-artificial basis, phase 2 on the original
// costs, Bland's rule (lowest-index entering column with negative reduced
// cost; lowest-index basic variable among ratio ties), which cannot cycle.
func tableauSimplex(c []float64, A [][]float64, b []float64) (float64, []float64, error) {
	m, n := len(A), len(c)
	w := n + m + 1 // structural, artificial, rhs
	T := make([][]float64, m)
	basis := make([]int, m)
	for i := range T {
		T[i] = make([]float64, w)
		copy(T[i], A[i])
		T[i][n+i] = 1
		T[i][w-1] = b[i]
		basis[i] = n + i
	}
	const eps = 1e-11
	pivot := func(r, q int) {
		pv := T[r][q]
		for j := range T[r] {
			T[r][j] /= pv
		}
		for i := range T {
			if i != r && T[i][q] != 0 {
				f := T[i][q]
				for j := range T[i] {
					T[i][j] -= f * T[r][j]
				}
			}
		}
		basis[r] = q
	}
	run := func(cost []float64, limit int) error {
		for it := 0; it < 100000; it++ {
			q := -1
			for j := 0; j < limit; j++ {
				inBasis := false
				for _, bj := range basis {
					inBasis = inBasis || bj == j
				}
				if inBasis {
					continue
				}
				d := cost[j]
				for i := range T {
					d -= cost[basis[i]] * T[i][j]
				}
				if d < -1e-10 {
					q = j
					break
				}
			}
			if q < 0 {
				return nil
			}
			r := -1
			best := math.Inf(1)
			for i := range T {
				if T[i][q] > eps {
					ratio := T[i][w-1] / T[i][q]
					if ratio < best-1e-12 || (math.Abs(ratio-best) <= 1e-12 && basis[i] < basis[r]) {
						best, r = ratio, i
					}
				}
			}
			if r < 0 {
				return errors.New("oracle: unbounded")
			}
			pivot(r, q)
		}
		return errors.New("oracle: iteration limit")
	}
	c1 := make([]float64, n+m)
	for j := n; j < n+m; j++ {
		c1[j] = 1
	}
	if err := run(c1, n+m); err != nil {
		return math.NaN(), nil, err
	}
	obj := 0.0
	for i := range T {
		obj += c1[basis[i]] * T[i][w-1]
	}
	if obj > 1e-9 {
		return math.NaN(), nil, errOracleInfeasible
	}
	// Drive zero artificials out of the basis where possible.
	for i := range T {
		if basis[i] >= n {
			for j := 0; j < n; j++ {
				if math.Abs(T[i][j]) > 1e-9 {
					pivot(i, j)
					break
				}
			}
		}
	}
	c2 := make([]float64, n+m)
	copy(c2, c)
	if err := run(c2, n); err != nil {
		return math.NaN(), nil, err
	}
	x := make([]float64, n)
	obj = 0
	for i, bj := range basis {
		if bj < n {
			x[bj] = T[i][w-1]
			obj += c[bj] * x[bj]
		}
	}
	return obj, x, nil
}

var errOracleInfeasible = errors.New("oracle: infeasible")

// oracleDDF is the directional distance function of (x0, y0, b0) in
// direction g (data units) against the DMUs (X, Y, B), bad outputs an
// equality (weak disposability):
//
//	max β  s.t.  Xλ + s_x = x0 − β g_x,  Yλ − s_y = y0 + β g_y,  Bλ = b0 − β g_b,  λ >= 0 [, Σλ (+ s_c) = 1]
func oracleDDF(X, Y, B [][]float64, x0, y0, b0, gx, gy, gb []float64, rts RTS) (float64, error) {
	n, m, s, k := len(X), len(x0), len(y0), len(b0)
	// columns: 0 β+, 1 β−, 2..2+n λ, then s_x (m), s_y (s), [s_c]
	nv := 2 + n + m + s
	if rts == NIRS {
		nv++
	}
	p := newStdLP(nv)
	p.c[0], p.c[1] = -1, 1
	for i := 0; i < m; i++ {
		c := map[int]float64{0: gx[i], 1: -gx[i], 2 + n + i: 1}
		for j := 0; j < n; j++ {
			c[2+j] = X[j][i]
		}
		p.row(c, x0[i])
	}
	for r := 0; r < s; r++ {
		c := map[int]float64{0: -gy[r], 1: gy[r], 2 + n + m + r: -1}
		for j := 0; j < n; j++ {
			c[2+j] = Y[j][r]
		}
		p.row(c, y0[r])
	}
	for q := 0; q < k; q++ {
		c := map[int]float64{0: gb[q], 1: -gb[q]}
		for j := 0; j < n; j++ {
			c[2+j] = B[j][q]
		}
		p.row(c, b0[q])
	}
	if rts != CRS {
		c := map[int]float64{}
		for j := 0; j < n; j++ {
			c[2+j] = 1
		}
		if rts == NIRS {
			c[nv-1] = 1
		}
		p.row(c, 1)
	}
	f, _, err := p.solve()
	return -f, err
}

// oracleSBM is Tone's (2001) SBM, bad outputs as in Tone (2004), of DMU o,
// non-oriented, in data units after the Charnes-Cooper transformation
// (t = 1/denominator, Λ = tλ, S = t s):
//
//	min t − (1/m) Σ S⁻_i/x_io
//	s.t. t + (1/(s+k)) (Σ S⁺_r/y_ro + Σ S^b_q/b_qo) = 1
//	     XΛ + S⁻ = t x_o,  BΛ + S^b = t b_o,  YΛ − S⁺ = t y_o  [, ΣΛ (+ s_c) = t]
func oracleSBM(X, Y, B [][]float64, o int, rts RTS) float64 {
	n, m, s := len(X), len(X[0]), len(Y[0])
	k := 0
	if B != nil {
		k = len(B[0])
	}
	// columns: 0 t, 1..n Λ, then S⁻ (m), S^b (k), S⁺ (s), [s_c]
	cm, cb, cs := 1+n, 1+n+m, 1+n+m+k
	nv := cs + s
	if rts == NIRS {
		nv++
	}
	p := newStdLP(nv)
	p.c[0] = 1
	for i := 0; i < m; i++ {
		p.c[cm+i] = -1 / (float64(m) * X[o][i])
	}
	norm := map[int]float64{0: 1}
	for r := 0; r < s; r++ {
		norm[cs+r] = 1 / (float64(s+k) * Y[o][r])
	}
	for q := 0; q < k; q++ {
		norm[cb+q] = 1 / (float64(s+k) * B[o][q])
	}
	p.row(norm, 1)
	for i := 0; i < m; i++ {
		c := map[int]float64{0: -X[o][i], cm + i: 1}
		for j := 0; j < n; j++ {
			c[1+j] = X[j][i]
		}
		p.row(c, 0)
	}
	for q := 0; q < k; q++ {
		c := map[int]float64{0: -B[o][q], cb + q: 1}
		for j := 0; j < n; j++ {
			c[1+j] = B[j][q]
		}
		p.row(c, 0)
	}
	for r := 0; r < s; r++ {
		c := map[int]float64{0: -Y[o][r], cs + r: -1}
		for j := 0; j < n; j++ {
			c[1+j] = Y[j][r]
		}
		p.row(c, 0)
	}
	if rts != CRS {
		c := map[int]float64{0: -1}
		for j := 0; j < n; j++ {
			c[1+j] = 1
		}
		if rts == NIRS {
			c[nv-1] = 1
		}
		p.row(c, 0)
	}
	f, _, err := p.solve()
	if err != nil {
		return math.NaN()
	}
	return f
}

// oracleSuperSBM is Tone's (2002) super-SBM of DMU o in its x̄, ȳ form,
// bad outputs b̄ >= b_o counted like good-output losses, after the
// Charnes-Cooper transformation (X̄ = t x̄, Ȳ = t ȳ, B̄ = t b̄, Λ = t λ over
// the other DMUs):
//
//	min (1/m) Σ X̄_i/x_io
//	s.t. (1/(s+k)) (Σ Ȳ_r/y_ro + Σ (2t − B̄_q/b_qo)) = 1
//	     X̄ >= XΛ, X̄ >= t x_o, B̄ >= BΛ, B̄ >= t b_o, 0 <= Ȳ <= YΛ, Ȳ <= t y_o  [, ΣΛ = t]
func oracleSuperSBM(X, Y, B [][]float64, o int, rts RTS) (float64, error) {
	n, m, s := len(X), len(X[0]), len(Y[0])
	k := 0
	if B != nil {
		k = len(B[0])
	}
	var refs []int
	for j := 0; j < n; j++ {
		if j != o {
			refs = append(refs, j)
		}
	}
	nr := len(refs)
	// columns: 0 t, Λ (nr), X̄ (m), B̄ (k), Ȳ (s), then surplus columns for
	// the 2m + 2k + 2s inequalities, [s_c]
	cx, cb, cy := 1+nr, 1+nr+m, 1+nr+m+k
	sur := cy + s
	nv := sur + 2*m + 2*k + 2*s
	if rts == NIRS {
		nv++
	}
	p := newStdLP(nv)
	for i := 0; i < m; i++ {
		p.c[cx+i] = 1 / (float64(m) * X[o][i])
	}
	norm := map[int]float64{0: 2 * float64(k) / float64(s+k)}
	for r := 0; r < s; r++ {
		norm[cy+r] = 1 / (float64(s+k) * Y[o][r])
	}
	for q := 0; q < k; q++ {
		norm[cb+q] = -1 / (float64(s+k) * B[o][q])
	}
	p.row(norm, 1)
	e := sur
	for i := 0; i < m; i++ { // X̄_i − XΛ − e = 0;  X̄_i − t x_io − e = 0
		c := map[int]float64{cx + i: 1, e: -1}
		for a, j := range refs {
			c[1+a] = -X[j][i]
		}
		p.row(c, 0)
		p.row(map[int]float64{cx + i: 1, 0: -X[o][i], e + 1: -1}, 0)
		e += 2
	}
	for q := 0; q < k; q++ {
		c := map[int]float64{cb + q: 1, e: -1}
		for a, j := range refs {
			c[1+a] = -B[j][q]
		}
		p.row(c, 0)
		p.row(map[int]float64{cb + q: 1, 0: -B[o][q], e + 1: -1}, 0)
		e += 2
	}
	for r := 0; r < s; r++ { // YΛ − Ȳ − e = 0;  t y_o − Ȳ − e = 0
		c := map[int]float64{cy + r: -1, e: -1}
		for a, j := range refs {
			c[1+a] = Y[j][r]
		}
		p.row(c, 0)
		p.row(map[int]float64{cy + r: -1, 0: Y[o][r], e + 1: -1}, 0)
		e += 2
	}
	if rts != CRS {
		c := map[int]float64{0: -1}
		for a := range refs {
			c[1+a] = 1
		}
		if rts == NIRS {
			c[nv-1] = 1
		}
		p.row(c, 0)
	}
	f, _, err := p.solve()
	return f, err
}

// oracleCost is cost efficiency with the input quantities as variables:
// min w'x̄ / w'x_o s.t. Xλ <= x̄, Yλ >= y_o, λ >= 0 [, Σλ = 1 or <= 1].
func oracleCost(X, Y [][]float64, w []float64, o int, rts RTS) float64 {
	n, m, s := len(X), len(X[0]), len(Y[0])
	c0 := 0.0
	for i := range w {
		c0 += w[i] * X[o][i]
	}
	// columns: λ (n), x̄ (m), input surplus (m), output surplus (s), [s_c]
	cx, ce, cf := n, n+m, n+2*m
	nv := cf + s
	if rts == NIRS {
		nv++
	}
	p := newStdLP(nv)
	for i := 0; i < m; i++ {
		p.c[cx+i] = w[i] / c0
		c := map[int]float64{cx + i: -1, ce + i: 1}
		for j := 0; j < n; j++ {
			c[j] = X[j][i]
		}
		p.row(c, 0)
	}
	for r := 0; r < s; r++ {
		c := map[int]float64{cf + r: -1}
		for j := 0; j < n; j++ {
			c[j] = Y[j][r]
		}
		p.row(c, Y[o][r])
	}
	if rts != CRS {
		c := map[int]float64{}
		for j := 0; j < n; j++ {
			c[j] = 1
		}
		if rts == NIRS {
			c[nv-1] = 1
		}
		p.row(c, 1)
	}
	f, _, err := p.solve()
	if err != nil {
		return math.NaN()
	}
	return f
}
