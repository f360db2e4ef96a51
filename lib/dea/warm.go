package dea

import (
	"math"
	"sort"
)

// Warm starts from a cache of optimal bases ("facets").
//
// The optimal basis of a radial LP fixes a supporting hyperplane of the
// technology: in data units its duals (w, w0) depend only on the basic
// reference DMUs and slacks, not on the evaluated observation (the row
// scaling only rescales them). A basis recorded after a verified optimum
// (simplex.check, plus dual feasibility with a 1e-11 margin for every
// column, see record) is therefore dual feasible for every observation
// evaluated against the same reference set, and it is optimal for a new
// observation as soon as it is primal feasible there. fastSolve checks
// exactly that, from a fresh factorisation of the r x r basis matrix,
// without building the LP; no pivot and no pricing pass is needed.
//
// Which cached basis to try: the one that settled the previous LP
// (observations are evaluated in LocalityOrder, so neighbours share
// facets), then the one with the best bound, since each cached hyperplane
// bounds the new optimum (weak duality):
//
//	output: phi   <= -(w_x'x0 + w0) / (w_y'y0)     (w_y'y0 > 0)
//	input:  theta >=  (w_y'y0 + w0) / (-w_x'x0)     (w_x'x0 < 0)
//
// If neither is primal feasible the LP is built and solved by the simplex,
// and its optimal basis joins the cache.
//
// While a frame is being built the reference set grows; hyperplanes that a
// new frame DMU violates are purged (purgeFacets), so the cache only holds
// hyperplanes that support the current T(frame).
type facetCache struct {
	bases []int     // r per facet
	w     []float64 // m+s+1 per facet: weights in data units, then w0
	n     int
	r     int // basis length (rows of the layout)
	last  int // facet that settled the previous LP, -1 if none
	seen  map[uint64]bool
}

// maxFacets caps the cache per LP layout.
const maxFacets = 4096

func (v *solver) cacheFor(key lpKey) *facetCache {
	if v.facets == nil {
		v.facets = map[lpKey]*facetCache{}
	}
	fc := v.facets[key]
	if fc == nil {
		fc = &facetCache{seen: map[uint64]bool{}, last: -1}
		v.facets[key] = fc
	}
	return fc
}

// resetFacets drops all cached bases (the reference set changed).
func (v *solver) resetFacets() { v.facets = nil }

// bestFacet returns the index of the cached basis with the best bound for
// the current observation (setPoint), or -1.
func (v *solver) bestFacet(fc *facetCache, o Orientation) int {
	m, s := v.m, v.s
	d := m + s + 1
	if cap(v.point) < m+s {
		v.point = make([]float64, m+s)
	}
	p := v.point[:m+s]
	for i := range p {
		p[i] = 1 / v.inv[i]
	}
	px, py := p[:m], p[m:]
	best, bi := math.Inf(-1), -1
	for k := 0; k < fc.n; k++ {
		w := fc.w[k*d : (k+1)*d]
		wx, wy := 0.0, 0.0
		for i, xv := range px {
			wx += w[i] * xv
		}
		for q, yv := range py {
			wy += w[m+q] * yv
		}
		w0 := w[m+s]
		var val float64
		if o == Output {
			if wy <= 0 {
				continue
			}
			val = (wx + w0) / wy // = -(upper bound on phi)
		} else {
			if wx >= 0 {
				continue
			}
			val = (wy + w0) / -wx // lower bound on theta
		}
		if val > best {
			best, bi = val, k
		}
	}
	return bi
}

// basisOf returns cached basis k.
func (fc *facetCache) basisOf(k int) []int { return fc.bases[k*fc.r : (k+1)*fc.r] }

// tryFacets settles the LP of the current observation from the cache: the
// facet of the previous LP first (observations are evaluated in an order
// that keeps neighbours together, see LocalityOrder), then the one with the
// best bound. It reports the optimum and whether a facet was primal
// feasible with radial >= v.stopAt.
func (v *solver) tryFacets(fc *facetCache, refs []int, rts RTS, o Orientation) (float64, bool) {
	if fc.last >= 0 {
		if rad, ok := v.fastSolve(fc.basisOf(fc.last), refs, rts, o); ok && rad >= v.stopAt {
			return rad, true
		}
	}
	k := v.bestFacet(fc, o)
	if k < 0 || k == fc.last {
		return 0, false
	}
	if rad, ok := v.fastSolve(fc.basisOf(k), refs, rts, o); ok && rad >= v.stopAt {
		fc.last = k
		return rad, true
	}
	return 0, false
}

// record adds the current optimal basis (after check) to the cache if it
// holds no artificial variable and its duals are dual feasible with a
// margin of 1e-11 for every column (so that the hyperplane certifies
// optimality for any other observation).
func (v *solver) record(fc *facetCache, conv bool) {
	if fc.n >= maxFacets {
		return
	}
	sx := &v.sx
	r := sx.r
	for _, j := range sx.basis {
		if j >= sx.art {
			return
		}
	}
	for j := 0; j < sx.art; j++ {
		if sx.isBas[j] == 0 && sx.reduced(j) < -1e-11 {
			return
		}
	}
	if cap(v.sorted) < r {
		v.sorted = make([]int, r)
	}
	sb := append(v.sorted[:0], sx.basis...)
	sort.Ints(sb)
	h := uint64(14695981039346656037)
	for _, j := range sb {
		h ^= uint64(j)
		h *= 1099511628211
	}
	if fc.seen[h] {
		return
	}
	fc.seen[h] = true
	m, s := v.m, v.s
	for i := 0; i < m+s; i++ {
		fc.w = append(fc.w, sx.y[i]*v.inv[i])
	}
	w0 := 0.0
	if conv {
		w0 = sx.y[r-1]
	}
	fc.w = append(fc.w, w0)
	fc.bases = append(fc.bases, sx.basis...)
	fc.r = r
	fc.last = fc.n
	fc.n++
}

// purgeFacets drops the cached hyperplanes of layout key that the new
// reference point (x, y) violates: they no longer support the technology.
func (v *solver) purgeFacets(key lpKey, x, y []float64) {
	fc := v.facets[key]
	if fc == nil {
		return
	}
	m, s, r := v.m, v.s, fc.r
	d := m + s + 1
	keep := 0
	for k := 0; k < fc.n; k++ {
		w := fc.w[k*d : (k+1)*d]
		p := w[m+s]
		for i, xv := range x {
			p += w[i] * xv
		}
		for q, yv := range y {
			p += w[m+q] * yv
		}
		if p > 1e-9 { // reduced cost -p < 0: (x, y) lies above the hyperplane
			continue
		}
		if keep != k {
			copy(fc.w[keep*d:(keep+1)*d], w)
			copy(fc.bases[keep*r:(keep+1)*r], fc.bases[k*r:(k+1)*r])
		}
		keep++
	}
	fc.n, fc.last = keep, -1
	fc.w, fc.bases = fc.w[:keep*d], fc.bases[:keep*r]
}

// fastSolve settles an LP from cached basis bs without loading it: it
// builds the r x r basis matrix for the current observation (setPoint),
// solves B z = b and accepts the basis if z >= 0 (within 1e-9) and the
// radial variable is basic. The cached hyperplane is dual feasible for any
// observation, so a primal feasible basis is optimal.
func (v *solver) fastSolve(bs []int, refs []int, rts RTS, o Orientation) (float64, bool) {
	m, s := v.m, v.s
	r, nf, conv := v.layout(rts)
	w := r + 1
	if cap(v.fm) < r*w {
		v.fm = make([]float64, r*w)
	}
	M := v.fm[:r*w] // row-major [B | b]
	for i := range M {
		M[i] = 0
	}
	radPos := -1
	for c, j := range bs {
		switch {
		case j == 0:
			radPos = c
			if o == Output {
				for q := 0; q < s; q++ {
					M[(m+q)*w+c] = -1
				}
			} else {
				for i := 0; i < m; i++ {
					M[i*w+c] = -1
				}
			}
		case j <= m:
			M[(j-1)*w+c] = 1
		case j <= m+s:
			M[(j-1)*w+c] = -1
		case j < nf: // NIRS convexity slack
			M[(r-1)*w+c] = 1
		default:
			p := refs[j-nf]
			for i := 0; i < m; i++ {
				M[i*w+c] = v.x[p*m+i] * v.inv[i]
			}
			for q := 0; q < s; q++ {
				M[(m+q)*w+c] = v.y[p*s+q] * v.inv[m+q]
			}
			if conv {
				M[(r-1)*w+c] = 1
			}
		}
	}
	if radPos < 0 {
		return 0, false
	}
	for i := 0; i < r; i++ {
		bi := 0.0
		switch {
		case i < m:
			if o == Output {
				bi = 1
			}
		case i < m+s:
			if o == Input {
				bi = 1
			}
		default:
			bi = 1
		}
		M[i*w+r] = bi
	}
	// Gaussian elimination with partial pivoting.
	for k := 0; k < r; k++ {
		p, best := -1, 0.0
		for i := k; i < r; i++ {
			if a := math.Abs(M[i*w+k]); a > best {
				p, best = i, a
			}
		}
		if best < 1e-11 {
			return 0, false
		}
		if p != k {
			for c := k; c < w; c++ {
				M[k*w+c], M[p*w+c] = M[p*w+c], M[k*w+c]
			}
		}
		inv := 1 / M[k*w+k]
		for i := k + 1; i < r; i++ {
			f := M[i*w+k] * inv
			if f == 0 {
				continue
			}
			for c := k; c < w; c++ {
				M[i*w+c] -= f * M[k*w+c]
			}
		}
	}
	var rad float64
	for k := r - 1; k >= 0; k-- {
		val := M[k*w+r]
		for c := k + 1; c < r; c++ {
			val -= M[k*w+c] * M[c*w+r]
		}
		val /= M[k*w+k]
		M[k*w+r] = val
		if val < -1e-9 {
			return 0, false
		}
		if k == radPos {
			rad = val
		}
	}
	return math.Max(rad, 0), rad > 0
}
