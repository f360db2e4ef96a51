package malmquist

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/dea"
)

// Frontier is the reference technology of the index (see the package
// documentation).
type Frontier int

const (
	// Contemporaneous frontiers: the technology of each period (Färe,
	// Grosskopf, Norris & Zhang 1994; DEAP 2.1). The zero value.
	Contemporaneous Frontier = iota
	// Sequential frontiers: the technology of all periods up to t
	// (Shestalova 2003); technical regress is ruled out.
	Sequential
	// Global frontier: one technology of all periods (Pastor & Lovell
	// 2005); the index is circular and never infeasible.
	Global
	// Biennial frontiers: the technology of periods t-1 and t together
	// (Pastor, Asmild & Lovell 2011); never infeasible.
	Biennial
)

func (f Frontier) String() string {
	switch f {
	case Contemporaneous:
		return "contemporaneous"
	case Sequential:
		return "sequential"
	case Global:
		return "global"
	case Biennial:
		return "biennial"
	}
	return fmt.Sprintf("Frontier(%d)", int(f))
}

// ParseFrontier reads "contemporaneous" (or "cont", "deap"), "sequential"
// ("seq"), "global" ("glob") or "biennial" ("bi").
func ParseFrontier(s string) (Frontier, error) {
	switch s {
	case "contemporaneous", "cont", "deap", "":
		return Contemporaneous, nil
	case "sequential", "seq":
		return Sequential, nil
	case "global", "glob":
		return Global, nil
	case "biennial", "bi":
		return Biennial, nil
	}
	return 0, fmt.Errorf("%w: unknown frontier %q (use contemporaneous, sequential, global or biennial)", ErrData, s)
}

// Options control Compute.
type Options struct {
	// Orientation of the radial distances (DEAP has no default; dea.Input is
	// the zero value). CRS indices (effch, techch, tfpch) do not depend on
	// it. The directional model ignores it (its direction is Direction).
	Orientation dea.Orientation
	// Frontier of the index: Contemporaneous (DEAP, the zero value),
	// Sequential, Global or Biennial.
	Frontier Frontier
	// Directional computes the Malmquist-Luenberger index of directional
	// distance functions (and the Luenberger indicator) even without bad
	// outputs; Data.Bad implies it.
	Directional bool
	// Direction of the directional distance functions; the zero value is
	// g = (0, y, −b) (Chung, Färe & Grosskopf 1997).
	Direction dea.Direction
	// CommonDMUs allows an unbalanced panel. With contemporaneous frontiers
	// the index of each pair of adjacent periods uses only the DMUs present
	// in both periods, for the technologies as well as the evaluated units
	// (Benchmarking::malmquist). Sequential, global and biennial
	// technologies are built from every DMU-period present; indices are
	// computed for DMUs present in both periods of a pair. Without it an
	// unbalanced panel is an error, as in DEAP.
	CommonDMUs bool
	// AllowGaps accepts periods that are not equally spaced (2003, 2004,
	// 2006): each index then compares adjacent observed periods and Notes
	// list the unusual steps. Without it such a panel is an error.
	AllowGaps bool
	// Plain solves every LP against all DMUs of the technology with a cold
	// start (the one-dense-LP-per-DMU baseline of the benchmarks).
	Plain bool
	// Workers is the number of goroutines (0: GOMAXPROCS). Results do not
	// depend on it.
	Workers int
}

// Distance is one row of the DISTANCES SUMMARY; NaN marks an undefined
// value (DEAP prints 0.000). Radial model: DEAP-style distances (Shephard
// output distance or Farrell input efficiency, 1 on the frontier).
// Directional model: the directional distances β (0 on the frontier).
type Distance struct {
	DMU     string
	Period  int
	CRSPrev float64 // against the technology of t-1 (contemporaneous) or of periods up to t-1 (sequential), CRS
	CRS     float64 // against the own technology (period t, or periods up to t), CRS
	CRSNext float64 // against the technology of t+1 (or of periods up to t+1), CRS
	VRS     float64 // against the own technology, VRS
	// Global is the distance to the global technology (Global frontier).
	Global float64
	// BiennialPrev and BiennialNext are the distances to the biennial
	// technologies of (t-1, t) and (t, t+1) (Biennial frontier).
	BiennialPrev, BiennialNext float64
}

// Index holds the five Malmquist components. For an index row Period is
// the later year of the pair; for period means DMU is empty; for DMU means
// Period is 0. For the global and biennial frontiers TechCh is the
// best-practice gap change (Pastor & Lovell 2005). In the Luenberger
// indicator the components are differences (> 0 is improvement) and
// TFPCh = EffCh + TechCh, EffCh = PECh + SECh.
type Index struct {
	DMU    string
	Period int
	EffCh  float64 // technical efficiency change (CRS)
	TechCh float64 // technological change
	PECh   float64 // pure (VRS) efficiency change
	SECh   float64 // scale efficiency change
	TFPCh  float64 // total factor productivity change = EffCh * TechCh
}

// Level is a cumulative index (first period of the DMU = 1).
type Level struct {
	DMU    string
	Period int
	TFP    float64
	TC     float64
	EC     float64
}

// Infeasible records an LP without solution: a cross-period directional
// distance (the evaluated bad outputs cannot be produced by the other
// period's technology). Its indices are NaN and left out of the means.
type Infeasible struct {
	DMU        string
	Period     int    // period of the evaluated observation
	Technology string // e.g. "2005", "up to 2005", "2004-2005"
	RTS        dea.RTS
}

// Result is a Malmquist run laid out as DEAP prints it.
type Result struct {
	Orientation dea.Orientation
	Frontier    Frontier
	// Directional is set for the Malmquist-Luenberger index; Direction
	// describes its direction.
	Directional bool
	Direction   string
	DMUs        []string
	Periods     []int
	InputNames  []string
	OutputNames []string
	BadNames    []string
	// Distances is period-major (DEAP order); nil for an unbalanced panel.
	Distances   []Distance
	Indices     []Index // period-major, DMUs in first-appearance order
	PeriodMeans []Index // geometric means over DMUs, per period
	DMUMeans    []Index // geometric means over periods, per DMU
	Overall     Index   // geometric mean of the period means (DEAP)
	Levels      []Level // DMU-major
	// Luenberger is the additive Luenberger productivity indicator of the
	// directional model (Chambers, Färe & Grosskopf 1996), in the order of
	// Indices, with arithmetic means; nil for the radial model.
	Luenberger            []Index
	LuenbergerPeriodMeans []Index
	LuenbergerOverall     Index
	// Infeasible lists the LPs without solution (directional model only).
	Infeasible []Infeasible
	Notes      []string
	LPs        int // LPs solved (frame building included)
}

// pairDist holds, for one adjacent pair (t-1, t) and one DMU, the six
// distances that enter the index: D_own(a)(x_a) = aa, D_own(b)(x_b) = bb,
// the VRS ones, and ab, ba: for contemporaneous and sequential frontiers
// ab = D_a(x_b), ba = D_b(x_a); for the global and biennial frontiers the
// distances of x_b and x_a to the common frontier. Directional distances
// enter as 1/(1+β), which makes every formula the Malmquist one.
type pairDist struct {
	ok             bool
	aa, ab, ba, bb float64
	vrsA, vrsB     float64
}

// components returns the indices of one pair.
func (pd pairDist) components(f Frontier) Index {
	eff := pd.bb / pd.aa
	var tech, tfp float64
	switch f {
	case Global, Biennial:
		tfp = pd.ab / pd.ba
		tech = tfp / eff
	default:
		tech = math.Sqrt((pd.ab / pd.bb) * (pd.aa / pd.ba))
		tfp = eff * tech
	}
	pe := pd.vrsB / pd.vrsA
	return Index{EffCh: eff, TechCh: tech, PECh: pe, SECh: eff / pe, TFPCh: tfp}
}

// luenberger returns the additive indicator of one pair from the
// directional distances β = 1/v − 1.
func (pd pairDist) luenberger(f Frontier) Index {
	beta := func(v float64) float64 { return 1/v - 1 }
	aa, ab, ba, bb := beta(pd.aa), beta(pd.ab), beta(pd.ba), beta(pd.bb)
	eff := aa - bb
	var tfp float64
	switch f {
	case Global, Biennial:
		tfp = ba - ab
	default:
		tfp = 0.5 * ((ba - bb) + (aa - ab))
	}
	pe := beta(pd.vrsA) - beta(pd.vrsB)
	return Index{EffCh: eff, TechCh: tfp - eff, PECh: pe, SECh: eff - pe, TFPCh: tfp}
}

// Compute runs the Malmquist analysis of d.
func Compute(d Data, opt Options) (*Result, error) {
	p, err := index(d)
	if err != nil {
		return nil, err
	}
	if opt.Frontier < Contemporaneous || opt.Frontier > Biennial {
		return nil, fmt.Errorf("%w: unknown frontier %d", ErrData, int(opt.Frontier))
	}
	directional := opt.Directional || p.k > 0
	res := &Result{Orientation: opt.Orientation, Frontier: opt.Frontier, Directional: directional,
		DMUs: p.dmus, Periods: p.periods, InputNames: d.InputNames, OutputNames: d.OutputNames, BadNames: d.BadNames}
	if directional {
		if _, _, _, err := opt.Direction.Resolve(p.m, p.s, p.k); err != nil {
			return nil, fmt.Errorf("malmquist: %w", err)
		}
		res.Direction = opt.Direction.Describe(p.k > 0)
		if p.k == 0 && opt.Direction.Bads != nil {
			return nil, fmt.Errorf("%w: the direction has bad-output weights but the data have no bad output", ErrData)
		}
	}
	gapErr, note := p.gaps()
	if gapErr != nil && !opt.AllowGaps {
		return nil, gapErr
	}
	if gapErr != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("Periods are not equally spaced (most are %d apart): the indices of %s span a different number of periods.",
			gapErr.Step, joinCapped(gapErr.Wider)))
	} else if note != "" {
		res.Notes = append(res.Notes, note)
	}
	miss := p.missing()
	if len(miss) > 0 && !opt.CommonDMUs {
		return nil, &UnbalancedError{Missing: miss}
	}
	e := &engine{d: d, p: p, opt: opt, res: res, directional: directional}
	var pairs [][]pairDist
	switch {
	case len(miss) > 0 && opt.Frontier == Contemporaneous:
		res.Notes = append(res.Notes, "Unbalanced panel: the index of each pair of periods uses only the DMUs present in both periods (technologies and evaluated units); DISTANCES SUMMARY omitted.")
		pairs, err = e.common()
	default:
		if len(miss) > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("Unbalanced panel: the %v technologies use every DMU-period present; indices are computed for DMUs present in both periods of a pair; DISTANCES SUMMARY omitted.", opt.Frontier))
		}
		pairs, err = e.run(len(miss) == 0)
	}
	if err != nil {
		return nil, err
	}
	if len(res.Infeasible) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d directional-distance LP(s) are infeasible (listed in Infeasible): the indices that need them are missing (. in the text, null in JSON) and left out of the means, as in Chung, Färe & Grosskopf (1997); the global or biennial frontier avoids infeasibility.", len(res.Infeasible)))
	}
	summarise(p, pairs, res)
	return res, nil
}
