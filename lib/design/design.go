package design

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/panel"
)

// ErrPanel is wrapped by errors about the panel's entity and time columns.
var ErrPanel = errors.New("design: bad panel index")

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

// Build validates f against fr and evaluates it.
func Build(f *formula.Formula, fr *frame.Frame, opt Options) (*Design, error) {
	if (opt.Entity == "") != (opt.Time == "") {
		return nil, fmt.Errorf("%w: give both the entity and the time column, not only %q", ErrPanel, opt.Entity+opt.Time)
	}
	if err := formula.Validate(f, fr.Names(), opt.Entity != ""); err != nil {
		return nil, err
	}
	b := &builder{f: f, fr: fr, cache: map[string][]float64{}, codes1: map[string][]int{}}
	d := &Design{Formula: f, Rows: fr.Len(), Const: f.Const}
	if opt.Entity != "" {
		ix, err := b.buildIndex(opt.Entity, opt.Time)
		if err != nil {
			return nil, err
		}
		b.ix, d.Panel = ix, ix
	}
	y, err := b.terms(formula.PartResponse, []formula.Term{f.Response})
	if err != nil {
		return nil, err
	}
	d.DepName, d.Y = y[0].Name, append([]float64(nil), y[0].X...)
	if d.Exog, err = b.terms(formula.PartRegressors, f.Regressors); err != nil {
		return nil, err
	}
	if d.Endog, err = b.terms(formula.PartEndogenous, f.Endogenous); err != nil {
		return nil, err
	}
	if d.Instr, err = b.terms(formula.PartInstruments, f.Instruments); err != nil {
		return nil, err
	}
	if len(d.Instr) < len(d.Endog) {
		return nil, formula.Underidentified(f, Names(d.Endog), Names(d.Instr))
	}
	for _, t := range f.FixedEffects {
		codes, err := b.codes(formula.PartFixedEffects, t, d.Y)
		if err != nil {
			return nil, err
		}
		d.FENames = append(d.FENames, t.String())
		d.FE = append(d.FE, codes)
	}
	if opt.Cluster != "" {
		codes, err := b.frameCodes(opt.Cluster)
		if err != nil {
			return nil, fmt.Errorf("cluster variable: %w", err)
		}
		markMissing(codes, d.Y)
		d.ClusterName, d.Cluster = opt.Cluster, codes
	}
	return d, nil
}

// codes returns the level codes of a fixed-effect or cluster column; rows
// where it is missing get code 0 and a NaN response y.
func (b *builder) codes(part string, t formula.Term, y []float64) ([]int, error) {
	codes, err := b.frameCodes(t.Factors[0].(*formula.Var).Name)
	if err != nil {
		return nil, b.wrap(part, t, err)
	}
	markMissing(codes, y)
	return codes, nil
}

// frameCodes returns a copy of the level codes of a column, computing them
// once per column (a panel unit is often both a fixed effect and the cluster).
func (b *builder) frameCodes(name string) ([]int, error) {
	codes, ok := b.codes1[name]
	if !ok {
		var err error
		if codes, _, err = b.fr.Codes(name); err != nil {
			return nil, err
		}
		b.codes1[name] = codes
	}
	return append([]int(nil), codes...), nil
}

// markMissing sets the missing codes (-1) to 0 and the response of their
// rows to NaN, so that the estimator drops and counts those rows.
func markMissing(codes []int, y []float64) {
	for r, c := range codes {
		if c < 0 {
			codes[r] = 0
			y[r] = math.NaN()
		}
	}
}

// buildIndex makes the panel index from the entity and time columns.
func (b *builder) buildIndex(entity, time string) (*panel.Index, error) {
	codes, levels, err := b.fr.Codes(entity)
	if err != nil {
		return nil, fmt.Errorf("%w: entity: %w", ErrPanel, err)
	}
	b.codes1[entity] = codes // reused when the entity is also a fixed effect or the cluster
	ent := make([]string, len(codes))
	for r, c := range codes {
		if c < 0 {
			return nil, fmt.Errorf("%w: entity column %q is missing on row %d; drop the row or fill it in", ErrPanel, entity, r+1)
		}
		ent[r] = levels[c] // the labels, not copies: duplicate-row errors name the entity as the data do
	}
	tv, err := b.fr.Float(time)
	if err != nil {
		return nil, fmt.Errorf("%w: time: %w", ErrPanel, err)
	}
	ti := make([]int, len(tv))
	for r, v := range tv {
		switch {
		case math.IsNaN(v):
			return nil, fmt.Errorf("%w: time column %q is missing on row %d; drop the row or fill it in", ErrPanel, time, r+1)
		case v != math.Trunc(v) || math.Abs(v) > 1e9:
			return nil, fmt.Errorf("%w: time column %q must hold whole numbers (periods), row %d has %v", ErrPanel, time, r+1, v)
		}
		ti[r] = int(v)
	}
	ix, err := panel.NewIndex(ent, ti)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPanel, err)
	}
	return ix, nil
}

// builder evaluates terms, caching each expression's column by its text.
type builder struct {
	f      *formula.Formula
	fr     *frame.Frame
	ix     *panel.Index
	cache  map[string][]float64
	codes1 map[string][]int
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
	return b.wrap(part, t, err)
}

// emptyHint explains why a term may have no values.
func (b *builder) emptyHint(t formula.Term) string {
	if c := t.NeedsPanel(); c != nil && b.ix != nil {
		return fmt.Sprintf("the panel has %d periods; a lag or lead that long leaves nothing", b.ix.NumPeriods())
	}
	return ""
}

// term evaluates one expanded term: the product of its factors, with one
// column per combination of i() levels.
func (b *builder) term(t formula.Term) ([]Column, error) {
	cols := []Column{{}}
	for _, e := range t.Factors {
		alts, err := b.factor(e)
		if err != nil {
			return nil, err
		}
		next := make([]Column, 0, len(cols)*len(alts))
		for _, c := range cols {
			for _, a := range alts {
				if c.X == nil {
					next = append(next, a)
					continue
				}
				x := make([]float64, len(a.X))
				for r := range x {
					x[r] = c.X[r] * a.X[r]
				}
				next = append(next, Column{Name: c.Name + ":" + a.Name, X: x})
			}
		}
		cols = next
	}
	return cols, nil
}

// factor evaluates one factor: an i() call gives its dummies, anything else
// one column.
func (b *builder) factor(e formula.Expr) ([]Column, error) {
	if c, ok := e.(*formula.Call); ok && c.Fn == formula.FuncDummy {
		return b.dummies(c)
	}
	x, err := b.expr(e)
	if err != nil {
		return nil, err
	}
	return []Column{{Name: formula.Term{Factors: []formula.Expr{e}}.String(), X: x}}, nil
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

// expr evaluates a column-valued expression (no i()).
func (b *builder) expr(e formula.Expr) ([]float64, error) {
	key := formula.Term{Factors: []formula.Expr{e}}.String()
	if x, ok := b.cache[key]; ok {
		return x, nil
	}
	var x []float64
	var err error
	switch e := e.(type) {
	case *formula.Var:
		x, err = b.fr.Float(e.Name)
	case *formula.Call:
		x, err = b.call(e)
	}
	if err != nil {
		return nil, err
	}
	b.cache[key] = x
	return x, nil
}

func (b *builder) call(c *formula.Call) ([]float64, error) {
	cols, err := b.term(c.Arg)
	if err != nil {
		return nil, err
	}
	x := cols[0].X // the parser allows no i() inside a call, so one column
	switch c.Fn {
	case formula.FuncLag:
		return b.ix.Lag(x, c.Lo), nil
	case formula.FuncLead:
		return b.ix.Lag(x, -c.Lo), nil
	case formula.FuncDiff:
		return b.ix.Diff(x), nil
	case formula.FuncLog:
		out := make([]float64, len(x))
		bad, first := 0, -1
		for r, v := range x {
			if v <= 0 {
				bad++
				if first < 0 {
					first = r
				}
			}
			out[r] = math.Log(v)
		}
		if bad > 0 {
			return nil, &formula.Error{Src: b.f.Src, Pos: c.Offset, Err: ErrDomain,
				Msg: fmt.Sprintf("log of a non-positive value (%d rows; row %d has %s = %v)", bad, first+1,
					cols[0].Name, x[first]),
				Hint: "log() needs positive values; filter or transform the data first"}
		}
		return out, nil
	}
	panic("design: unknown function " + string(c.Fn)) // the parser admits only the functions above
}

// ErrDomain is wrapped by errors for values outside a function's domain.
var ErrDomain = errors.New("design: value outside the function's domain")

func allNaN(x []float64) bool {
	for _, v := range x {
		if !math.IsNaN(v) {
			return false
		}
	}
	return len(x) > 0
}
