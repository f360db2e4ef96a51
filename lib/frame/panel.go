package frame

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/econb/econb/lib/panel"
)

// Panel is the panel declaration of a frame (Stata xtset): the entity and
// the time column. Verbs keep it while both columns survive.
type Panel struct {
	Entity, Time string
}

// PanelIndex is a declared panel as the expression evaluator and the
// estimators use it: per row the entity's code (0..NEntities-1, in sorted
// order of the entity values) and the time value.
type PanelIndex struct {
	Entity, Time string
	Codes        []int32
	NEntities    int
	Times        []int64
	MinT, MaxT   int64
}

// XTSet declares the panel: entity (any column without missing values) and
// time (integer values without missing values), as Stata's xtset. A time
// value repeated within an entity is an error naming both. The note is
// xtset's description: balanced or not, the time range and delta.
func (f *Frame) XTSet(entity, time string) (*Frame, error) {
	g := f.derive(f.n, append([]*Column(nil), f.cols...), "xtset", entity, time)
	g.panel = &Panel{Entity: entity, Time: time}
	ix, err := g.PanelIndex()
	if err != nil {
		return nil, err
	}
	rep := ix.describe()
	kind := "unbalanced"
	switch {
	case rep.Balanced:
		kind = "strongly balanced"
	case rep.sameCount:
		kind = "weakly balanced"
	}
	g.note("Panel variable: %s (%s)", entity, kind)
	g.note(" Time variable: %s, %d to %d%s", time, ix.MinT, ix.MaxT, gapNote(rep.UnitsWithGaps))
	g.note("         Delta: 1 unit")
	return g, nil
}

func gapNote(k int) string {
	if k == 0 {
		return ""
	}
	return ", but with gaps"
}

// PanelVars returns the declared panel's entity and time columns (ok
// false when the panel is not declared).
func (f *Frame) PanelVars() (entity, time string, ok bool) {
	if f.panel == nil {
		return "", "", false
	}
	return f.panel.Entity, f.panel.Time, true
}

// Panel returns the declared panel as a lib/panel index (what lags, leads
// and differences follow; built once per frame), or nil when the panel is
// not declared or no longer valid (PanelIndex says why). With Len, Names,
// Numeric and Text it makes *Frame a lib/expr Source.
func (f *Frame) Panel() *panel.Index {
	if f.panel == nil {
		return nil
	}
	if f.pix == nil {
		ix, _ := f.buildPanel()
		return ix
	}
	f.pix.once.Do(func() { f.pix.ix, f.pix.err = f.buildPanel() })
	return f.pix.ix
}

// panelMemo holds a frame's lib/panel index, built once.
type panelMemo struct {
	once sync.Once
	ix   *panel.Index
	err  error
}

func (f *Frame) buildPanel() (*panel.Index, error) {
	pi, err := f.PanelIndex()
	if err != nil {
		return nil, err
	}
	ec, _ := f.Col(pi.Entity)
	g := groupColumn(ec)
	labels := make([]string, g.ngroups)
	for k, r := range g.first {
		labels[k] = ec.Text(int(r))
	}
	times := make([]int, len(pi.Times))
	for r, t := range pi.Times {
		times[r] = int(t)
	}
	return panel.NewIndexCodes(pi.Codes, labels, times)
}

// PanelIndex returns the declared panel's index (ErrPanel when the frame
// has none, or when its columns are not a valid panel).
func (f *Frame) PanelIndex() (*PanelIndex, error) {
	if f.panel == nil {
		return nil, &Error{Err: ErrPanel, Msg: "the panel is not declared", Hint: "call XTSet(entity, time) first (Stata xtset)"}
	}
	ec, err := f.Col(f.panel.Entity)
	if err != nil {
		return nil, err
	}
	tc, err := f.Col(f.panel.Time)
	if err != nil {
		return nil, err
	}
	if k := ec.NMissing(); k > 0 {
		return nil, &Error{Column: ec.name, Err: ErrPanel, Msg: fmt.Sprintf("the panel variable %s is missing on %s", ec.name, plural(k, "row", "rows")),
			Hint: "drop those rows first"}
	}
	if tc.kind == String {
		return nil, &Error{Column: tc.name, Err: ErrPanel, Msg: fmt.Sprintf("the time variable %s is text", tc.name), Hint: "use an integer time variable (year, period number)"}
	}
	times := make([]int64, f.n)
	if tc.kind == Int {
		copy(times, tc.i)
	}
	for r := range times {
		if tc.IsMissing(r) {
			return nil, &Error{Column: tc.name, Row: r + 1, Err: ErrPanel, Msg: fmt.Sprintf("the time variable %s is missing on row %d", tc.name, r+1),
				Hint: "drop the rows with a missing time first"}
		}
		if tc.kind == Float {
			v := tc.f[r]
			if v != math.Trunc(v) {
				return nil, &Error{Column: tc.name, Row: r + 1, Err: ErrPanel, Msg: fmt.Sprintf("the time variable %s has the non-integer value %v on row %d", tc.name, v, r+1)}
			}
			times[r] = int64(v)
		}
	}
	g := groupColumn(ec)
	ix := &PanelIndex{Entity: ec.name, Time: tc.name, Codes: g.codes, NEntities: g.ngroups, Times: times}
	if f.n > 0 {
		ix.MinT, ix.MaxT = times[0], times[0]
		for _, t := range times {
			ix.MinT, ix.MaxT = min(ix.MinT, t), max(ix.MaxT, t)
		}
	}
	// Repeated (entity, time) pairs.
	if span := ix.MaxT - ix.MinT + 1; f.n > 0 && span > 0 && int64(g.ngroups)*span <= int64(8*f.n+1024) {
		seen := make([]int32, int64(g.ngroups)*span)
		for r, e := range g.codes {
			k := int64(e)*span + times[r] - ix.MinT
			if seen[k] != 0 {
				return nil, repeatedErr(ec, tc, int(seen[k]-1), r)
			}
			seen[k] = int32(r + 1)
		}
	} else {
		seen := map[[2]int64]int{}
		for r, e := range g.codes {
			k := [2]int64{int64(e), times[r]}
			if q, ok := seen[k]; ok {
				return nil, repeatedErr(ec, tc, q, r)
			}
			seen[k] = r
		}
	}
	return ix, nil
}

func repeatedErr(ec, tc *Column, a, b int) error {
	return &Error{Column: tc.name, Row: b + 1, Err: ErrPanel,
		Msg: fmt.Sprintf("repeated time values within panel: %s = %s has %s = %s on rows %d and %d",
			ec.name, ec.Text(a), tc.name, tc.Text(a), a+1, b+1),
		Hint: "each entity may appear once per period; drop or collapse the duplicates"}
}

// GapReport describes the coverage of a panel.
type GapReport struct {
	Units, Periods int   // entities; distinct time values
	MinT, MaxT     int64 // time range
	Balanced       bool  // every unit has every time value of the panel
	UnitsWithGaps  int   // units missing some period between their first and last
	// Gaps lists, for up to 20 units with gaps, the entity and the missing
	// periods.
	Gaps []UnitGaps
}

// UnitGaps is one unit's missing periods.
type UnitGaps struct {
	Entity  string
	Missing []int64
}

func (r GapReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s (%d to %d); ", plural(r.Units, "unit", "units"), plural(r.Periods, "period", "periods"), r.MinT, r.MaxT)
	if r.Balanced {
		b.WriteString("balanced")
	} else {
		b.WriteString("unbalanced")
	}
	if r.UnitsWithGaps > 0 {
		fmt.Fprintf(&b, "; %s with gaps", plural(r.UnitsWithGaps, "unit", "units"))
		for _, g := range r.Gaps {
			fmt.Fprintf(&b, "\n  %s: missing %s", g.Entity, joinInts(g.Missing))
		}
		if r.UnitsWithGaps > len(r.Gaps) {
			fmt.Fprintf(&b, "\n  … and %d more", r.UnitsWithGaps-len(r.Gaps))
		}
	}
	return b.String()
}

func joinInts(x []int64) string {
	s := make([]string, len(x))
	for k, v := range x {
		s[k] = fmt.Sprint(v)
	}
	return strings.Join(s, " ")
}

// Gaps reports the declared panel's coverage: units with gaps (missing
// periods between their first and last year, Stata's "but with gaps") and
// whether it is balanced.
func (f *Frame) Gaps() (*GapReport, error) {
	ix, err := f.PanelIndex()
	if err != nil {
		return nil, err
	}
	rep := ix.describe()
	ec, _ := f.Col(ix.Entity)
	g := groupColumn(ec)
	for k := range rep.Gaps {
		rep.Gaps[k].Entity = ec.Text(int(g.first[rep.gapUnits[k]]))
	}
	return &rep.GapReport, nil
}

type panelDesc struct {
	GapReport
	gapUnits  []int
	sameCount bool // every unit has as many rows
}

func (ix *PanelIndex) describe() panelDesc {
	var d panelDesc
	d.Units, d.MinT, d.MaxT = ix.NEntities, ix.MinT, ix.MaxT
	per := make([][]int64, ix.NEntities)
	all := map[int64]bool{}
	for r, e := range ix.Codes {
		per[e] = append(per[e], ix.Times[r])
		all[ix.Times[r]] = true
	}
	d.Periods = len(all)
	d.Balanced, d.sameCount = true, true
	for e, ts := range per {
		if len(ts) != d.Periods {
			d.Balanced = false
		}
		if len(ts) != len(per[0]) {
			d.sameCount = false
		}
		lo, hi := ts[0], ts[0]
		for _, t := range ts {
			lo, hi = min(lo, t), max(hi, t)
		}
		if hi-lo+1 == int64(len(ts)) {
			continue
		}
		d.UnitsWithGaps++
		if len(d.Gaps) < 20 {
			has := map[int64]bool{}
			for _, t := range ts {
				has[t] = true
			}
			var miss []int64
			for t := lo; t <= hi; t++ {
				if !has[t] {
					miss = append(miss, t)
				}
			}
			d.Gaps = append(d.Gaps, UnitGaps{Missing: miss})
			d.gapUnits = append(d.gapUnits, e)
		}
	}
	return d
}

// Balance keeps the units observed in every period from..to, and only
// those periods (a balanced panel over the window). The notes say how many
// rows fell outside the window and how many units (and their rows) were
// dropped for missing a period.
func (f *Frame) Balance(from, to int64) (*Frame, error) {
	if from > to {
		return nil, argErr("balance window %d to %d is empty", from, to)
	}
	ix, err := f.PanelIndex()
	if err != nil {
		return nil, err
	}
	span := to - from + 1
	count := make([]int64, ix.NEntities)
	outside := 0
	for r, t := range ix.Times {
		if t < from || t > to {
			outside++
			continue
		}
		count[ix.Codes[r]]++
	}
	keep := make([]bool, f.n)
	dropUnits, dropRows, kept := 0, 0, 0
	for _, c := range count {
		if c != span {
			dropUnits++
		}
	}
	for r, t := range ix.Times {
		if t < from || t > to {
			continue
		}
		if count[ix.Codes[r]] == span {
			keep[r] = true
			kept++
		} else {
			dropRows++
		}
	}
	idx := maskIndex(keep)
	g := f.derive(len(idx), takeAll(f.cols, idx), "balance", int(from), int(to))
	g.note("(%s deleted: outside %d to %d)", plural(outside, "observation", "observations"), from, to)
	g.note("(%s deleted: %s not observed in all %d periods)", plural(dropRows, "observation", "observations"), plural(dropUnits, "unit", "units"), span)
	g.note("(%s × %d periods = %s observations remain)", plural(ix.NEntities-dropUnits, "unit", "units"), span, commas(kept))
	return g, nil
}
