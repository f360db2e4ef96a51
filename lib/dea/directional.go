package dea

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Direction is the direction vector g = (−g_x, g_y, −g_b) of a directional
// distance function: inputs contract by β·g_x, good outputs expand by β·g_y
// and bad outputs contract by β·g_b.
//
// Proportional directions (Fixed false, the default) scale the evaluated
// DMU's own values: g_x = Inputs ⊙ x0, g_y = Goods ⊙ y0, g_b = Bads ⊙ b0,
// with one weight per variable (or one weight for the whole group). The
// zero Direction is the literature's default g = (0, y, −b) (Chung, Färe &
// Grosskopf 1997): inputs weight 0, goods and bads weight 1. Fixed
// directions give g in data units, one value per variable (e.g. the sample
// means), the same for every DMU.
type Direction struct {
	Fixed bool
	// Inputs, Goods, Bads hold one non-negative weight per variable, or a
	// single weight for the group; nil means 0 for inputs and 1 for goods
	// and bads.
	Inputs, Goods, Bads []float64
}

// String describes the direction as "(0, y, -b)" or "fixed (…)".
func (d Direction) String() string { return d.Describe(true) }

// Describe is String for a technology with or without bad outputs
// ("(0, y)" when bads is false).
func (d Direction) Describe(bads bool) string {
	if d.Fixed {
		if !bads {
			return fmt.Sprintf("fixed (-%v, %v)", d.Inputs, d.Goods)
		}
		return fmt.Sprintf("fixed (-%v, %v, -%v)", d.Inputs, d.Goods, d.Bads)
	}
	part := func(w []float64, name string, def float64) string {
		switch {
		case w == nil && def == 0, len(w) == 1 && w[0] == 0:
			return "0"
		case w == nil, len(w) == 1 && w[0] == 1:
			return name
		case len(w) == 1:
			return fmt.Sprintf("%g%s", w[0], name)
		}
		return fmt.Sprintf("%v⊙%s", w, name)
	}
	neg := func(p string) string {
		if p == "0" {
			return p
		}
		return "-" + p
	}
	if !bads {
		return fmt.Sprintf("(%s, %s)", neg(part(d.Inputs, "x", 0)), part(d.Goods, "y", 1))
	}
	return fmt.Sprintf("(%s, %s, %s)", neg(part(d.Inputs, "x", 0)), part(d.Goods, "y", 1), neg(part(d.Bads, "b", 1)))
}

// Resolve expands the weights to m inputs, s goods and k bads and
// validates them (non-negative, finite, one per variable or one per group).
func (d Direction) Resolve(m, s, k int) (gx, gy, gb []float64, err error) {
	expand := func(w []float64, n int, def float64, what string) ([]float64, error) {
		out := make([]float64, n)
		switch {
		case w == nil:
			for i := range out {
				out[i] = def
			}
		case len(w) == 1:
			for i := range out {
				out[i] = w[0]
			}
		case len(w) == n:
			copy(out, w)
		default:
			return nil, fmt.Errorf("%w: direction has %d %s weights for %d %s", ErrData, len(w), what, n, what)
		}
		for i, v := range out {
			if !(v >= 0) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: direction %s weight %d = %v (must be finite and >= 0)", ErrData, what, i+1, v)
			}
		}
		return out, nil
	}
	if gx, err = expand(d.Inputs, m, 0, "input"); err != nil {
		return
	}
	if gy, err = expand(d.Goods, s, 1, "good output"); err != nil {
		return
	}
	if gb, err = expand(d.Bads, k, 1, "bad output"); err != nil {
		return
	}
	if d.Fixed && (d.Inputs == nil && d.Goods == nil && d.Bads == nil) {
		return nil, nil, nil, fmt.Errorf("%w: a fixed direction needs its values", ErrData)
	}
	return gx, gy, gb, nil
}

// Directional is the technology of n DMUs with m inputs, s good outputs
// and k >= 0 bad (undesirable) outputs, bad outputs weakly disposable and
// null-joint with the good ones (Färe, Grosskopf, Lovell & Pasurka 1989):
//
//	T = {(x, y, b) : Xλ <= x, Yλ >= y, Bλ = b, λ >= 0 [, Σλ = 1 (VRS) or <= 1 (NIRS)]}
//
// Its directional distance function (Chambers, Chung & Färe 1996; Chung,
// Färe & Grosskopf 1997) is
//
//	D(x, y, b; g) = max { β : (x − β g_x, y + β g_y, b − β g_b) in T }
//
// β = 0 on the frontier, β > 0 inside T; against another period's
// technology β can be negative (the point lies beyond it) and the LP can be
// infeasible (ErrInfeasible), because the equality on the bad outputs
// cannot be met. With no bad output and g = (0, y) β = 1/D_o − 1, D_o the
// Shephard output distance.
//
// LPs run over a frame of the technology (a generating subset, found by
// membership tests as in Dulá's BuildHull, see frameDirectional) unless
// Plain is set. A Directional is not safe for concurrent use; Clone it.
type Directional struct {
	n, m, s, k int
	x, y, b    []float64
	// Plain makes every LP use all n DMUs with a cold start.
	Plain bool

	frame []int // VRS frame (spans the CRS and NIRS technologies too)
	built bool
	all   []int
	lp    glp
	lps   int
	gx    []float64 // scratch: direction in data units
	gy    []float64
	gb    []float64
}

// NewDirectional builds a technology from inputs[j], goods[j] and bads[j]
// of DMU j (bads may be nil: no bad output). All values must be finite and
// strictly positive.
func NewDirectional(inputs, goods, bads [][]float64) (*Directional, error) {
	n := len(inputs)
	if n == 0 || len(goods) != n || (bads != nil && len(bads) != n) {
		return nil, fmt.Errorf("%w: %d input rows, %d good-output rows and %d bad-output rows", ErrData, n, len(goods), len(bads))
	}
	m, s := len(inputs[0]), len(goods[0])
	k := 0
	if bads != nil {
		k = len(bads[0])
	}
	if m == 0 || s == 0 {
		return nil, fmt.Errorf("%w: need at least one input and one good output", ErrData)
	}
	t := &Directional{n: n, m: m, s: s, k: k, x: make([]float64, n*m), y: make([]float64, n*s), b: make([]float64, n*k)}
	for j := 0; j < n; j++ {
		var bj []float64
		if k > 0 {
			bj = bads[j]
		}
		if len(inputs[j]) != m || len(goods[j]) != s || len(bj) != k {
			return nil, fmt.Errorf("%w: row %d has %d inputs, %d good and %d bad outputs, want %d, %d and %d",
				ErrData, j, len(inputs[j]), len(goods[j]), len(bj), m, s, k)
		}
		if err := checkPoint3(inputs[j], goods[j], bj); err != nil {
			return nil, fmt.Errorf("row %d: %w", j, err)
		}
		copy(t.x[j*m:], inputs[j])
		copy(t.y[j*s:], goods[j])
		copy(t.b[j*k:], bj)
	}
	return t, nil
}

func checkPoint3(x, y, b []float64) error {
	if err := checkPoint(x, y); err != nil {
		return err
	}
	for i, v := range b {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: bad output %d = %v (must be finite and > 0)", ErrData, i+1, v)
		}
	}
	return nil
}

// N returns the number of reference DMUs.
func (t *Directional) N() int { return t.n }

// LPs returns the number of LPs solved (frame building included).
func (t *Directional) LPs() int { return t.lps }

// Clone returns a technology sharing t's data and frame with its own LP
// workspace.
func (t *Directional) Clone() *Directional {
	return &Directional{n: t.n, m: t.m, s: t.s, k: t.k, x: t.x, y: t.y, b: t.b, Plain: t.Plain,
		frame: t.frame, built: t.built, all: t.all}
}

// DirSolution is the optimum of one directional distance LP.
type DirSolution struct {
	Beta   float64         // the directional distance β
	Lambda map[int]float64 // intensity weights by reference row (non-zero only)
	// Slacks beyond the directional movement, in data units: input excess,
	// good-output shortfall (bad outputs have none: they are an equality).
	InputSlack, GoodSlack []float64
}

// Distance returns β = D(x, y, b; g) against t under rts. b must have the
// technology's number of bad outputs (nil when it has none).
func (t *Directional) Distance(x, y, b []float64, g Direction, rts RTS) (float64, error) {
	sol, err := t.solve(x, y, b, g, rts, false)
	return sol.Beta, err
}

// Solve is Distance with lambdas and slacks.
func (t *Directional) Solve(x, y, b []float64, g Direction, rts RTS) (DirSolution, error) {
	return t.solve(x, y, b, g, rts, true)
}

func (t *Directional) refs() ([]int, error) {
	if t.Plain {
		if t.all == nil {
			t.all = make([]int, t.n)
			for j := range t.all {
				t.all[j] = j
			}
		}
		return t.all, nil
	}
	return t.Frame()
}

func (t *Directional) solve(x, y, b []float64, g Direction, rts RTS, full bool) (DirSolution, error) {
	nan := DirSolution{Beta: math.NaN()}
	m, s, k := t.m, t.s, t.k
	if len(x) != m || len(y) != s || len(b) != k {
		return nan, fmt.Errorf("%w: point has %d inputs, %d good and %d bad outputs, technology %d, %d and %d",
			ErrData, len(x), len(y), len(b), m, s, k)
	}
	if err := checkPoint3(x, y, b); err != nil {
		return nan, err
	}
	gx, gy, gb, err := g.Resolve(m, s, k)
	if err != nil {
		return nan, err
	}
	if !g.Fixed {
		for i := range gx {
			gx[i] *= x[i]
		}
		for r := range gy {
			gy[r] *= y[r]
		}
		for q := range gb {
			gb[q] *= b[q]
		}
	}
	zero := true
	for _, v := range [][]float64{gx, gy, gb} {
		for _, e := range v {
			zero = zero && e == 0
		}
	}
	if zero {
		return nan, fmt.Errorf("%w: the direction is zero for this DMU", ErrData)
	}
	refs, err := t.refs()
	if err != nil {
		return nan, err
	}
	t.lps++
	// Columns: 0 β+, 1 β−, 2.. input slacks (m), good-output slacks (s),
	// [NIRS: convexity slack], lambdas. Rows scaled by the evaluated point.
	r := m + s + k
	conv := rts != CRS
	if conv {
		r++
	}
	nf := 2 + m + s
	if rts == NIRS {
		nf++
	}
	lp := &t.lp
	lp.reset(r, nf+len(refs), !t.Plain)
	for i := 0; i < m; i++ {
		lp.set(i, 0, gx[i]/x[i])
		lp.set(i, 1, -gx[i]/x[i])
		lp.unit(i, 2+i)
		lp.rhs(i, 1)
		for c, j := range refs {
			lp.set(i, nf+c, t.x[j*m+i]/x[i])
		}
	}
	for q := 0; q < s; q++ {
		row := m + q
		lp.set(row, 0, -gy[q]/y[q])
		lp.set(row, 1, gy[q]/y[q])
		lp.set(row, 2+m+q, -1)
		lp.rhs(row, 1)
		for c, j := range refs {
			lp.set(row, nf+c, t.y[j*s+q]/y[q])
		}
	}
	for q := 0; q < k; q++ {
		row := m + s + q
		lp.set(row, 0, gb[q]/b[q])
		lp.set(row, 1, -gb[q]/b[q])
		lp.rhs(row, 1)
		for c, j := range refs {
			lp.set(row, nf+c, t.b[j*k+q]/b[q])
		}
	}
	lp.convexity(nf, len(refs), rts, -1)
	lp.setCost(0, -1)
	lp.setCost(1, 1)
	if err := lp.solve(); err != nil {
		return nan, err
	}
	sol := DirSolution{Beta: lp.value(0) - lp.value(1)}
	if full {
		sol.Lambda = map[int]float64{}
		for c, j := range refs {
			if v := lp.value(nf + c); v > 1e-12 {
				sol.Lambda[j] = v
			}
		}
		sol.InputSlack, sol.GoodSlack = make([]float64, m), make([]float64, s)
		for i := 0; i < m; i++ {
			sol.InputSlack[i] = lp.value(2+i) * x[i]
		}
		for q := 0; q < s; q++ {
			sol.GoodSlack[q] = lp.value(2+m+q) * y[q]
		}
	}
	return sol, nil
}

// member reports whether observation j lies in the VRS technology spanned
// by the rows in refs (a phase-1 LP).
func (t *Directional) member(j int, refs []int) (bool, error) {
	m, s, k := t.m, t.s, t.k
	r := m + s + k + 1
	lp := &t.lp
	lp.reset(r, m+s+len(refs), false)
	nf := m + s
	for i := 0; i < m; i++ {
		lp.unit(i, i)
		lp.rhs(i, 1)
		inv := 1 / t.x[j*m+i]
		for c, p := range refs {
			lp.set(i, nf+c, t.x[p*m+i]*inv)
		}
	}
	for q := 0; q < s; q++ {
		row := m + q
		lp.set(row, m+q, -1)
		lp.rhs(row, 1)
		inv := 1 / t.y[j*s+q]
		for c, p := range refs {
			lp.set(row, nf+c, t.y[p*s+q]*inv)
		}
	}
	for q := 0; q < k; q++ {
		row := m + s + q
		lp.rhs(row, 1)
		inv := 1 / t.b[j*k+q]
		for c, p := range refs {
			lp.set(row, nf+c, t.b[p*k+q]*inv)
		}
	}
	lp.rhs(r-1, 1)
	for c := range refs {
		lp.set(r-1, nf+c, 1)
	}
	t.lps++
	return lp.feasible()
}

// Frame returns a generating subset of the VRS technology (which also
// spans the CRS and NIRS technologies, their cone and its NIRS hull): DMUs
// are visited by a productivity proxy (outputs over inputs and bads,
// normalised by their means, best first); a DMU that is not in the
// technology of those kept so far is kept. A second pass drops every kept
// DMU that lies in the technology of the others. On exit every DMU lies in
// T(frame), so distances over the frame equal those over all DMUs.
func (t *Directional) Frame() ([]int, error) {
	if t.built {
		return t.frame, nil
	}
	n, m, s, k := t.n, t.m, t.s, t.k
	mean := func(v []float64, d int) []float64 {
		mu := make([]float64, d)
		for j := 0; j < n; j++ {
			for i := 0; i < d; i++ {
				mu[i] += v[j*d+i]
			}
		}
		return mu
	}
	mx, my, mb := mean(t.x, m), mean(t.y, s), mean(t.b, k)
	proxy := make([]float64, n)
	order := make([]int, n)
	for j := range order {
		order[j] = j
		var in, out float64
		for i := 0; i < m; i++ {
			in += t.x[j*m+i] / mx[i]
		}
		for q := 0; q < k; q++ {
			in += t.b[j*k+q] / mb[q]
		}
		for q := 0; q < s; q++ {
			out += t.y[j*s+q] / my[q]
		}
		proxy[j] = out / in
	}
	sort.SliceStable(order, func(a, b int) bool { return proxy[order[a]] > proxy[order[b]] })
	var fr []int
	for _, j := range order {
		if len(fr) > 0 {
			in, err := t.member(j, fr)
			if err != nil {
				return nil, fmt.Errorf("dea: building the directional frame at row %d: %w", j, err)
			}
			if in {
				continue
			}
		}
		fr = append(fr, j)
	}
	// Second pass: drop kept DMUs spanned by the others.
	for p := len(fr) - 1; p >= 0 && len(fr) > 1; p-- {
		others := append(append([]int(nil), fr[:p]...), fr[p+1:]...)
		in, err := t.member(fr[p], others)
		if err != nil {
			return nil, fmt.Errorf("dea: pruning the directional frame at row %d: %w", fr[p], err)
		}
		if in {
			fr = others
		}
	}
	sort.Ints(fr)
	t.frame, t.built = fr, true
	return fr, nil
}

// errInfeasible reports whether err is an infeasible LP.
func errInfeasible(err error) bool { return errors.Is(err, ErrInfeasible) }
