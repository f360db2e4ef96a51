package ivgmm

import (
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/panel"
)

// absorbWeighted demeans every column within the fixed effects with
// weighted group means, x_i − Σ_{g} w x / Σ_{g} w, as xtivreg2 fe does
// with weights (and areg/reghdfe). One fixed effect takes one pass;
// several alternate until the largest change is below 1e-13 of the
// column's scale.
func (ds *sample) absorbWeighted(d *Data, rows []int32) error {
	w := ds.wt.w
	codes := make([][]int32, len(d.FE))
	ds.groups = make([]int, len(d.FE))
	wsum := make([][]float64, len(d.FE))
	for f, c := range d.FE {
		cd, g := panel.EncodeRows(c, rows)
		codes[f], ds.groups[f] = cd, g
		s := make([]float64, g)
		for i, k := range cd {
			s[k] += w[i]
		}
		for k := range s {
			if s[k] != 0 {
				s[k] = 1 / s[k]
			}
		}
		wsum[f] = s
	}
	ds.dofminus = ds.groups[0]
	for _, g := range ds.groups[1:] {
		ds.kExtra += g - 1
	}
	ds.ssBefore = make([]float64, len(ds.cols))
	for j, c := range ds.cols {
		if ds.hasConst && j == 0 {
			continue
		}
		ss := 0.0
		for i, v := range c {
			ss += w[i] * v * v
		}
		ds.ssBefore[j] = ss
		if err := weightedDemean(c, w, codes, wsum); err != nil {
			return fmt.Errorf("ivgmm: absorbing %s for %q: %w", strings.Join(d.FENames, ", "), ds.names[j], err)
		}
	}
	return nil
}

// weightedDemean subtracts the weighted group means of x, one fixed
// effect after the other, until they are all zero.
func weightedDemean(x, w []float64, codes [][]int32, inv [][]float64) error {
	scale := 0.0
	for _, v := range x {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		return nil
	}
	sums := make([][]float64, len(codes))
	for f := range codes {
		sums[f] = make([]float64, len(inv[f]))
	}
	const maxIter = 10000
	for it := 0; it < maxIter; it++ {
		change := 0.0
		for f, cd := range codes {
			s := sums[f]
			clear(s)
			for i, k := range cd {
				s[k] += w[i] * x[i]
			}
			for k := range s {
				s[k] *= inv[f][k]
				change = max(change, math.Abs(s[k]))
			}
			for i, k := range cd {
				x[i] -= s[k]
			}
		}
		if len(codes) == 1 || change <= 1e-13*scale {
			return nil
		}
	}
	return fmt.Errorf("%w: weighted within transformation after %d sweeps", panel.ErrNotConverged, maxIter)
}
