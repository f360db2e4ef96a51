package frame

import (
	"fmt"
	"math"
)

// Append stacks the rows of g under those of f (Stata append): columns are
// united by name, f's first, then g's new ones; a column absent from one
// frame is missing on its rows. Int and Float columns combine into Float
// (noted as Stata notes a type change); a string column meeting a numeric
// one is an error naming it. Variable labels come from f, else g. The note
// says how many observations were added.
func (f *Frame) Append(g *Frame) (*Frame, error) {
	var names []string
	seen := map[string]bool{}
	for _, c := range f.cols {
		names = append(names, c.name)
		seen[c.name] = true
	}
	for _, c := range g.cols {
		if !seen[c.name] {
			names = append(names, c.name)
		}
	}
	out := make([]*Column, len(names))
	var notes []string
	for k, name := range names {
		a, b := f.colOrNil(name), g.colOrNil(name)
		if a != nil && b != nil && (a.kind == String) != (b.kind == String) {
			which, other := "master", "using"
			if b.kind == String {
				which, other = "using", "master"
			}
			return nil, &Error{Column: name, Err: ErrType,
				Msg:  fmt.Sprintf("variable %s is str in %s data but numeric in %s data", name, which, other),
				Hint: "convert one of them first, so both are text or both numbers"}
		}
		if a != nil && b != nil && a.kind != b.kind {
			notes = append(notes, fmt.Sprintf("(note: variable %s was %s in one frame and %s in the other, now float64)", name, a.kind, b.kind))
		}
		out[k] = appendColumns(name, a, f.n, b, g.n)
	}
	h := f.derive(f.n+g.n, out, "append")
	h.key = f.key.Combine("append", g.key)
	h.notes = notes
	h.note("(%s added)", plural(g.n, "observation", "observations"))
	return h, nil
}

func (f *Frame) colOrNil(name string) *Column {
	if k, ok := f.index[name]; ok {
		return f.cols[k]
	}
	return nil
}

// appendColumns stacks a (na rows, nil = all missing) over b (nb rows).
func appendColumns(name string, a *Column, na int, b *Column, nb int) *Column {
	kind := Float
	switch {
	case a != nil && b != nil && a.kind == b.kind:
		kind = a.kind
	case a != nil && b == nil:
		kind = a.kind
	case a == nil && b != nil:
		kind = b.kind
	}
	n := na + nb
	var out *Column
	switch kind {
	case String:
		var u dictUnion
		codes := make([]int32, n)
		add := func(c *Column, off, m int) {
			if c == nil {
				for r := range m {
					codes[off+r] = -1
				}
				return
			}
			remap := u.remap(c.dict)
			for r, k := range c.codes {
				if k >= 0 {
					codes[off+r] = remap[k]
				} else {
					codes[off+r] = -1
				}
			}
		}
		add(a, 0, na)
		add(b, na, nb)
		out = newCodesColumn(name, codes, u.dict)
	case Int:
		ints := make([]int64, n)
		var valid bitmap
		needValid := a == nil || b == nil || a.valid != nil || b.valid != nil
		if needValid {
			valid = newBitmap(n)
		}
		put := func(c *Column, off, m int) {
			if c == nil {
				return
			}
			copy(ints[off:], c.i)
			if needValid {
				for r := range m {
					if c.validAt(r) {
						valid.set(off + r)
					}
				}
			}
		}
		put(a, 0, na)
		put(b, na, nb)
		out = &Column{name: name, data: &data{kind: Int, n: n, i: ints, valid: valid}}
	default:
		fl := make([]float64, n)
		put := func(c *Column, off, m int) {
			if c == nil {
				for r := range m {
					fl[off+r] = math.NaN()
				}
				return
			}
			copy(fl[off:], c.Floats())
		}
		put(a, 0, na)
		put(b, na, nb)
		out = NewFloatColumn(name, fl)
	}
	switch {
	case a != nil && a.label != "":
		out.label = a.label
	case b != nil:
		out.label = b.label
	}
	if a != nil && a.vlab != nil {
		out.vlab, out.vlabName = a.vlab, a.vlabName
	} else if b != nil && b.vlab != nil {
		out.vlab, out.vlabName = b.vlab, b.vlabName
	}
	return out
}
