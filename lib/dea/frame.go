package dea

import (
	"errors"
	"fmt"
	"sort"
)

// buildFrame finds a generating subset of the CRS or VRS technology (see
// Technology.Frame) among the candidates cand (nil: all DMUs), which must
// span the technology. Visit order: the DMUs with the highest productivity
// proxy first (they build most of the frame), then the rest in
// LocalityOrder so that consecutive LPs share cached bases.
func (t *Technology) buildFrame(vrs bool, cand []int) ([]int, error) {
	n, m, s := t.n, t.m, t.s
	rts := CRS
	if vrs {
		rts = VRS
	}
	done := make([]bool, n) // in the frame or shown to lie in T(frame)
	if cand == nil {
		cand = make([]int, n)
		for j := range cand {
			cand[j] = j
		}
	} else {
		for j := range done {
			done[j] = true
		}
		for _, j := range cand {
			done[j] = false
		}
	}
	order := t.frameOrder(cand)
	inF := make([]bool, n) // in the frame
	frame := []int{order[0]}
	inF[order[0]], done[order[0]] = true, true
	key := lpKey{rts, Output, true} // its own cache, apart from evaluation LPs
	v := &t.v
	v.warmOK = false
	v.resetFacets()
	v.useFacets, v.stopAt = true, 1-1e-10
	defer func() {
		v.useFacets, v.stopAt, v.warmOK = false, 0, false
		v.resetFacets()
	}()
	add := func(k int) {
		frame = append(frame, k)
		inF[k], done[k] = true, true
		v.purgeFacets(key, t.x[k*m:(k+1)*m], t.y[k*s:(k+1)*s])
	}
	for _, j := range order[1:] {
		if done[j] {
			continue
		}
		xj, yj := t.x[j*m:(j+1)*m], t.y[j*s:(j+1)*s]
		for !done[j] {
			err := t.solveRefs(xj, yj, frame, rts, Output, key)
			switch {
			case errors.Is(err, ErrInfeasible):
				add(j) // (xj, yj) is outside T(frame) and no duals to price with
			case err != nil:
				return nil, fmt.Errorf("dea: building the %v frame at DMU row %d: %w", rts, j, err)
			case v.radial() >= 1-1e-10:
				done[j] = true // (xj, yj) in T(frame): redundant
			default:
				k := t.mostViolated(done, vrs)
				if k < 0 {
					k = j
				}
				add(k)
			}
		}
	}
	sort.Ints(frame)
	return frame, nil
}

// frameOrder returns the visiting order of buildFrame over cand: DMUs
// sorted by the proxy (mean-normalised outputs over mean-normalised
// inputs, descending) for the best 5% (at least 50), then the others in
// LocalityOrder.
func (t *Technology) frameOrder(cand []int) []int {
	n, m, s := len(cand), t.m, t.s
	mx, my := make([]float64, m), make([]float64, s)
	for _, j := range cand {
		for i := 0; i < m; i++ {
			mx[i] += t.x[j*m+i]
		}
		for q := 0; q < s; q++ {
			my[q] += t.y[j*s+q]
		}
	}
	proxy := make([]float64, t.n)
	order := append([]int(nil), cand...)
	for _, j := range cand {
		var sx, sy float64
		for i := 0; i < m; i++ {
			sx += t.x[j*m+i] / mx[i]
		}
		for q := 0; q < s; q++ {
			sy += t.y[j*s+q] / my[q]
		}
		proxy[j] = sy / sx
	}
	sort.SliceStable(order, func(a, b int) bool { return proxy[order[a]] > proxy[order[b]] })
	head := max(50, n/20)
	if head >= n {
		return order
	}
	rest := order[head:]
	xs, ys := make([][]float64, len(rest)), make([][]float64, len(rest))
	for k, j := range rest {
		xs[k], ys[k] = t.x[j*m:(j+1)*m], t.y[j*s:(j+1)*s]
	}
	loc := LocalityOrder(xs, ys)
	tail := make([]int, len(rest))
	for k, p := range loc {
		tail[k] = rest[p]
	}
	copy(rest, tail)
	return order
}

// mostViolated prices every DMU not yet settled with the duals of the last
// LP and returns the one with the most negative reduced cost (-1 if none
// is negative beyond tolerance). Settled DMUs lie in T(frame) and cannot
// violate a hyperplane that supports it.
func (t *Technology) mostViolated(done []bool, vrs bool) int {
	m, s := t.m, t.s
	sx := &t.v.sx
	sx.duals()
	w := make([]float64, m+s)
	for i := range w {
		w[i] = sx.y[i] * t.v.inv[i]
	}
	y0 := 0.0
	if vrs {
		y0 = sx.y[sx.r-1]
	}
	best, kb := -1e-9, -1
	for k := 0; k < t.n; k++ {
		if done[k] {
			continue
		}
		d := -y0
		for i, v := range t.x[k*m : (k+1)*m] {
			d -= w[i] * v
		}
		for q, v := range t.y[k*s : (k+1)*s] {
			d -= w[m+q] * v
		}
		if d < best {
			best, kb = d, k
		}
	}
	return kb
}
