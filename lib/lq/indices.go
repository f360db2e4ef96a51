package lq

import (
	"math"
)

// shareGaps calls f(r, t, shares) for every region and period with the
// region's sector shares s_js and the national shares S_s (both len
// Sectors); it validates the cube as Quotients does.
func (c *Cube) shareGaps(f func(r, t int, own, nat []float64) float64) (Panel, error) {
	er, es, e, err := c.margins()
	if err != nil {
		return Panel{}, err
	}
	R, S, T := c.Regions, c.Sectors, c.Periods
	out := Panel{Regions: R, Periods: T, Data: make([]float64, R*T),
		RegionNames: c.RegionNames, PeriodNames: c.PeriodNames}
	own := make([]float64, S)
	nat := make([]float64, S)
	for t := 0; t < T; t++ {
		for s := 0; s < S; s++ {
			nat[s] = es[s*T+t] / e[t]
		}
		for r := 0; r < R; r++ {
			for s := 0; s < S; s++ {
				own[s] = c.At(r, s, t) / er[r*T+t]
			}
			out.Data[r*T+t] = f(r, t, own, nat)
		}
	}
	return out, nil
}

func absGap(own, nat []float64) float64 {
	d := 0.0
	for s := range own {
		d += math.Abs(own[s] - nat[s])
	}
	return d
}

// Krugman returns the Krugman specialisation index of every region and
// period, Σ_s |s_js − S_s|: 0 when the region's sector structure equals
// the nation's, up to 2 for disjoint structures.
func (c *Cube) Krugman() (Panel, error) {
	return c.shareGaps(func(_, _ int, own, nat []float64) float64 { return absGap(own, nat) })
}

// Herfindahl returns the Hirschman-Herfindahl index of sector shares of
// every region and period, Σ_s s_js²: 1/Sectors for an even spread, 1 for
// a region with a single sector.
func (c *Cube) Herfindahl() (Panel, error) {
	return c.shareGaps(func(_, _ int, own, _ []float64) float64 {
		h := 0.0
		for _, v := range own {
			h += v * v
		}
		return h
	})
}

// RelativeDiversity returns Duranton and Puga's relative diversity index,
// 1 / Σ_s |s_js − S_s|, of every region and period (+Inf when the region's
// structure equals the nation's).
func (c *Cube) RelativeDiversity() (Panel, error) {
	return c.shareGaps(func(_, _ int, own, nat []float64) float64 { return 1 / absGap(own, nat) })
}
