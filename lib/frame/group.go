package frame

import (
	"math"
	"slices"
)

// grouping numbers the distinct values (or value combinations) of key
// columns 0..ngroups-1 in sort order (see sortKeys for the order).
type grouping struct {
	codes   []int32 // per row; -1 = missing (only when missing is not a group)
	ngroups int
	first   []int32 // first row of each group, in row order
}

// groupColumn groups one column in sort order with missing cells coded -1
// (the categorical of Frame.Codes).
func groupColumn(c *Column) grouping { return groupOne(c, false) }

// groupBy groups rows by the key columns, missing values forming their own
// group as Stata's by does, groups numbered in the order sort would put
// them.
func groupBy(n int, cols []*Column) grouping {
	if len(cols) == 0 {
		if n == 0 {
			return grouping{codes: []int32{}}
		}
		return grouping{codes: make([]int32, n), ngroups: 1, first: []int32{0}}
	}
	g := groupOne(cols[0], true)
	for _, c := range cols[1:] {
		h := groupOne(c, true)
		g = combine(g, h)
	}
	return g
}

// combine groups by the pair (a, b) of two groupings (no -1 codes).
func combine(a, b grouping) grouping {
	n := len(a.codes)
	nb := int64(b.ngroups)
	total := int64(a.ngroups) * nb
	if total <= int64(4*n+1024) {
		keys := make([]int32, n)
		for r := range n {
			keys[r] = a.codes[r]*int32(nb) + b.codes[r]
		}
		return denseRanks(keys, int(total))
	}
	keys := make([]uint64, n)
	for r := range n {
		keys[r] = uint64(a.codes[r])*uint64(nb) + uint64(b.codes[r])
	}
	return ranksOf(keys, nil)
}

// denseRanks codes rows by small integer keys (0..size-1) through a
// presence table.
func denseRanks(keys []int32, size int) grouping {
	present := make([]int32, size) // rank+1, 0 = absent
	for _, k := range keys {
		present[k] = 1
	}
	k := int32(0)
	for v := range present {
		if present[v] != 0 {
			k++
			present[v] = k
		}
	}
	n := len(keys)
	g := grouping{codes: make([]int32, n), ngroups: int(k), first: make([]int32, k)}
	for i := range g.first {
		g.first[i] = -1
	}
	for r, key := range keys {
		c := present[key] - 1
		g.codes[r] = c
		if g.first[c] < 0 {
			g.first[c] = int32(r)
		}
	}
	return g
}

// groupOne groups a single column in sort order; missing cells are the
// last group (numeric) or the first ("" for strings, as Stata sorts them)
// when missingGroup, else coded -1.
func groupOne(c *Column, missingGroup bool) grouping {
	n := c.n
	switch c.kind {
	case String:
		return groupStrings(c, missingGroup)
	case Int:
		lo, hi, any := int64(math.MaxInt64), int64(math.MinInt64), false
		for r, v := range c.i {
			if c.valid != nil && !c.validAt(r) {
				continue
			}
			lo, hi, any = min(lo, v), max(hi, v), true
		}
		if !any {
			return allMissingGroup(n, missingGroup)
		}
		if span := uint64(hi - lo); span < uint64(4*n+1024) {
			miss := int32(span) + 1 // the missing rows' key: last
			keys := make([]int32, n)
			for r, v := range c.i {
				keys[r] = int32(v - lo)
			}
			if c.valid != nil {
				for r := range keys {
					if !c.validAt(r) {
						keys[r] = miss
					}
				}
			}
			g := denseRanks(keys, int(miss)+1)
			if !missingGroup {
				dropMissingGroup(&g, c)
			}
			return g
		}
	case Float:
		lo, hi, integral := math.Inf(1), math.Inf(-1), true
		for _, v := range c.f {
			if v == v {
				lo, hi = min(lo, v), max(hi, v)
				integral = integral && v == math.Trunc(v)
			}
		}
		if lo > hi {
			return allMissingGroup(n, missingGroup)
		}
		if integral && hi-lo < float64(4*n+1024) {
			miss := int32(hi-lo) + 1
			keys := make([]int32, n)
			for r, v := range c.f {
				if v != v {
					keys[r] = miss
				} else {
					keys[r] = int32(v - lo)
				}
			}
			g := denseRanks(keys, int(miss)+1)
			if !missingGroup {
				dropMissingGroup(&g, c)
			}
			return g
		}
	}
	keys, miss := numericSortKeys(c, false)
	g := ranksOf(keys, miss)
	if !missingGroup {
		dropMissingGroup(&g, c)
	}
	return g
}

// dropMissingGroup recodes the missing group (the last one for numeric
// columns) as -1.
func dropMissingGroup(g *grouping, c *Column) {
	if c.NMissing() == 0 {
		return
	}
	last := int32(g.ngroups - 1) // numeric columns: missing sorts last
	for r, k := range g.codes {
		if k == last {
			g.codes[r] = -1
		}
	}
	g.first = g.first[:last]
	g.ngroups--
}

func allMissingGroup(n int, missingGroup bool) grouping {
	g := grouping{codes: make([]int32, n)}
	if !missingGroup || n == 0 {
		for r := range g.codes {
			g.codes[r] = -1
		}
		return g
	}
	g.ngroups, g.first = 1, []int32{0}
	return g
}

// groupStrings ranks the dictionary entries present in the column; the
// missing value "" sorts first, as in Stata.
func groupStrings(c *Column, missingGroup bool) grouping {
	present := make([]bool, len(c.dict))
	hasMiss := false
	for _, k := range c.codes {
		if k >= 0 {
			present[k] = true
		} else {
			hasMiss = true
		}
	}
	order := make([]int32, 0, len(c.dict))
	for k, p := range present {
		if p {
			order = append(order, int32(k))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return compareStrings(c.dict[a], c.dict[b]) })
	rank := make([]int32, len(c.dict))
	off := int32(0)
	if hasMiss && missingGroup {
		off = 1
	}
	// Equal strings can appear under two codes after a dictionary merge.
	next := off - 1
	for i, k := range order {
		if i == 0 || c.dict[order[i-1]] != c.dict[k] {
			next++
		}
		rank[k] = next
	}
	ng := int(next + 1)
	if len(order) == 0 {
		ng = int(off)
	}
	g := grouping{codes: make([]int32, c.n), ngroups: ng, first: make([]int32, ng)}
	for i := range g.first {
		g.first[i] = -1
	}
	for r, k := range c.codes {
		code := int32(-1)
		if k >= 0 {
			code = rank[k]
		} else if missingGroup {
			code = 0
		}
		g.codes[r] = code
		if code >= 0 && g.first[code] < 0 {
			g.first[code] = int32(r)
		}
	}
	return g
}

// compareStrings orders strings bytewise, as Stata sorts str variables.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ranksOf groups rows by uint64 keys (equal keys = one group) in key
// order; rows with miss[r] form the last group.
func ranksOf(keys []uint64, miss []bool) grouping {
	n := len(keys)
	perm := make([]int32, 0, n)
	nmiss := 0
	for r := range n {
		if miss != nil && miss[r] {
			nmiss++
			continue
		}
		perm = append(perm, int32(r))
	}
	radixSort(keys, perm)
	g := grouping{codes: make([]int32, n)}
	k := int32(-1)
	var prev uint64
	for i, r := range perm {
		if v := keys[r]; i == 0 || v != prev {
			k++
			prev = v
			g.first = append(g.first, r)
		}
		g.codes[r] = k
		if r < g.first[k] {
			g.first[k] = r
		}
	}
	if nmiss > 0 {
		k++
		g.first = append(g.first, -1)
		for r := range n {
			if miss[r] {
				g.codes[r] = k
				if g.first[k] < 0 {
					g.first[k] = int32(r)
				}
			}
		}
	}
	g.ngroups = int(k + 1)
	return g
}

// numericSortKeys maps a numeric column to uint64 keys whose unsigned order
// is the numeric order (descending when desc), with the missing rows
// flagged; -0 and +0 map to one key.
func numericSortKeys(c *Column, desc bool) ([]uint64, []bool) {
	keys := make([]uint64, c.n)
	var miss []bool
	if c.NMissing() > 0 {
		miss = c.Missing()
	}
	switch c.kind {
	case Float:
		for r, v := range c.f {
			if v == 0 {
				v = 0
			}
			b := math.Float64bits(v)
			if b>>63 != 0 {
				b = ^b
			} else {
				b |= 1 << 63
			}
			keys[r] = b
		}
	case Int:
		for r, v := range c.i {
			keys[r] = uint64(v) ^ (1 << 63)
		}
	}
	if desc {
		for r := range keys {
			keys[r] = ^keys[r]
		}
	}
	return keys, miss
}

// radixSort reorders perm stably so that keys[perm[i]] ascend (LSD radix
// on (key, row) pairs, 11 bits a pass; passes in which every key shares the
// digit are skipped).
func radixSort(keys []uint64, perm []int32) {
	n := len(perm)
	if n < 256 {
		slices.SortStableFunc(perm, func(a, b int32) int {
			ka, kb := keys[a], keys[b]
			switch {
			case ka < kb:
				return -1
			case ka > kb:
				return 1
			}
			return 0
		})
		return
	}
	const bits, passes = 11, 6
	const nb = 1 << bits
	type pair struct {
		k uint64
		r int32
	}
	var hist [passes][nb]int32
	src := make([]pair, n)
	for i, r := range perm {
		k := keys[r]
		src[i] = pair{k, r}
		for p := range passes {
			hist[p][(k>>(bits*p))&(nb-1)]++
		}
	}
	dst := make([]pair, n)
	for p := range passes {
		h := &hist[p]
		shift := uint(bits * p)
		if h[(src[0].k>>shift)&(nb-1)] == int32(n) {
			continue
		}
		sum := int32(0)
		for b := range nb {
			c := h[b]
			h[b] = sum
			sum += c
		}
		for _, e := range src {
			b := (e.k >> shift) & (nb - 1)
			dst[h[b]] = e
			h[b]++
		}
		src, dst = dst, src
	}
	for i, e := range src {
		perm[i] = e.r
	}
}
