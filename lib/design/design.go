package design

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/panel"
)

// ErrPanel is wrapped by errors about the panel's entity and time columns.
var ErrPanel = errors.New("design: bad panel index")

// ErrDomain is wrapped by errors for values outside a function's domain.
var ErrDomain = errors.New("design: value outside the function's domain")

// ErrMulti is wrapped by Build's error for a formula that stands for
// several models (sw(), csw(), c(), …); BuildAll builds each.
var ErrMulti = errors.New("design: the formula stands for several models")

// Options sets the panel index and the cluster variable.
type Options struct {
	Entity, Time string // panel index columns; both or neither
	Cluster      string // cluster variable, or ""
}

// Column is one named variable.
type Column struct {
	Name string
	X    []float64
}

// Design is a formula evaluated on data.
type Design struct {
	Formula     *formula.Formula
	Rows        int
	DepName     string
	Y           []float64
	Exog        []Column // regressors, without the constant
	Endog       []Column
	Instr       []Column // excluded instruments
	Const       bool
	FENames     []string
	FE          [][]int // per fixed effect, the level code of each row
	ClusterName string
	Cluster     []int
	Panel       *panel.Index // nil without one

	// missing holds, per variable in the order Sample reports them, the
	// rows where it is missing (the response before the fixed effects'
	// missing rows were marked in Y).
	missing []missingRows
}

type missingRows struct {
	name string
	x    []float64 // missing where NaN, or
	code []int     // missing where < 0
}

// Names returns the names of cols.
func Names(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// Values returns the data of cols.
func Values(cols []Column) [][]float64 {
	out := make([][]float64, len(cols))
	for i, c := range cols {
		out[i] = c.X
	}
	return out
}

// Build validates f against fr and evaluates it. A formula with multiple
// estimation (formula.Expand) is an error wrapping ErrMulti; use BuildAll.
func Build(f *formula.Formula, fr *frame.Frame, opt Options) (*Design, error) {
	if f.HasMulti() {
		return nil, &formula.Error{Src: f.Src, Pos: -1, Err: ErrMulti,
			Msg:  fmt.Sprintf("the formula stands for %d models", len(formula.Expand(f))),
			Hint: "build them with design.BuildAll, or list one with formula.Expand"}
	}
	ds, err := BuildAll(f, fr, opt)
	if err != nil {
		return nil, err
	}
	return ds[0], nil
}

// BuildAll builds one Design per model of f (formula.Expand, in its order),
// sharing the panel index and the codes of the fixed effects.
func BuildAll(f *formula.Formula, fr *frame.Frame, opt Options) ([]*Design, error) {
	if (opt.Entity == "") != (opt.Time == "") {
		return nil, fmt.Errorf("%w: give both the entity and the time column, not only %q", ErrPanel, opt.Entity+opt.Time)
	}
	if err := formula.Validate(f, fr.Names(), opt.Entity != ""); err != nil {
		return nil, err
	}
	b := &builder{fr: fr, levels1: map[string][]string{}}
	if opt.Entity != "" {
		ix, err := b.buildIndex(opt.Entity, opt.Time)
		if err != nil {
			return nil, err
		}
		b.ix = ix
	}
	b.src = &Source{Frame: fr, Index: b.ix}
	var out []*Design
	for _, m := range formula.Expand(f) {
		b.f = m
		d, err := b.build(opt)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (b *builder) build(opt Options) (*Design, error) {
	f := b.f
	d := &Design{Formula: f, Rows: b.fr.Len(), Const: f.Const, Panel: b.ix}
	y, err := b.terms(formula.PartResponse, []formula.Term{f.Response})
	if err != nil {
		return nil, err
	}
	d.DepName, d.Y = y[0].Name, y[0].X
	d.missing = append(d.missing, missingRows{name: d.DepName, x: d.Y}) // copied before a fixed effect marks Y
	if d.Exog, err = b.terms(formula.PartRegressors, f.Regressors); err != nil {
		return nil, err
	}
	if d.Endog, err = b.terms(formula.PartEndogenous, f.Endogenous); err != nil {
		return nil, err
	}
	if d.Instr, err = b.terms(formula.PartInstruments, f.Instruments); err != nil {
		return nil, err
	}
	for _, cols := range [][]Column{d.Exog, d.Endog, d.Instr} {
		for _, c := range cols {
			d.missing = append(d.missing, missingRows{name: c.Name, x: c.X})
		}
	}
	if len(d.Instr) < len(d.Endog) {
		return nil, formula.Underidentified(f, Names(d.Endog), Names(d.Instr))
	}
	for _, t := range f.FixedEffects {
		codes, err := b.feCodes(t)
		if err != nil {
			return nil, err
		}
		codes = d.markMissing(t.String(), codes)
		d.FENames = append(d.FENames, t.String())
		d.FE = append(d.FE, codes)
	}
	if opt.Cluster != "" {
		codes, err := b.frameCodes(opt.Cluster)
		if err != nil {
			return nil, fmt.Errorf("cluster variable: %w", err)
		}
		d.ClusterName, d.Cluster = opt.Cluster, d.markMissing("cluster "+opt.Cluster, codes)
	}
	return d, nil
}

// feCodes returns the level codes of a fixed effect (a column or a
// combination a^b of columns); rows where it is missing get code -1.
func (b *builder) feCodes(t formula.Term) ([]int, error) {
	switch e := t.Factors[0].(type) {
	case *formula.Var:
		codes, err := b.frameCodes(e.Name)
		if err != nil {
			return nil, b.wrap(formula.PartFixedEffects, t, err)
		}
		return codes, nil
	case *formula.Combine:
		var acc []int
		var n int // levels of acc
		for _, v := range e.Vars {
			codes, err := b.frameCodes(v.Name)
			if err != nil {
				return nil, b.wrap(formula.PartFixedEffects, t, err)
			}
			if acc == nil {
				acc, n = codes, len(b.levels1[v.Name])
				continue
			}
			acc, n = combine(acc, n, codes, len(b.levels1[v.Name]))
		}
		return acc, nil
	}
	panic("design: fixed effect " + t.String()) // the parser admits only the forms above
}

// combine codes the observed pairs (a, b) of two codings, pairs in
// increasing (a, b) order, -1 where either is missing: fixest's a^b.
func combine(a []int, na int, b []int, nb int) ([]int, int) {
	out := make([]int, len(a))
	if total := int64(na) * int64(nb); total <= int64(4*len(a)+1024) {
		rank := make([]int32, total) // rank+1 of each pair, 0 = absent
		for r := range a {
			if a[r] >= 0 && b[r] >= 0 {
				rank[a[r]*nb+b[r]] = 1
			}
		}
		k := int32(0)
		for i, present := range rank {
			if present != 0 {
				k++
				rank[i] = k
			}
		}
		for r := range a {
			out[r] = -1
			if a[r] >= 0 && b[r] >= 0 {
				out[r] = int(rank[a[r]*nb+b[r]]) - 1
			}
		}
		return out, int(k)
	}
	seen := map[int64]int{}
	var keys []int64
	for r := range a {
		if a[r] >= 0 && b[r] >= 0 {
			key := int64(a[r])*int64(nb) + int64(b[r])
			if _, ok := seen[key]; !ok {
				seen[key] = 0
				keys = append(keys, key)
			}
		}
	}
	sortInt64(keys)
	for k, key := range keys {
		seen[key] = k
	}
	for r := range a {
		out[r] = -1
		if a[r] >= 0 && b[r] >= 0 {
			out[r] = seen[int64(a[r])*int64(nb)+int64(b[r])]
		}
	}
	return out, len(keys)
}

// frameCodes returns the level codes of a column: the frame's, shared and
// read-only (computed once per column; a panel unit is often both a fixed
// effect and the cluster).
func (b *builder) frameCodes(name string) ([]int, error) {
	codes, levels, err := b.fr.CodesView(name)
	if err != nil {
		return nil, err
	}
	b.levels1[name] = levels
	return codes, nil
}

// markMissing records the missing rows (code -1) of the codes of variable
// name for Sample and returns the codes with them set to 0 and the
// response of those rows set to NaN, so that the estimator drops and
// counts them. The codes and the response are copied before they are
// changed (they may be the frame's); codes without a missing row are
// returned as they are.
func (d *Design) markMissing(name string, codes []int) []int {
	if !slices.ContainsFunc(codes, func(c int) bool { return c < 0 }) {
		d.missing = append(d.missing, missingRows{name: name})
		return codes
	}
	d.missing = append(d.missing, missingRows{name: name, code: codes})
	codes = slices.Clone(codes)
	for r, c := range codes {
		if c >= 0 {
			continue
		}
		if resp := &d.missing[0]; &resp.x[0] == &d.Y[0] {
			d.Y = slices.Clone(d.Y) // Sample keeps reading the response before the marks
		}
		codes[r] = 0
		d.Y[r] = math.NaN()
	}
	return codes
}

// buildIndex makes the panel index from the entity and time columns: from
// the frame's level codes of both (computed once per column, shared with
// the fixed effects and the cluster variable), so that no label is hashed
// and no per-row slice is built when the data are sorted by entity
// (panel.NewIndexRanked).
func (b *builder) buildIndex(entity, time string) (*panel.Index, error) {
	codes, levels, err := b.fr.CodesView(entity)
	if err != nil {
		return nil, fmt.Errorf("%w: entity: %w", ErrPanel, err)
	}
	b.levels1[entity] = levels
	if r := slices.IndexFunc(codes, func(c int) bool { return c < 0 }); r >= 0 {
		return nil, fmt.Errorf("%w: entity column %q is missing on row %d; drop the row or fill it in", ErrPanel, entity, r+1)
	}
	tcodes, times, err := b.periods(time)
	if err != nil {
		return nil, err
	}
	ix, err := panel.NewIndexRanked(codes, levels, tcodes, times)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPanel, err)
	}
	return ix, nil
}

// periods checks that the time column holds whole numbers without missing
// values and returns its codes (ranks of the distinct values, shared) and
// its distinct values, increasing.
func (b *builder) periods(time string) ([]int, []int, error) {
	bad := func(r int, v float64) error {
		if math.IsNaN(v) {
			return fmt.Errorf("%w: time column %q is missing on row %d; drop the row or fill it in", ErrPanel, time, r+1)
		}
		return fmt.Errorf("%w: time column %q must hold whole numbers (periods), row %d has %v", ErrPanel, time, r+1, v)
	}
	var iv []int64
	var fv []float64
	if c, err := b.fr.Col(time); err == nil && c.Kind() == frame.Int && c.NMissing() < c.Len() {
		// Integers need no float conversion of the column.
		var valid []uint64
		iv, valid = c.Ints()
		for r, x := range iv {
			if valid != nil && valid[r>>6]&(1<<(uint(r)&63)) == 0 {
				return nil, nil, bad(r, math.NaN())
			}
			if x < -1e9 || x > 1e9 {
				return nil, nil, bad(r, float64(x))
			}
		}
	} else {
		if fv, err = b.fr.FloatView(time); err != nil {
			return nil, nil, fmt.Errorf("%w: time: %w", ErrPanel, err)
		}
		for r, v := range fv {
			if v != math.Trunc(v) || math.Abs(v) > 1e9 {
				return nil, nil, bad(r, v)
			}
		}
	}
	codes, levels, err := b.fr.CodesView(time)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: time: %w", ErrPanel, err)
	}
	times := make([]int, len(levels))
	for r, k := range codes {
		if iv != nil {
			times[k] = int(iv[r])
		} else {
			times[k] = int(fv[r])
		}
	}
	return codes, times, nil
}

// builder evaluates the terms of one formula's models.
type builder struct {
	f       *formula.Formula
	fr      *frame.Frame
	ix      *panel.Index
	src     *Source
	levels1 map[string][]string // levels of the columns frameCodes read
}

// wrap positions a data error at term t of part.
func (b *builder) wrap(part string, t formula.Term, err error) error {
	e := &formula.Error{Src: b.f.Src, Pos: t.Pos(), Part: part, Msg: err.Error(), Err: err}
	var fe *frame.Error
	if errors.As(err, &fe) {
		e.Msg, e.Hint = fe.Msg, fe.Hint
	}
	return e
}

// terms evaluates the terms of a part into columns, in order.
func (b *builder) terms(part string, ts []formula.Term) ([]Column, error) {
	var out []Column
	for _, t := range ts {
		for _, e := range t.Expand() {
			cols, err := b.term(e)
			if err != nil {
				return nil, b.wrapTerm(part, t, err)
			}
			for _, c := range cols {
				if allNaN(c.X) {
					return nil, &formula.Error{Src: b.f.Src, Pos: t.Pos(), Part: part, Err: frame.ErrAllMissing,
						Msg:  fmt.Sprintf("%s has no values (missing on all %d rows)", c.Name, len(c.X)),
						Hint: b.emptyHint(e)}
				}
			}
			out = append(out, cols...)
		}
	}
	return out, nil
}

func (b *builder) wrapTerm(part string, t formula.Term, err error) error {
	var fe *formula.Error
	if errors.As(err, &fe) {
		if fe.Part == "" {
			fe.Part = part
		}
		return fe
	}
	var ee *expr.Error
	if errors.As(err, &ee) { // positions of expr nodes built from the formula are the formula's
		return &formula.Error{Src: b.f.Src, Pos: ee.Pos, Part: part, Msg: ee.Msg, Hint: ee.Hint, Err: ee.Err}
	}
	return b.wrap(part, t, err)
}

// emptyHint explains why a term may have no values.
func (b *builder) emptyHint(t formula.Term) string {
	if c := t.NeedsPanel(); c != nil && b.ix != nil {
		return fmt.Sprintf("the panel has %d periods; a lag or lead that long leaves nothing", b.ix.NumPeriods())
	}
	return "fill in the column or drop the term"
}

// rowCount is "1 row" or "n rows".
func rowCount(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// term evaluates one expanded term: the product of its factors, with one
// column per combination of i() levels, named factor by factor (x:r::s).
// The factors other than i() are one expression of package expr (x:l(z,1)
// is x*L.z), evaluated in one pass; its product with the dummies (0, 1 or
// missing) gives the bits the factor-by-factor product gives.
func (b *builder) term(t formula.Term) ([]Column, error) {
	var plain formula.Term
	var parts [][]Column // per factor: its dummies, or one column without data
	for _, e := range t.Factors {
		if c, ok := e.(*formula.Call); ok && c.Fn == formula.FuncDummy {
			alts, err := b.dummies(c)
			if err != nil {
				return nil, err
			}
			parts = append(parts, alts)
			continue
		}
		plain.Factors = append(plain.Factors, e)
		parts = append(parts, []Column{{Name: formula.Term{Factors: []formula.Expr{e}}.String()}})
	}
	var base []float64
	if len(plain.Factors) > 0 {
		var err error
		if base, err = b.eval(plain); err != nil {
			return nil, err
		}
	}
	cols := []Column{{}}
	for _, alts := range parts {
		next := make([]Column, 0, len(cols)*len(alts))
		for _, c := range cols {
			for _, a := range alts {
				col := Column{Name: a.Name, X: c.X}
				if c.Name != "" {
					col.Name = c.Name + ":" + a.Name
				}
				switch {
				case a.X == nil:
				case c.X == nil:
					col.X = a.X
				default:
					col.X = mul(c.X, a.X)
				}
				next = append(next, col)
			}
		}
		cols = next
	}
	for k := range cols {
		if cols[k].X == nil {
			cols[k].X = base
		} else if base != nil {
			cols[k].X = mul(base, cols[k].X)
		}
	}
	return cols, nil
}

func mul(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for r := range out {
		out[r] = a[r] * b[r]
	}
	return out
}

// eval evaluates a product of factors without i() through package expr.
// Columns read outside I() must be numeric (frame's errors name the bad
// rows); a formula function outside its domain is an error naming the
// rows (inside I(), Stata's rules make them missing values).
func (b *builder) eval(t formula.Term) ([]float64, error) {
	if err := b.checkColumns(t); err != nil {
		return nil, err
	}
	if v, ok := t.Factors[0].(*formula.Var); ok && len(t.Factors) == 1 {
		// A bare variable is the frame's column itself (shared: the frame's
		// columns are immutable, and nothing downstream writes to a design
		// column; markMissing copies the response before marking it).
		return b.fr.FloatView(v.Name)
	}
	p, err := expr.Compile(t.Node(), b.src, expr.Options{Src: b.f.Src})
	if err != nil {
		return nil, err
	}
	if p.Type() != expr.Numeric {
		return nil, &formula.Error{Src: b.f.Src, Pos: t.Pos(), Err: frame.ErrNotNumeric,
			Msg: fmt.Sprintf("%s is text, not a number", t), Hint: "compare it (s == \"a\") or convert it with real()"}
	}
	col := p.Run()
	for _, n := range col.Notes {
		if c := callAt(t, n.Node.Pos()); c != nil {
			hint := fmt.Sprintf("%s() is missing outside its domain; filter or transform the data first", c.Fn)
			if c.Fn == formula.FuncLog || c.Fn == formula.FuncLog10 {
				hint = fmt.Sprintf("%s() needs positive values; filter or transform the data first", c.Fn)
			}
			return nil, &formula.Error{Src: b.f.Src, Pos: c.Offset, Err: ErrDomain, Hint: hint,
				Msg: fmt.Sprintf("%s (%s; row %d has %s = %v)", n.Reason, rowCount(n.Rows), n.First+1, c.Arg, n.Args[0])}
		}
	}
	return col.Num, nil
}

// checkColumns returns frame's error for a column read outside I() that is
// not numeric or has no values.
func (b *builder) checkColumns(t formula.Term) error {
	for _, e := range t.Factors {
		switch e := e.(type) {
		case *formula.Var:
			if _, err := b.fr.FloatView(e.Name); err != nil {
				return err
			}
		case *formula.Call:
			if err := b.checkColumns(e.Arg); err != nil {
				return err
			}
		}
	}
	return nil
}

// callAt returns the formula function call of t at byte offset pos (outside
// I()), or nil.
func callAt(t formula.Term, pos int) *formula.Call {
	for _, e := range t.Factors {
		if c, ok := e.(*formula.Call); ok {
			if c.Offset == pos {
				return c
			}
			if inner := callAt(c.Arg, pos); inner != nil {
				return inner
			}
		}
	}
	return nil
}

// dummies returns the indicators of the levels of i(v) but the first.
func (b *builder) dummies(c *formula.Call) ([]Column, error) {
	name := c.Arg.Factors[0].(*formula.Var).Name
	codes, levels, err := b.fr.Codes(name)
	if err != nil {
		return nil, err
	}
	if len(levels) < 2 {
		return nil, &formula.Error{Src: b.f.Src, Pos: c.Offset, Err: frame.ErrAllMissing,
			Msg:  fmt.Sprintf("i(%s) has one level (%s), so no dummies", name, strings.Join(levels, "")),
			Hint: "drop the term: the constant or the fixed effects already cover it"}
	}
	out := make([]Column, len(levels)-1)
	for k := range out {
		x := make([]float64, len(codes))
		for r, code := range codes {
			switch code {
			case -1:
				x[r] = math.NaN()
			case k + 1:
				x[r] = 1
			}
		}
		out[k] = Column{Name: name + "::" + levels[k+1], X: x}
	}
	return out, nil
}

func allNaN(x []float64) bool {
	for _, v := range x {
		if !math.IsNaN(v) {
			return false
		}
	}
	return len(x) > 0
}

func sortInt64(x []int64) { slices.Sort(x) }
