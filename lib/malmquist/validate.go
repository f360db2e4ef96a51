package malmquist

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// ErrData marks invalid input data; ErrUnbalanced a panel with missing
// (DMU, period) cells when Options.CommonDMUs is not set; ErrGaps periods
// that are not equally spaced when Options.AllowGaps is not set.
var (
	ErrData       = errors.New("malmquist: invalid data")
	ErrUnbalanced = errors.New("malmquist: unbalanced panel")
	ErrGaps       = errors.New("malmquist: unequally spaced periods")
)

// UnbalancedError lists the missing (DMU, period) cells of an unbalanced
// panel; it wraps ErrUnbalanced. Missing holds entries like `"5" (periods
// 3)`.
type UnbalancedError struct {
	Missing []string
}

func (e *UnbalancedError) Error() string {
	return fmt.Sprintf("%v: DEAP needs every DMU in every period; missing: %s (set Options.CommonDMUs to use only the DMUs present in both periods of each pair)",
		ErrUnbalanced, joinCapped(e.Missing))
}

// Unwrap returns ErrUnbalanced.
func (e *UnbalancedError) Unwrap() error { return ErrUnbalanced }

// GapError reports periods that are not equally spaced (2003, 2004, 2006):
// the index of a wider step would silently span several periods. It wraps
// ErrGaps.
type GapError struct {
	Step  int      // the most common step between consecutive periods
	Wider []string // "2004-2006" for each wider or narrower step
}

func (e *GapError) Error() string {
	return fmt.Sprintf("%v: consecutive periods are %d apart except %s; the index of such a pair would treat a longer (or shorter) span as one step (fill in the missing periods, or set Options.AllowGaps to accept it)",
		ErrGaps, e.Step, joinCapped(e.Wider))
}

// Unwrap returns ErrGaps.
func (e *GapError) Unwrap() error { return ErrGaps }

// Data is a long panel: one row per DMU and period. Inputs[i] and
// Outputs[i] hold the input and (good) output quantities of row i; Bad[i],
// when Bad is not nil, its bad (undesirable) outputs, which switch the
// index to the Malmquist-Luenberger index of directional distance
// functions. Names are optional and only used in messages and output.
type Data struct {
	DMU         []string
	Period      []int
	Inputs      [][]float64
	Outputs     [][]float64
	Bad         [][]float64
	InputNames  []string
	OutputNames []string
	BadNames    []string
}

// panel is the validated index of a Data set.
type panel struct {
	dmus    []string // first-appearance order
	periods []int    // ascending
	cell    [][]int  // cell[t][d] = row, or -1
	m, s, k int      // inputs, good outputs, bad outputs
}

// listMax caps how many offending rows an error lists.
const listMax = 10

func joinCapped(items []string) string {
	if len(items) <= listMax {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:listMax], ", ") + fmt.Sprintf(", … (%d in all)", len(items))
}

// index validates d and builds the panel index. Rows are numbered from 1 in
// messages (row 1 = first data row).
func index(d Data) (*panel, error) {
	n := len(d.DMU)
	if len(d.Period) != n || len(d.Inputs) != n || len(d.Outputs) != n {
		return nil, fmt.Errorf("%w: %d DMU labels, %d periods, %d input rows, %d output rows: all must be equal",
			ErrData, n, len(d.Period), len(d.Inputs), len(d.Outputs))
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: no rows", ErrData)
	}
	p := &panel{m: len(d.Inputs[0]), s: len(d.Outputs[0])}
	if p.m == 0 || p.s == 0 {
		return nil, fmt.Errorf("%w: need at least one input and one output (got %d and %d)", ErrData, p.m, p.s)
	}
	if d.Bad != nil {
		if len(d.Bad) != n {
			return nil, fmt.Errorf("%w: %d rows and %d bad-output rows: all must be equal", ErrData, n, len(d.Bad))
		}
		p.k = len(d.Bad[0])
		if p.k == 0 {
			return nil, fmt.Errorf("%w: Data.Bad is set but has no bad-output column", ErrData)
		}
	}
	var bad []string
	name := func(names []string, k int, kind string) string {
		if k < len(names) {
			return fmt.Sprintf("%s %q", kind, names[k])
		}
		return fmt.Sprintf("%s %d", kind, k+1)
	}
	for i := 0; i < n; i++ {
		if len(d.Inputs[i]) != p.m || len(d.Outputs[i]) != p.s {
			return nil, fmt.Errorf("%w: row %d (DMU %q, period %d) has %d inputs and %d outputs, want %d and %d",
				ErrData, i+1, d.DMU[i], d.Period[i], len(d.Inputs[i]), len(d.Outputs[i]), p.m, p.s)
		}
		for k, v := range d.Inputs[i] {
			if !(v > 0) || math.IsInf(v, 0) {
				bad = append(bad, fmt.Sprintf("row %d (DMU %q, period %d) %s = %v", i+1, d.DMU[i], d.Period[i], name(d.InputNames, k, "input"), v))
			}
		}
		for k, v := range d.Outputs[i] {
			if !(v > 0) || math.IsInf(v, 0) {
				bad = append(bad, fmt.Sprintf("row %d (DMU %q, period %d) %s = %v", i+1, d.DMU[i], d.Period[i], name(d.OutputNames, k, "output"), v))
			}
		}
		if p.k > 0 {
			if len(d.Bad[i]) != p.k {
				return nil, fmt.Errorf("%w: row %d (DMU %q, period %d) has %d bad outputs, want %d",
					ErrData, i+1, d.DMU[i], d.Period[i], len(d.Bad[i]), p.k)
			}
			for k, v := range d.Bad[i] {
				if !(v > 0) || math.IsInf(v, 0) {
					bad = append(bad, fmt.Sprintf("row %d (DMU %q, period %d) %s = %v", i+1, d.DMU[i], d.Period[i], name(d.BadNames, k, "bad output"), v))
				}
			}
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%w: inputs and outputs must be finite and > 0 (DEA radial distances are undefined otherwise); fix or drop: %s",
			ErrData, joinCapped(bad))
	}
	dmuIdx := map[string]int{}
	perSet := map[int]bool{}
	for i := 0; i < n; i++ {
		if _, ok := dmuIdx[d.DMU[i]]; !ok {
			dmuIdx[d.DMU[i]] = len(p.dmus)
			p.dmus = append(p.dmus, d.DMU[i])
		}
		perSet[d.Period[i]] = true
	}
	for t := range perSet {
		p.periods = append(p.periods, t)
	}
	sort.Ints(p.periods)
	if len(p.dmus) < 2 {
		return nil, fmt.Errorf("%w: only one DMU (%q); a frontier needs at least two", ErrData, p.dmus[0])
	}
	if len(p.periods) < 2 {
		return nil, fmt.Errorf("%w: only one period (%d); a Malmquist index needs at least two", ErrData, p.periods[0])
	}
	perIdx := map[int]int{}
	for k, t := range p.periods {
		perIdx[t] = k
	}
	p.cell = make([][]int, len(p.periods))
	for t := range p.cell {
		p.cell[t] = make([]int, len(p.dmus))
		for j := range p.cell[t] {
			p.cell[t][j] = -1
		}
	}
	var dup []string
	for i := 0; i < n; i++ {
		t, j := perIdx[d.Period[i]], dmuIdx[d.DMU[i]]
		if prev := p.cell[t][j]; prev >= 0 {
			dup = append(dup, fmt.Sprintf("DMU %q period %d in rows %d and %d", d.DMU[i], d.Period[i], prev+1, i+1))
			continue
		}
		p.cell[t][j] = i
	}
	if len(dup) > 0 {
		return nil, fmt.Errorf("%w: duplicate (DMU, period): %s", ErrData, joinCapped(dup))
	}
	return p, nil
}

// gaps checks that consecutive periods are equally spaced. It returns nil
// or a *GapError listing the steps that differ from the most common one,
// and a note when the common step is not 1.
func (p *panel) gaps() (*GapError, string) {
	count := map[int]int{}
	for t := 1; t < len(p.periods); t++ {
		count[p.periods[t]-p.periods[t-1]]++
	}
	step, best := 0, -1
	for d, c := range count {
		if c > best || (c == best && d < step) {
			step, best = d, c
		}
	}
	note := ""
	if step != 1 {
		note = fmt.Sprintf("Consecutive periods are %d apart: each index spans %d periods.", step, step)
	}
	if len(count) == 1 {
		return nil, note
	}
	e := &GapError{Step: step}
	for t := 1; t < len(p.periods); t++ {
		if p.periods[t]-p.periods[t-1] != step {
			e.Wider = append(e.Wider, fmt.Sprintf("%d-%d", p.periods[t-1], p.periods[t]))
		}
	}
	return e, note
}

// missing lists the absent (DMU, period) cells.
func (p *panel) missing() []string {
	var out []string
	for j, dmu := range p.dmus {
		var ps []string
		for t, per := range p.periods {
			if p.cell[t][j] < 0 {
				ps = append(ps, fmt.Sprint(per))
			}
		}
		if len(ps) > 0 {
			out = append(out, fmt.Sprintf("%q (periods %s)", dmu, strings.Join(ps, ", ")))
		}
	}
	return out
}
