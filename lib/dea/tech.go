package dea

import (
	"errors"
	"fmt"
	"math"
)

// ErrData marks invalid input data (non-positive, NaN, ragged rows).
var ErrData = errors.New("dea: invalid data")

// Technology is the reference technology spanned by n observed DMUs with m
// inputs and s outputs. Distances against it are computed by LPs over its
// frame, the DMUs that are not inside the technology spanned by the others
// (Ali 1993; Dulá 2011), unless Plain is set.
//
// A Technology caches its frames and one LP workspace: it is not safe for
// concurrent use.
type Technology struct {
	n, m, s int
	x, y    []float64 // n*m, n*s row-major
	// Plain makes every LP use all n reference DMUs and a cold start, as a
	// textbook one-dense-LP-per-DMU code does (the benchmark baseline).
	Plain bool
	// CRSOnly builds the CRS frame directly from all DMUs instead of
	// searching it among the VRS frame: faster when only CRS distances are
	// needed (bootstrap replications); VRS and NIRS LPs are then refused
	// (ErrData).
	CRSOnly bool

	frames [3][]int
	built  [3]bool
	all    []int
	v      solver
	gl     glp // general LPs (multi-stage slacks)
	lps    int
}

// NewTechnology builds a technology from inputs[j] and outputs[j] of DMU j.
// All values must be finite and strictly positive.
func NewTechnology(inputs, outputs [][]float64) (*Technology, error) {
	n := len(inputs)
	if n == 0 || len(outputs) != n {
		return nil, fmt.Errorf("%w: %d input rows and %d output rows", ErrData, n, len(outputs))
	}
	m, s := len(inputs[0]), len(outputs[0])
	if m == 0 || s == 0 {
		return nil, fmt.Errorf("%w: need at least one input and one output", ErrData)
	}
	t := &Technology{n: n, m: m, s: s, x: make([]float64, n*m), y: make([]float64, n*s)}
	for j := 0; j < n; j++ {
		if len(inputs[j]) != m || len(outputs[j]) != s {
			return nil, fmt.Errorf("%w: row %d has %d inputs and %d outputs, want %d and %d",
				ErrData, j, len(inputs[j]), len(outputs[j]), m, s)
		}
		if err := checkPoint(inputs[j], outputs[j]); err != nil {
			return nil, fmt.Errorf("row %d: %w", j, err)
		}
		copy(t.x[j*m:], inputs[j])
		copy(t.y[j*s:], outputs[j])
	}
	t.v.m, t.v.s, t.v.x, t.v.y = m, s, t.x, t.y
	return t, nil
}

func checkPoint(x, y []float64) error {
	for i, v := range x {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: input %d = %v (must be finite and > 0)", ErrData, i+1, v)
		}
	}
	for i, v := range y {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: output %d = %v (must be finite and > 0)", ErrData, i+1, v)
		}
	}
	return nil
}

// N returns the number of reference DMUs.
func (t *Technology) N() int { return t.n }

// LPs returns the number of LPs solved so far (frame building included).
func (t *Technology) LPs() int { return t.lps }

// refs returns the reference columns for rts: the frame, or all DMUs.
func (t *Technology) refs(rts RTS) ([]int, error) {
	if t.Plain {
		if t.all == nil {
			t.all = make([]int, t.n)
			for j := range t.all {
				t.all[j] = j
			}
		}
		return t.all, nil
	}
	return t.Frame(rts)
}

// Distance returns the DEAP-style radial distance of (x, y) against t:
// the Farrell input efficiency theta (input orientation) or the Shephard
// output distance 1/phi (output orientation). Errors wrap ErrInfeasible,
// ErrUnbounded, ErrNumerical or ErrData.
func (t *Technology) Distance(x, y []float64, rts RTS, o Orientation) (float64, error) {
	if err := t.solve(x, y, rts, o, !t.Plain); err != nil {
		return math.NaN(), err
	}
	return distance(t.v.radial(), o), nil
}

// Solve is Distance with the full LP solution (peers, slacks, duals).
func (t *Technology) Solve(x, y []float64, rts RTS, o Orientation) (Solution, error) {
	if err := t.solve(x, y, rts, o, false); err != nil {
		return Solution{}, err
	}
	refs, _ := t.refs(rts)
	return t.v.solution(refs, rts, o), nil
}

// solve runs one LP; fast allows settling it from the cache of optimal
// bases without building it (only the optimum is then available).
func (t *Technology) solve(x, y []float64, rts RTS, o Orientation, fast bool) error {
	if o != Input && o != Output {
		return fmt.Errorf("%w: a radial distance is input or output orientated, not %v", ErrData, o)
	}
	if rts < CRS || rts > NIRS {
		return fmt.Errorf("%w: unknown returns to scale %v", ErrData, rts)
	}
	if len(x) != t.m || len(y) != t.s {
		return fmt.Errorf("%w: point has %d inputs and %d outputs, technology %d and %d",
			ErrData, len(x), len(y), t.m, t.s)
	}
	if err := checkPoint(x, y); err != nil {
		return err
	}
	refs, err := t.refs(rts)
	if err != nil {
		return err
	}
	t.v.useFacets = fast
	err = t.solveRefs(x, y, refs, rts, o, lpKey{rts, o, t.Plain})
	t.v.useFacets = false
	return err
}

func (t *Technology) solveRefs(x, y []float64, refs []int, rts RTS, o Orientation, key lpKey) error {
	t.lps++
	v := &t.v
	v.fast = false
	if fc := v.facets[key]; v.useFacets && fc != nil {
		v.setPoint(x, y)
		if rad, ok := v.tryFacets(fc, refs, rts, o); ok {
			v.fast, v.fastRadial = true, rad
			return nil
		}
	}
	t.v.load(t.x, t.y, refs, x, y, rts, o)
	if t.Plain {
		t.v.warmOK = false
	}
	return t.v.run(key, rts, o)
}

// Frame returns the indices of a generating set of the technology for rts:
// DMUs that are not inside the technology spanned by the others. CRS uses
// its own (smaller) frame; VRS and NIRS share the VRS frame, which also
// spans the NIRS technology.
//
// The frame is built as in Dulá's BuildHull: DMUs are visited in order of a
// productivity proxy; each is tested against the current frame F by an
// output-oriented LP; if it lies outside T(F) the LP duals give a
// hyperplane separating it from T(F), and the DMU with the most violated
// reduced cost on that hyperplane (which is outside T(F)) joins F. A DMU
// inside T(F) is redundant. On exit every DMU lies in T(F), so T(F) = T.
func (t *Technology) Frame(rts RTS) ([]int, error) {
	k := 0
	if rts != CRS {
		k = 1
		if t.CRSOnly && !t.Plain {
			return nil, fmt.Errorf("%w: a CRSOnly technology has no %v frame", ErrData, rts)
		}
	}
	if t.built[k] {
		return t.frames[k], nil
	}
	if k == 0 && t.CRSOnly {
		fr, err := t.buildFrame(false, nil)
		if err != nil {
			return nil, err
		}
		t.frames[0], t.built[0] = fr, true
		return fr, nil
	}
	// T_CRS = cone(T_VRS) = cone(T_VRS(VRS frame)): the CRS frame is
	// searched among the VRS frame only.
	var cand []int
	if rts == CRS {
		vf, err := t.Frame(VRS)
		if err != nil {
			return nil, err
		}
		cand = vf
	}
	fr, err := t.buildFrame(rts != CRS, cand)
	if err != nil {
		return nil, err
	}
	t.frames[k], t.built[k] = fr, true
	return fr, nil
}

// Clone returns a Technology that shares t's data and the frames built so
// far, with its own LP workspace (LP count starting at 0): clones of one
// Technology can be used in different goroutines once its frames are
// built.
func (t *Technology) Clone() *Technology {
	c := &Technology{n: t.n, m: t.m, s: t.s, x: t.x, y: t.y, Plain: t.Plain, CRSOnly: t.CRSOnly,
		frames: t.frames, built: t.built, all: t.all}
	c.v.m, c.v.s, c.v.x, c.v.y = t.m, t.s, t.x, t.y
	return c
}
