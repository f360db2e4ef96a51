package dea

import "math"

// glp solves a general LP in the package's simplex:
//
//	min c'z  s.t.  A z = b,  z >= 0,  b >= 0
//
// with nStruct structural columns followed by one artificial column per row
// (+1 in its row). The models other than the radial one (directional
// distance functions, SBM, super-SBM, cost efficiency, membership tests)
// are built on it: the caller fills A, b and c through set, rhs and cost,
// names for each row a structural unit column that may start in the basis
// (crash; otherwise the row's artificial starts), and calls solve.
//
// solve first tries the optimal basis of the previous solve (warm start,
// when the caller keeps the layout): if it is primal feasible for the new
// right-hand side and matrix it goes straight to phase 2. Otherwise phase 1
// minimises the sum of the artificials from the crash basis (ErrInfeasible
// when it stays positive), then phase 2 minimises c'z. The final basis is
// verified on a fresh inverse (simplex.check), so a warm start never
// changes the optimum, only the work.
type glp struct {
	sx      simplex
	nStruct int
	crash   []int
	cost    []float64
	warm    []int
	warmOK  bool
	artSeen bool // phase 1 needed in the last cold start
}

// reset prepares an LP with rows rows and nStruct structural columns, all
// coefficients zero, and keeps the warm basis when keepWarm is set and the
// shape is unchanged.
func (g *glp) reset(rows, nStruct int, keepWarm bool) {
	if !keepWarm || g.nStruct != nStruct || g.sx.r != rows {
		g.warmOK = false
	}
	g.nStruct = nStruct
	sx := &g.sx
	sx.resize(rows, nStruct+rows)
	sx.art = nStruct
	clear(sx.a)
	clear(sx.b)
	clear(sx.c)
	for i := 0; i < rows; i++ {
		sx.a[i*sx.ncol+nStruct+i] = 1
	}
	if cap(g.crash) < rows {
		g.crash = make([]int, rows)
	}
	g.crash = g.crash[:rows]
	for i := range g.crash {
		g.crash[i] = -1
	}
}

// set puts v at row i, column j.
func (g *glp) set(i, j int, v float64) { g.sx.a[i*g.sx.ncol+j] = v }

// rhs sets b_i (must be >= 0).
func (g *glp) rhs(i int, v float64) { g.sx.b[i] = v }

// setCost sets c_j.
func (g *glp) setCost(j int, v float64) { g.sx.c[j] = v }

// unit marks structural column j as a +1 unit column of row i that may
// start in the basis.
func (g *glp) unit(i, j int) {
	g.set(i, j, 1)
	g.crash[i] = j
}

// convexity fills the last row (r−1) with the returns-to-scale
// constraint of the lambdas in columns nf.. nf+nref−1: nothing under CRS;
// Σλ = 1 (tcol < 0) or Σλ = t (column tcol: the Charnes-Cooper scale) under
// VRS; the same with the slack column nf−1 (<=) under NIRS.
func (g *glp) convexity(nf, nref int, rts RTS, tcol int) {
	if rts == CRS {
		return
	}
	row := g.sx.r - 1
	if tcol >= 0 {
		g.set(row, tcol, -1)
	} else {
		g.rhs(row, 1)
	}
	for c := 0; c < nref; c++ {
		g.set(row, nf+c, 1)
	}
	if rts == NIRS {
		if tcol >= 0 {
			g.set(row, nf-1, 1)
		} else {
			g.unit(row, nf-1)
		}
	}
}

// solve runs the LP; errors wrap ErrInfeasible, ErrUnbounded or
// ErrNumerical.
func (g *glp) solve() error {
	sx := &g.sx
	r, art := sx.r, sx.art
	sx.iters = 0
	maxIter := 20*sx.ncol + 200
	if g.warmOK && len(g.warm) == r {
		ok := true
		for _, j := range g.warm {
			if j >= art {
				ok = false
				break
			}
		}
		if ok && sx.setBasis(g.warm) && sx.primalFeasible() {
			if err := g.phase2(maxIter); err == nil {
				return nil
			} else if err != ErrNumerical {
				return err
			}
		}
	}
	g.warmOK = false
	bs := make([]int, r)
	needP1 := false
	for i := range bs {
		if g.crash[i] >= 0 {
			bs[i] = g.crash[i]
		} else {
			bs[i] = art + i
			needP1 = true
		}
	}
	g.artSeen = needP1
	if !sx.setBasis(bs) {
		return ErrNumerical
	}
	if needP1 {
		g.cost = append(g.cost[:0], sx.c...)
		clear(sx.c)
		for j := art; j < sx.ncol; j++ {
			sx.c[j] = 1
		}
		if err := sx.iterate(art, false, maxIter); err != nil {
			if err == ErrUnbounded {
				err = ErrNumerical
			}
			return err
		}
		if sx.objective() > 1e-9 {
			copy(sx.c, g.cost)
			return ErrInfeasible
		}
		copy(sx.c, g.cost)
	}
	return g.phase2(maxIter)
}

// feasible runs phase 1 only and reports whether the constraints have a
// solution (phase-1 optimum within 1e-9 of zero).
func (g *glp) feasible() (bool, error) {
	sx := &g.sx
	r, art := sx.r, sx.art
	sx.iters = 0
	bs := make([]int, r)
	for i := range bs {
		if g.crash[i] >= 0 {
			bs[i] = g.crash[i]
		} else {
			bs[i] = art + i
		}
	}
	if !sx.setBasis(bs) {
		return false, ErrNumerical
	}
	clear(sx.c)
	for j := art; j < sx.ncol; j++ {
		sx.c[j] = 1
	}
	if err := sx.iterate(art, false, 20*sx.ncol+200); err != nil {
		if err == ErrUnbounded {
			err = ErrNumerical
		}
		return false, err
	}
	g.warmOK = false
	return sx.objective() <= 1e-9, nil
}

func (g *glp) phase2(maxIter int) error {
	sx := &g.sx
	for try := 0; try < 2; try++ {
		if err := sx.iterate(sx.art, true, maxIter); err != nil {
			return err
		}
		if sx.check(sx.art) {
			g.warm = append(g.warm[:0], sx.basis...)
			g.warmOK = true
			return nil
		}
	}
	return ErrNumerical
}

// value returns the optimal value of column j (0 when nonbasic).
func (g *glp) value(j int) float64 {
	if p := g.sx.isBas[j]; p != 0 {
		return math.Max(g.sx.xb[p-1], 0)
	}
	return 0
}

// objective returns c'z at the optimum.
func (g *glp) objective() float64 { return g.sx.objective() }

// iterations returns the pivots of the last solve.
func (g *glp) iterations() int { return g.sx.iters }
