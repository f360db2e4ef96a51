package malmquist

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/dea"
)

// Options control Compute.
type Options struct {
	// Orientation of the distances (DEAP has no default; dea.Input is the
	// zero value). CRS indices (effch, techch, tfpch) do not depend on it.
	Orientation dea.Orientation
	// CommonDMUs allows an unbalanced panel: the index of each pair of
	// adjacent periods uses only the DMUs present in both periods, for the
	// technologies as well as the evaluated units (Benchmarking::malmquist).
	// Without it an unbalanced panel is an error, as in DEAP.
	CommonDMUs bool
	// Plain solves every LP against all DMUs of the technology with a cold
	// start (the one-dense-LP-per-DMU baseline of the benchmarks).
	Plain bool
	// Workers is the number of goroutines (0: GOMAXPROCS).
	Workers int
}

// Distance is one row of DEAP's DISTANCES SUMMARY; NaN marks an undefined
// value (DEAP prints 0.000).
type Distance struct {
	DMU     string
	Period  int
	CRSPrev float64 // D_{t-1}(x_t, y_t), CRS
	CRS     float64 // D_t(x_t, y_t), CRS
	CRSNext float64 // D_{t+1}(x_t, y_t), CRS
	VRS     float64 // D_t(x_t, y_t), VRS
}

// Index holds the five Malmquist components. For an index row Period is
// the later year of the pair; for period means DMU is empty; for DMU means
// Period is 0.
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

// Result is a Malmquist run laid out as DEAP prints it.
type Result struct {
	Orientation dea.Orientation
	DMUs        []string
	Periods     []int
	InputNames  []string
	OutputNames []string
	// Distances is period-major (DEAP order); nil when CommonDMUs was
	// needed, because each pair then has its own technologies.
	Distances   []Distance
	Indices     []Index // period-major, DMUs in first-appearance order
	PeriodMeans []Index // geometric means over DMUs, per period
	DMUMeans    []Index // geometric means over periods, per DMU
	Overall     Index   // geometric mean of the period means (DEAP)
	Levels      []Level // DMU-major
	Notes       []string
	LPs         int // LPs solved (frame building included)
}

// pairDist holds, for one adjacent pair (t-1, t) and one DMU, the six
// distances that enter the index.
type pairDist struct {
	ok             bool
	aa, ab, ba, bb float64 // CRS D_tech(obs): a = t-1, b = t; e.g. ab = D_{t-1}(x_t)
	vrsA, vrsB     float64
}

// Compute runs the Malmquist analysis of d.
func Compute(d Data, opt Options) (*Result, error) {
	p, err := index(d)
	if err != nil {
		return nil, err
	}
	miss := p.missing()
	if len(miss) > 0 && !opt.CommonDMUs {
		return nil, fmt.Errorf("%w: DEAP needs every DMU in every period; missing: %s (set CommonDMUs to use only the DMUs present in both periods of each pair)",
			ErrUnbalanced, joinCapped(miss))
	}
	res := &Result{Orientation: opt.Orientation, DMUs: p.dmus, Periods: p.periods,
		InputNames: d.InputNames, OutputNames: d.OutputNames}
	var pairs [][]pairDist
	if len(miss) == 0 {
		pairs, err = balanced(d, p, opt, res)
	} else {
		res.Notes = append(res.Notes, "Unbalanced panel: the index of each pair of periods uses only the DMUs present in both periods (technologies and evaluated units); DISTANCES SUMMARY omitted.")
		pairs, err = common(d, p, opt, res)
	}
	if err != nil {
		return nil, err
	}
	summarise(p, pairs, res)
	return res, nil
}

// balanced computes DEAP's distances with one technology per period.
func balanced(d Data, p *panel, opt Options, res *Result) ([][]pairDist, error) {
	T, N := len(p.periods), len(p.dmus)
	dist := make([]Distance, T*N)
	jobs := make([]*job, T)
	for t := 0; t < T; t++ {
		jb := &job{rows: p.cell[t], period: t, evals: make([]eval, 0, 4*N)}
		for k := 0; k < N; k++ {
			dd := &dist[t*N+k]
			dd.DMU, dd.Period = p.dmus[k], p.periods[t]
			dd.CRSPrev, dd.CRSNext = math.NaN(), math.NaN()
			jb.evals = append(jb.evals,
				eval{p.cell[t][k], k, t, dea.CRS, &dd.CRS},
				eval{p.cell[t][k], k, t, dea.VRS, &dd.VRS})
		}
		for _, s := range []int{t - 1, t + 1} {
			if s < 0 || s >= T {
				continue
			}
			for k := 0; k < N; k++ {
				dd := &dist[s*N+k]
				out := &dd.CRSNext // observation of t-1 against tech t
				if s > t {
					out = &dd.CRSPrev
				}
				jb.evals = append(jb.evals, eval{p.cell[s][k], k, s, dea.CRS, out})
			}
		}
		jobs[t] = jb
	}
	var err error
	if res.LPs, err = runJobs(d, p, jobs, opt); err != nil {
		return nil, err
	}
	res.Distances = dist
	pairs := make([][]pairDist, T)
	for t := 1; t < T; t++ {
		pairs[t] = make([]pairDist, N)
		for k := 0; k < N; k++ {
			a, b := dist[(t-1)*N+k], dist[t*N+k]
			pairs[t][k] = pairDist{ok: true, aa: a.CRS, ba: a.CRSNext, ab: b.CRSPrev, bb: b.CRS, vrsA: a.VRS, vrsB: b.VRS}
		}
	}
	return pairs, nil
}

// common computes, for each pair, technologies from the DMUs present in
// both periods.
func common(d Data, p *panel, opt Options, res *Result) ([][]pairDist, error) {
	T, N := len(p.periods), len(p.dmus)
	pairs := make([][]pairDist, T)
	var jobs []*job
	for t := 1; t < T; t++ {
		pairs[t] = make([]pairDist, N)
		var rowsA, rowsB, dm []int
		var dropped []string
		for k := 0; k < N; k++ {
			ra, rb := p.cell[t-1][k], p.cell[t][k]
			if ra >= 0 && rb >= 0 {
				rowsA, rowsB, dm = append(rowsA, ra), append(rowsB, rb), append(dm, k)
			} else if ra >= 0 || rb >= 0 {
				dropped = append(dropped, fmt.Sprintf("%q", p.dmus[k]))
			}
		}
		if len(dm) < 2 {
			return nil, fmt.Errorf("%w: periods %d and %d have %d DMU(s) in common; need at least two",
				ErrUnbalanced, p.periods[t-1], p.periods[t], len(dm))
		}
		if len(dropped) > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("Periods %d-%d: %d DMUs in common; not in both: %s.",
				p.periods[t-1], p.periods[t], len(dm), joinCapped(dropped)))
		}
		ja, jb := &job{rows: rowsA, period: t - 1}, &job{rows: rowsB, period: t}
		for i, k := range dm {
			pd := &pairs[t][k]
			pd.ok = true
			ja.evals = append(ja.evals,
				eval{rowsA[i], k, t - 1, dea.CRS, &pd.aa}, eval{rowsA[i], k, t - 1, dea.VRS, &pd.vrsA},
				eval{rowsB[i], k, t, dea.CRS, &pd.ab})
			jb.evals = append(jb.evals,
				eval{rowsB[i], k, t, dea.CRS, &pd.bb}, eval{rowsB[i], k, t, dea.VRS, &pd.vrsB},
				eval{rowsA[i], k, t - 1, dea.CRS, &pd.ba})
		}
		jobs = append(jobs, ja, jb)
	}
	var err error
	if res.LPs, err = runJobs(d, p, jobs, opt); err != nil {
		return nil, err
	}
	return pairs, nil
}

// components returns the DEAP/FGNZ indices of one pair.
func (pd pairDist) components() Index {
	eff := pd.bb / pd.aa
	tech := math.Sqrt((pd.ab / pd.bb) * (pd.aa / pd.ba))
	pe := pd.vrsB / pd.vrsA
	return Index{EffCh: eff, TechCh: tech, PECh: pe, SECh: eff / pe, TFPCh: eff * tech}
}
