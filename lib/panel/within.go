package panel

import (
	"errors"
	"fmt"
	"math"
)

// ErrNotConverged is returned (wrapped) when alternating projections do
// not reach the tolerance within MaxIter sweeps.
var ErrNotConverged = errors.New("panel: within transformation did not converge")

// Default tolerance and sweep cap of the alternating projections.
const (
	DefaultTol     = 1e-13
	DefaultMaxIter = 10000
)

// Demeaner applies the within transformation for a set of fixed effects
// over a fixed set of rows. Build it once with NewDemeaner and apply it to
// every column.
type Demeaner struct {
	Tol     float64 // stop when max |change| <= Tol × max |x|; DefaultTol if 0
	MaxIter int     // sweeps before ErrNotConverged; DefaultMaxIter if 0

	codes    [][]int32   // dense group code per FE per row
	invCount [][]float64 // 1/size of each group, per FE
	n        int
	balanced bool        // two FEs with equal cell counts: exact two-pass formula
	twoWay   *twoWay     // exact method for two FEs, one with few groups
	sums     [][]float64 // scratch group sums, one per FE (Demean is not safe for concurrent use)
}

// NewDemeaner prepares the within transformation for the fixed effects fe
// (one group code per row for each; codes are arbitrary integers). All
// slices must have the same length.
func NewDemeaner(fe [][]int) (*Demeaner, error) { return NewDemeanerRows(fe, nil) }

// NewDemeanerRows is NewDemeaner on the rows listed in rows (in that
// order) of the fe columns, or on all rows if rows is nil; it saves the
// caller a compacted copy of the codes.
func NewDemeanerRows(fe [][]int, rows []int32) (*Demeaner, error) {
	d := &Demeaner{}
	if len(fe) == 0 {
		return d, nil
	}
	for f, c := range fe {
		if len(c) != len(fe[0]) {
			return nil, fmt.Errorf("panel: fixed effect %d has %d rows, fixed effect 1 has %d", f+1, len(c), len(fe[0]))
		}
		codes, g := EncodeRows(c, rows)
		d.n = len(codes)
		cnt := make([]float64, g)
		for _, k := range codes {
			cnt[k]++
		}
		for k := range cnt {
			cnt[k] = 1 / cnt[k]
		}
		d.codes = append(d.codes, codes)
		d.invCount = append(d.invCount, cnt)
	}
	if len(fe) == 2 {
		d.balanced = balancedCells(d.codes[0], d.codes[1], len(d.invCount[0]), len(d.invCount[1]))
		if !d.balanced {
			d.twoWay = newTwoWay(d)
		}
	}
	return d, nil
}

// Encode maps arbitrary integer codes to 0..G-1 in order of first
// appearance and returns them with G.
func Encode(c []int) ([]int32, int) { return EncodeRows(c, nil) }

// EncodeRows is Encode on the rows listed in rows (in that order) of c,
// or on all of c if rows is nil. Every index in rows must be in range.
func EncodeRows(c []int, rows []int32) ([]int32, int) {
	n := len(c)
	if rows != nil {
		n = len(rows)
	}
	at := func(i int) int {
		if rows == nil {
			return c[i]
		}
		return c[rows[i]]
	}
	out := getCodes(n)
	if n == 0 {
		return out, 0
	}
	lo, hi := at(0), at(0)
	for i := range n {
		v := at(i)
		lo = min(lo, v)
		hi = max(hi, v)
	}
	g := 0
	if int64(hi)-int64(lo) < int64(2*n+1024) {
		dense := make([]int32, hi-lo+1)
		for i := range n {
			v := at(i)
			k := dense[v-lo]
			if k == 0 {
				g++
				k = int32(g)
				dense[v-lo] = k
			}
			out[i] = k - 1
		}
		return out, g
	}
	m := make(map[int]int32)
	for i := range n {
		v := at(i)
		k, ok := m[v]
		if !ok {
			k = int32(len(m))
			m[v] = k
		}
		out[i] = k
	}
	return out, len(m)
}

// balancedCells reports whether every (g1, g2) cell holds the same
// number of rows, in which case two-way demeaning is exact in two passes.
// The cell counts are bytes when they fit (a quarter of the memory).
func balancedCells(a, b []int32, ga, gb int) bool {
	if int64(ga)*int64(gb) > int64(len(a)) || len(a)%(ga*gb) != 0 {
		return false
	}
	want := len(a) / (ga * gb)
	if want < math.MaxUint8 {
		return cellsEqual(make([]uint8, ga*gb), a, b, gb, uint8(want))
	}
	return cellsEqual(make([]int32, ga*gb), a, b, gb, int32(want))
}

// cellsEqual counts the rows of each cell into cells (zeroed), failing
// as soon as one exceeds want, and reports whether all equal want.
func cellsEqual[T uint8 | int32](cells []T, a, b []int32, gb int, want T) bool {
	for i := range a {
		k := int(a[i])*gb + int(b[i])
		if cells[k] == want {
			return false
		}
		cells[k]++
	}
	for _, c := range cells {
		if c != want {
			return false
		}
	}
	return true
}

// Worker returns a Demeaner for another goroutine: it shares d's fixed
// effects (read-only) and has its own scratch space, so that columns can
// be demeaned in parallel, each exactly as d.Demean would. Release only d.
func (d *Demeaner) Worker() *Demeaner {
	return &Demeaner{Tol: d.Tol, MaxIter: d.MaxIter, codes: d.codes, invCount: d.invCount, n: d.n,
		balanced: d.balanced, twoWay: d.twoWay}
}

// Groups returns the number of groups of each fixed effect.
func (d *Demeaner) Groups() []int {
	g := make([]int, len(d.invCount))
	for f, c := range d.invCount {
		g[f] = len(c)
	}
	return g
}

// Exact reports whether Demean is exact (no fixed effect, one fixed
// effect, or two with balanced cells) rather than iterative.
func (d *Demeaner) Exact() bool { return len(d.codes) <= 1 || d.balanced || d.twoWay != nil }

// Demean replaces x by its within transformation. It panics if len(x) is
// not the number of rows (a caller bug) and returns an error wrapping
// ErrNotConverged when the iteration does not converge. A Demeaner reuses
// scratch space: use one per goroutine.
func (d *Demeaner) Demean(x []float64) error {
	if len(d.codes) == 0 {
		return nil
	}
	if len(x) != d.n {
		panic("panel: Demean: len(x) != rows of the fixed effects")
	}
	if d.sums == nil {
		d.sums = make([][]float64, len(d.codes))
		for f := range d.codes {
			d.sums[f] = make([]float64, len(d.invCount[f]))
		}
	}
	sums := d.sums
	switch {
	case len(d.codes) == 1:
		d.project(0, x, sums[0])
		return nil
	case d.balanced:
		d.twoWayBalanced(x, sums[0], sums[1])
		return nil
	case d.twoWay != nil:
		d.twoWay.demean(d, x, sums)
		return nil
	}
	return d.iterate(x, sums)
}

// project applies M_f: subtract the group means of FE f.
func (d *Demeaner) project(f int, x, sum []float64) {
	codes, inv := d.codes[f], d.invCount[f]
	clear(sum)
	for i, k := range codes {
		sum[k] += x[i]
	}
	for k := range sum {
		sum[k] *= inv[k]
	}
	for i, k := range codes {
		x[i] -= sum[k]
	}
}

func (d *Demeaner) twoWayBalanced(x, s1, s2 []float64) {
	c1, c2 := d.codes[0], d.codes[1]
	clear(s1)
	clear(s2)
	total := 0.0
	for i, v := range x {
		s1[c1[i]] += v
		s2[c2[i]] += v
		total += v
	}
	for k := range s1 {
		s1[k] *= d.invCount[0][k]
	}
	for k := range s2 {
		s2[k] *= d.invCount[1][k]
	}
	mean := total / float64(len(x))
	for i := range x {
		x[i] = x[i] - s1[c1[i]] - s2[c2[i]] + mean
	}
}

// sweep applies M_F ... M_1 to x in place.
func (d *Demeaner) sweep(x []float64, sums [][]float64) {
	for f := range d.codes {
		d.project(f, x, sums[f])
	}
}

// iterate runs alternating projections with Irons-Tuck acceleration
// every third sweep.
func (d *Demeaner) iterate(x []float64, sums [][]float64) error {
	tol, maxIter := d.Tol, d.MaxIter
	if tol == 0 {
		tol = DefaultTol
	}
	if maxIter == 0 {
		maxIter = DefaultMaxIter
	}
	scale := 0.0
	for _, v := range x {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		return nil
	}
	thresh := tol * scale
	x0 := make([]float64, len(x))
	x1 := make([]float64, len(x))
	for it := 0; it < maxIter; it += 2 {
		copy(x0, x)
		d.sweep(x, sums) // x = T(x0)
		copy(x1, x)
		d.sweep(x, sums) // x = T(x1) = x2
		// convergence on the last step
		change := 0.0
		for i := range x {
			change = max(change, math.Abs(x[i]-x1[i]))
		}
		if change <= thresh {
			return nil
		}
		// Irons-Tuck: x2 - <Δ2, Δx2>/<Δ2,Δ2> Δx2, Δx2 = x2-x1, Δ2 = x2-2x1+x0
		var num, den float64
		for i := range x {
			dx := x[i] - x1[i]
			d2 := dx - (x1[i] - x0[i])
			num += d2 * dx
			den += d2 * d2
		}
		if den > 0 {
			a := num / den
			for i := range x {
				x[i] -= a * (x[i] - x1[i])
			}
		}
	}
	return fmt.Errorf("%w after %d sweeps (tolerance %.1e of the column scale %.3g); the fixed effects may be weakly connected",
		ErrNotConverged, maxIter, tol, scale)
}

// Singletons marks as dropped (keep[i] = false) every kept row that is
// alone in its group for some fixed effect, repeating until no singleton
// remains, and returns the number of rows it dropped. Rows already
// dropped on entry are ignored.
func Singletons(fe [][]int, keep []bool) int {
	dropped := 0
	enc := make([][]int32, len(fe))
	cnt := make([][]int32, len(fe))
	for f, c := range fe {
		var g int
		enc[f], g = Encode(c)
		cnt[f] = make([]int32, g)
		for i, k := range enc[f] {
			if keep[i] {
				cnt[f][k]++
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for f := range fe {
			for i, k := range enc[f] {
				if keep[i] && cnt[f][k] == 1 {
					keep[i] = false
					dropped++
					changed = true
					for h := range fe {
						cnt[h][enc[h][i]]--
					}
				}
			}
		}
	}
	putCodes(enc...)
	return dropped
}
