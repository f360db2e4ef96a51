package dea

import (
	"math"
)

// Multi-stage slacks (Coelli 1998, "A multi-stage methodology for the
// solution of orientated DEA models", Operations Research Letters
// 23:143-149; DEAP 2.1's default "Slacks calculated using multi-stage
// method").
//
// After the radial stage projects DMU o to (x', y') = (θx, y) (input
// orientation; (x, φy) for output), each further stage finds the variables
// in which (x', y') is still dominated (positive slack in the LP that
// maximises the sum of the slacks relative to the point, Σ s_i/x'_i +
// Σ s_r/y'_r) and moves the point radially in that sub-vector only,
//
//	inputs  S: min { θ : Xλ <= x' with x'_S scaled by θ, Yλ >= y' }
//	outputs S: max { φ : Yλ >= y' with y'_S scaled by φ, Xλ <= x' }
//
// inputs before outputs in the input orientation, outputs first in the
// output orientation, until no slack is left. The projected point has
// input and output mixes as close as possible to the DMU's own (Cherchye
// & Van Puyenbroeck 2001 show it is not always the closest); the slacks
// reported are the movements after the radial stage, and the peers those
// of the final point.
func (t *Technology) multiStage(x, y []float64, rts RTS, o Orientation, radial float64) (Solution, error) {
	m, s := t.m, t.s
	xp, yp := append([]float64(nil), x...), append([]float64(nil), y...)
	if o == Input {
		for i := range xp {
			xp[i] *= radial
		}
	} else {
		for q := range yp {
			yp[q] *= radial
		}
	}
	refs, err := t.refs(rts)
	if err != nil {
		return Solution{}, err
	}
	var lambda map[int]float64
	for stage := 0; stage <= m+s+1; stage++ {
		sx, sy, lam, err := t.maxSlacks(xp, yp, refs, rts)
		if err != nil {
			return Solution{}, err
		}
		lambda = lam
		var inS, outS []int
		for i, v := range sx {
			if v > 1e-9 {
				inS = append(inS, i)
			}
		}
		for q, v := range sy {
			if v > 1e-9 {
				outS = append(outS, q)
			}
		}
		if len(inS) == 0 && len(outS) == 0 {
			break
		}
		doInputs := len(inS) > 0 && (o == Input || len(outS) == 0)
		if doInputs {
			f, err := t.subsetRadial(xp, yp, refs, rts, inS, true)
			if err != nil {
				return Solution{}, err
			}
			for _, i := range inS {
				xp[i] *= f
			}
		} else {
			f, err := t.subsetRadial(xp, yp, refs, rts, outS, false)
			if err != nil {
				return Solution{}, err
			}
			for _, q := range outS {
				yp[q] *= f
			}
		}
	}
	sol := Solution{Radial: radial, Distance: distance(radial, o), Lambda: lambda,
		InputSlack: make([]float64, m), OutputSlack: make([]float64, s)}
	for i := range x {
		base := x[i]
		if o == Input {
			base *= radial
		}
		sol.InputSlack[i] = math.Max(base-xp[i], 0)
	}
	for q := range y {
		base := y[q]
		if o == Output {
			base *= radial
		}
		sol.OutputSlack[q] = math.Max(yp[q]-base, 0)
	}
	return sol, nil
}

// maxSlacks maximises Σ s_i/x'_i + Σ s_r/y'_r at (x', y') over the
// reference rows and returns the relative slacks and the lambdas.
func (t *Technology) maxSlacks(xp, yp []float64, refs []int, rts RTS) ([]float64, []float64, map[int]float64, error) {
	m, s := t.m, t.s
	nf := m + s
	if rts == NIRS {
		nf++
	}
	r := m + s
	if rts != CRS {
		r++
	}
	lp := &t.gl
	lp.reset(r, nf+len(refs), false)
	for i := 0; i < m; i++ {
		lp.unit(i, i)
		lp.rhs(i, 1)
		lp.setCost(i, -1)
		for c, j := range refs {
			lp.set(i, nf+c, t.x[j*m+i]/xp[i])
		}
	}
	for q := 0; q < s; q++ {
		row := m + q
		lp.set(row, m+q, -1)
		lp.rhs(row, 1)
		lp.setCost(m+q, -1)
		for c, j := range refs {
			lp.set(row, nf+c, t.y[j*s+q]/yp[q])
		}
	}
	lp.convexity(nf, len(refs), rts, -1)
	t.lps++
	if err := lp.solve(); err != nil {
		return nil, nil, nil, err
	}
	sx, sy := make([]float64, m), make([]float64, s)
	for i := range sx {
		sx[i] = lp.value(i)
	}
	for q := range sy {
		sy[q] = lp.value(m + q)
	}
	lam := map[int]float64{}
	for c, j := range refs {
		if v := lp.value(nf + c); v > 1e-12 {
			lam[j] = v
		}
	}
	return sx, sy, lam, nil
}

// subsetRadial contracts the inputs in S (inputs true) or expands the
// outputs in S radially, the other variables held at (x', y'), and returns
// the factor.
func (t *Technology) subsetRadial(xp, yp []float64, refs []int, rts RTS, S []int, inputs bool) (float64, error) {
	m, s := t.m, t.s
	inSet := map[int]bool{}
	for _, i := range S {
		inSet[i] = true
	}
	// Columns: 0 factor; slacks (m + s); [NIRS]; lambdas.
	nf := 1 + m + s
	if rts == NIRS {
		nf++
	}
	r := m + s
	if rts != CRS {
		r++
	}
	lp := &t.gl
	lp.reset(r, nf+len(refs), false)
	for i := 0; i < m; i++ {
		if inputs && inSet[i] {
			lp.set(i, 0, -1)
			lp.set(i, 1+i, 1)
		} else {
			lp.unit(i, 1+i)
			lp.rhs(i, 1)
		}
		for c, j := range refs {
			lp.set(i, nf+c, t.x[j*m+i]/xp[i])
		}
	}
	for q := 0; q < s; q++ {
		row := m + q
		lp.set(row, 1+m+q, -1)
		if !inputs && inSet[q] {
			lp.set(row, 0, -1)
		} else {
			lp.rhs(row, 1)
		}
		for c, j := range refs {
			lp.set(row, nf+c, t.y[j*s+q]/yp[q])
		}
	}
	lp.convexity(nf, len(refs), rts, -1)
	if inputs {
		lp.setCost(0, 1)
	} else {
		lp.setCost(0, -1)
	}
	t.lps++
	if err := lp.solve(); err != nil {
		return math.NaN(), err
	}
	return lp.value(0), nil
}
