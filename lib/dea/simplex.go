package dea

import (
	"errors"
	"math"
)

// Sentinel errors for LP outcomes. Callers wrap them with the DMU and
// periods involved; test with errors.Is.
var (
	// ErrInfeasible: the LP has no feasible point (for example a cross-period
	// VRS LP whose observation lies outside the reference technology).
	ErrInfeasible = errors.New("dea: LP is infeasible")
	// ErrUnbounded: the LP objective is unbounded (zero inputs or outputs).
	ErrUnbounded = errors.New("dea: LP is unbounded")
	// ErrNumerical: the simplex hit its iteration cap or its final
	// optimality check failed.
	ErrNumerical = errors.New("dea: numerical trouble in LP")
)

// Tolerances of the simplex, for data scaled so that the evaluated
// observation has all entries 1 (see lp.go).
const (
	tolPiv   = 1e-9  // smallest acceptable pivot magnitude
	tolFeas  = 1e-9  // primal feasibility
	tolOpt   = 1e-9  // dual feasibility (reduced costs)
	tolCheck = 1e-7  // final residual check
	harrisD  = 1e-10 // Harris ratio-test relaxation
)

// simplex is a dense revised simplex for min c'z, Az = b, z >= 0 with a
// handful of rows r and any number of columns. A is stored column-major.
// The basis inverse is kept explicitly (r x r, row-major) and updated by
// elementary row operations; it is recomputed from scratch periodically and
// before the final optimality check.
//
// Termination: Dantzig pricing with the Harris two-pass ratio test is used
// until a run of degenerate pivots is seen; from then on the solver uses
// Bland's rule (smallest-index entering and leaving variables), which cannot
// cycle in exact arithmetic, and a hard iteration cap guarantees termination
// in floating point (returning ErrNumerical).
type simplex struct {
	r, ncol int
	a       []float64 // r*ncol row-major: entry (i, j) at a[i*ncol+j]
	c       []float64 // ncol
	b       []float64 // r
	art     int       // columns >= art are artificial (phase 1 only)

	basis []int     // r basic column indices
	isBas []int32   // ncol: position in basis + 1, 0 if nonbasic
	binv  []float64 // r*r
	xb    []float64 // r
	y     []float64 // r duals
	w     []float64 // r work (entering column)
	d     []float64 // ncol reduced costs
	tmp   []float64 // r*2r for reinversion

	iters int
}

func (s *simplex) resize(r, ncol int) {
	s.r, s.ncol = r, ncol
	grow := func(v []float64, n int) []float64 {
		if cap(v) < n {
			return make([]float64, n)
		}
		return v[:n]
	}
	s.a = grow(s.a, r*ncol)
	s.c = grow(s.c, ncol)
	s.b = grow(s.b, r)
	s.binv = grow(s.binv, r*r)
	s.xb = grow(s.xb, r)
	s.y = grow(s.y, r)
	s.w = grow(s.w, r)
	s.tmp = grow(s.tmp, 2*r*r)
	s.d = grow(s.d, ncol)
	if cap(s.basis) < r {
		s.basis = make([]int, r)
	}
	s.basis = s.basis[:r]
	if cap(s.isBas) < ncol {
		s.isBas = make([]int32, ncol)
	}
	s.isBas = s.isBas[:ncol]
}

// setBasis installs basis bs and reinverts; it reports false if the basis
// matrix is singular.
func (s *simplex) setBasis(bs []int) bool {
	for i := range s.isBas {
		s.isBas[i] = 0
	}
	copy(s.basis, bs)
	for i, j := range s.basis {
		s.isBas[j] = int32(i + 1)
	}
	return s.reinvert()
}

// reinvert computes binv = B^{-1} by Gauss-Jordan with partial pivoting and
// then xb = binv*b.
func (s *simplex) reinvert() bool {
	r := s.r
	m := s.tmp[:2*r*r] // r rows of [B | I], width 2r
	for i := 0; i < r; i++ {
		row := m[i*2*r : (i+1)*2*r]
		for k := range row {
			row[k] = 0
		}
		for k, j := range s.basis {
			row[k] = s.a[i*s.ncol+j]
		}
		row[r+i] = 1
	}
	for k := 0; k < r; k++ {
		p, best := -1, 0.0
		for i := k; i < r; i++ {
			if v := math.Abs(m[i*2*r+k]); v > best {
				p, best = i, v
			}
		}
		if best < 1e-11 {
			return false
		}
		if p != k {
			for q := 0; q < 2*r; q++ {
				m[k*2*r+q], m[p*2*r+q] = m[p*2*r+q], m[k*2*r+q]
			}
		}
		piv := 1 / m[k*2*r+k]
		rowk := m[k*2*r : (k+1)*2*r]
		for q := range rowk {
			rowk[q] *= piv
		}
		for i := 0; i < r; i++ {
			if i == k {
				continue
			}
			f := m[i*2*r+k]
			if f == 0 {
				continue
			}
			rowi := m[i*2*r : (i+1)*2*r]
			for q := range rowi {
				rowi[q] -= f * rowk[q]
			}
		}
	}
	for i := 0; i < r; i++ {
		copy(s.binv[i*r:(i+1)*r], m[i*2*r+r:(i+1)*2*r])
	}
	s.computeXB()
	return true
}

func (s *simplex) computeXB() {
	r := s.r
	for i := 0; i < r; i++ {
		v := 0.0
		row := s.binv[i*r : (i+1)*r]
		for k, bk := range s.b {
			v += row[k] * bk
		}
		s.xb[i] = v
	}
}

// duals sets y = c_B' binv.
func (s *simplex) duals() {
	r := s.r
	for k := 0; k < r; k++ {
		s.y[k] = 0
	}
	for i, j := range s.basis {
		cj := s.c[j]
		if cj == 0 {
			continue
		}
		row := s.binv[i*r : (i+1)*r]
		for k := range s.y {
			s.y[k] += cj * row[k]
		}
	}
}

// reduced returns c_j - y'a_j.
func (s *simplex) reduced(j int) float64 {
	d := s.c[j]
	for k := 0; k < s.r; k++ {
		d -= s.y[k] * s.a[k*s.ncol+j]
	}
	return d
}

// primalFeasible reports whether xb >= -tolFeas.
func (s *simplex) primalFeasible() bool {
	for _, v := range s.xb {
		if v < -tolFeas {
			return false
		}
	}
	return true
}

// iterate runs simplex pivots on the current (primal feasible) basis until
// optimality. Columns >= limit never enter. Artificial basic variables
// (index >= s.art) are kept at zero when phase2 is set.
func (s *simplex) iterate(limit int, phase2 bool, maxIter int) error {
	r := s.r
	bland := false
	degenerate := 0
	sinceInv := 0
	for {
		if s.iters >= maxIter {
			return ErrNumerical
		}
		s.duals()
		// Pricing: d = c - y'A for all columns < limit, one row at a time.
		d := s.d[:limit]
		copy(d, s.c[:limit])
		for k := 0; k < r; k++ {
			yk := s.y[k]
			if yk == 0 {
				continue
			}
			row := s.a[k*s.ncol : k*s.ncol+limit]
			for j, v := range row {
				d[j] -= yk * v
			}
		}
		q, best := -1, -tolOpt
		for j, dj := range d {
			if dj < best && s.isBas[j] == 0 {
				q, best = j, dj
				if bland {
					break
				}
			}
		}
		if q < 0 {
			return nil
		}
		// w = binv a_q.
		for i := 0; i < r; i++ {
			v := 0.0
			row := s.binv[i*r : (i+1)*r]
			for k := 0; k < r; k++ {
				v += row[k] * s.a[k*s.ncol+q]
			}
			s.w[i] = v
		}
		p := s.ratio(bland, phase2)
		if p < 0 {
			return ErrUnbounded
		}
		step := math.Max(s.xb[p], 0) / s.w[p]
		if step <= 1e-12 {
			degenerate++
			if degenerate > 2*r+5 {
				bland = true
			}
		} else {
			degenerate = 0
		}
		s.pivot(p, q)
		s.iters++
		sinceInv++
		if sinceInv >= 40 {
			sinceInv = 0
			if !s.reinvert() {
				return ErrNumerical
			}
		}
	}
}

// ratio chooses the leaving row for entering direction s.w: Harris' two
// passes (relaxed bound, then the largest pivot among rows within it), or in
// Bland mode the minimum ratio with ties broken by the smallest basic
// column index. It returns -1 if the direction is unbounded.
func (s *simplex) ratio(bland, phase2 bool) int {
	p := -1
	// Artificial variables left in the basis at zero must stay at zero.
	if phase2 {
		bestW := 0.0
		for i, j := range s.basis {
			if j >= s.art && math.Abs(s.w[i]) > tolPiv && math.Abs(s.w[i]) > bestW {
				p, bestW = i, math.Abs(s.w[i])
			}
		}
		if p >= 0 {
			return p
		}
	}
	if bland {
		best := math.Inf(1)
		for i, wi := range s.w {
			if wi <= tolPiv {
				continue
			}
			t := math.Max(s.xb[i], 0) / wi
			if t < best-1e-12 || (t <= best+1e-12 && p >= 0 && s.basis[i] < s.basis[p]) {
				if t < best {
					best = t
				}
				p = i
			}
		}
		return p
	}
	tmax := math.Inf(1)
	for i, wi := range s.w {
		if wi > tolPiv {
			if t := (math.Max(s.xb[i], 0) + harrisD) / wi; t < tmax {
				tmax = t
			}
		}
	}
	if math.IsInf(tmax, 1) {
		return -1
	}
	bestW := 0.0
	for i, wi := range s.w {
		if wi > tolPiv && math.Max(s.xb[i], 0)/wi <= tmax && wi > bestW {
			p, bestW = i, wi
		}
	}
	return p
}

// pivot makes column q basic in row p, updating binv and xb.
func (s *simplex) pivot(p, q int) {
	r := s.r
	wp := s.w[p]
	rowp := s.binv[p*r : (p+1)*r]
	inv := 1 / wp
	for k := range rowp {
		rowp[k] *= inv
	}
	xp := s.xb[p] * inv
	for i := 0; i < r; i++ {
		if i == p || s.w[i] == 0 {
			continue
		}
		f := s.w[i]
		row := s.binv[i*r : (i+1)*r]
		for k := range row {
			row[k] -= f * rowp[k]
		}
		s.xb[i] -= f * xp
	}
	s.xb[p] = xp
	s.isBas[s.basis[p]] = 0
	s.basis[p] = q
	s.isBas[q] = int32(p + 1)
}

// objective returns c_B' xb.
func (s *simplex) objective() float64 {
	v := 0.0
	for i, j := range s.basis {
		v += s.c[j] * s.xb[i]
	}
	return v
}

// check verifies the final basis after a reinversion: primal feasibility,
// artificial variables at zero, dual feasibility over columns < limit and
// equality of the primal and dual objectives.
func (s *simplex) check(limit int) bool {
	if !s.reinvert() {
		return false
	}
	for i, j := range s.basis {
		if s.xb[i] < -tolCheck || (j >= s.art && math.Abs(s.xb[i]) > tolCheck) {
			return false
		}
	}
	s.duals()
	for j := 0; j < limit; j++ {
		if s.isBas[j] == 0 && s.reduced(j) < -tolCheck {
			return false
		}
	}
	dual := 0.0
	for k, v := range s.b {
		dual += s.y[k] * v
	}
	return math.Abs(dual-s.objective()) <= tolCheck*(1+math.Abs(dual))
}
