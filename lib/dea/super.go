package dea

import (
	"fmt"
	"math"
	"sort"
)

// Super returns the super-efficiency of reference DMU j (Andersen &
// Petersen 1993): the radial distance of its own observation against the
// technology of the other n−1 DMUs,
//
//	input:  theta = min { t : (t x_j, y_j) in T(all but j) }
//	output: 1/phi,  phi = max { p : (x_j, p y_j) in T(all but j) }
//
// so that an efficient DMU scores above 1 (how far it could worsen and stay
// efficient) and an inefficient one keeps its ordinary score. Under VRS
// (and NIRS, input orientation) the LP can be infeasible: ErrInfeasible
// (Benchmarking::sdea reports Inf, deaR NA).
//
// A DMU outside the frame of rts is not needed to span the technology, so
// T(all but j) = T and its super-efficiency is its ordinary distance; only
// frame DMUs need an LP over the other n−1.
func (t *Technology) Super(j int, rts RTS, o Orientation) (float64, error) {
	if j < 0 || j >= t.n {
		return math.NaN(), fmt.Errorf("%w: DMU row %d out of range [0, %d)", ErrData, j, t.n)
	}
	x, y := t.x[j*t.m:(j+1)*t.m], t.y[j*t.s:(j+1)*t.s]
	if !t.Plain {
		fr, err := t.Frame(rts)
		if err != nil {
			return math.NaN(), err
		}
		if k := sort.SearchInts(fr, j); k >= len(fr) || fr[k] != j {
			return t.Distance(x, y, rts, o)
		}
	}
	if o != Input && o != Output {
		return math.NaN(), fmt.Errorf("%w: super-efficiency is input or output orientated, not %v", ErrData, o)
	}
	if t.n < 2 {
		return math.NaN(), fmt.Errorf("%w: super-efficiency needs at least two DMUs", ErrData)
	}
	refs := make([]int, 0, t.n-1)
	for k := 0; k < t.n; k++ {
		if k != j {
			refs = append(refs, k)
		}
	}
	v := &t.v
	v.warmOK, v.fast = false, false
	t.lps++
	v.load(t.x, t.y, refs, x, y, rts, o)
	if err := v.run(lpKey{rts, o, true}, rts, o); err != nil {
		v.warmOK = false
		return math.NaN(), err
	}
	v.warmOK = false
	return distance(v.radial(), o), nil
}
