package panel

import "math"

// maxSmallGroups bounds the number of groups of the smaller fixed effect
// for the exact unbalanced two-way method (its cost is O(rows·G + G³)
// once, then five passes per column).
const maxSmallGroups = 2000

// twoWay is the exact within transformation for two fixed effects, one of
// them with few groups (years, say), on an unbalanced panel. By
// Frisch-Waugh-Lovell, with B the indicators of the large FE and S those of
// the small one,
//
//	M_[B,S] x = M_B x − M_B S γ,   (S'M_B S) γ = S'M_B x,
//
// where S'M_B S = diag(counts of S) − Σ_g c_g c_g'/n_g (c_g the counts of
// the small-FE levels within large-FE group g) is a small Laplacian-like
// matrix, singular by one per connected component: it is factored once by
// Cholesky with dependent levels dropped (their γ set to 0, which leaves
// M_B S γ unchanged).
type twoWay struct {
	big, small int         // indices of the two FEs in Demeaner.codes
	kept       []int       // small-FE levels kept in the factor
	chol       [][]float64 // lower Cholesky factor of S'M_B S on kept levels (row-major rows)
	pos        []int       // position of each small level in kept, or -1
}

// newTwoWay prepares the method, or returns nil if the smaller FE has too
// many groups.
func newTwoWay(d *Demeaner) *twoWay {
	big, small := 0, 1
	if len(d.invCount[1]) > len(d.invCount[0]) {
		big, small = 1, 0
	}
	gs := len(d.invCount[small])
	if gs > maxSmallGroups {
		return nil
	}
	gb := len(d.invCount[big])
	bc, sc := d.codes[big], d.codes[small]
	// rows of each big group (counting sort)
	start := make([]int32, gb+1)
	for _, g := range bc {
		start[g+1]++
	}
	for g := range gb {
		start[g+1] += start[g]
	}
	next := append([]int32(nil), start[:gb]...)
	order := make([]int32, len(bc))
	for i, g := range bc {
		order[next[g]] = int32(i)
		next[g]++
	}
	a := make([]float64, gs*gs)
	for i := range sc {
		a[int(sc[i])*gs+int(sc[i])]++
	}
	cnt := make([]float64, gs)
	var touched []int32
	for g := range gb {
		touched = touched[:0]
		for _, i := range order[start[g]:start[g+1]] {
			s := sc[i]
			if cnt[s] == 0 {
				touched = append(touched, s)
			}
			cnt[s]++
		}
		w := d.invCount[big][g]
		for _, s := range touched {
			for _, u := range touched {
				a[int(s)*gs+int(u)] -= cnt[s] * cnt[u] * w
			}
		}
		for _, s := range touched {
			cnt[s] = 0
		}
	}
	// sequential Cholesky, dropping levels dependent on earlier ones
	tw := &twoWay{big: big, small: small, pos: make([]int, gs)}
	var rows [][]float64 // rows of L for kept levels, length = position+1
	for j := range gs {
		tw.pos[j] = -1
		l := make([]float64, len(tw.kept)+1)
		for p, k := range tw.kept {
			s := a[j*gs+k]
			for q := range p {
				s -= l[q] * rows[p][q]
			}
			l[p] = s / rows[p][p]
		}
		dj := a[j*gs+j]
		for p := range tw.kept {
			dj -= l[p] * l[p]
		}
		if dj <= 1e-10*math.Max(a[j*gs+j], 1e-300) {
			continue // dependent level (one per connected component)
		}
		l[len(tw.kept)] = math.Sqrt(dj)
		tw.pos[j] = len(tw.kept)
		tw.kept = append(tw.kept, j)
		rows = append(rows, l)
	}
	tw.chol = rows
	return tw
}

// demean applies the exact two-way transformation to x in place.
func (tw *twoWay) demean(d *Demeaner, x []float64, sums [][]float64) {
	d.project(tw.big, x, sums[tw.big]) // x = M_B x
	sc := d.codes[tw.small]
	rhs := sums[tw.small]
	clear(rhs)
	for i, s := range sc {
		rhs[s] += x[i]
	}
	// solve L L' γ = rhs on the kept levels
	k := len(tw.kept)
	y := make([]float64, k)
	for p := range k {
		s := rhs[tw.kept[p]]
		for q := range p {
			s -= tw.chol[p][q] * y[q]
		}
		y[p] = s / tw.chol[p][p]
	}
	for p := k - 1; p >= 0; p-- {
		s := y[p]
		for q := p + 1; q < k; q++ {
			s -= tw.chol[q][p] * y[q]
		}
		y[p] = s / tw.chol[p][p]
	}
	gamma := rhs // reuse: γ per small level (0 for dropped levels)
	for j := range gamma {
		gamma[j] = 0
		if p := tw.pos[j]; p >= 0 {
			gamma[j] = y[p]
		}
	}
	// x -= M_B S γ = Sγ - (group means of Sγ within B)
	bc, inv := d.codes[tw.big], d.invCount[tw.big]
	bs := sums[tw.big]
	clear(bs)
	for i, s := range sc {
		bs[bc[i]] += gamma[s]
	}
	for g := range bs {
		bs[g] *= inv[g]
	}
	for i, s := range sc {
		x[i] -= gamma[s] - bs[bc[i]]
	}
}
