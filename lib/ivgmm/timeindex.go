package ivgmm

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// timeIndex is the time order of the sample rows (Stata's tsset/xtset),
// for the kernel covariances: positions sort the rows by entity, then
// time, and lag τ pairs the row at time t with the row of the same
// entity at time t − τ, when both are in the sample (livreg2 m_omega
// uses L{τ}. of a within-sample row index).
type timeIndex struct {
	ord   []int32       // sample row at each sorted position; nil when the rows are already sorted
	ent   []int32       // entity code per sorted position; nil for a time series
	t     []int         // time per sorted position
	tcode []int32       // time − min per sample row (unsorted), the Driscoll-Kraay time cluster
	span  int           // max − min + 1 of the times in the sample (ivreg2's T)
	nT    int           // distinct times in the sample
	runs  map[int][]run // lagRuns by lag, computed once per fit
}

// newTimeIndex builds the time order of the sample rows.
func newTimeIndex(b binding) (*timeIndex, error) {
	ent, tim, err := b.panel.rowsOf(b.n)
	if err != nil {
		return nil, err
	}
	m := len(b.rows)
	type key struct {
		e int
		t int
	}
	keys := make([]key, m)
	for k, i := range b.rows {
		t := tim[i]
		if t == math.MinInt {
			return nil, fmt.Errorf("%w: time variable %q is missing in row %d of the estimation sample", ErrInput, b.panel.Time, i+1)
		}
		keys[k].t = t
		if ent != nil {
			keys[k].e = ent[i]
		}
	}
	ti := &timeIndex{}
	less := func(a, c key) int {
		if a.e != c.e {
			return a.e - c.e
		}
		return a.t - c.t
	}
	sorted := slices.IsSortedFunc(keys, less)
	if !sorted {
		ti.ord = make([]int32, m)
		for k := range ti.ord {
			ti.ord[k] = int32(k)
		}
		slices.SortStableFunc(ti.ord, func(a, c int32) int { return less(keys[a], keys[c]) })
	}
	ti.t = make([]int, m)
	if ent != nil {
		ti.ent = make([]int32, m)
	}
	tmin, tmax := math.MaxInt, math.MinInt
	for p := range m {
		k := p
		if ti.ord != nil {
			k = int(ti.ord[p])
		}
		ti.t[p] = keys[k].t
		if ti.ent != nil {
			ti.ent[p] = int32(keys[k].e)
		}
		tmin, tmax = min(tmin, keys[k].t), max(tmax, keys[k].t)
		if p > 0 && ti.t[p] == ti.t[p-1] && (ti.ent == nil || ti.ent[p] == ti.ent[p-1]) {
			what := "time series"
			if ti.ent != nil {
				what = "panel"
			}
			return nil, fmt.Errorf("%w: repeated time value %d of %q in the %s (rows %d and %d); tsset/xtset needs one row per time",
				ErrInput, ti.t[p], b.panel.Time, what, b.rows[ti.rowAt(p-1)]+1, b.rows[k]+1)
		}
	}
	ti.span = tmax - tmin + 1
	ti.tcode = make([]int32, m)
	seen := make([]bool, ti.span)
	for k := range m {
		c := keys[k].t - tmin
		ti.tcode[k] = int32(c)
		if !seen[c] {
			seen[c] = true
			ti.nT++
		}
	}
	return ti, nil
}

// rowAt is the sample row at sorted position p.
func (ti *timeIndex) rowAt(p int) int {
	if ti.ord == nil {
		return p
	}
	return int(ti.ord[p])
}

// run is a stretch [a, b) of sorted positions whose lag partner is the
// position off before.
type run struct{ a, b, off int }

// lagRuns returns the pairs (p, p − off) of sorted positions at lag tau
// (same entity, time t − tau) as runs.
func (ti *timeIndex) lagRuns(tau int) []run {
	if r, ok := ti.runs[tau]; ok {
		return r
	}
	if ti.runs == nil {
		ti.runs = map[int][]run{}
	}
	r := ti.findRuns(tau)
	ti.runs[tau] = r
	return r
}

func (ti *timeIndex) findRuns(tau int) []run {
	var out []run
	j := 0
	for p := range ti.t {
		target := ti.t[p] - tau
		for j < p && (ti.ent != nil && ti.ent[j] < ti.ent[p] || (ti.ent == nil || ti.ent[j] == ti.ent[p]) && ti.t[j] < target) {
			j++
		}
		if j < p && (ti.ent == nil || ti.ent[j] == ti.ent[p]) && ti.t[j] == target {
			off := p - j
			if k := len(out) - 1; k >= 0 && out[k].b == p && out[k].off == off {
				out[k].b++
			} else {
				out = append(out, run{p, p + 1, off})
			}
		}
	}
	return out
}

// sorted gathers the columns into sorted order (buffers of ds, or the
// columns themselves when the rows are sorted).
func (ti *timeIndex) sorted(ds *sample, cols [][]float64) (out [][]float64, owned bool) {
	if ti.ord == nil {
		return cols, false
	}
	out = make([][]float64, len(cols))
	for k, c := range cols {
		b := ds.buf()
		for p, i := range ti.ord {
			b[p] = c[i]
		}
		out[k] = b
	}
	return out, true
}

// addLagged adds Σ_{τ=1..maxLag} k(τ/bw)·(G_τ + G_τ') to acc (q×q,
// row-major, full), G_τ = Σ_{pairs at lag τ} s_p s_{p−off}' over the
// score columns sc in sorted order; runs returns the pairs at lag τ.
// Each lag gathers the partners into shifted copies of the columns
// (zero where a row has no partner), so that G_τ is q² full-length
// (SIMD) dot products, as the Gram matrix of the robust meat.
func addLagged(acc []float64, sc [][]float64, k Kernel, bw float64, maxLag int, runs func(tau int) []run) {
	q := len(sc)
	if q == 0 || maxLag < 1 {
		return
	}
	m := len(sc[0])
	lag := make([][]float64, q)
	for a := range lag {
		lag[a] = getVec(m)
	}
	defer func() {
		for _, l := range lag {
			vecPool.put(l)
		}
	}()
	g := make([]float64, q*q)
	for tau := 1; tau <= maxLag; tau++ {
		kw := k.weight(tau, bw)
		if kw == 0 {
			continue
		}
		rs := runs(tau)
		if len(rs) == 0 {
			continue
		}
		for a := range q {
			l := lag[a]
			clear(l)
			for _, r := range rs {
				copy(l[r.a:r.b], sc[a][r.a-r.off:r.b-r.off])
			}
		}
		for a := range q {
			for c := range q {
				g[a*q+c] = floats.Dot(sc[a], lag[c])
			}
		}
		for a := range q {
			for c := range q {
				acc[a*q+c] += kw * (g[a*q+c] + g[c*q+a])
			}
		}
	}
}

// scoreCols returns the score columns s_{r·len(z)+l} = res_r ⊙ z_l in
// buffers of ds.
func scoreCols(ds *sample, res, z [][]float64) [][]float64 {
	nz := len(z)
	out := make([][]float64, len(res)*nz)
	for r, e := range res {
		for l, zl := range z {
			b := ds.buf()
			for i := range b {
				b[i] = e[i] * zl[i]
			}
			out[r*nz+l] = b
		}
	}
	return out
}

// fullGram returns the full (not only lower) Gram matrix of cols,
// row-major.
func fullGram(cols [][]float64) []float64 {
	q := len(cols)
	acc := make([]float64, q*q)
	gramAcc(acc, cols)
	for a := range q {
		for b := 0; b < a; b++ {
			acc[b*q+a] = acc[a*q+b]
		}
	}
	return acc
}

// symFull returns the symmetric part of a full q×q row-major matrix.
func symFull(acc []float64, q int) *symDense {
	m := newSym(q)
	for a := range q {
		for b := a; b < q; b++ {
			m.SetSym(a, b, (acc[a*q+b]+acc[b*q+a])/2)
		}
	}
	return m
}
