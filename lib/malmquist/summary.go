package malmquist

import "math"

// geo accumulates geometric means of the five components.
type geo struct {
	sum [5]float64
	n   int
}

func (g *geo) add(ix Index) {
	for k, v := range ix.vals() {
		g.sum[k] += math.Log(v)
	}
	g.n++
}

func (g *geo) mean() Index {
	var v [5]float64
	for k := range v {
		v[k] = math.NaN()
		if g.n > 0 {
			v[k] = math.Exp(g.sum[k] / float64(g.n))
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
	byDMU := make([]geo, N)
	var overall geo
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
	for t := 1; t < T; t++ {
		var g geo
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
			ix := pd.components()
			ix.DMU, ix.Period = p.dmus[k], p.periods[t]
			res.Indices = append(res.Indices, ix)
			g.add(ix)
			byDMU[k].add(ix)
			tfp[k] *= ix.TFPCh
			tc[k] *= ix.TechCh
			ec[k] *= ix.EffCh
			levels[k] = append(levels[k], Level{p.dmus[k], p.periods[t], tfp[k], tc[k], ec[k]})
		}
		pm := g.mean()
		pm.Period = p.periods[t]
		res.PeriodMeans = append(res.PeriodMeans, pm)
		overall.add(pm)
	}
	for k := 0; k < N; k++ {
		dm := byDMU[k].mean()
		dm.DMU = p.dmus[k]
		res.DMUMeans = append(res.DMUMeans, dm)
		res.Levels = append(res.Levels, levels[k]...)
	}
	res.Overall = overall.mean()
}

func allMissingBefore(p *panel, t, k int) bool {
	for s := 0; s < t; s++ {
		if p.cell[s][k] >= 0 {
			return false
		}
	}
	return true
}
