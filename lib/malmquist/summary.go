package malmquist

import (
	"fmt"
	"math"
)

// mean accumulates the means of the five components, geometric for the
// Malmquist index and arithmetic for the Luenberger indicator. Index rows
// with an undefined (NaN) component are left out.
type mean struct {
	sum   [5]float64
	n     int
	arith bool
}

func (g *mean) add(ix Index) bool {
	v := ix.vals()
	for _, x := range v {
		if math.IsNaN(x) || (!g.arith && !(x > 0)) {
			return false
		}
	}
	for k, x := range v {
		if g.arith {
			g.sum[k] += x
		} else {
			g.sum[k] += math.Log(x)
		}
	}
	g.n++
	return true
}

func (g *mean) value() Index {
	var v [5]float64
	for k := range v {
		v[k] = math.NaN()
		if g.n > 0 {
			v[k] = g.sum[k] / float64(g.n)
			if !g.arith {
				v[k] = math.Exp(v[k])
			}
		}
	}
	return Index{EffCh: v[0], TechCh: v[1], PECh: v[2], SECh: v[3], TFPCh: v[4]}
}

func (ix Index) vals() [5]float64 {
	return [5]float64{ix.EffCh, ix.TechCh, ix.PECh, ix.SECh, ix.TFPCh}
}

// summarise fills indices, means and levels from the pair distances.
func summarise(p *panel, pairs [][]pairDist, res *Result) {
	T, N := len(p.periods), len(p.dmus)
	f := res.Frontier
	byDMU := make([]mean, N)
	var overall mean
	var lOverall = mean{arith: true}
	tfp, tc, ec := make([]float64, N), make([]float64, N), make([]float64, N)
	for k := 0; k < N; k++ {
		tfp[k], tc[k], ec[k] = math.NaN(), math.NaN(), math.NaN()
		if p.cell[0][k] >= 0 {
			tfp[k], tc[k], ec[k] = 1, 1, 1
		}
	}
	levels := make([][]Level, N)
	lvBuf := make([]Level, 0, N*T)
	for k := range levels {
		levels[k], lvBuf = lvBuf[len(lvBuf):len(lvBuf):len(lvBuf)+T], lvBuf[:len(lvBuf)+T]
	}
	res.Indices = make([]Index, 0, N*(T-1))
	res.Levels = make([]Level, 0, N*T)
	for k := 0; k < N; k++ {
		if p.cell[0][k] >= 0 {
			levels[k] = append(levels[k], Level{p.dmus[k], p.periods[0], 1, 1, 1})
		}
	}
	skipped := 0
	for t := 1; t < T; t++ {
		g, lg := mean{}, mean{arith: true}
		for k := 0; k < N; k++ {
			pd := pairs[t][k]
			if !pd.ok {
				if p.cell[t][k] >= 0 {
					// First appearance (or reappearance after a gap): a new base.
					if p.cell[t-1][k] < 0 && allMissingBefore(p, t, k) {
						tfp[k], tc[k], ec[k] = 1, 1, 1
					} else {
						tfp[k], tc[k], ec[k] = math.NaN(), math.NaN(), math.NaN()
					}
					levels[k] = append(levels[k], Level{p.dmus[k], p.periods[t], tfp[k], tc[k], ec[k]})
				}
				continue
			}
			ix := pd.components(f)
			ix.DMU, ix.Period = p.dmus[k], p.periods[t]
			res.Indices = append(res.Indices, ix)
			if g.add(ix) {
				byDMU[k].add(ix)
			} else {
				skipped++
			}
			if res.Directional {
				l := pd.luenberger(f)
				l.DMU, l.Period = ix.DMU, ix.Period
				res.Luenberger = append(res.Luenberger, l)
				lg.add(l)
			}
			tfp[k] *= ix.TFPCh
			tc[k] *= ix.TechCh
			ec[k] *= ix.EffCh
			levels[k] = append(levels[k], Level{p.dmus[k], p.periods[t], tfp[k], tc[k], ec[k]})
		}
		pm := g.value()
		pm.Period = p.periods[t]
		res.PeriodMeans = append(res.PeriodMeans, pm)
		overall.add(pm)
		if res.Directional {
			lm := lg.value()
			lm.Period = p.periods[t]
			res.LuenbergerPeriodMeans = append(res.LuenbergerPeriodMeans, lm)
			lOverall.add(lm)
		}
	}
	for k := 0; k < N; k++ {
		dm := byDMU[k].value()
		dm.DMU = p.dmus[k]
		res.DMUMeans = append(res.DMUMeans, dm)
		res.Levels = append(res.Levels, levels[k]...)
	}
	res.Overall = overall.value()
	if res.Directional {
		res.LuenbergerOverall = lOverall.value()
	}
	if skipped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d index row(s) have an undefined component and are left out of the means; the cumulative levels of those DMUs are undefined from then on.", skipped))
	}
}

func allMissingBefore(p *panel, t, k int) bool {
	for s := 0; s < t; s++ {
		if p.cell[s][k] >= 0 {
			return false
		}
	}
	return true
}
