package ivgmm

import "sync"

// vecPool keeps the n-vectors of finished fits (the demeaned columns and
// the residual buffers) for the next fit. At 1.6 M rows a fit works on
// ~200 MB of such vectors; reusing them instead of leaving them to the
// collector keeps the garbage of one fit from piling up on the working
// set of the next, which is what drives the peak RSS at default GOGC.
// Vectors of the wrong size are dropped; the pool empties itself over
// two garbage collections, so idle memory is returned.
var (
	vecPool slicePool[float64]
	rowPool slicePool[int32] // kept-row indices (keptRows)
)

// slicePool is a sync.Pool of slices of one element type.
type slicePool[T any] struct{ p sync.Pool }

// get returns a slice of length n with undefined contents.
func (sp *slicePool[T]) get(n int) []T {
	if v, ok := sp.p.Get().(*[]T); ok && cap(*v) >= n && cap(*v) <= 2*n {
		return (*v)[:n]
	}
	return make([]T, n)
}

// put gives v back; the caller must not use it afterwards.
func (sp *slicePool[T]) put(v []T) {
	if cap(v) > 0 {
		sp.p.Put(&v)
	}
}

// getVec returns an n-vector with undefined contents.
func getVec(n int) []float64 { return vecPool.get(n) }

// recycle gives every n-vector of ds (columns and free buffers) back to
// vecPool. ds must not be used afterwards. Each vector is put once even
// if it was listed twice.
func (ds *sample) recycle() {
	seen := make(map[*float64]bool, len(ds.cols)+len(ds.free))
	put := func(v []float64) {
		if cap(v) == 0 || seen[&v[:1][0]] {
			return
		}
		seen[&v[:1][0]] = true
		vecPool.put(v)
	}
	for _, c := range ds.cols {
		put(c)
	}
	for _, b := range ds.free {
		put(b)
	}
	ds.cols, ds.free = nil, nil
}
