package dea

import (
	"fmt"
	"math"
)

// RTS is the returns-to-scale assumption of a technology.
type RTS int

const (
	CRS  RTS = iota // constant returns to scale: lambda >= 0
	VRS             // variable returns to scale: sum(lambda) = 1
	NIRS            // non-increasing returns to scale: sum(lambda) <= 1
)

func (r RTS) String() string {
	switch r {
	case CRS:
		return "CRS"
	case VRS:
		return "VRS"
	case NIRS:
		return "NIRS"
	}
	return fmt.Sprintf("RTS(%d)", int(r))
}

// Orientation selects the radial direction of a distance function.
type Orientation int

const (
	// Input orientation: theta = min{t : (t*x, y) in T}, the Farrell input
	// efficiency (at most 1 within a period).
	Input Orientation = iota
	// Output orientation: the Shephard output distance 1/phi with
	// phi = max{p : (x, p*y) in T} (at most 1 within a period).
	Output
	// NonOriented is for the slacks-based measures only (Tone 2001): inputs
	// and outputs both move. Radial distances reject it.
	NonOriented
)

func (o Orientation) String() string {
	switch o {
	case Input:
		return "input"
	case Output:
		return "output"
	case NonOriented:
		return "non-oriented"
	}
	return fmt.Sprintf("Orientation(%d)", int(o))
}

// Solution is the optimum of one radial DEA LP.
type Solution struct {
	// Distance is the DEAP-style score: theta (input) or 1/phi (output).
	Distance float64
	// Radial is the optimal theta (input) or phi (output).
	Radial float64
	// Lambda holds the intensity weights by reference DMU (index into the
	// technology's rows); only non-zero weights are kept.
	Lambda map[int]float64
	// InputSlack and OutputSlack are the first-stage slacks in data units.
	InputSlack, OutputSlack []float64
	// Dual holds the LP duals in data units: one price per input, one per
	// output and, for VRS/NIRS, the convexity dual last.
	Dual []float64
	// Iterations is the number of simplex pivots.
	Iterations int
}

// lpKey identifies a row layout, to decide whether a previous basis can
// warm-start the next LP.
type lpKey struct {
	rts    RTS
	orient Orientation
	plain  bool
}

// solver holds one simplex workspace and the last optimal basis.
type solver struct {
	sx      simplex
	m, s    int
	x, y    []float64 // reference data of the technology (n*m, n*s)
	warm    []int
	warmKey lpKey
	warmOK  bool
	inv     []float64 // 1/x0 then 1/y0
	cost    []float64 // saved phase-2 costs
	crash   []int
	// useFacets enables the facet cache (evaluation LPs over a fixed frame).
	useFacets bool
	facets    map[lpKey]*facetCache
	sorted    []int     // scratch for record
	point     []float64 // scratch for bestFacet
	// fast is set when the last LP was settled by a cached basis without
	// loading it (see fastSolve); fastRadial is its optimum.
	fast       bool
	fastRadial float64
	fm         []float64 // scratch for fastSolve
	// stopAt > 0 ends an output-oriented LP early, without an optimality
	// proof, when a cached basis is primal feasible with phi >= stopAt
	// (frame building only needs to know that phi >= 1).
	stopAt float64
}

// layout returns the number of rows, fixed columns and whether a convexity
// row exists.
func (v *solver) layout(rts RTS) (r, nf int, conv bool) {
	r, nf = v.m+v.s, 1+v.m+v.s
	if rts != CRS {
		r++
		conv = true
	}
	if rts == NIRS {
		nf++
	}
	return r, nf, conv
}

// load builds the scaled LP of (x0, y0) against the reference columns refs
// of data (x: n*m, y: n*s row-major). Rows are scaled so that the evaluated
// observation has all entries 1; this makes the LP invariant to the units of
// every input and output.
//
// Columns: 0 radial; 1..m input slacks (+e); m+1..m+s output slacks (-e);
// [NIRS: convexity slack]; nf.. lambda; art.. artificials (+e, one per row).
func (v *solver) load(x, y []float64, refs []int, x0, y0 []float64, rts RTS, o Orientation) {
	m, s := v.m, v.s
	r, nf, conv := v.layout(rts)
	k := len(refs)
	ncol := nf + k + r
	v.sx.resize(r, ncol)
	v.sx.art = nf + k
	inv := v.setPoint(x0, y0)
	a := v.sx.a
	for i := range a {
		a[i] = 0
	}
	set := func(i, j int, val float64) { a[i*ncol+j] = val }
	c := v.sx.c
	for j := range c {
		c[j] = 0
	}
	b := v.sx.b
	// Radial column and right-hand side.
	if o == Output {
		for i := 0; i < m; i++ {
			b[i] = 1
		}
		for q := 0; q < s; q++ {
			b[m+q] = 0
			set(m+q, 0, -1)
		}
		c[0] = -1
	} else {
		for i := 0; i < m; i++ {
			b[i] = 0
			set(i, 0, -1)
		}
		for q := 0; q < s; q++ {
			b[m+q] = 1
		}
		c[0] = 1
	}
	for i := 0; i < m; i++ {
		set(i, 1+i, 1)
	}
	for q := 0; q < s; q++ {
		set(m+q, 1+m+q, -1)
	}
	if conv {
		b[r-1] = 1
		if rts == NIRS {
			set(r-1, nf-1, 1)
		}
		row := a[(r-1)*ncol+nf : (r-1)*ncol+nf+k]
		for jj := range row {
			row[jj] = 1
		}
	}
	for i := 0; i < m; i++ {
		row := a[i*ncol+nf : i*ncol+nf+k]
		sc := inv[i]
		for jj, j := range refs {
			row[jj] = x[j*m+i] * sc
		}
	}
	for q := 0; q < s; q++ {
		row := a[(m+q)*ncol+nf : (m+q)*ncol+nf+k]
		sc := inv[m+q]
		for jj, j := range refs {
			row[jj] = y[j*s+q] * sc
		}
	}
	for i := 0; i < r; i++ {
		set(i, nf+k+i, 1)
	}
}

// setPoint stores the row scales 1/x0, 1/y0 of the evaluated observation.
func (v *solver) setPoint(x0, y0 []float64) []float64 {
	m, s := v.m, v.s
	if cap(v.inv) < m+s {
		v.inv = make([]float64, m+s)
	}
	inv := v.inv[:m+s]
	for i := 0; i < m; i++ {
		inv[i] = 1 / x0[i]
	}
	for q := 0; q < s; q++ {
		inv[m+q] = 1 / y0[q]
	}
	return inv
}

// run solves the loaded LP, warm-starting from the previous optimal basis
// when it is still primal feasible, and otherwise from a slack/artificial
// crash basis with a phase 1.
func (v *solver) run(key lpKey, rts RTS, o Orientation) error {
	sx := &v.sx
	r, nf, conv := v.layout(rts)
	art := sx.art
	sx.iters = 0
	maxIter := 20*sx.ncol + 200
	if v.useFacets {
		fc := v.cacheFor(key)
		defer func() {
			if v.warmOK {
				v.record(fc, conv)
			}
		}()
	}
	if v.warmOK && v.warmKey == key && len(v.warm) == r {
		ok := true
		for _, j := range v.warm {
			if j >= art {
				ok = false
				break
			}
		}
		if ok && sx.setBasis(v.warm) && sx.primalFeasible() {
			if err := v.phase2(key, art, maxIter); err == nil {
				return nil
			} else if err != ErrNumerical {
				return err
			}
		}
	}
	v.warmOK = false
	// Crash basis: a slack where its sign matches b (b >= 0 throughout),
	// otherwise an artificial.
	if cap(v.crash) < r {
		v.crash = make([]int, r)
	}
	bs := v.crash[:r]
	needP1 := false
	m, s := v.m, v.s
	for i := 0; i < r; i++ {
		switch {
		case i < m: // input slack +e, b >= 0
			bs[i] = 1 + i
		case i < m+s && sx.b[i] == 0: // output slack -e at zero
			bs[i] = 1 + i
		case i == r-1 && rts == NIRS: // convexity slack +e, b = 1
			bs[i] = nf - 1
		default:
			bs[i] = art + i
			needP1 = true
		}
	}
	if !sx.setBasis(bs) {
		return ErrNumerical
	}
	if needP1 {
		saved := append(v.cost[:0], sx.c...)
		v.cost = saved
		for j := range sx.c {
			sx.c[j] = 0
		}
		for j := art; j < sx.ncol; j++ {
			sx.c[j] = 1
		}
		if err := sx.iterate(art, false, maxIter); err != nil {
			if err == ErrUnbounded { // impossible: phase 1 is bounded below
				err = ErrNumerical
			}
			return err
		}
		if sx.objective() > 1e-9 {
			return ErrInfeasible
		}
		copy(sx.c, saved)
	}
	return v.phase2(key, art, maxIter)
}

// phase2 iterates to optimality and verifies the result, retrying once from
// a fresh inverse.
func (v *solver) phase2(key lpKey, art, maxIter int) error {
	sx := &v.sx
	for try := 0; try < 2; try++ {
		if err := sx.iterate(art, true, maxIter); err != nil {
			return err
		}
		if sx.check(art) {
			v.warm = append(v.warm[:0], sx.basis...)
			v.warmOK = true
			v.warmKey = key
			return nil
		}
	}
	return ErrNumerical
}

// radial returns the optimal theta or phi of the solved LP.
func (v *solver) radial() float64 {
	if v.fast {
		return v.fastRadial
	}
	if p := v.sx.isBas[0]; p != 0 {
		return math.Max(v.sx.xb[p-1], 0)
	}
	return 0
}

// solution extracts a full Solution (lambdas keyed by refs).
func (v *solver) solution(refs []int, rts RTS, o Orientation) Solution {
	sx := &v.sx
	r, nf, conv := v.layout(rts)
	m, s := v.m, v.s
	sol := Solution{Radial: v.radial(), Lambda: map[int]float64{},
		InputSlack: make([]float64, m), OutputSlack: make([]float64, s),
		Dual: make([]float64, r), Iterations: sx.iters}
	sol.Distance = distance(sol.Radial, o)
	for i, j := range sx.basis {
		val := sx.xb[i]
		switch {
		case j >= nf && j < sx.art:
			if val > 1e-12 {
				sol.Lambda[refs[j-nf]] = val
			}
		case j >= 1 && j <= m:
			sol.InputSlack[j-1] = math.Max(val, 0) / v.inv[j-1]
		case j > m && j <= m+s:
			sol.OutputSlack[j-1-m] = math.Max(val, 0) / v.inv[j-1]
		}
	}
	sx.duals()
	for i := 0; i < m+s; i++ {
		sol.Dual[i] = sx.y[i] * v.inv[i]
	}
	if conv {
		sol.Dual[r-1] = sx.y[r-1]
	}
	return sol
}

// distance converts the radial optimum to the DEAP distance.
func distance(radial float64, o Orientation) float64 {
	if o == Input {
		return radial
	}
	if radial == 0 {
		return math.Inf(1)
	}
	return 1 / radial
}
