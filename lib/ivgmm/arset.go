package ivgmm

import (
	"fmt"
	"math"
	"strings"
)

// ARSet is the Anderson-Rubin (1949) confidence set of the coefficient
// of the one endogenous regressor: the values β0 at which the
// Anderson-Rubin test of β1 = β0 (the F test of the excluded instruments
// in the regression of y − β0 x1 on all instruments, with the fit's
// covariance; ivreg2's arf at β0) does not reject at 1 − Level. It is
// valid however weak the instruments (Dufour 1997): it may be a bounded
// interval, a union of disjoint intervals, unbounded, the whole line or
// empty, and is reported as found on the grid, not forced into an
// interval. Bounds between grid points are located by bisection.
type ARSet struct {
	Level     float64      // confidence level, e.g. 0.95
	Grid      [2]float64   // the smallest and largest grid value searched
	Intervals [][2]float64 // accepted intervals, in increasing order
	// UnboundedBelow and UnboundedAbove report that the first or last
	// interval reaches the end of the grid: the set may extend beyond it.
	UnboundedBelow, UnboundedAbove bool
}

// Empty reports whether no value of the grid is accepted (the model
// is rejected at every β0: the overidentifying restrictions fail).
func (s *ARSet) Empty() bool { return len(s.Intervals) == 0 }

// Disjoint reports whether the set is a union of several intervals.
func (s *ARSet) Disjoint() bool { return len(s.Intervals) > 1 }

// String prints the set as [a, b] ∪ [c, +∞) with "(grid end)" notes.
func (s *ARSet) String() string {
	if s.Empty() {
		return fmt.Sprintf("%g%% AR set: empty on [%g, %g]", 100*s.Level, s.Grid[0], s.Grid[1])
	}
	var parts []string
	for i, iv := range s.Intervals {
		lo, hi := fmt.Sprintf("[%.6g", iv[0]), fmt.Sprintf("%.6g]", iv[1])
		if i == 0 && s.UnboundedBelow {
			lo = "(-inf"
		}
		if i == len(s.Intervals)-1 && s.UnboundedAbove {
			hi = "+inf)"
		}
		parts = append(parts, lo+", "+hi)
	}
	note := ""
	if s.UnboundedBelow || s.UnboundedAbove {
		note = fmt.Sprintf(" (accepted up to the end of the grid [%g, %g])", s.Grid[0], s.Grid[1])
	}
	return fmt.Sprintf("%g%% AR set: %s%s", 100*s.Level, strings.Join(parts, " U "), note)
}

// arSet inverts the AR test over grid (sorted ascending) at level.
// accept(β0) reports whether β0 is not rejected.
func arSet(grid []float64, level float64, accept func(b float64) (bool, error)) (*ARSet, error) {
	s := &ARSet{Level: level, Grid: [2]float64{grid[0], grid[len(grid)-1]}}
	acc := make([]bool, len(grid))
	for i, b := range grid {
		ok, err := accept(b)
		if err != nil {
			return nil, err
		}
		acc[i] = ok
	}
	// boundary between grid[i] (state a) and grid[i+1] (state !a)
	edge := func(i int) (float64, error) {
		lo, hi := grid[i], grid[i+1]
		want := acc[i]
		for range 60 {
			mid := lo + (hi-lo)/2
			if mid == lo || mid == hi {
				break
			}
			ok, err := accept(mid)
			if err != nil {
				return 0, err
			}
			if ok == want {
				lo = mid
			} else {
				hi = mid
			}
		}
		if want {
			return lo, nil
		}
		return hi, nil
	}
	start := math.NaN()
	for i := range grid {
		if acc[i] && math.IsNaN(start) {
			if i == 0 {
				start = grid[0]
				s.UnboundedBelow = true
			} else {
				e, err := edge(i - 1)
				if err != nil {
					return nil, err
				}
				start = e
			}
		}
		if acc[i] && (i == len(grid)-1 || !acc[i+1]) {
			end := grid[i]
			if i == len(grid)-1 {
				s.UnboundedAbove = true
			} else {
				e, err := edge(i)
				if err != nil {
					return nil, err
				}
				end = e
			}
			s.Intervals = append(s.Intervals, [2]float64{start, end})
			start = math.NaN()
		}
	}
	return s, nil
}

// arConfidenceSet is the AR set of the fit (one endogenous regressor).
func (ds *sample) arConfidenceSet(p *partialled, grid []float64, level float64) (*ARSet, error) {
	if len(p.x1p) != 1 {
		return nil, fmt.Errorf("%w: the Anderson-Rubin confidence set is for one endogenous regressor, the model has %d", ErrInput, len(p.x1p))
	}
	if len(grid) < 2 {
		return nil, fmt.Errorf("%w: the Anderson-Rubin confidence set needs a grid of at least 2 values of β1", ErrInput)
	}
	for i := 1; i < len(grid); i++ {
		if !(grid[i] > grid[i-1]) {
			return nil, fmt.Errorf("%w: the Anderson-Rubin grid must be increasing (value %d: %g after %g)", ErrInput, i+1, grid[i], grid[i-1])
		}
	}
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		return nil, fmt.Errorf("%w: the confidence level must be in (0, 1), got %g", ErrInput, level)
	}
	rules := ds.cov.rules()
	l1 := len(p.z1p)
	ep := ds.buf()
	defer ds.release(ep)
	x, y := p.x1p[0], p.yp
	return arSet(grid, level, func(b float64) (bool, error) {
		for i := range ep {
			ep[i] = y[i] - b*x[i]
		}
		_, w, _, err := ds.excludedWald(p, ep)
		if err != nil {
			return false, err
		}
		if math.IsNaN(w) {
			return false, fmt.Errorf("%w: the covariance of the Anderson-Rubin test at β1 = %g is singular", ErrSingular, b)
		}
		pv := fP(rules.waldF(w, rules.sDen(), l1), l1, rules.dfInstr())
		return pv > 1-level, nil
	})
}

// Grid returns n equally spaced values from lo to hi, for ARGrid.
func Grid(lo, hi float64, n int) []float64 {
	if n < 2 {
		return []float64{lo}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return out
}
