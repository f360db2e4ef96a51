package frame

import (
	"fmt"
	"strings"
)

// Egen adds column newvar holding a statistic of column src within the
// groups of the by columns (Stata: bysort by: egen newvar = fn(src)); with
// no by columns the whole frame is one group. The statistic fn is one of
//
//	mean, sum (or total), sd, min, max, count, median, pctile(#) or p#,
//	first, last, firstnm, lastnm, rank, tag
//
// with Stata's egen semantics: missing values of src are ignored; a group
// without values gets missing, except count (0) and total (0, missing
// treated as 0); sd divides by N-1; pctile uses summarize, detail's
// definition; rank gives ties their average rank and missing values a
// missing rank; first/last take the value of the group's first/last row in
// the current order (firstnm/lastnm the first/last non-missing one; these
// four are collapse's statistics, not official egen ones). tag(varlist)
// marks with 1 the first row of each group of the by columns together with
// the variables listed in src (space- or comma-separated), and 0 elsewhere
// and on rows where any of them is missing (egen tag()). Rows whose by
// values are missing form their own group, as with Stata's by. The note
// says "(N missing values generated)" when some results are missing.
func (f *Frame) Egen(newvar, fn, src string, by ...string) (*Frame, error) {
	st, err := parseStat(fn)
	if err != nil {
		return nil, err
	}
	if err := checkNewName(f, newvar); err != nil {
		return nil, err
	}
	if st.name == "tag" {
		return f.egenTag(newvar, src, by)
	}
	c, err := f.Col(src)
	if err != nil {
		return nil, err
	}
	if c.kind == String && st.name != "count" {
		return nil, &Error{Column: src, Err: ErrNotNumeric,
			Msg: fmt.Sprintf("egen %s(%s): %s is a string column", st, src, src), Hint: "use a numeric column (count works on strings)"}
	}
	bycols, err := f.colsOf(by)
	if err != nil {
		return nil, err
	}
	g := groupBy(f.n, bycols)
	var x []float64
	if c.kind == String {
		x = make([]float64, f.n)
		for r, k := range c.codes {
			if k < 0 {
				x[r] = nan
			}
		}
	} else {
		x = c.Floats()
	}
	var out []float64
	if st.name == "rank" {
		out = groupRank(x, g)
	} else {
		per := groupStat(st, x, g)
		out = make([]float64, f.n)
		for r, k := range g.codes {
			out[r] = per[k]
		}
	}
	var col *Column
	if st.name == "count" {
		ints := make([]int64, f.n)
		for r, v := range out {
			ints[r] = int64(v)
		}
		col = NewIntColumn(newvar, ints, nil)
	} else {
		col = NewFloatColumn(newvar, out)
	}
	return f.generated(col, f.key.Extend("egen", newvar, st.String(), st.p, src, by))
}

// generated adds the new column col with the lineage key k, noting the
// missing values generated.
func (f *Frame) generated(col *Column, k Key) (*Frame, error) {
	h, err := f.withColumnKey(col, k)
	if err != nil {
		return nil, err
	}
	if m := col.NMissing(); m > 0 {
		h.note("(%s generated)", plural(m, "missing value", "missing values"))
	}
	return h, nil
}

// egenTag is egen newvar = tag(vars), by(by).
func (f *Frame) egenTag(newvar, src string, by []string) (*Frame, error) {
	vars := append([]string(nil), by...)
	vars = append(vars, strings.FieldsFunc(src, func(r rune) bool { return r == ' ' || r == ',' })...)
	if len(vars) == 0 {
		return nil, argErr("tag() needs variables: Egen(name, \"tag\", \"id year\")")
	}
	cols, err := f.colsOf(vars)
	if err != nil {
		return nil, err
	}
	g := groupBy(f.n, cols)
	out := make([]int64, f.n)
	for _, r := range g.first {
		out[r] = 1
	}
	for _, c := range cols {
		if c.NMissing() == 0 {
			continue
		}
		for r, m := range c.Missing() {
			if m {
				out[r] = 0
			}
		}
	}
	return f.generated(NewIntColumn(newvar, out, nil), f.key.Extend("egen", newvar, "tag", src, by))
}
