package frame

import (
	"fmt"
	"strings"
)

// MergeResult is the value of _merge for a row of a merge.
type MergeResult int8

// The merge results, as Stata codes them.
const (
	MasterOnly MergeResult = 1 // _merge==1: in the master frame only
	UsingOnly  MergeResult = 2 // _merge==2: in the using frame only
	Matched    MergeResult = 3 // _merge==3: in both
)

func (m MergeResult) String() string {
	switch m {
	case MasterOnly:
		return "master"
	case UsingOnly:
		return "using"
	case Matched:
		return "match"
	}
	return fmt.Sprintf("MergeResult(%d)", int(m))
}

// MergeOptions are merge's options.
type MergeOptions struct {
	// Keep lists the results to keep (Stata keep(master match)); nil keeps
	// all.
	Keep []MergeResult
	// Assert lists the results allowed (Stata assert(match)); a row with
	// another result makes Merge fail, saying how many.
	Assert []MergeResult
	// KeepUsing lists the using columns to bring (keepusing()); nil: all.
	KeepUsing []string
	// Generate names the result column (generate()); "" is "_merge".
	Generate string
	// NoGenerate leaves the result column out (nogenerate).
	NoGenerate bool
}

// Merge joins the using frame to f on the key columns (Stata merge kind
// keys using ...), kind being "1:1", "m:1" or "1:m". Keys must identify the
// rows uniquely on the "1" side(s); otherwise the error names a duplicated
// key value and how often it appears. Missing key values match each other,
// as in Stata. A key is text in both frames or numeric in both.
//
// The result has f's columns, then the using columns that f lacks (a
// same-named non-key column keeps f's values, as Stata's merge without
// update does), then _merge (1 master only, 2 using only, 3 matched, with
// Stata's value labels). In a 1:m merge each master row repeats for its
// using rows. Rows are sorted by the keys, as Stata leaves them; within a
// key, master order then using order. The note is Stata's merge table.
func (f *Frame) Merge(kind string, keys []string, using *Frame, opt MergeOptions) (*Frame, error) {
	kind = strings.ToLower(strings.TrimSpace(kind))
	switch kind {
	case "1:1", "m:1", "1:m":
	case "m:m":
		return nil, argErr("merge m:m is not supported (Stata's m:m pairs rows by position within a key, which is almost never meant); use 1:m or m:1, or form all pairs another way")
	default:
		return nil, argErr("merge %q: use \"1:1\", \"m:1\" or \"1:m\"", kind)
	}
	if len(keys) == 0 {
		return nil, argErr("merge needs key variables")
	}
	mk, err := f.colsOf(keys)
	if err != nil {
		return nil, fmt.Errorf("master data: %w", err)
	}
	uk, err := using.colsOf(keys)
	if err != nil {
		return nil, fmt.Errorf("using data: %w", err)
	}
	nm, nu := f.n, using.n
	joint := make([]*Column, len(keys))
	for k := range keys {
		if (mk[k].kind == String) != (uk[k].kind == String) {
			mt, ut := "numeric", "numeric"
			if mk[k].kind == String {
				mt = "str"
			} else {
				ut = "str"
			}
			return nil, &Error{Column: keys[k], Err: ErrType,
				Msg:  fmt.Sprintf("key variable %s is %s in master but %s in using data", keys[k], mt, ut),
				Hint: "convert one of them so both are text or both numbers"}
		}
		joint[k] = appendColumns(keys[k], mk[k], nm, uk[k], nu)
	}
	g := groupBy(nm+nu, joint)
	cm, cu := g.codes[:nm], g.codes[nm:]
	G := g.ngroups
	// Using rows per key (CSR), master counts per key.
	uoff := make([]int32, G+1)
	mcount := make([]int32, G)
	for _, c := range cu {
		uoff[c+1]++
	}
	for _, c := range cm {
		mcount[c]++
	}
	if kind == "1:1" || kind == "1:m" {
		if err := uniqueErr(mcount, g, joint, keys, "master"); err != nil {
			return nil, err
		}
	}
	if kind == "1:1" || kind == "m:1" {
		ucount := make([]int32, G)
		for c := range G {
			ucount[c] = uoff[c+1]
		}
		if err := uniqueErr(ucount, g, joint, keys, "using"); err != nil {
			return nil, err
		}
	}
	for c := range G {
		uoff[c+1] += uoff[c]
	}
	urows := make([]int32, nu)
	pos := append([]int32(nil), uoff[:G]...)
	for u, c := range cu {
		urows[pos[c]] = int32(u)
		pos[c]++
	}
	// Result rows: (master row, using row, result) in master order, then
	// the unmatched using rows.
	n := 0
	for _, c := range cm {
		n += max(1, int(uoff[c+1]-uoff[c]))
	}
	for c := range G {
		if mcount[c] == 0 {
			n += int(uoff[c+1] - uoff[c])
		}
	}
	mi, ui := make([]int32, 0, n), make([]int32, 0, n)
	res := make([]MergeResult, 0, n)
	code := make([]int32, 0, n)
	for r, c := range cm {
		if uoff[c+1] == uoff[c] {
			mi, ui, res, code = append(mi, int32(r)), append(ui, -1), append(res, MasterOnly), append(code, c)
			continue
		}
		for _, u := range urows[uoff[c]:uoff[c+1]] {
			mi, ui, res, code = append(mi, int32(r)), append(ui, u), append(res, Matched), append(code, c)
		}
	}
	for c := range int32(G) {
		if mcount[c] == 0 {
			for _, u := range urows[uoff[c]:uoff[c+1]] {
				mi, ui, res, code = append(mi, -1), append(ui, u), append(res, UsingOnly), append(code, c)
			}
		}
	}
	var counts [4]int
	for _, m := range res {
		counts[m]++
	}
	if opt.Assert != nil {
		if err := mergeAssert(counts, opt.Assert); err != nil {
			return nil, err
		}
	}
	// Keep, then sort by key (a stable counting sort on the key codes, which
	// are numbered in key order).
	keep := [4]bool{false, true, true, true}
	if opt.Keep != nil {
		keep = [4]bool{}
		for _, k := range opt.Keep {
			keep[k] = true
		}
	}
	kept, sorted := 0, true
	prev := int32(-1)
	for i, m := range res {
		if keep[m] {
			kept++
			sorted = sorted && code[i] >= prev
			prev = code[i]
		}
	}
	order := make([]int32, 0, kept)
	if sorted { // the master was sorted by the keys already
		for i, m := range res {
			if keep[m] {
				order = append(order, int32(i))
			}
		}
	} else {
		cnt := make([]int32, G+1)
		for i, m := range res {
			if keep[m] {
				cnt[code[i]+1]++
			}
		}
		for c := range G {
			cnt[c+1] += cnt[c]
		}
		order = order[:kept]
		for i, m := range res {
			if keep[m] {
				c := code[i]
				order[cnt[c]] = int32(i)
				cnt[c]++
			}
		}
	}
	pick := func(src []int32) []int32 {
		out := make([]int32, kept)
		for k, i := range order {
			out[k] = src[i]
		}
		return out
	}
	mIdx, uIdx := pick(mi), pick(ui)
	jIdx := make([]int32, kept) // rows of the joint key columns
	for k := range jIdx {
		if mIdx[k] >= 0 {
			jIdx[k] = mIdx[k]
		} else {
			jIdx[k] = int32(nm) + uIdx[k]
		}
	}
	isKey := map[string]bool{}
	for _, k := range keys {
		isKey[k] = true
	}
	type colJob struct {
		c   *Column
		idx []int32
	}
	// When the result is the master rows in their order (every master row
	// kept once, none reordered, nothing added), master columns are shared.
	shareMaster := kept == nm
	for k := 0; shareMaster && k < kept; k++ {
		shareMaster = mIdx[k] == int32(k)
	}
	var jobs []colJob
	for _, c := range f.cols {
		switch {
		case shareMaster:
			jobs = append(jobs, colJob{c, nil})
		case isKey[c.name]:
			jobs = append(jobs, colJob{joint[indexOf(keys, c.name)], jIdx})
		default:
			jobs = append(jobs, colJob{c, mIdx})
		}
	}
	ucols := using.cols
	if opt.KeepUsing != nil {
		if ucols, err = using.colsOf(opt.KeepUsing); err != nil {
			return nil, fmt.Errorf("keepusing: %w", err)
		}
	}
	for _, c := range ucols {
		if !isKey[c.name] && !f.Has(c.name) {
			jobs = append(jobs, colJob{c, uIdx})
		}
	}
	out := make([]*Column, len(jobs))
	parallelFor(len(jobs), func(k int) {
		if jobs[k].idx == nil {
			out[k] = jobs[k].c
			return
		}
		out[k] = take(jobs[k].c, jobs[k].idx)
		if isKey[jobs[k].c.name] {
			out[k].label = mk[indexOf(keys, jobs[k].c.name)].label
		}
	})
	if !opt.NoGenerate {
		name := opt.Generate
		if name == "" {
			name = "_merge"
		}
		if f.Has(name) || using.Has(name) {
			return nil, &Error{Column: name, Err: ErrDuplicateName, Msg: fmt.Sprintf("variable %s already defined", name),
				Hint: "drop it, or name the result column with MergeOptions.Generate"}
		}
		mv := make([]int64, kept)
		for k, i := range order {
			mv[k] = int64(res[i])
		}
		mc := NewIntColumn(name, mv, nil)
		mc.vlab = map[int64]string{1: "Master only (1)", 2: "Using only (2)", 3: "Matched (3)"}
		mc.vlabName = name
		mc.label = "Matching result from merge"
		out = append(out, mc)
	}
	keepArgs := fmt.Sprint(opt.Keep, opt.KeepUsing, opt.Generate, opt.NoGenerate)
	h := f.derive(kept, out, "merge")
	h.key = f.key.Combine("merge", using.key, kind, keys, keepArgs)
	h.notes = []string{mergeTable(counts, opt.Generate)}
	if dropped := counts[1] + counts[2] + counts[3] - kept; dropped > 0 {
		h.note("(%s deleted by keep())", plural(dropped, "observation", "observations"))
	}
	return h, nil
}

func indexOf(s []string, x string) int {
	for k, v := range s {
		if v == x {
			return k
		}
	}
	return -1
}

// uniqueErr reports the first key value that appears more than once on
// one side, as Stata's "variable id does not uniquely identify
// observations in the using data".
func uniqueErr(count []int32, g grouping, joint []*Column, keys []string, side string) error {
	first, ndup := -1, 0
	for c, k := range count {
		if k > 1 {
			if first < 0 {
				first = c
			}
			ndup++
		}
	}
	if first < 0 {
		return nil
	}
	row := int(g.first[first])
	var vals []string
	for k, c := range joint {
		v := c.Text(row)
		if c.kind == String {
			v = "'" + v + "'"
		}
		if c.IsMissing(row) {
			v = "missing"
		}
		if len(keys) > 1 {
			v = keys[k] + " = " + v
		}
		vals = append(vals, v)
	}
	verb := "variable " + keys[0] + " does"
	if len(keys) > 1 {
		verb = "variables " + strings.Join(keys, " ") + " do"
	}
	msg := fmt.Sprintf("%s not uniquely identify observations in the %s data: %s appears %d times", verb, side, strings.Join(vals, ", "), count[first])
	if ndup > 1 {
		msg += fmt.Sprintf(" (and %d more duplicated %s)", ndup-1, map[bool]string{true: "key", false: "keys"}[ndup == 2])
	}
	hint := "use merge m:1 or 1:m if one side may repeat, or remove the duplicates (Stata duplicates report)"
	return &Error{Column: keys[0], Err: ErrNotUnique, Msg: msg, Hint: hint}
}

func mergeAssert(counts [4]int, allowed []MergeResult) error {
	ok := [4]bool{}
	var names []string
	for _, a := range allowed {
		ok[a] = true
		names = append(names, a.String())
	}
	var bad []string
	for _, m := range []MergeResult{MasterOnly, UsingOnly, Matched} {
		if !ok[m] && counts[m] > 0 {
			bad = append(bad, fmt.Sprintf("%s %s (_merge==%d)", plural(counts[m], "observation", "observations"), mergeWhat(m), m))
		}
	}
	if bad == nil {
		return nil
	}
	return &Error{Err: ErrAssert, Msg: fmt.Sprintf("merge: after merge, not all observations are %s: %s", strings.Join(names, " or "), strings.Join(bad, ", ")),
		Hint: "look at the unmatched keys (keep them with MergeOptions.Keep) before asserting"}
}

func mergeWhat(m MergeResult) string {
	switch m {
	case MasterOnly:
		return "from master only"
	case UsingOnly:
		return "from using only"
	}
	return "matched"
}

// mergeTable is Stata's merge report.
func mergeTable(counts [4]int, name string) string {
	if name == "" {
		name = "_merge"
	}
	var b strings.Builder
	line := func(label, n, tag string) {
		fmt.Fprintf(&b, "    %-28s%13s%s\n", label, n, tag)
	}
	fmt.Fprintf(&b, "    %-28s%13s\n", "Result", "Number of obs")
	b.WriteString("    " + strings.Repeat("-", 41) + "\n")
	line("Not matched", commas(counts[1]+counts[2]), "")
	if counts[1]+counts[2] > 0 {
		line("    from master", commas(counts[1]), fmt.Sprintf("  (%s==1)", name))
		line("    from using", commas(counts[2]), fmt.Sprintf("  (%s==2)", name))
		b.WriteString("\n")
	}
	line("Matched", commas(counts[3]), fmt.Sprintf("  (%s==3)", name))
	b.WriteString("    " + strings.Repeat("-", 41))
	return b.String()
}
