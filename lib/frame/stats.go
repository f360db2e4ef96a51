package frame

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// stat is a parsed summary statistic: a name and, for percentiles, p.
type stat struct {
	name string  // mean sum sd min max count first last firstnm lastnm pctile rank tag
	p    float64 // pctile: the percentile in (0, 100]
}

// parseStat reads "mean", "sum", "total" (egen's name for sum), "sd",
// "min", "max", "count", "first", "last", "firstnm", "lastnm", "median",
// "p#" ("p25"), "pctile(#)", "rank", "tag".
func parseStat(s string) (stat, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if name, arg, ok := strings.Cut(s, "("); ok && strings.HasSuffix(arg, ")") {
		arg = strings.TrimSpace(strings.TrimSuffix(arg, ")"))
		if name != "pctile" && name != "p" {
			return stat{}, argErr("%s takes no argument", name)
		}
		p, err := strconv.ParseFloat(arg, 64)
		if err != nil || p <= 0 || p > 100 {
			return stat{}, argErr("pctile(%s): give a percentile between 0 and 100, as pctile(25)", arg)
		}
		return stat{name: "pctile", p: p}, nil
	}
	switch s {
	case "mean", "sd", "min", "max", "count", "first", "last", "firstnm", "lastnm", "rank", "tag":
		return stat{name: s}, nil
	case "sum", "total":
		return stat{name: "sum"}, nil
	case "median", "pctile":
		return stat{name: "pctile", p: 50}, nil
	}
	if strings.HasPrefix(s, "p") {
		if p, err := strconv.Atoi(s[1:]); err == nil && p >= 1 && p <= 99 {
			return stat{name: "pctile", p: float64(p)}, nil
		}
	}
	return stat{}, argErr("unknown statistic %q; use mean, sum, sd, min, max, count, first, last, firstnm, lastnm, median, p1-p99, pctile(#), rank or tag", s)
}

func (s stat) String() string {
	if s.name == "pctile" {
		if s.p == 50 {
			return "median"
		}
		if s.p == math.Trunc(s.p) {
			return fmt.Sprintf("p%d", int(s.p))
		}
		return fmt.Sprintf("p%g", s.p)
	}
	return s.name
}

// groupStat computes a statistic of x per group (x: NaN = missing).
// Missing values are ignored as Stata's egen and collapse ignore them; a
// group without values gets NaN, except count (0) and sum (0, missing
// counted as 0).
func groupStat(st stat, x []float64, g grouping) []float64 {
	ng := g.ngroups
	out := make([]float64, ng)
	switch st.name {
	case "count", "sum", "mean", "sd":
		cnt := make([]float64, ng)
		sum := make([]float64, ng)
		for r, v := range x {
			if v == v {
				k := g.codes[r]
				cnt[k]++
				sum[k] += v
			}
		}
		switch st.name {
		case "count":
			return cnt
		case "sum":
			return sum
		}
		for k := range out {
			if cnt[k] > 0 {
				out[k] = sum[k] / cnt[k]
			} else {
				out[k] = nan
			}
		}
		if st.name == "mean" {
			return out
		}
		ss := make([]float64, ng)
		for r, v := range x {
			if v == v {
				k := g.codes[r]
				d := v - out[k]
				ss[k] += d * d
			}
		}
		for k := range out {
			if cnt[k] > 1 {
				out[k] = math.Sqrt(ss[k] / (cnt[k] - 1))
			} else {
				out[k] = nan
			}
		}
		return out
	case "min", "max":
		for k := range out {
			out[k] = nan
		}
		isMin := st.name == "min"
		for r, v := range x {
			if v != v {
				continue
			}
			k := g.codes[r]
			if o := out[k]; o != o || isMin && v < o || !isMin && v > o {
				out[k] = v
			}
		}
		return out
	case "first", "firstnm", "last", "lastnm":
		for k := range out {
			out[k] = nan
		}
		seen := make([]bool, ng)
		nm := strings.HasSuffix(st.name, "nm")
		if strings.HasPrefix(st.name, "first") {
			for r, v := range x {
				k := g.codes[r]
				if !seen[k] && (!nm || v == v) {
					out[k], seen[k] = v, true
				}
			}
		} else {
			for r := len(x) - 1; r >= 0; r-- {
				k, v := g.codes[r], x[r]
				if !seen[k] && (!nm || v == v) {
					out[k], seen[k] = v, true
				}
			}
		}
		return out
	case "pctile":
		segs, off := segments(x, g)
		for k := range out {
			out[k] = pctile(segs[off[k]:off[k+1]], st.p)
		}
		return out
	}
	panic("frame: groupStat " + st.name)
}

// segments returns the non-missing values of x sorted within each group:
// group k's values are segs[off[k]:off[k+1]].
func segments(x []float64, g grouping) (segs []float64, off []int) {
	off = make([]int, g.ngroups+1)
	for r, v := range x {
		if v == v {
			off[g.codes[r]+1]++
		}
	}
	for k := range g.ngroups {
		off[k+1] += off[k]
	}
	segs = make([]float64, off[g.ngroups])
	pos := slices.Clone(off[:g.ngroups])
	for r, v := range x {
		if v == v {
			k := g.codes[r]
			segs[pos[k]] = v
			pos[k]++
		}
	}
	parallelFor(min(8, g.ngroups), func(w int) {
		for k := w; k < g.ngroups; k += min(8, g.ngroups) {
			slices.Sort(segs[off[k]:off[k+1]])
		}
	})
	return segs, off
}

// pctile is the p-th percentile of sorted values as Stata's summarize,
// detail (and _pctile, egen pctile(), collapse p#) compute it ([R]
// summarize, Methods and formulas): with P = n·p/100 and i = floor(P),
// x(i+1) when P is not an integer, (x(i) + x(i+1))/2 when it is, x(1) and
// x(n) at the ends. NaN for no values.
func pctile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return nan
	}
	P := float64(n) * p / 100
	i := int(math.Floor(P))
	at := func(j int) float64 { return sorted[min(max(j, 1), n)-1] } // 1-based, clamped
	if float64(i) == P {
		return (at(i) + at(i+1)) / 2
	}
	return at(i + 1)
}

// groupRank ranks x within groups, ties getting the average rank (egen
// rank()); missing values get missing ranks.
func groupRank(x []float64, g grouping) []float64 {
	n := len(x)
	out := make([]float64, n)
	// Order rows by (group, value) with a stable radix sort.
	perm := make([]int32, 0, n)
	for r, v := range x {
		out[r] = nan
		if v == v {
			perm = append(perm, int32(r))
		}
	}
	keys, _ := numericSortKeys(NewFloatColumn("", x), false)
	radixSort(keys, perm)
	gk := make([]uint64, n)
	for r := range gk {
		gk[r] = uint64(g.codes[r])
	}
	radixSort(gk, perm)
	for i := 0; i < len(perm); {
		k := g.codes[perm[i]]
		start := i
		for i < len(perm) && g.codes[perm[i]] == k {
			i++
		}
		// rows start..i-1 are group k in value order
		for a := start; a < i; {
			b := a
			for b < i && x[perm[b]] == x[perm[a]] {
				b++
			}
			rank := float64(a-start+1+b-start) / 2 // average of ranks a-start+1 .. b-start
			for q := a; q < b; q++ {
				out[perm[q]] = rank
			}
			a = b
		}
	}
	return out
}
