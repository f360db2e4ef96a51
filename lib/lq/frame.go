package lq

import (
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/frame"
)

// layout is the region × period index of a long frame.
type layout struct {
	regions, periods []string
	cell             []int // row of (region r, period t) at r*T+t, or -1
}

// frameLayout indexes the long frame fr by region (first-appearance order)
// and period (numeric order when the column is numeric, else text order).
// A missing label or a duplicate (region, period) is an error naming the
// rows.
func frameLayout(fr *frame.Frame, region, period string) (*layout, error) {
	if region == "" || period == "" || region == period {
		return nil, fmt.Errorf("%w: need two different columns for the region and the period (got %q and %q)", ErrShape, region, period)
	}
	rl, rmiss, err := fr.Strings(region)
	if err != nil {
		return nil, fmt.Errorf("lq: region column: %w", err)
	}
	codes, plev, err := fr.Codes(period)
	if err != nil {
		return nil, fmt.Errorf("lq: period column: %w", err)
	}
	l := &layout{periods: plev}
	pos := map[string]int{}
	var bad []string
	for i, name := range rl {
		if rmiss[i] || codes[i] < 0 {
			bad = append(bad, fmt.Sprintf("row %d", i+1))
			continue
		}
		if _, ok := pos[name]; !ok {
			pos[name] = len(l.regions)
			l.regions = append(l.regions, name)
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%w: the region column %q or the period column %q is missing on %s", ErrMissing, region, period, capped(bad))
	}
	T := len(plev)
	l.cell = make([]int, len(l.regions)*T)
	for i := range l.cell {
		l.cell[i] = -1
	}
	var dup []string
	for i, name := range rl {
		c := pos[name]*T + codes[i]
		if prev := l.cell[c]; prev >= 0 {
			dup = append(dup, fmt.Sprintf("region %q, period %s in rows %d and %d", name, plev[codes[i]], prev+1, i+1))
			continue
		}
		l.cell[c] = i
	}
	if len(dup) > 0 {
		return nil, fmt.Errorf("%w: duplicate (region, period): %s", ErrShape, capped(dup))
	}
	return l, nil
}

func capped(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:10], ", ") + fmt.Sprintf(", … (%d in all)", len(items))
}

// FromFrame lays numeric columns of a long frame (one row per region and
// period) out as regions × periods panels, one per column, all with the
// same layout: regions in order of first appearance, periods sorted. A
// missing cell (lib/frame's missing values) or an absent (region, period)
// row becomes NaN, which Quotient and GroupQuotient report as ErrMissing
// with the region and period named. A missing region or period label, or a
// duplicate (region, period), is an error.
//
//	fr, _ := frame.ReadCSV("cities.csv")
//	p, _ := lq.FromFrame(fr, "city", "year", []string{"emp_finance", "emp_total"})
//	q, err := lq.Quotient(p["emp_finance"], p["emp_total"], lq.Options{})
func FromFrame(fr *frame.Frame, region, period string, columns []string) (map[string]Panel, error) {
	l, err := frameLayout(fr, region, period)
	if err != nil {
		return nil, err
	}
	out := map[string]Panel{}
	T := len(l.periods)
	for _, col := range columns {
		if col == region || col == period {
			return nil, fmt.Errorf("%w: column %q is the region or period column", ErrShape, col)
		}
		v, err := fr.Float(col)
		if err != nil {
			return nil, fmt.Errorf("lq: %w", err)
		}
		p := Panel{Regions: len(l.regions), Periods: T, Data: make([]float64, len(l.cell)),
			RegionNames: l.regions, PeriodNames: l.periods}
		for c, row := range l.cell {
			p.Data[c] = math.NaN()
			if row >= 0 {
				p.Data[c] = v[row]
			}
		}
		out[col] = p
	}
	return out, nil
}

// CubeFromFrame lays the sector employment columns of a long frame out as
// a regions × sectors × periods Cube (sectors in the order given), with the
// layout and missing-value rules of FromFrame.
func CubeFromFrame(fr *frame.Frame, region, period string, sectors []string) (*Cube, error) {
	panels, err := FromFrame(fr, region, period, sectors)
	if err != nil {
		return nil, err
	}
	if len(sectors) == 0 {
		return nil, fmt.Errorf("%w: no sector columns", ErrShape)
	}
	p0 := panels[sectors[0]]
	R, S, T := p0.Regions, len(sectors), p0.Periods
	c := &Cube{Regions: R, Sectors: S, Periods: T, Data: make([]float64, R*S*T),
		RegionNames: p0.RegionNames, SectorNames: append([]string(nil), sectors...), PeriodNames: p0.PeriodNames}
	for s, name := range sectors {
		p := panels[name]
		for r := 0; r < R; r++ {
			copy(c.Data[(r*S+s)*T:(r*S+s+1)*T], p.Data[r*T:(r+1)*T])
		}
	}
	return c, nil
}
