package ivgmm

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/panel"
)

// PanelIndex names the entity and time columns of a panel (Stata's
// xtset entity time), or the time column of a time series (tsset t).
// The zero value is no panel.
type PanelIndex struct {
	Entity, Time string
	// ix is the index evaluated on the rows of the Data (FromFrame).
	ix *panel.Index
	// on is the entity and time of each Data row (PanelOn, TimeOn, or
	// FromFrame), for the kernel covariances.
	on *timeRows
}

// timeRows are the entity and time of each row of the Data.
type timeRows struct {
	entity []int // nil for a time series
	time   []int
}

// PanelBy is the panel index of the entity and time columns, as Stata's
// xtset entity time. The time column must hold whole numbers; a gap in it
// makes the lags across it missing.
func PanelBy(entity, time string) PanelIndex { return PanelIndex{Entity: entity, Time: time} }

// TimeBy is the time index of a time series, Stata's tsset time: the
// column must hold whole numbers, each at most once in the sample.
// Kernel covariances (HAC, AC) need it or a panel. (Formulas' l(), f()
// and d() need a panel; package design has no time-series index.)
func TimeBy(time string) PanelIndex { return PanelIndex{Time: time} }

// PanelOn is PanelBy on the matrix path: the entity code (any integers)
// and the time of each row of the Data.
func PanelOn(entity, time string, entities, times []int) PanelIndex {
	return PanelIndex{Entity: entity, Time: time, on: &timeRows{entity: entities, time: times}}
}

// TimeOn is TimeBy on the matrix path: the time of each row of the Data.
func TimeOn(time string, times []int) PanelIndex {
	return PanelIndex{Time: time, on: &timeRows{time: times}}
}

// set reports whether a panel or time index is given.
func (p PanelIndex) set() bool { return p.Time != "" || p.on != nil }

// rowsOf returns the entity (nil for a time series) and time of each
// Data row: from PanelOn/TimeOn, else from the index FromFrame built.
func (p PanelIndex) rowsOf(n int) (ent, tim []int, err error) {
	switch {
	case p.on != nil:
		ent, tim = p.on.entity, p.on.time
	case p.ix != nil:
		ent = p.ix.EntityCodes()
		tim = make([]int, p.ix.Rows())
		for r := range tim {
			tim[r] = p.ix.Time(r)
		}
	default:
		return nil, nil, fmt.Errorf("%w: the covariance needs the time order of the rows: set Options.Panel (PanelBy(\"id\", \"t\") or TimeBy(\"t\"), Stata's xtset/tsset; PanelOn or TimeOn on the matrix path)", ErrInput)
	}
	if len(tim) != n || (ent != nil && len(ent) != n) {
		return nil, nil, fmt.Errorf("%w: the panel index has %d rows, the data have %d", ErrInput, len(tim), n)
	}
	return ent, tim, nil
}

// timeColumn reads a time column of whole numbers (NaN marks missing,
// returned as math.MinInt).
func timeColumn(name string, x []float64) ([]int, error) {
	out := make([]int, len(x))
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			out[i] = math.MinInt
		case v != math.Trunc(v) || math.Abs(v) > 1<<52:
			return nil, fmt.Errorf("%w: time variable %q is not a whole number in row %d (%g); tsset needs integer times", ErrInput, name, i+1, v)
		default:
			out[i] = int(v)
		}
	}
	return out, nil
}
