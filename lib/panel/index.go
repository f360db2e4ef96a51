package panel

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// ErrDuplicate is returned (wrapped) by NewIndex when two rows share an
// (entity, time) pair.
var ErrDuplicate = errors.New("panel: duplicate (entity, time) rows")

// Index is a panel index over rows: an entity and a time per row.
type Index struct {
	entityCodes []int    // per row, 0..NumEntities-1 in order of first appearance
	timeCodes   []int    // per row, 0..NumPeriods-1 in increasing time
	entities    []string // label of each entity code
	times       []int    // time value of each time code, increasing
	rowAt       []int32  // dense grid entity*span + (time-tmin) -> row+1 (0 = absent), or nil
	rowMap      map[[2]int]int
	tmin, span  int
}

// maxGrid bounds the dense (entity × time span) lookup grid; beyond it
// a map is used so that a panel with a huge time range costs O(rows).
const maxGridFactor = 8

// NewIndex builds the index of a panel from one entity label and one
// period per row. It returns an error wrapping ErrDuplicate, naming the
// rows (1-based), when two rows share an (entity, time) pair.
func NewIndex(entity []string, time []int) (*Index, error) {
	if len(entity) != len(time) {
		return nil, fmt.Errorf("panel: %d entity labels but %d time values; give one of each per row", len(entity), len(time))
	}
	codes := make([]int, len(entity))
	var labels []string
	index := make(map[string]int)
	for r, e := range entity {
		c, ok := index[e]
		if !ok {
			c = len(labels)
			index[e] = c
			labels = append(labels, e)
		}
		codes[r] = c
	}
	return build(codes, labels, time)
}

// NewIndexCodes is NewIndex for entities already coded: codes[r] in
// 0..len(labels)-1 is the entity of row r and labels[c] the label of code
// c (for errors and Entities). No label is hashed, so it is the fast path
// for an integer or dictionary-coded entity column; the index is the one
// NewIndex builds from the labels (entities recoded in order of first
// appearance). A code outside the labels is an error naming the row.
func NewIndexCodes(codes []int32, labels []string, time []int) (*Index, error) {
	if len(codes) != len(time) {
		return nil, fmt.Errorf("panel: %d entity codes but %d time values; give one of each per row", len(codes), len(time))
	}
	first := make([]int32, len(labels)) // new code + 1 of each given code, 0 = not seen yet
	out := make([]int, len(codes))
	var ordered []string
	for r, c := range codes {
		if c < 0 || int(c) >= len(labels) {
			return nil, fmt.Errorf("panel: row %d has entity code %d, outside 0..%d; every row needs an entity", r+1, c, len(labels)-1)
		}
		if first[c] == 0 {
			ordered = append(ordered, labels[c])
			first[c] = int32(len(ordered))
		}
		out[r] = int(first[c]) - 1
	}
	return build(out, ordered, time)
}

// NewIndexRanked is NewIndexCodes for a caller that already holds the
// codes of both columns, as a data frame memoizes them: codes[r] in
// 0..len(labels)-1 is the entity of row r (any order of codes), and
// timeCodes[r] = k says row r is in period times[k], times increasing
// (the dense ranks of the time values). The index equals the one
// NewIndexCodes builds from the same rows. It keeps codes and timeCodes
// rather than copying them when they are already in its own coding
// (entities in order of first appearance, which sorted panel data are),
// so the caller must not modify them afterwards.
func NewIndexRanked(codes []int, labels []string, timeCodes []int, times []int) (*Index, error) {
	n := len(codes)
	if len(timeCodes) != n {
		return nil, fmt.Errorf("panel: %d entity codes but %d time codes; give one of each per row", n, len(timeCodes))
	}
	for k := 1; k < len(times); k++ {
		if times[k] <= times[k-1] {
			return nil, fmt.Errorf("panel: the periods must increase, but period %d is %d after %d", k+1, times[k], times[k-1])
		}
	}
	// Entities in order of first appearance: keep the codes when they are.
	next, inOrder := 0, true
	for r, c := range codes {
		if c < 0 || c >= len(labels) {
			return nil, fmt.Errorf("panel: row %d has entity code %d, outside 0..%d; every row needs an entity", r+1, c, len(labels)-1)
		}
		if c == next {
			next++
		} else if c > next {
			inOrder = false
		}
		if tc := timeCodes[r]; tc < 0 || tc >= len(times) {
			return nil, fmt.Errorf("panel: row %d has period code %d, outside 0..%d; every row needs a period", r+1, tc, len(times)-1)
		}
	}
	ent, entities := codes, labels[:next]
	if !inOrder {
		first := make([]int32, len(labels)) // new code + 1 of each given code, 0 = not seen yet
		ent = make([]int, n)
		entities = nil
		for r, c := range codes {
			if first[c] == 0 {
				entities = append(entities, labels[c])
				first[c] = int32(len(entities))
			}
			ent[r] = int(first[c]) - 1
		}
	}
	ix := &Index{entityCodes: ent, timeCodes: timeCodes, entities: entities, times: times}
	if n == 0 {
		return ix, nil
	}
	ix.tmin = times[0]
	span := int64(times[len(times)-1]) - int64(times[0]) + 1
	if span <= int64(maxGridFactor*n+1024) && span*int64(len(entities)) <= int64(maxGridFactor*n+1024) {
		ix.span = int(span)
		ix.rowAt = make([]int32, int(span)*len(entities))
		for r, e := range ent {
			k := e*ix.span + times[timeCodes[r]] - ix.tmin
			if prev := ix.rowAt[k]; prev != 0 {
				return nil, ix.dupErrorAt(int(prev)-1, r)
			}
			ix.rowAt[k] = int32(r + 1)
		}
		return ix, nil
	}
	ix.rowMap = make(map[[2]int]int, n)
	for r, e := range ent {
		k := [2]int{e, times[timeCodes[r]]}
		if prev, ok := ix.rowMap[k]; ok {
			return nil, ix.dupErrorAt(prev, r)
		}
		ix.rowMap[k] = r
	}
	return ix, nil
}

// dupErrorAt is dupError for an index whose time codes are set.
func (ix *Index) dupErrorAt(r1, r2 int) error {
	return fmt.Errorf("%w: rows %d and %d both have entity %q and time %d; each (entity, time) pair must appear once",
		ErrDuplicate, r1+1, r2+1, ix.entities[ix.entityCodes[r2]], ix.Time(r2))
}

// build makes the index from entity codes in order of first appearance.
func build(codes []int, entities []string, time []int) (*Index, error) {
	n := len(codes)
	ix := &Index{entityCodes: codes, timeCodes: make([]int, n), entities: entities}
	if n == 0 {
		return ix, nil
	}
	tmin, tmax := time[0], time[0]
	for _, t := range time {
		tmin = min(tmin, t)
		tmax = max(tmax, t)
	}
	ix.tmin = tmin
	span := int64(tmax) - int64(tmin) + 1
	dense := span <= int64(maxGridFactor*n+1024)
	if dense && span*int64(len(entities)) <= int64(maxGridFactor*n+1024) {
		ix.span = int(span)
		ix.rowAt = make([]int32, int(span)*len(entities))
		for r := range n {
			k := codes[r]*ix.span + time[r] - tmin
			if prev := ix.rowAt[k]; prev != 0 {
				return nil, ix.dupError(int(prev)-1, r, time)
			}
			ix.rowAt[k] = int32(r + 1)
		}
	} else {
		ix.rowMap = make(map[[2]int]int, n)
		for r := range n {
			k := [2]int{codes[r], time[r]}
			if prev, ok := ix.rowMap[k]; ok {
				return nil, ix.dupError(prev, r, time)
			}
			ix.rowMap[k] = r
		}
	}
	// time codes: rank of each distinct period
	if dense {
		rank := make([]int32, span) // rank+1 of each period, 0 = absent
		for _, t := range time {
			rank[t-tmin] = 1
		}
		for d, present := range rank {
			if present != 0 {
				ix.times = append(ix.times, tmin+d)
				rank[d] = int32(len(ix.times))
			}
		}
		for r, t := range time {
			ix.timeCodes[r] = int(rank[t-tmin]) - 1
		}
		return ix, nil
	}
	distinct := make(map[int]struct{})
	for _, t := range time {
		distinct[t] = struct{}{}
	}
	ix.times = make([]int, 0, len(distinct))
	for t := range distinct {
		ix.times = append(ix.times, t)
	}
	sort.Ints(ix.times)
	rank := make(map[int]int, len(ix.times))
	for i, t := range ix.times {
		rank[t] = i
	}
	for r, t := range time {
		ix.timeCodes[r] = rank[t]
	}
	return ix, nil
}

func (ix *Index) dupError(r1, r2 int, time []int) error {
	return fmt.Errorf("%w: rows %d and %d both have entity %q and time %d; each (entity, time) pair must appear once",
		ErrDuplicate, r1+1, r2+1, ix.entities[ix.entityCodes[r2]], time[r2])
}

// Rows is the number of rows indexed.
func (ix *Index) Rows() int { return len(ix.entityCodes) }

// NumEntities is the number of distinct entities.
func (ix *Index) NumEntities() int { return len(ix.entities) }

// NumPeriods is the number of distinct time values.
func (ix *Index) NumPeriods() int { return len(ix.times) }

// EntityCodes returns the entity code (0..NumEntities-1) of each row.
// The slice is shared; do not modify it.
func (ix *Index) EntityCodes() []int { return ix.entityCodes }

// TimeCodes returns the period code (0..NumPeriods-1, in increasing time)
// of each row. The slice is shared; do not modify it.
func (ix *Index) TimeCodes() []int { return ix.timeCodes }

// Entities returns the entity labels by code.
func (ix *Index) Entities() []string { return ix.entities }

// Times returns the distinct time values by code, increasing.
func (ix *Index) Times() []int { return ix.times }

// Time returns the time value of row r.
func (ix *Index) Time(r int) int { return ix.times[ix.timeCodes[r]] }

// row returns the row of entity code e at time value t, or -1.
func (ix *Index) row(e, t int) int {
	if ix.rowAt != nil {
		d := t - ix.tmin
		if d < 0 || d >= ix.span {
			return -1
		}
		return int(ix.rowAt[e*ix.span+d]) - 1
	}
	if r, ok := ix.rowMap[[2]int{e, t}]; ok {
		return r
	}
	return -1
}

// Lag returns x lagged by k periods within each entity: the value at time
// t-k of the same entity, NaN where that period is absent (a gap or the
// start of the panel), as Stata's L.x. A negative k is a lead (F.x).
// It panics if len(x) != Rows(), a caller bug.
func (ix *Index) Lag(x []float64, k int) []float64 {
	if len(x) != ix.Rows() {
		panic("panel: Lag: len(x) != rows of the index")
	}
	out := make([]float64, len(x))
	for r := range x {
		src := ix.row(ix.entityCodes[r], ix.Time(r)-k)
		if src < 0 {
			out[r] = math.NaN()
		} else {
			out[r] = x[src]
		}
	}
	return out
}

// LagRows returns, per row, the row of the same entity at time t-k, or -1
// where that period is absent: the gather index of Lag(x, k), computed
// once and applied to any number of columns (package expr's L. and D.).
func (ix *Index) LagRows(k int) []int32 {
	out := make([]int32, ix.Rows())
	for r := range out {
		out[r] = int32(ix.row(ix.entityCodes[r], ix.Time(r)-k))
	}
	return out
}

// Diff returns the first difference x_t - x_{t-1} within each entity, NaN
// where the previous period is absent (Stata's D.x).
func (ix *Index) Diff(x []float64) []float64 {
	out := ix.Lag(x, 1)
	for r := range out {
		out[r] = x[r] - out[r]
	}
	return out
}
