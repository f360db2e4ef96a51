package dea

import (
	"fmt"
	"math"
	"sort"
)

// Slacks-based measures (Tone 2001, 2002, 2004) and cost efficiency
// (Färe, Grosskopf & Lovell 1985; DEAP's cost-DEA) on one technology.
//
// SBM (Tone 2001), with k bad outputs treated as in Tone (2004) (strongly
// disposable, excesses like inputs), for DMU o:
//
//	rho = min (1 − (1/m) Σ s⁻_i/x_io) / (1 + (1/(s+k)) (Σ s⁺_r/y_ro + Σ s^b_q/b_qo))
//	      s.t. x_o = Xλ + s⁻,  y_o = Yλ − s⁺,  b_o = Bλ + s^b,  λ, s >= 0  [, Σλ = 1 (VRS), <= 1 (NIRS)]
//
// solved as an LP by the Charnes-Cooper transformation (t = 1/denominator).
// Input orientation keeps only the numerator (rho_I = 1 − (1/m) Σ s⁻/x),
// output orientation only the denominator (rho_O = 1/(1 + …)).
//
// Super-SBM (Tone 2002), for an SBM-efficient DMU o, against the other
// DMUs: the least "distance" (inputs and bad outputs may grow by φ, good
// outputs shrink by ψ) to reach their technology,
//
//	delta = min (1 + (1/m) Σ φ_i) / (1 − (1/(s+k)) (Σ ψ_r + Σ φ^b_q))
//	        s.t. Σ_{j≠o} λ_j x_j <= (1+φ) x_o,  Σ_{j≠o} λ_j b_j <= (1+φ^b) b_o,
//	             Σ_{j≠o} λ_j y_j >= (1−ψ) y_o,  0 <= ψ <= 1,  φ, φ^b, λ >= 0,
//
// >= 1; for an inefficient DMU (rho < 1) the reported score is rho (the
// integrated SBM/super-SBM score of Tran et al. 2019, deaR's convention).
// Orientations keep the numerator (input) or the denominator (output).
//
// Cost efficiency of DMU o with input prices w_o: CE = min{w_o'x : (x, y_o)
// in T} / w_o'x_o; TE is the input-oriented radial efficiency under the
// same RTS and AE = CE/TE (allocative efficiency).
//
// Every LP runs over a generating set (frame) of the technology of inputs
// and bad outputs (as inputs) and good outputs: slacks-based and cost
// optima lie in T, which the frame spans.
type slackTech struct {
	n, m, k, s int
	x, b, y    []float64
	rad        *Technology // inputs x||b, outputs y: frames and radial scores
	plain      bool
	lp         glp
	lps        int
}

func newSlackTech(inputs, outputs, bads [][]float64) (*slackTech, error) {
	n := len(inputs)
	if n == 0 || len(outputs) != n || (bads != nil && len(bads) != n) {
		return nil, fmt.Errorf("%w: %d input rows, %d output rows, %d bad-output rows", ErrData, n, len(outputs), len(bads))
	}
	m, s, k := len(inputs[0]), len(outputs[0]), 0
	if bads != nil {
		k = len(bads[0])
	}
	aug := make([][]float64, n)
	st := &slackTech{n: n, m: m, k: k, s: s, x: make([]float64, n*m), b: make([]float64, n*k), y: make([]float64, n*s)}
	for j := 0; j < n; j++ {
		var bj []float64
		if k > 0 {
			bj = bads[j]
		}
		if len(inputs[j]) != m || len(outputs[j]) != s || len(bj) != k {
			return nil, fmt.Errorf("%w: row %d has %d inputs, %d outputs and %d bad outputs, want %d, %d and %d",
				ErrData, j, len(inputs[j]), len(outputs[j]), len(bj), m, s, k)
		}
		if err := checkPoint3(inputs[j], outputs[j], bj); err != nil {
			return nil, fmt.Errorf("row %d: %w", j, err)
		}
		copy(st.x[j*m:], inputs[j])
		copy(st.b[j*k:], bj)
		copy(st.y[j*s:], outputs[j])
		aug[j] = append(append([]float64(nil), inputs[j]...), bj...)
	}
	var err error
	if st.rad, err = NewTechnology(aug, outputs); err != nil {
		return nil, err
	}
	return st, nil
}

// refs returns the reference rows for rts, excluding row skip (>= 0).
func (st *slackTech) refs(rts RTS, skip int) ([]int, error) {
	var base []int
	if st.plain || skip >= 0 {
		base = make([]int, 0, st.n)
		for j := 0; j < st.n; j++ {
			if j != skip {
				base = append(base, j)
			}
		}
		return base, nil
	}
	return st.rad.Frame(rts)
}

// SBMSolution is the optimum of one slacks-based model.
type SBMSolution struct {
	// Score is rho (SBM) or delta (super-SBM; rho when the DMU is
	// SBM-inefficient).
	Score float64
	// Lambda holds the intensity weights by reference row (non-zero only).
	Lambda map[int]float64
	// Slacks in data units: input excess, good-output shortfall and
	// bad-output excess (SBM); for super-SBM the increases of inputs and
	// bad outputs and the decrease of good outputs needed to reach the
	// technology of the others.
	InputSlack, OutputSlack, BadSlack []float64
	// Super is set when Score is a super-SBM delta.
	Super bool
}

// sbm solves the SBM LP of row o (or of the point x0, y0, b0 when o < 0)
// against the technology.
func (st *slackTech) sbm(x0, y0, b0 []float64, rts RTS, o Orientation) (SBMSolution, error) {
	m, k, s := st.m, st.k, st.s
	nan := SBMSolution{Score: math.NaN()}
	if o == Input && k > 0 {
		return nan, fmt.Errorf("%w: the input-oriented SBM ignores bad outputs; use the non-oriented SBM (Tone 2004) or the output orientation", ErrData)
	}
	refs, err := st.refs(rts, -1)
	if err != nil {
		return nan, err
	}
	aIn, aOut := 1.0, 1.0
	switch o {
	case Input:
		aOut = 0
	case Output:
		aIn = 0
	}
	// Columns: 0 t; 1..m S⁻ (scaled by x0); then S^b (k); then S⁺ (s); [NIRS
	// convexity slack]; lambdas. Rows: 0 normalisation; inputs; bads;
	// goods; [convexity].
	c0 := 1
	cb := c0 + m
	cy := cb + k
	nf := cy + s
	if rts == NIRS {
		nf++
	}
	r := 1 + m + k + s
	if rts != CRS {
		r++
	}
	lp := &st.lp
	lp.reset(r, nf+len(refs), false)
	lp.set(0, 0, 1)
	lp.rhs(0, 1)
	den := float64(s + k)
	for q := 0; q < s; q++ {
		lp.set(0, cy+q, aOut/den)
	}
	for q := 0; q < k; q++ {
		lp.set(0, cb+q, aOut/den)
	}
	lp.setCost(0, 1)
	for i := 0; i < m; i++ {
		row := 1 + i
		lp.unit(row, c0+i)
		lp.set(row, 0, -1)
		lp.setCost(c0+i, -aIn/float64(m))
		for c, j := range refs {
			lp.set(row, nf+c, st.x[j*m+i]/x0[i])
		}
	}
	for q := 0; q < k; q++ {
		row := 1 + m + q
		lp.set(row, cb+q, 1)
		lp.set(row, 0, -1)
		for c, j := range refs {
			lp.set(row, nf+c, st.b[j*k+q]/b0[q])
		}
	}
	for q := 0; q < s; q++ {
		row := 1 + m + k + q
		lp.set(row, cy+q, -1)
		lp.set(row, 0, -1)
		for c, j := range refs {
			lp.set(row, nf+c, st.y[j*s+q]/y0[q])
		}
	}
	lp.convexity(nf, len(refs), rts, 0)
	st.lps++
	if err := lp.solve(); err != nil {
		return nan, err
	}
	t := lp.value(0)
	if !(t > 0) {
		return nan, ErrNumerical
	}
	sol := SBMSolution{Score: lp.objective(), Lambda: map[int]float64{},
		InputSlack: make([]float64, m), OutputSlack: make([]float64, s), BadSlack: make([]float64, k)}
	for c, j := range refs {
		if v := lp.value(nf+c) / t; v > 1e-12 {
			sol.Lambda[j] = v
		}
	}
	for i := 0; i < m; i++ {
		sol.InputSlack[i] = lp.value(c0+i) / t * x0[i]
	}
	for q := 0; q < k; q++ {
		sol.BadSlack[q] = lp.value(cb+q) / t * b0[q]
	}
	for q := 0; q < s; q++ {
		sol.OutputSlack[q] = lp.value(cy+q) / t * y0[q]
	}
	return sol, nil
}

// superSBM solves Tone's (2002) super-SBM LP of row o against the other
// DMUs.
func (st *slackTech) superSBM(o int, rts RTS, or Orientation) (SBMSolution, error) {
	m, k, s := st.m, st.k, st.s
	nan := SBMSolution{Score: math.NaN(), Super: true}
	x0, b0, y0 := st.x[o*m:(o+1)*m], st.b[o*k:(o+1)*k], st.y[o*s:(o+1)*s]
	if or == Input && k > 0 {
		return nan, fmt.Errorf("%w: the input-oriented super-SBM ignores bad outputs; use the non-oriented model", ErrData)
	}
	refs, err := st.refs(rts, o)
	if err != nil {
		return nan, err
	}
	aIn, aOut := 1.0, 1.0
	switch or {
	case Input:
		aOut = 0
	case Output:
		aIn = 0
	}
	// Columns: 0 t; Φ (m); Φ^b (k); Ψ (s); input surplus e (m); bad
	// surplus e^b (k); output surplus f (s); bound slack g (s); [NIRS];
	// lambdas. Rows: 0 normalisation; inputs; bads; goods; ψ <= 1 (s);
	// [convexity].
	cPhi := 1
	cPhiB := cPhi + m
	cPsi := cPhiB + k
	cE := cPsi + s
	cEB := cE + m
	cF := cEB + k
	cG := cF + s
	nf := cG + s
	if rts == NIRS {
		nf++
	}
	r := 1 + m + k + s + s
	if rts != CRS {
		r++
	}
	lp := &st.lp
	lp.reset(r, nf+len(refs), false)
	den := float64(s + k)
	lp.set(0, 0, 1)
	lp.rhs(0, 1)
	lp.setCost(0, 1)
	for q := 0; q < s; q++ {
		lp.set(0, cPsi+q, -aOut/den)
	}
	for q := 0; q < k; q++ {
		lp.set(0, cPhiB+q, -aOut/den)
	}
	for i := 0; i < m; i++ {
		row := 1 + i
		lp.set(row, 0, -1)
		lp.set(row, cPhi+i, -aIn) // input-oriented or non-oriented: inputs may grow
		lp.setCost(cPhi+i, aIn/float64(m))
		lp.unit(row, cE+i)
		for c, j := range refs {
			lp.set(row, nf+c, st.x[j*m+i]/x0[i])
		}
	}
	for q := 0; q < k; q++ {
		row := 1 + m + q
		lp.set(row, 0, -1)
		lp.set(row, cPhiB+q, -aOut)
		lp.unit(row, cEB+q)
		for c, j := range refs {
			lp.set(row, nf+c, st.b[j*k+q]/b0[q])
		}
	}
	for q := 0; q < s; q++ {
		row := 1 + m + k + q
		lp.set(row, 0, -1)
		lp.set(row, cPsi+q, aOut)
		lp.set(row, cF+q, -1)
		for c, j := range refs {
			lp.set(row, nf+c, st.y[j*s+q]/y0[q])
		}
		row = 1 + m + k + s + q // Ψ − t + g = 0 (ψ <= 1)
		lp.set(row, cPsi+q, 1)
		lp.set(row, 0, -1)
		lp.set(row, cG+q, 1)
	}
	lp.convexity(nf, len(refs), rts, 0)
	st.lps++
	if err := lp.solve(); err != nil {
		return nan, err
	}
	t := lp.value(0)
	if !(t > 0) {
		return nan, ErrNumerical
	}
	sol := SBMSolution{Score: lp.objective(), Super: true, Lambda: map[int]float64{},
		InputSlack: make([]float64, m), OutputSlack: make([]float64, s), BadSlack: make([]float64, k)}
	for c, j := range refs {
		if v := lp.value(nf+c) / t; v > 1e-12 {
			sol.Lambda[j] = v
		}
	}
	for i := 0; i < m; i++ {
		sol.InputSlack[i] = lp.value(cPhi+i) / t * x0[i]
	}
	for q := 0; q < k; q++ {
		sol.BadSlack[q] = lp.value(cPhiB+q) / t * b0[q]
	}
	for q := 0; q < s; q++ {
		sol.OutputSlack[q] = lp.value(cPsi+q) / t * y0[q]
	}
	return sol, nil
}

// cost returns the cost efficiency of DMU o at prices w and the
// cost-minimising input quantities (Färe, Grosskopf & Lovell 1985, DEAP's
// cost-DEA): min w'Xλ s.t. Yλ >= y_o [, Σλ = 1 / <= 1], over the
// technology of the inputs (bad outputs are not allowed).
func (st *slackTech) cost(o int, w []float64, rts RTS) (float64, []float64, map[int]float64, error) {
	m, s := st.m, st.s
	if st.k > 0 {
		return math.NaN(), nil, nil, fmt.Errorf("%w: cost efficiency has no bad outputs", ErrData)
	}
	x0, y0 := st.x[o*m:(o+1)*m], st.y[o*s:(o+1)*s]
	c0 := 0.0
	for i, wi := range w {
		if !(wi >= 0) || math.IsInf(wi, 0) {
			return math.NaN(), nil, nil, fmt.Errorf("%w: price of input %d = %v (must be finite and >= 0)", ErrData, i+1, wi)
		}
		c0 += wi * x0[i]
	}
	if !(c0 > 0) {
		return math.NaN(), nil, nil, fmt.Errorf("%w: observed cost w'x = %v (some price must be > 0)", ErrData, c0)
	}
	refs, err := st.refs(rts, -1)
	if err != nil {
		return math.NaN(), nil, nil, err
	}
	// Columns: output slacks (s); [NIRS slack]; lambdas. Rows: outputs;
	// [convexity].
	nf := s
	if rts == NIRS {
		nf++
	}
	r := s
	if rts != CRS {
		r++
	}
	lp := &st.lp
	lp.reset(r, nf+len(refs), false)
	for q := 0; q < s; q++ {
		lp.set(q, q, -1)
		lp.rhs(q, 1)
		for c, j := range refs {
			lp.set(q, nf+c, st.y[j*s+q]/y0[q])
		}
	}
	lp.convexity(nf, len(refs), rts, -1)
	for c, j := range refs {
		v := 0.0
		for i := 0; i < m; i++ {
			v += w[i] * st.x[j*m+i]
		}
		lp.setCost(nf+c, v/c0)
	}
	st.lps++
	if err := lp.solve(); err != nil {
		return math.NaN(), nil, nil, err
	}
	xs := make([]float64, m)
	lam := map[int]float64{}
	for c, j := range refs {
		if v := lp.value(nf + c); v > 1e-12 {
			lam[j] = v
			for i := 0; i < m; i++ {
				xs[i] += v * st.x[j*m+i]
			}
		}
	}
	return lp.objective(), xs, lam, nil
}

// peersOf returns the sorted keys of a lambda map.
func peersOf(l map[int]float64) []int {
	p := make([]int, 0, len(l))
	for j := range l {
		p = append(p, j)
	}
	sort.Ints(p)
	return p
}
