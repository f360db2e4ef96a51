package frame

import "strings"

// Sort sorts the rows by the keys, stably (Stata sort; gsort for
// descending keys): a key "x" sorts ascending, "-x" descending, "+x"
// ascending. Numeric missing values sort last, as Stata's . is larger than
// any number; the empty (missing) string sorts first ascending, as in
// Stata. Descending keys put missing values last (gsort's default).
func (f *Frame) Sort(keys ...string) (*Frame, error) {
	perm, err := f.SortIndex(keys...)
	if err != nil {
		return nil, err
	}
	g := f.derive(f.n, takeAll(f.cols, perm), "sort", keys)
	return g, nil
}

// SortIndex returns the permutation that Sort applies: row k of the sorted
// frame is row perm[k] of f.
func (f *Frame) SortIndex(keys ...string) ([]int32, error) {
	if len(keys) == 0 {
		return nil, argErr("sort needs at least one variable")
	}
	type key struct {
		c    *Column
		desc bool
	}
	ks := make([]key, len(keys))
	for k, s := range keys {
		desc := strings.HasPrefix(s, "-")
		name := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
		c, err := f.Col(name)
		if err != nil {
			return nil, err
		}
		ks[k] = key{c, desc}
	}
	perm := make([]int32, f.n)
	for r := range perm {
		perm[r] = int32(r)
	}
	// LSD: stable passes from the last key to the first.
	for k := len(ks) - 1; k >= 0; k-- {
		sortByColumn(ks[k].c, ks[k].desc, perm)
	}
	return perm, nil
}

// sortByColumn reorders perm stably by one column.
func sortByColumn(c *Column, desc bool, perm []int32) {
	var keys []uint64
	var miss []bool
	if c.kind == String {
		g := groupOne(c, true) // ranks, "" first
		keys = make([]uint64, c.n)
		hasMiss := c.NMissing() > 0
		for r, code := range g.codes {
			keys[r] = uint64(code)
		}
		if desc {
			for r := range keys {
				keys[r] = ^keys[r]
			}
			if hasMiss { // missing last in descending order
				miss = c.Missing()
			}
		}
	} else {
		keys, miss = numericSortKeys(c, desc)
	}
	if miss != nil {
		// Missing rows go last, in their current order.
		var present, absent []int32
		for _, r := range perm {
			if miss[r] {
				absent = append(absent, r)
			} else {
				present = append(present, r)
			}
		}
		radixSort(keys, present)
		copy(perm, present)
		copy(perm[len(present):], absent)
		return
	}
	radixSort(keys, perm)
}

// IsSorted reports whether the frame is sorted by the keys (as Sort would
// leave it).
func (f *Frame) IsSorted(keys ...string) (bool, error) {
	perm, err := f.SortIndex(keys...)
	if err != nil {
		return false, err
	}
	for k, r := range perm {
		if int(r) != k {
			return false, nil
		}
	}
	return true, nil
}
