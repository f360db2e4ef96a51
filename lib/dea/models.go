package dea

import (
	"errors"
	"fmt"
	"math"
)

// Model selects a single-period DEA model of Evaluate.
type Model int

const (
	// Radial is DEAP 2.1's single-period run: CRS and VRS technical
	// efficiency, scale efficiency and its nature, with slacks, peers and
	// targets of the chosen RTS (Charnes, Cooper & Rhodes 1978; Banker,
	// Charnes & Cooper 1984).
	Radial Model = iota
	// SBM is Tone's (2001) slacks-based measure, with bad outputs Tone's
	// (2004) SBM with undesirable outputs.
	SBM
	// Super is the radial super-efficiency of Andersen & Petersen (1993).
	Super
	// SuperSBM is Tone's (2002) super-SBM (SBM for inefficient DMUs).
	SuperSBM
	// Cost is cost efficiency with input prices (DEAP's cost-DEA): cost,
	// technical and allocative efficiency.
	Cost
	// DDF is the directional distance function (with bad outputs under
	// weak disposability): inefficiency β (0 on the frontier).
	DDF
)

func (m Model) String() string {
	switch m {
	case Radial:
		return "radial"
	case SBM:
		return "sbm"
	case Super:
		return "super"
	case SuperSBM:
		return "super-sbm"
	case Cost:
		return "cost"
	case DDF:
		return "ddf"
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// ParseModel reads radial, sbm, super, super-sbm, cost or ddf.
func ParseModel(s string) (Model, error) {
	for m := Radial; m <= DDF; m++ {
		if m.String() == s {
			return m, nil
		}
	}
	return 0, fmt.Errorf("%w: unknown model %q (use radial, sbm, super, super-sbm, cost or ddf)", ErrData, s)
}

// ParseRTS reads crs, vrs or nirs.
func ParseRTS(s string) (RTS, error) {
	switch s {
	case "crs", "CRS":
		return CRS, nil
	case "vrs", "VRS":
		return VRS, nil
	case "nirs", "NIRS", "drs":
		return NIRS, nil
	}
	return 0, fmt.Errorf("%w: unknown returns to scale %q (use crs, vrs or nirs)", ErrData, s)
}

// Options of Evaluate.
type Options struct {
	Model Model
	// RTS of the technology (CRS, VRS, NIRS). The radial model always
	// computes CRS and VRS scores; RTS chooses the model of its slacks,
	// peers and targets (CRS or VRS, DEAP's "scale assumption").
	RTS RTS
	// Orientation: Input or Output for the radial, super and cost models
	// (cost is input-side by nature: Input), plus NonOriented for SBM and
	// super-SBM (the default of Tone's models is non-oriented: set it).
	// DDF ignores it (see Direction).
	Orientation Orientation
	// Slacks of the radial model (DEAP's default is MultiStage).
	Slacks Slacks
	// Direction of the DDF model; the zero value is (0, y, −b).
	Direction Direction
	// Plain solves every LP over all DMUs with cold starts (baseline).
	Plain bool
}

// Unit is the result for one DMU. Score is the model's efficiency: the
// radial distance of Options.RTS (θ or 1/φ, DEAP's te), SBM ρ, super-
// efficiency (> 1 for efficient DMUs), super-SBM δ (ρ when inefficient),
// cost efficiency, or the directional distance β (0 efficient). NaN with
// Infeasible set when the LP has no solution (super-efficiency under VRS).
type Unit struct {
	DMU        string
	Score      float64
	Infeasible bool
	// Radial model: DEAP's CRS, VRS and scale efficiency and the nature
	// of returns to scale ("irs", "drs", "-"); NaN/"" otherwise.
	CRS, VRS, Scale float64
	Nature          string
	// Cost model: technical (input radial, same RTS) and allocative
	// efficiency, Score = Technical * Allocative; CostMin holds the
	// cost-minimising input quantities.
	Technical, Allocative float64
	CostMin               []float64
	// Lambda (by DMU row), Peers (rows with positive lambda), slacks and
	// targets of the model, in data units. Slacks: input excess, output
	// shortfall, bad-output excess (for super-SBM: the increases of inputs
	// and bad outputs and the decrease of outputs).
	Lambda                               map[int]float64
	Peers                                []int
	InputSlack, OutputSlack, BadSlack    []float64
	InputTarget, OutputTarget, BadTarget []float64
}

// Result is one Evaluate run.
type Result struct {
	Model       Model
	RTS         RTS
	Orientation Orientation
	Slacks      Slacks
	Direction   string // DDF only
	InputNames  []string
	OutputNames []string
	BadNames    []string
	Units       []Unit
	// Boot holds the bootstrap (Bootstrap) when one was run.
	Boot  *Boot
	Notes []string
	LPs   int
}

// Evaluate runs a single-period DEA model on every DMU of d against the
// technology of all DMUs of d.
func Evaluate(d *Data, opt Options) (*Result, error) {
	if d == nil || len(d.Inputs) == 0 {
		return nil, fmt.Errorf("%w: no DMUs", ErrData)
	}
	n := len(d.Inputs)
	if len(d.DMU) != n {
		return nil, fmt.Errorf("%w: %d DMU labels for %d rows", ErrData, len(d.DMU), n)
	}
	if opt.RTS < CRS || opt.RTS > NIRS {
		return nil, fmt.Errorf("%w: unknown returns to scale %v", ErrData, opt.RTS)
	}
	res := &Result{Model: opt.Model, RTS: opt.RTS, Orientation: opt.Orientation, Slacks: opt.Slacks,
		InputNames: d.InputNames, OutputNames: d.OutputNames, BadNames: d.BadNames}
	hasBad := len(d.Bad) > 0
	switch opt.Model {
	case Radial, Super, Cost:
		if hasBad {
			return nil, fmt.Errorf("%w: the %v model has no bad outputs; use sbm, super-sbm or ddf", ErrData, opt.Model)
		}
		if opt.Orientation == NonOriented {
			return nil, fmt.Errorf("%w: the %v model is input or output orientated", ErrData, opt.Model)
		}
	case SBM, SuperSBM, DDF:
	default:
		return nil, fmt.Errorf("%w: unknown model %v", ErrData, opt.Model)
	}
	if opt.Model == Cost {
		if len(d.Prices) != n {
			return nil, fmt.Errorf("%w: the cost model needs input prices (one column per input: dea.WithPrices / --prices)", ErrData)
		}
		if opt.Orientation != Input {
			return nil, fmt.Errorf("%w: cost efficiency is input-side (Orientation Input)", ErrData)
		}
	} else if len(d.Prices) > 0 {
		return nil, fmt.Errorf("%w: input prices are used by the cost model only", ErrData)
	}
	if opt.Slacks != OneStage && opt.Model != Radial {
		return nil, fmt.Errorf("%w: Slacks (%v) apply to the radial model only", ErrData, opt.Slacks)
	}
	name := func(j int) string { return fmt.Sprintf("DMU %q", d.DMU[j]) }
	var err error
	switch opt.Model {
	case Radial:
		err = res.radial(d, opt, name)
	case Super:
		err = res.super(d, opt, name)
	case SBM, SuperSBM, Cost:
		err = res.slacks(d, opt, name)
	case DDF:
		err = res.ddf(d, opt, name)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

func nanUnit(dmu string) Unit {
	n := math.NaN()
	return Unit{DMU: dmu, Score: n, CRS: n, VRS: n, Scale: n, Technical: n, Allocative: n}
}

func (res *Result) radial(d *Data, opt Options, name func(int) string) error {
	rts := opt.RTS
	if rts == NIRS {
		return fmt.Errorf("%w: the radial model reports CRS and VRS scores; its slacks and peers are those of CRS or VRS (Options.RTS)", ErrData)
	}
	sc, err := efficiency(d.Inputs, d.Outputs, EffOptions{Orientation: opt.Orientation, RTS: rts, Slacks: opt.Slacks}, opt.Plain, &res.LPs)
	if err != nil {
		var re *rowError
		if errors.As(err, &re) {
			return fmt.Errorf("dea: %s: %w", name(re.row), re.err)
		}
		return err
	}
	for j, s := range sc {
		u := nanUnit(d.DMU[j])
		u.CRS, u.VRS, u.Scale, u.Nature = s.CRS, s.VRS, s.Scale, s.Nature
		u.Score = s.CRS
		if rts == VRS {
			u.Score = s.VRS
		}
		u.Lambda, u.Peers = s.Lambda, s.Peers
		u.InputSlack, u.OutputSlack = s.InputSlack, s.OutputSlack
		u.InputTarget, u.OutputTarget = s.InputTarget, s.OutputTarget
		res.Units = append(res.Units, u)
	}
	return nil
}

func (res *Result) super(d *Data, opt Options, name func(int) string) error {
	t, err := NewTechnology(d.Inputs, d.Outputs)
	if err != nil {
		return err
	}
	t.Plain = opt.Plain
	infeasible := 0
	for j := range d.Inputs {
		u := nanUnit(d.DMU[j])
		v, err := t.Super(j, opt.RTS, opt.Orientation)
		switch {
		case errors.Is(err, ErrInfeasible):
			u.Infeasible = true
			infeasible++
		case err != nil:
			return fmt.Errorf("dea: %s (super-efficiency): %w", name(j), err)
		default:
			u.Score = v
		}
		res.Units = append(res.Units, u)
	}
	res.LPs = t.LPs()
	if infeasible > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d DMU(s): the super-efficiency LP is infeasible (no point of the other DMUs' %v technology in the %v direction; Benchmarking::sdea reports Inf); their score is missing.",
			infeasible, opt.RTS, opt.Orientation))
	}
	return nil
}

func (res *Result) slacks(d *Data, opt Options, name func(int) string) error {
	st, err := newSlackTech(d.Inputs, d.Outputs, d.Bad)
	if err != nil {
		return err
	}
	st.plain = opt.Plain
	st.rad.Plain = opt.Plain
	var rad *Technology
	if opt.Model == Cost {
		rad = st.rad
	}
	infeasible := 0
	m, s, k := st.m, st.s, st.k
	for j := range d.Inputs {
		u := nanUnit(d.DMU[j])
		x0, y0, b0 := st.x[j*m:(j+1)*m], st.y[j*s:(j+1)*s], st.b[j*k:(j+1)*k]
		switch opt.Model {
		case SBM, SuperSBM:
			if opt.Orientation != NonOriented && opt.Orientation != Input && opt.Orientation != Output {
				return fmt.Errorf("%w: orientation %v", ErrData, opt.Orientation)
			}
			sol, err := st.sbm(x0, y0, b0, opt.RTS, opt.Orientation)
			if err != nil {
				return fmt.Errorf("dea: %s (SBM): %w", name(j), err)
			}
			if opt.Model == SuperSBM && sol.Score >= 1-1e-9 {
				sup, err := st.superSBM(j, opt.RTS, opt.Orientation)
				switch {
				case errors.Is(err, ErrInfeasible):
					u.Infeasible = true
					infeasible++
					res.Units = append(res.Units, u)
					continue
				case err != nil:
					return fmt.Errorf("dea: %s (super-SBM): %w", name(j), err)
				}
				sol = sup
			}
			u.Score, u.Lambda, u.Peers = sol.Score, sol.Lambda, peersOf(sol.Lambda)
			u.InputSlack, u.OutputSlack, u.BadSlack = sol.InputSlack, sol.OutputSlack, sol.BadSlack
			sign := -1.0 // SBM: targets remove the slacks
			if sol.Super {
				sign = 1 // super-SBM: inputs and bads grow, outputs shrink
			}
			for i := range x0 {
				u.InputTarget = append(u.InputTarget, x0[i]+sign*sol.InputSlack[i])
			}
			for q := range y0 {
				u.OutputTarget = append(u.OutputTarget, y0[q]-sign*sol.OutputSlack[q])
			}
			for q := range b0 {
				u.BadTarget = append(u.BadTarget, b0[q]+sign*sol.BadSlack[q])
			}
		case Cost:
			ce, xs, lam, err := st.cost(j, d.Prices[j], opt.RTS)
			if err != nil {
				return fmt.Errorf("dea: %s (cost efficiency): %w", name(j), err)
			}
			te, err := rad.Distance(x0, y0, opt.RTS, Input)
			if err != nil {
				return fmt.Errorf("dea: %s (technical efficiency): %w", name(j), err)
			}
			u.Score, u.Technical, u.Allocative, u.CostMin = ce, te, ce/te, xs
			u.Lambda, u.Peers = lam, peersOf(lam)
		}
		res.Units = append(res.Units, u)
	}
	res.LPs = st.lps + st.rad.LPs()
	if infeasible > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d DMU(s): the super-SBM LP is infeasible; their score is missing.", infeasible))
	}
	if opt.Model == SuperSBM {
		res.Notes = append(res.Notes, "Super-SBM: SBM-efficient DMUs get Tone's (2002) super-efficiency δ >= 1, the others their SBM score ρ < 1.")
	}
	return nil
}

func (res *Result) ddf(d *Data, opt Options, name func(int) string) error {
	var bads [][]float64
	if len(d.Bad) > 0 {
		bads = d.Bad
	}
	t, err := NewDirectional(d.Inputs, d.Outputs, bads)
	if err != nil {
		return err
	}
	t.Plain = opt.Plain
	res.Direction = opt.Direction.Describe(bads != nil)
	for j := range d.Inputs {
		var b []float64
		if bads != nil {
			b = bads[j]
		}
		sol, err := t.Solve(d.Inputs[j], d.Outputs[j], b, opt.Direction, opt.RTS)
		if err != nil {
			return fmt.Errorf("dea: %s (directional distance): %w", name(j), err)
		}
		u := nanUnit(d.DMU[j])
		u.Score, u.Lambda, u.Peers = sol.Beta, sol.Lambda, peersOf(sol.Lambda)
		u.InputSlack, u.OutputSlack = sol.InputSlack, sol.GoodSlack
		gx, gy, gb, _ := opt.Direction.Resolve(t.m, t.s, t.k)
		for i, x := range d.Inputs[j] {
			g := gx[i]
			if !opt.Direction.Fixed {
				g *= x
			}
			u.InputTarget = append(u.InputTarget, x-sol.Beta*g-sol.InputSlack[i])
		}
		for q, y := range d.Outputs[j] {
			g := gy[q]
			if !opt.Direction.Fixed {
				g *= y
			}
			u.OutputTarget = append(u.OutputTarget, y+sol.Beta*g+sol.GoodSlack[q])
		}
		for q, bv := range b {
			g := gb[q]
			if !opt.Direction.Fixed {
				g *= bv
			}
			u.BadTarget = append(u.BadTarget, bv-sol.Beta*g)
		}
		res.Units = append(res.Units, u)
	}
	res.LPs = t.LPs()
	return nil
}
