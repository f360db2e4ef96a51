package frame

import (
	"fmt"
	"strings"
)

// Agg is one statistic of Collapse: Stat of column Var, stored as As
// (Var when empty). Stat is as in Egen (mean, sum, sd, min, max, count,
// first, last, firstnm, lastnm, median, p#, pctile(#)).
type Agg struct {
	Stat, Var, As string
}

// ParseAggs reads collapse's clist: "(mean) y x (sum) total=z (p50) w".
// Variables before the first (stat) take the mean, as in Stata.
func ParseAggs(spec string) ([]Agg, error) {
	var out []Agg
	cur := "mean"
	s := strings.TrimSpace(spec)
	for s != "" {
		if s[0] == '(' {
			end := strings.IndexByte(s, ')')
			if end < 0 {
				return nil, argErr("collapse %q: a statistic in parentheses is not closed", spec)
			}
			cur = strings.TrimSpace(s[1:end])
			if _, err := parseStat(cur); err != nil {
				return nil, err
			}
			s = strings.TrimSpace(s[end+1:])
			continue
		}
		end := strings.IndexAny(s, " (")
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		s = strings.TrimSpace(s[end:])
		// "new = var" may be written with spaces around "=".
		if strings.HasPrefix(s, "=") {
			s = strings.TrimSpace(s[1:])
			end = strings.IndexAny(s, " (")
			if end < 0 {
				end = len(s)
			}
			word += "=" + s[:end]
			s = strings.TrimSpace(s[end:])
		} else if strings.HasSuffix(word, "=") {
			end = strings.IndexAny(s, " (")
			if end < 0 {
				end = len(s)
			}
			word += s[:end]
			s = strings.TrimSpace(s[end:])
		}
		as, v, ok := strings.Cut(word, "=")
		if !ok {
			v, as = word, ""
		}
		out = append(out, Agg{Stat: cur, Var: strings.TrimSpace(v), As: strings.TrimSpace(as)})
	}
	return out, nil
}

// Collapse replaces the frame by one row per group of the by columns
// holding the statistics aggs (Stata collapse (stat) vars, by(by)). With no
// by columns the result has one row. Rows are sorted by the by columns;
// missing by values form their own group. Statistics follow Egen's rules
// (missing values ignored; sum of nothing 0; count of non-missing). Each
// result is labelled "(stat) var" as Stata labels it. The note says how
// many observations became how many groups.
func (f *Frame) Collapse(aggs []Agg, by ...string) (*Frame, error) {
	if len(aggs) == 0 {
		return nil, argErr("collapse needs at least one statistic")
	}
	bycols, err := f.colsOf(by)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, b := range by {
		seen[b] = true
	}
	type job struct {
		st  stat
		src *Column
		as  string
	}
	jobs := make([]job, len(aggs))
	for k, a := range aggs {
		st, err := parseStat(a.Stat)
		if err != nil {
			return nil, err
		}
		if st.name == "rank" || st.name == "tag" {
			return nil, argErr("collapse has no statistic %s", st.name)
		}
		c, err := f.Col(a.Var)
		if err != nil {
			return nil, err
		}
		if c.kind == String && st.name != "count" {
			return nil, &Error{Column: a.Var, Err: ErrNotNumeric, Msg: fmt.Sprintf("collapse (%s) %s: %s is a string column", st, a.Var, a.Var),
				Hint: "collapse numeric columns, or list it in by()"}
		}
		as := a.As
		if as == "" {
			as = a.Var
		}
		if seen[as] {
			return nil, &Error{Column: as, Err: ErrDuplicateName, Msg: fmt.Sprintf("collapse would make %s twice", as),
				Hint: fmt.Sprintf("name the results: (%s) %s_%s=%s", st, a.Var, st, a.Var)}
		}
		seen[as] = true
		jobs[k] = job{st, c, as}
	}
	g := groupBy(f.n, bycols)
	out := make([]*Column, len(bycols)+len(jobs))
	// The by columns: each group's first row.
	for k, c := range bycols {
		out[k] = take(c, g.first)
	}
	parallelFor(len(jobs), func(k int) {
		jb := jobs[k]
		var x []float64
		if jb.src.kind == String {
			x = make([]float64, f.n)
			for r, code := range jb.src.codes {
				if code < 0 {
					x[r] = nan
				}
			}
		} else {
			x = jb.src.Floats()
		}
		per := groupStat(jb.st, x, g)
		var c *Column
		if jb.st.name == "count" {
			ints := make([]int64, len(per))
			for i, v := range per {
				ints[i] = int64(v)
			}
			c = NewIntColumn(jb.as, ints, nil)
		} else {
			c = NewFloatColumn(jb.as, per)
		}
		c.label = fmt.Sprintf("(%s) %s", jb.st, jb.src.name)
		if jb.src.label != "" {
			c.label = fmt.Sprintf("(%s) %s", jb.st, jb.src.label)
		}
		out[len(bycols)+k] = c
	})
	args := []any{by}
	for _, a := range aggs {
		args = append(args, a.Stat, a.Var, a.As)
	}
	h := f.derive(g.ngroups, out, "collapse", args...)
	h.panel = nil
	h.note("(collapsed %s into %s)", plural(f.n, "observation", "observations"), plural(g.ngroups, "group", "groups"))
	return h, nil
}
