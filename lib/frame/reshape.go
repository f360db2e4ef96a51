package frame

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ReshapeWide turns a long frame wide (Stata reshape wide stubs, i(i)
// j(j)): one row per value of the i columns, and for each stub and each
// value v of j a column stub+v ("gdp2017"). j must be an integer or text
// column without missing values, and i and j together must identify the
// rows. Columns other than i, j and the stubs must be constant within i
// (they are kept); otherwise the error names one. Rows are sorted by i,
// new columns ordered by stub, then by j value.
func (f *Frame) ReshapeWide(stubs []string, i []string, j string) (*Frame, error) {
	icols, err := f.colsOf(i)
	if err != nil {
		return nil, err
	}
	jc, err := f.Col(j)
	if err != nil {
		return nil, err
	}
	scols, err := f.colsOf(stubs)
	if err != nil {
		return nil, err
	}
	jlabels, jcode, err := jValues(jc)
	if err != nil {
		return nil, err
	}
	g := groupBy(f.n, icols)
	J := len(jlabels)
	cell := make([]int32, g.ngroups*J)
	for k := range cell {
		cell[k] = -1
	}
	for r := range f.n {
		k := int(g.codes[r])*J + int(jcode[r])
		if cell[k] >= 0 {
			return nil, &Error{Column: j, Err: ErrNotUnique,
				Msg: fmt.Sprintf("values of variable %s not unique within %s: %s has two rows with %s = %s (rows %d and %d)",
					j, strings.Join(i, " "), describeKey(icols, r), j, jlabels[jcode[r]], cell[k]+1, r+1),
				Hint: "reshape wide needs one row per i and j; drop or collapse the duplicates first"}
		}
		cell[k] = int32(r)
	}
	used := map[string]bool{j: true}
	for _, n := range i {
		used[n] = true
	}
	for _, s := range stubs {
		used[s] = true
	}
	var out []*Column
	for _, c := range icols {
		out = append(out, take(c, g.first))
	}
	for _, s := range scols {
		for k, lab := range jlabels {
			idx := make([]int32, g.ngroups)
			for q := range idx {
				idx[q] = cell[q*J+k]
			}
			c := take(s, idx)
			c.name = s.name + lab
			if f.Has(c.name) {
				return nil, &Error{Column: c.name, Err: ErrDuplicateName, Msg: fmt.Sprintf("variable %s already defined", c.name),
					Hint: "rename it before reshaping"}
			}
			c.label = s.label
			out = append(out, c)
		}
	}
	for _, c := range f.cols {
		if used[c.name] {
			continue
		}
		if r, ok := constantWithin(c, g); !ok {
			return nil, &Error{Column: c.name, Err: ErrArgument,
				Msg:  fmt.Sprintf("variable %s not constant within %s (%s, row %d)", c.name, strings.Join(i, " "), describeKey(icols, r), r+1),
				Hint: fmt.Sprintf("list %s among the stubs, or drop it before reshaping", c.name)}
		}
		out = append(out, take(c, g.first))
	}
	h := f.derive(g.ngroups, out, "reshape wide", stubs, i, j)
	h.panel = nil
	h.note("(j = %s: %s)", j, strings.Join(jlabels, " "))
	h.note("(%s → %s; %s → %s)", plural(f.n, "observation", "observations"), commas(g.ngroups),
		plural(len(f.cols), "variable", "variables"), commas(len(out)))
	return h, nil
}

// jValues numbers the values of a j column in sorted order and returns
// their labels.
func jValues(jc *Column) ([]string, []int32, error) {
	if jc.NMissing() > 0 {
		return nil, nil, &Error{Column: jc.name, Err: ErrArgument, Msg: fmt.Sprintf("variable %s contains missing values", jc.name),
			Hint: "drop those rows or fill them in before reshaping"}
	}
	if jc.kind == Float {
		for _, v := range jc.f {
			if v != math.Trunc(v) {
				return nil, nil, &Error{Column: jc.name, Err: ErrType, Msg: fmt.Sprintf("variable %s has non-integer values such as %v", jc.name, v),
					Hint: "j must hold integers or text"}
			}
		}
	}
	g := groupColumn(jc)
	labels := make([]string, g.ngroups)
	for k, r := range g.first {
		labels[k] = jc.Text(int(r))
	}
	return labels, g.codes, nil
}

func describeKey(cols []*Column, r int) string {
	var parts []string
	for _, c := range cols {
		v := c.Text(r)
		if c.kind == String {
			v = "'" + v + "'"
		}
		parts = append(parts, c.name+" = "+v)
	}
	return strings.Join(parts, ", ")
}

// constantWithin reports whether c has one value per group (missing
// counting as a value); when not, a row where it differs.
func constantWithin(c *Column, g grouping) (int, bool) {
	for r, k := range g.codes {
		f := int(g.first[k])
		if !sameCell(c, r, f) {
			return r, false
		}
	}
	return 0, true
}

func sameCell(c *Column, a, b int) bool {
	switch c.kind {
	case Float:
		x, y := c.f[a], c.f[b]
		return x == y || x != x && y != y
	case Int:
		va, vb := c.validAt(a), c.validAt(b)
		return va == vb && (!va || c.i[a] == c.i[b])
	}
	ka, kb := c.codes[a], c.codes[b]
	return ka == kb || ka >= 0 && kb >= 0 && c.dict[ka] == c.dict[kb]
}

// ReshapeLong turns a wide frame long (Stata reshape long stubs, i(i)
// j(j)): for each stub, the columns named stub+suffix become one column
// stub, and j holds the suffix (an Int column when every suffix is an
// integer, text otherwise). Every row gives one row per j value found,
// even when all its stub values are missing there, as Stata does. i must
// identify the rows. Other columns repeat. Rows are sorted by i then j.
func (f *Frame) ReshapeLong(stubs []string, i []string, j string) (*Frame, error) {
	if len(stubs) == 0 {
		return nil, argErr("reshape long needs at least one stub")
	}
	icols, err := f.colsOf(i)
	if err != nil {
		return nil, err
	}
	if f.Has(j) {
		return nil, &Error{Column: j, Err: ErrDuplicateName, Msg: fmt.Sprintf("variable %s already defined", j), Hint: "choose another name for j"}
	}
	// Suffixes per stub. When some are integers, j is numeric and only
	// the stub+integer columns are read (Stata's default); otherwise j is
	// text and every stub+suffix column is.
	type cand struct{ col, suf string }
	var cands []cand
	anyInt := false
	for _, s := range stubs {
		found := false
		for _, c := range f.cols {
			if suf, ok := strings.CutPrefix(c.name, s); ok && suf != "" && !slices.Contains(i, c.name) {
				found = true
				cands = append(cands, cand{c.name, suf})
				if _, err := strconv.ParseInt(suf, 10, 64); err == nil {
					anyInt = true
				}
			}
		}
		if !found {
			return nil, unknownStub(f, s)
		}
	}
	member := map[string]bool{}
	suffixes := map[string]bool{}
	for _, c := range cands {
		if _, err := strconv.ParseInt(c.suf, 10, 64); anyInt && err != nil {
			continue
		}
		member[c.col] = true
		suffixes[c.suf] = true
	}
	jl := make([]string, 0, len(suffixes))
	numeric := anyInt
	for s := range suffixes {
		jl = append(jl, s)
	}
	if numeric {
		slices.SortFunc(jl, func(a, b string) int {
			x, _ := strconv.ParseInt(a, 10, 64)
			y, _ := strconv.ParseInt(b, 10, 64)
			return int(min(max(x-y, -1), 1))
		})
	} else {
		slices.Sort(jl)
	}
	g := groupBy(f.n, icols)
	if g.ngroups != f.n {
		counts := make([]int, g.ngroups)
		for _, k := range g.codes {
			counts[k]++
		}
		for k, c := range counts {
			if c > 1 {
				return nil, &Error{Column: i[0], Err: ErrNotUnique,
					Msg:  fmt.Sprintf("variable %s does not uniquely identify the observations: %s appears %d times", strings.Join(i, " "), describeKey(icols, int(g.first[k])), c),
					Hint: "reshape long needs one row per i"}
			}
		}
	}
	order := make([]int32, f.n) // rows in i order
	for r, k := range g.codes {
		order[k] = int32(r)
	}
	J := len(jl)
	n := f.n * J
	rep := make([]int32, n) // source row of each output row
	for q, r := range order {
		for k := range J {
			rep[q*J+k] = r
		}
	}
	var out []*Column
	for _, c := range icols {
		out = append(out, take(c, rep))
	}
	if numeric {
		jv := make([]int64, n)
		for o := range n {
			jv[o], _ = strconv.ParseInt(jl[o%J], 10, 64)
		}
		out = append(out, NewIntColumn(j, jv, nil))
	} else {
		codes := make([]int32, n)
		for o := range n {
			codes[o] = int32(o % J)
		}
		out = append(out, NewCodesColumn(j, codes, slices.Clone(jl)))
	}
	for _, s := range stubs {
		srcs := make([]*Column, J)
		for k, suf := range jl {
			srcs[k] = f.colOrNil(s + suf)
		}
		c, err := stackWide(s, srcs, order)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	isI := map[string]bool{}
	for _, n := range i {
		isI[n] = true
	}
	for _, c := range f.cols {
		if !member[c.name] && !isI[c.name] {
			out = append(out, take(c, rep))
		}
	}
	h := f.derive(n, out, "reshape long", stubs, i, j)
	h.panel = nil
	h.note("(j = %s: %s)", j, strings.Join(jl, " "))
	h.note("(%s → %s; %s → %s)", plural(f.n, "observation", "observations"), commas(n),
		plural(len(f.cols), "variable", "variables"), commas(len(out)))
	return h, nil
}

func unknownStub(f *Frame, s string) error {
	e := &Error{Column: s, Err: ErrUnknownColumn, Msg: fmt.Sprintf("no variables start with stub %s", s)}
	var prefixes []string
	for _, n := range f.Names() {
		prefixes = append(prefixes, strings.TrimRight(n, "0123456789"))
	}
	if u := unknownColumn(s, prefixes); u.Hint != "" {
		e.Hint = u.Hint
	}
	return e
}

// stackWide interleaves the wide columns of one stub (srcs[k] for j value
// k, nil when absent) into a long column: row q*J+k is srcs[k][order[q]].
func stackWide(name string, srcs []*Column, order []int32) (*Column, error) {
	J := len(srcs)
	kind := Kind(0)
	label := ""
	for _, c := range srcs {
		if c == nil {
			continue
		}
		if label == "" {
			label = c.label
		}
		switch {
		case kind == 0:
			kind = c.kind
		case (kind == String) != (c.kind == String):
			return nil, &Error{Column: c.name, Err: ErrType, Msg: fmt.Sprintf("stub %s mixes text and numbers (%s is %s)", name, c.name, c.kind),
				Hint: "convert the columns of the stub to one type"}
		case kind != c.kind:
			kind = Float
		}
	}
	n := len(order) * J
	var out *Column
	switch kind {
	case String:
		var u dictUnion
		codes := make([]int32, n)
		for k, c := range srcs {
			var remap []int32
			if c != nil {
				remap = u.remap(c.dict)
			}
			for q, r := range order {
				code := int32(-1)
				if c != nil && c.codes[r] >= 0 {
					code = remap[c.codes[r]]
				}
				codes[q*J+k] = code
			}
		}
		out = newCodesColumn(name, codes, u.dict)
	case Int:
		ints := make([]int64, n)
		valid := newBitmap(n)
		for k, c := range srcs {
			if c == nil {
				continue
			}
			for q, r := range order {
				if c.validAt(int(r)) {
					ints[q*J+k] = c.i[r]
					valid.set(q*J + k)
				}
			}
		}
		out = &Column{name: name, data: &data{kind: Int, n: n, i: ints, valid: valid}}
	default:
		fl := make([]float64, n)
		for k, c := range srcs {
			var x []float64
			if c != nil {
				x = c.Floats()
			}
			for q, r := range order {
				if x != nil {
					fl[q*J+k] = x[r]
				} else {
					fl[q*J+k] = nan
				}
			}
		}
		out = NewFloatColumn(name, fl)
	}
	out.label = label
	return out, nil
}
