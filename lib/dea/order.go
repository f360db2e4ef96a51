package dea

import (
	"math"
	"sort"
)

// LocalityOrder returns an evaluation order of the points (xs[k], ys[k])
// that keeps points close in (log) input-output space together: a Morton
// (Z-order) curve over the log-scaled coordinates. Evaluating a batch in
// this order lets consecutive LPs share their optimal basis (see warm.go);
// results do not depend on the order.
func LocalityOrder(xs, ys [][]float64) []int {
	n := len(xs)
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	if n == 0 {
		return order
	}
	d := len(xs[0]) + len(ys[0])
	bits := 63 / d
	if bits > 16 {
		bits = 16
	}
	if bits == 0 {
		return order
	}
	lg := make([]float64, n*d) // log coordinates
	for k := 0; k < n; k++ {
		for c, v := range xs[k] {
			lg[k*d+c] = math.Log(v)
		}
		for c, v := range ys[k] {
			lg[k*d+len(xs[k])+c] = math.Log(v)
		}
	}
	lo, hi := make([]float64, d), make([]float64, d)
	for c := 0; c < d; c++ {
		lo[c], hi[c] = math.Inf(1), math.Inf(-1)
		for k := 0; k < n; k++ {
			lo[c], hi[c] = math.Min(lo[c], lg[k*d+c]), math.Max(hi[c], lg[k*d+c])
		}
	}
	keys := make([]uint64, n)
	q := make([]uint64, d)
	top := float64(uint64(1)<<bits - 1)
	for k := 0; k < n; k++ {
		for c := 0; c < d; c++ {
			q[c] = 0
			if hi[c] > lo[c] {
				q[c] = uint64((lg[k*d+c] - lo[c]) / (hi[c] - lo[c]) * top)
			}
		}
		var key uint64
		for b := bits - 1; b >= 0; b-- {
			for c := 0; c < d; c++ {
				key = key<<1 | (q[c]>>uint(b))&1
			}
		}
		keys[k] = key
	}
	sort.Slice(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	return order
}
