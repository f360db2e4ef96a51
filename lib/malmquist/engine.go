package malmquist

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/dea"
)

// engine computes the distances of one Malmquist run.
type engine struct {
	d           Data
	p           *panel
	opt         Options
	res         *Result
	directional bool
}

// nanGrid returns a T x N grid of NaN.
func nanGrid(T, N int) [][]float64 {
	g := make([][]float64, T)
	buf := make([]float64, T*N)
	for i := range buf {
		buf[i] = math.NaN()
	}
	for t := range g {
		g[t] = buf[t*N : (t+1)*N]
	}
	return g
}

// present returns the data rows of period t.
func (p *panel) present(t int) []int {
	var rows []int
	for _, r := range p.cell[t] {
		if r >= 0 {
			rows = append(rows, r)
		}
	}
	return rows
}

// run computes the distances of the chosen frontier with one technology
// per period (own, cross-period), per pair (biennial) or one (global), for
// every DMU-period present, and returns the pairs. With a balanced panel it
// also fills the DISTANCES SUMMARY.
func (e *engine) run(balanced bool) ([][]pairDist, error) {
	p, f := e.p, e.opt.Frontier
	T, N := len(p.periods), len(p.dmus)
	own, vrs, prev, next, glob := nanGrid(T, N), nanGrid(T, N), nanGrid(T, N), nanGrid(T, N), nanGrid(T, N)
	add := func(j *job, t int, rts dea.RTS, dst [][]float64, cross bool) {
		for k, r := range p.cell[t] {
			if r >= 0 {
				j.evals = append(j.evals, eval{row: int32(r), dmu: int32(k), per: int32(t), rts: rts, out: &dst[t][k], cross: cross})
			}
		}
	}
	var jobs []*job
	ownJobs := make([]*job, T)
	for t := 0; t < T; t++ {
		j := &job{rows: p.present(t), label: fmt.Sprint(p.periods[t]), evals: make([]eval, 0, 4*N)}
		if f == Sequential {
			j.label = fmt.Sprintf("up to %d", p.periods[t])
		}
		add(j, t, dea.CRS, own, false)
		add(j, t, dea.VRS, vrs, false)
		if f == Contemporaneous || f == Sequential {
			if t > 0 {
				add(j, t-1, dea.CRS, next, true)
			}
			if t < T-1 {
				add(j, t+1, dea.CRS, prev, true)
			}
		}
		ownJobs[t] = j
		jobs = append(jobs, j)
	}
	if f == Sequential {
		// S_t is spanned by the frame of S_{t-1} and the DMUs of period t.
		var base []int
		for t := 0; t < T; t++ {
			j := ownJobs[t]
			if e.opt.Plain {
				base = append(base, j.rows...)
				j.rows = append([]int(nil), base...)
				continue
			}
			j.rows = append(append([]int(nil), base...), j.rows...)
			if err := e.build(j); err != nil {
				return nil, err
			}
			fr, err := j.tech.frame()
			if err != nil {
				return nil, fmt.Errorf("malmquist: frame of technology %s: %w", j.label, err)
			}
			base = base[:0]
			for _, pos := range fr {
				base = append(base, j.rows[pos])
			}
		}
	}
	if f == Global {
		var all []int
		for t := 0; t < T; t++ {
			all = append(all, p.present(t)...)
		}
		j := &job{rows: all, label: "global", evals: make([]eval, 0, len(all))}
		for t := 0; t < T; t++ {
			add(j, t, dea.CRS, glob, false)
		}
		jobs = append(jobs, j)
	}
	if f == Biennial {
		for t := 1; t < T; t++ {
			j := &job{rows: append(p.present(t-1), p.present(t)...), label: fmt.Sprintf("%d-%d", p.periods[t-1], p.periods[t]), evals: make([]eval, 0, 2*N)}
			add(j, t-1, dea.CRS, next, false)
			add(j, t, dea.CRS, prev, false)
			jobs = append(jobs, j)
		}
	}
	lps, err := e.runJobs(jobs)
	e.res.LPs = lps
	if err != nil {
		return nil, err
	}
	sortInfeasible(p, e.res.Infeasible)
	if balanced {
		e.distances(own, vrs, prev, next, glob)
	}
	pairs := make([][]pairDist, T)
	for t := 1; t < T; t++ {
		pairs[t] = make([]pairDist, N)
		for k := 0; k < N; k++ {
			if p.cell[t-1][k] < 0 || p.cell[t][k] < 0 {
				continue
			}
			pd := pairDist{ok: true, aa: own[t-1][k], bb: own[t][k], vrsA: vrs[t-1][k], vrsB: vrs[t][k]}
			switch f {
			case Global:
				pd.ab, pd.ba = glob[t][k], glob[t-1][k]
			default: // contemporaneous, sequential, biennial
				pd.ab, pd.ba = prev[t][k], next[t-1][k]
			}
			pairs[t][k] = pd
		}
	}
	return pairs, nil
}

// distances fills the DISTANCES SUMMARY (period-major). Directional
// distances are reported as β.
func (e *engine) distances(own, vrs, prev, next, glob [][]float64) {
	p, f := e.p, e.opt.Frontier
	T, N := len(p.periods), len(p.dmus)
	conv := func(v float64) float64 {
		if e.directional {
			return 1/v - 1
		}
		return v
	}
	nan := math.NaN()
	dist := make([]Distance, T*N)
	for t := 0; t < T; t++ {
		for k := 0; k < N; k++ {
			d := &dist[t*N+k]
			*d = Distance{DMU: p.dmus[k], Period: p.periods[t], CRS: conv(own[t][k]), VRS: conv(vrs[t][k]),
				CRSPrev: nan, CRSNext: nan, Global: nan, BiennialPrev: nan, BiennialNext: nan}
			switch f {
			case Contemporaneous, Sequential:
				d.CRSPrev, d.CRSNext = conv(prev[t][k]), conv(next[t][k])
			case Global:
				d.Global = conv(glob[t][k])
			case Biennial:
				d.BiennialPrev, d.BiennialNext = conv(prev[t][k]), conv(next[t][k])
			}
		}
	}
	e.res.Distances = dist
}

// common computes, for each pair, contemporaneous technologies from the
// DMUs present in both periods (Benchmarking::malmquist).
func (e *engine) common() ([][]pairDist, error) {
	p := e.p
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
			e.res.Notes = append(e.res.Notes, fmt.Sprintf("Periods %d-%d: %d DMUs in common; not in both: %s.",
				p.periods[t-1], p.periods[t], len(dm), joinCapped(dropped)))
		}
		ja := &job{rows: rowsA, label: fmt.Sprintf("%d (DMUs common with %d)", p.periods[t-1], p.periods[t])}
		jb := &job{rows: rowsB, label: fmt.Sprintf("%d (DMUs common with %d)", p.periods[t], p.periods[t-1])}
		for i, k := range dm {
			pd := &pairs[t][k]
			pd.ok = true
			ja.evals = append(ja.evals,
				eval{row: int32(rowsA[i]), dmu: int32(k), per: int32(t - 1), rts: dea.CRS, out: &pd.aa}, eval{row: int32(rowsA[i]), dmu: int32(k), per: int32(t - 1), rts: dea.VRS, out: &pd.vrsA},
				eval{row: int32(rowsB[i]), dmu: int32(k), per: int32(t), rts: dea.CRS, out: &pd.ab, cross: true})
			jb.evals = append(jb.evals,
				eval{row: int32(rowsB[i]), dmu: int32(k), per: int32(t), rts: dea.CRS, out: &pd.bb}, eval{row: int32(rowsB[i]), dmu: int32(k), per: int32(t), rts: dea.VRS, out: &pd.vrsB},
				eval{row: int32(rowsA[i]), dmu: int32(k), per: int32(t - 1), rts: dea.CRS, out: &pd.ba, cross: true})
		}
		jobs = append(jobs, ja, jb)
	}
	lps, err := e.runJobs(jobs)
	e.res.LPs = lps
	if err != nil {
		return nil, err
	}
	sortInfeasible(p, e.res.Infeasible)
	return pairs, nil
}
