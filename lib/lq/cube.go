package lq

import (
	"fmt"
	"math"
)

// Cube is a regions × sectors × periods table of employment, stored
// region-major, then sector, then period (the row order of
// bench/gen_data.py lq): Data[(r*Sectors+s)*Periods+t].
type Cube struct {
	Regions, Sectors, Periods int
	Data                      []float64
	RegionNames               []string // optional labels for errors
	SectorNames               []string
	PeriodNames               []string
}

// At returns the cell of region r, sector s, period t.
func (c *Cube) At(r, s, t int) float64 { return c.Data[(r*c.Sectors+s)*c.Periods+t] }

func (c *Cube) check() error {
	if c.Regions <= 0 || c.Sectors <= 0 || c.Periods <= 0 ||
		len(c.Data) != c.Regions*c.Sectors*c.Periods {
		return fmt.Errorf("%w: cube has %d values for %d regions × %d sectors × %d periods",
			ErrShape, len(c.Data), c.Regions, c.Sectors, c.Periods)
	}
	return nil
}

func (c *Cube) cellName(r, s, t int) string {
	name := func(names []string, i int) string {
		if i < len(names) {
			return fmt.Sprintf("%q", names[i])
		}
		return fmt.Sprintf("%d", i)
	}
	return fmt.Sprintf("region %s, sector %s, period %s",
		name(c.RegionNames, r), name(c.SectorNames, s), name(c.PeriodNames, t))
}

// margins validates every cell and returns the region totals Er[r*T+t]
// (over sectors), the sector totals Es[s*T+t] (over regions) and the grand
// totals E[t]. (One pass; splitting it over goroutines did not pay on the
// shared 2-core machine, where the pass is memory-bound.)
func (c *Cube) margins() (er, es, e []float64, err error) {
	if err := c.check(); err != nil {
		return nil, nil, nil, err
	}
	R, S, T := c.Regions, c.Sectors, c.Periods
	er = make([]float64, R*T)
	es = make([]float64, S*T)
	if err := c.marginRows(0, R, er, es); err != nil {
		return nil, nil, nil, err
	}
	e = make([]float64, T)
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			v := er[r*T+t]
			if v == 0 {
				return nil, nil, nil, fmt.Errorf("%w: region %s has no employment in any sector in period %s",
					ErrZeroTotal, Panel{RegionNames: c.RegionNames}.region(r), Panel{PeriodNames: c.PeriodNames}.period(t))
			}
			e[t] += v
		}
	}
	return er, es, e, nil
}

// marginRows accumulates the region totals of regions r0..r1-1 into er and
// their sector totals into es, and reports the first invalid cell.
func (c *Cube) marginRows(r0, r1 int, er, es []float64) error {
	S, T := c.Sectors, c.Periods
	for r := r0; r < r1; r++ {
		rt := er[r*T : r*T+T]
		for s := 0; s < S; s++ {
			row := c.Data[(r*S+s)*T : (r*S+s)*T+T]
			st := es[s*T : s*T+T]
			for t, v := range row {
				// !(v >= 0) catches NaN and negatives, v > MaxFloat64 catches +Inf.
				if !(v >= 0) || v > math.MaxFloat64 {
					return fmt.Errorf("%w: %s (%v)", checkCell(v), c.cellName(r, s, t), v)
				}
				rt[t] += v
				st[t] += v
			}
		}
	}
	return nil
}

// Quotients returns the location quotient of every cell,
// LQ_rst = (e_rst / E_r·t) / (E_·st / E_··t), in the layout of c. The
// region total E_r·t is the sum over the sectors of the cube. A sector with
// no employment anywhere in a period is an error (its quotient is 0/0).
func (c *Cube) Quotients() ([]float64, error) {
	dst := make([]float64, len(c.Data))
	return dst, c.QuotientsInto(dst)
}

// QuotientsInto is Quotients writing into dst (len(dst) == len(c.Data)).
// dst may be c.Data itself: the quotients then replace the employment
// without any allocation beyond the margins.
func (c *Cube) QuotientsInto(dst []float64) error {
	er, es, e, err := c.margins()
	if err != nil {
		return err
	}
	if len(dst) != len(c.Data) {
		return fmt.Errorf("%w: dst has %d cells, cube has %d", ErrShape, len(dst), len(c.Data))
	}
	R, S, T := c.Regions, c.Sectors, c.Periods
	// es becomes E_··t / E_·st and er becomes 1 / E_r·t, so that the second
	// pass is one multiply-multiply per cell.
	for s := 0; s < S; s++ {
		for t := 0; t < T; t++ {
			v := es[s*T+t]
			if v == 0 {
				return fmt.Errorf("%w: sector %s has no employment in any region in period %s",
					ErrZeroTotal, Panel{RegionNames: c.SectorNames}.region(s), Panel{PeriodNames: c.PeriodNames}.period(t))
			}
			es[s*T+t] = e[t] / v
		}
	}
	for i, v := range er {
		er[i] = 1 / v
	}
	for r := 0; r < R; r++ {
		inv := er[r*T : r*T+T]
		for s := 0; s < S; s++ {
			off := (r*S + s) * T
			src := c.Data[off : off+T]
			out := dst[off : off+T]
			nat := es[s*T : s*T+T]
			for t, v := range src {
				out[t] = float64(v*inv[t]) * nat[t]
			}
		}
	}
	return nil
}

// Sum returns the regions × periods panel of the employment summed over
// the given sectors (indices into the cube's sectors).
func (c *Cube) Sum(sectors []int) (Panel, error) {
	if err := c.check(); err != nil {
		return Panel{}, err
	}
	R, S, T := c.Regions, c.Sectors, c.Periods
	p := Panel{Regions: R, Periods: T, Data: make([]float64, R*T),
		RegionNames: c.RegionNames, PeriodNames: c.PeriodNames}
	for _, s := range sectors {
		if s < 0 || s >= S {
			return Panel{}, fmt.Errorf("%w: sector index %d outside 0..%d", ErrShape, s, S-1)
		}
		for r := 0; r < R; r++ {
			for t := 0; t < T; t++ {
				v := c.At(r, s, t)
				if err := checkCell(v); err != nil {
					return Panel{}, fmt.Errorf("%w: %s (%v)", err, c.cellName(r, s, t), v)
				}
				p.Data[r*T+t] += v
			}
		}
	}
	return p, nil
}

// Total returns the sum over all sectors of the cube.
func (c *Cube) Total() (Panel, error) {
	all := make([]int, c.Sectors)
	for i := range all {
		all[i] = i
	}
	return c.Sum(all)
}
