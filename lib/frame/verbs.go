package frame

import (
	"fmt"
	"math"
	"strings"
)

// KeepVars keeps the named columns, in the order given (Stata keep varlist).
func (f *Frame) KeepVars(names ...string) (*Frame, error) {
	cols, err := f.colsOf(names)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c.name] {
			return nil, &Error{Column: c.name, Err: ErrDuplicateName, Msg: fmt.Sprintf("%q is listed twice", c.name)}
		}
		seen[c.name] = true
	}
	return f.derive(f.n, cols, "keepvars", names), nil
}

// DropVars drops the named columns (Stata drop varlist).
func (f *Frame) DropVars(names ...string) (*Frame, error) {
	if _, err := f.colsOf(names); err != nil {
		return nil, err
	}
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	var cols []*Column
	for _, c := range f.cols {
		if !drop[c.name] {
			cols = append(cols, c)
		}
	}
	return f.derive(f.n, cols, "dropvars", names), nil
}

// KeepRows keeps the rows where keep is true (Stata keep if), noting
// "(N observations deleted)".
func (f *Frame) KeepRows(keep []bool) (*Frame, error) { return f.KeepRowsWith(keep, nil) }

// DropRows drops the rows where drop is true (Stata drop if).
func (f *Frame) DropRows(drop []bool) (*Frame, error) {
	if len(drop) != f.n {
		return nil, shapeErr("the drop mask", len(drop), f.n)
	}
	keep := make([]bool, f.n)
	for r, d := range drop {
		keep[r] = !d
	}
	g, err := f.KeepRowsWith(keep, nil)
	if err == nil {
		g.key = f.key.Extend("droprows", drop)
	}
	return g, err
}

// KeepRowsWith is KeepRows for a condition that could not be evaluated on
// some rows: rows with missing[r] are dropped too, and the note says how
// many were dropped for that reason:
// "(15 observations deleted, 3 of them because the condition is missing)".
func (f *Frame) KeepRowsWith(keep, missing []bool) (*Frame, error) {
	if len(keep) != f.n {
		return nil, shapeErr("the keep mask", len(keep), f.n)
	}
	if missing != nil && len(missing) != f.n {
		return nil, shapeErr("the missing mask", len(missing), f.n)
	}
	mask := keep
	nmiss := 0
	if missing != nil {
		mask = make([]bool, f.n)
		for r := range mask {
			mask[r] = keep[r] && !missing[r]
			if missing[r] {
				nmiss++
			}
		}
	}
	idx := maskIndex(mask)
	var g *Frame
	if len(idx) == f.n {
		g = f.derive(f.n, append([]*Column(nil), f.cols...), "keeprows", keep, missing)
	} else {
		g = f.derive(len(idx), takeAll(f.cols, idx), "keeprows", keep, missing)
	}
	del := f.n - len(idx)
	if nmiss > 0 {
		g.note("(%s deleted, %s of them because the condition is missing)", plural(del, "observation", "observations"), commas(nmiss))
	} else {
		g.note("(%s deleted)", plural(del, "observation", "observations"))
	}
	return g, nil
}

func shapeErr(what string, got, want int) error {
	return &Error{Err: ErrShape, Msg: fmt.Sprintf("%s has %d rows, the frame %d", what, got, want)}
}

// Rename renames column from to to (Stata rename).
func (f *Frame) Rename(from, to string) (*Frame, error) {
	c, err := f.Col(from)
	if err != nil {
		return nil, err
	}
	if err := checkNewName(f, to); err != nil && to != from {
		return nil, err
	}
	cols := append([]*Column(nil), f.cols...)
	cols[f.index[from]] = c.renamed(to)
	g := f.derive(f.n, cols, "rename", from, to)
	if f.panel != nil {
		p := *f.panel
		if p.Entity == from {
			p.Entity = to
		}
		if p.Time == from {
			p.Time = to
		}
		g.panel = &p
	}
	return g, nil
}

// SetLabel sets the variable label of a column (Stata label variable).
func (f *Frame) SetLabel(name, label string) (*Frame, error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, err
	}
	cols := append([]*Column(nil), f.cols...)
	cols[f.index[name]] = c.labelled(label)
	return f.derive(f.n, cols, "label", name, label), nil
}

// checkNewName reports an error when name cannot be a new column.
func checkNewName(f *Frame, name string) error {
	if strings.TrimSpace(name) == "" {
		return &Error{Err: ErrBadName, Msg: "a column name cannot be empty"}
	}
	if f.Has(name) {
		return &Error{Column: name, Err: ErrDuplicateName, Msg: fmt.Sprintf("variable %s already defined", name),
			Hint: "use Replace to change it, or choose another name"}
	}
	return nil
}

// WithColumn returns the frame with column c added at the end, or put in
// place of the column of the same name.
func (f *Frame) WithColumn(c *Column) (*Frame, error) {
	if c.n != f.n {
		return nil, shapeErr("column "+c.name, c.n, f.n)
	}
	return f.withColumnKey(c, f.key.Extend("withcolumn", c.name, colDigest(c)))
}

// withColumnKey is WithColumn with the lineage key set by the caller.
func (f *Frame) withColumnKey(c *Column, key Key) (*Frame, error) {
	if c.n != f.n {
		return nil, shapeErr("column "+c.name, c.n, f.n)
	}
	cols := append([]*Column(nil), f.cols...)
	if k, ok := f.index[c.name]; ok {
		cols[k] = c
	} else {
		cols = append(cols, c)
	}
	g := f.derive(f.n, cols, "")
	g.key = key
	return g, nil
}

// GenerateFloat adds a new Float column (Stata generate), noting
// "(N missing values generated)" when some are NaN. The slice is used,
// not copied.
func (f *Frame) GenerateFloat(name string, x []float64) (*Frame, error) {
	if err := checkNewName(f, name); err != nil {
		return nil, err
	}
	if len(x) != f.n {
		return nil, shapeErr("column "+name, len(x), f.n)
	}
	return f.generated(NewFloatColumn(name, x), f.key.Extend("generate", name, x))
}

// Generate adds a new column of any kind (see GenerateFloat).
func (f *Frame) Generate(c *Column) (*Frame, error) {
	if err := checkNewName(f, c.name); err != nil {
		return nil, err
	}
	if c.n != f.n {
		return nil, shapeErr("column "+c.name, c.n, f.n)
	}
	return f.generated(c, f.key.Extend("generate", c.name, colDigest(c)))
}

// ReplaceFloat replaces the values of numeric column name by x on the rows
// where where[r] is true (all rows when where is nil), as Stata's replace
// ... if: it notes "(N real changes made)" and, when some become missing,
// "(N real changes made, M to missing)". An Int column receiving
// non-integer values becomes Float, noted as Stata notes a promotion.
func (f *Frame) ReplaceFloat(name string, x []float64, where []bool) (*Frame, error) {
	c, err := f.Col(name)
	if err != nil {
		return nil, err
	}
	if len(x) != f.n || where != nil && len(where) != f.n {
		return nil, shapeErr("the replacement", len(x), f.n)
	}
	if c.kind == String {
		return nil, &Error{Column: name, Err: ErrType, Msg: fmt.Sprintf("type mismatch: %s is a string column", name),
			Hint: "replace it with text (ReplaceString), or generate a new numeric column"}
	}
	old := c.Floats()
	out := make([]float64, f.n)
	changes, toMiss := 0, 0
	integral := c.kind == Int
	for r := range out {
		v := old[r]
		if where == nil || where[r] {
			nv := x[r]
			if !(nv == v || nv != nv && v != v) {
				changes++
				if nv != nv {
					toMiss++
				}
			}
			v = nv
		}
		out[r] = v
		if integral && v == v && (v != math.Trunc(v) || math.Abs(v) > 1<<53) {
			integral = false
		}
	}
	var nc *Column
	if integral {
		ints := make([]int64, f.n)
		var valid []bool
		for r, v := range out {
			if v != v {
				if valid == nil {
					valid = make([]bool, f.n)
					for q := range r {
						valid[q] = true
					}
				}
				continue
			}
			if valid != nil {
				valid[r] = true
			}
			ints[r] = int64(v)
		}
		nc = NewIntColumn(name, ints, valid)
	} else {
		nc = NewFloatColumn(name, out)
	}
	nc.label = c.label
	g, _ := f.WithColumn(nc)
	g.key = f.key.Extend("replace", name, x, where)
	if c.kind == Int && !integral {
		g.note("(note: variable %s was int64, now float64)", name)
	}
	if toMiss > 0 {
		g.note("(%s made, %s to missing)", plural(changes, "real change", "real changes"), commas(toMiss))
	} else {
		g.note("(%s made)", plural(changes, "real change", "real changes"))
	}
	return g, nil
}

// colDigest is a cheap content fingerprint of a column for lineage keys of
// verbs that take a whole column as an argument.
func colDigest(c *Column) string {
	return fmt.Sprintf("%s:%d:%d", c.kind, c.n, fingerprint(c))
}
