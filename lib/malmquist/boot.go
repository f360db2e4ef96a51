package malmquist

import (
	"fmt"
	"math"
	"sort"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/internal/detrand"
)

// BootOptions control Bootstrap: Replications B per pair of periods
// (Simar & Wilson use 1000-2000), Seed (replication b of pair t draws from
// the stream (Seed, t<<32 | b), so results do not depend on Workers),
// Alpha (intervals of level 1 − Alpha; 0 means 0.05), Workers and
// Progress (called after each replication with the number done and the
// total (T−1)·B; TextProgress draws a bar or a progress line). They are
// lib/dea's options.
type BootOptions = dea.BootOptions

// Interval is the bootstrap distribution of one index.
type Interval struct {
	Estimate      float64 // the DEA estimate
	BiasCorrected float64 // 2·Estimate − mean of the bootstrap values
	Bias          float64 // Estimate − BiasCorrected
	SD            float64 // standard deviation of the bootstrap values
	Lower, Upper  float64 // the 1 − Alpha interval
	// Significant: the interval excludes 1 (no change).
	Significant bool
}

// BootIndex holds the intervals of tfpch, effch and techch of one DMU
// between two periods (Period the later one), or of a period's geometric
// mean over DMUs (DMU empty), or of the overall mean (both empty).
type BootIndex struct {
	DMU                  string
	Period               int
	TFPCh, EffCh, TechCh Interval
}

// Boot is a Malmquist run with its Simar-Wilson (1999) bootstrap.
type Boot struct {
	*Result
	Replications int
	Seed         uint64
	Alpha        float64
	// Bandwidth of each pair's bivariate kernel (index 0 unused).
	Bandwidth []float64
	// Intervals in the order of Result.Indices and Result.PeriodMeans,
	// and of the overall mean.
	Intervals       []BootIndex
	PeriodIntervals []BootIndex
	Overall         BootIndex
	// BootLPs counts the LPs of the bootstrap replications.
	BootLPs int
}

// Bootstrap computes the contemporaneous radial Malmquist index of d (as
// Compute) and the smoothed bivariate bootstrap of Simar & Wilson (1999,
// "Estimating and bootstrapping Malmquist indices", EJOR 115:459-471) for
// each pair of adjacent periods (t−1, t), which keeps the correlation of a
// DMU's efficiency in the two periods:
//
//  1. the pairs v_k = (δ̂_{t−1}(k), δ̂_t(k)) of Shephard distances (1/θ in
//     the input orientation, φ = 1/D_o in the output one; >= 1, CRS, own
//     period) and their reflections 2 − v_k form 2n rows; Σ̂ is their
//     covariance (around (1, 1));
//  2. each replication draws n rows r_k, adds h·z_k with z_k ~ N(0, Σ̂),
//     shrinks toward the mean of the drawn rows r̄ by 1/sqrt(1 + h²)
//     (variance correction) and reflects every component below 1 (x →
//     2 − x): δ*_k;
//  3. pseudo-data x*_{k,s} = x_{k,s} δ*_s(k)/δ̂_s(k) for s = t−1, t
//     (input orientation; y* = y δ̂/δ* in the output one) give the
//     pseudo-technologies, against which the original observations are
//     evaluated: tfpch*, effch*, techch*;
//  4. with B replications, bias-corrected index 2M̂ − mean(M*), and the
//     interval [M̂ − q_{1−α/2}, M̂ − q_{α/2}], q the quantiles (R type 7)
//     of M* − M̂; the change is significant when the interval excludes 1.
//
// The bandwidth is Silverman's (1986, eq. 4.14) normal-reference rule for
// a bivariate kernel, h = n^{−1/6}. Period means are geometric means over
// the DMUs in each replication. Only the CRS components (tfpch, effch,
// techch) are bootstrapped: 4 LPs per DMU, pair and replication.
//
// Every replication of every pair runs on one goroutine with its own
// stream of lib/internal/detrand: the intervals are identical for any
// number of Workers.
func Bootstrap(d Data, opt Options, bo BootOptions) (*Boot, error) {
	if opt.Frontier != Contemporaneous || opt.Directional || d.Bad != nil {
		return nil, fmt.Errorf("%w: the Simar-Wilson bootstrap is for the contemporaneous radial Malmquist index", ErrData)
	}
	bo, err := bo.Check()
	if err != nil {
		return nil, err
	}
	res, err := Compute(d, opt)
	if err != nil {
		return nil, err
	}
	p, err := index(d)
	if err != nil {
		return nil, err
	}
	T := len(p.periods)
	B := bo.Replications
	out := &Boot{Result: res, Replications: B, Seed: bo.Seed, Alpha: bo.Alpha, Bandwidth: make([]float64, T)}
	// Index rows of the result by DMU and period.
	rowOf := map[string]int{}
	for i, ix := range res.Indices {
		rowOf[fmt.Sprint(ix.DMU, "\x00", ix.Period)] = i
	}
	out.Intervals = make([]BootIndex, len(res.Indices))
	periodStars := make([][][3]float64, T) // [t][rep] geometric means of the pair
	for t := 1; t < T; t++ {
		pr, err := newPairBoot(d, p, opt, t)
		if err != nil {
			return nil, err
		}
		out.Bandwidth[t] = pr.h
		stars := make([][][3]float64, B) // [rep][k]
		lps := make([]int, B)
		err = bo.Replicate(B, (t-1)*B, (T-1)*B, func(b int) error {
			var e error
			if stars[b], lps[b], e = pr.replicate(bo.Seed, b); e != nil {
				return fmt.Errorf("malmquist: bootstrap of periods %d-%d, replication %d: %w", p.periods[t-1], p.periods[t], b+1, e)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, l := range lps {
			out.BootLPs += l
		}
		periodStars[t] = make([][3]float64, B)
		for b := 0; b < B; b++ {
			var g [3]float64
			for _, v := range stars[b] {
				for c := range g {
					g[c] += math.Log(v[c])
				}
			}
			for c := range g {
				periodStars[t][b][c] = math.Exp(g[c] / float64(len(stars[b])))
			}
		}
		vals := make([][3]float64, B)
		for kk, k := range pr.dmus {
			i, ok := rowOf[fmt.Sprint(p.dmus[k], "\x00", p.periods[t])]
			if !ok {
				continue
			}
			for b := 0; b < B; b++ {
				vals[b] = stars[b][kk]
			}
			out.Intervals[i] = intervals(res.Indices[i], vals, bo.Alpha)
		}
	}
	vals := make([][3]float64, B)
	for pi, pm := range res.PeriodMeans {
		t := pi + 1
		copy(vals, periodStars[t])
		out.PeriodIntervals = append(out.PeriodIntervals, intervals(pm, vals, bo.Alpha))
	}
	for b := 0; b < B; b++ {
		var g [3]float64
		for t := 1; t < T; t++ {
			for c := range g {
				g[c] += math.Log(periodStars[t][b][c])
			}
		}
		for c := range g {
			vals[b][c] = math.Exp(g[c] / float64(T-1))
		}
	}
	out.Overall = intervals(res.Overall, vals, bo.Alpha)
	res.Notes = append(res.Notes, fmt.Sprintf("Simar-Wilson (1999) bootstrap: %d replications per pair of periods, seed %d, %g%% intervals; %d bootstrap LPs.",
		B, bo.Seed, 100*(1-bo.Alpha), out.BootLPs))
	return out, nil
}

// intervals summarises the bootstrap values (tfpch, effch, techch) of one
// index.
func intervals(ix Index, vals [][3]float64, alpha float64) BootIndex {
	bi := BootIndex{DMU: ix.DMU, Period: ix.Period}
	est := [3]float64{ix.TFPCh, ix.EffCh, ix.TechCh}
	dst := [3]*Interval{&bi.TFPCh, &bi.EffCh, &bi.TechCh}
	diff := make([]float64, len(vals))
	for c := range est {
		mean, ss := 0.0, 0.0
		for b, v := range vals {
			diff[b] = v[c] - est[c]
			mean += v[c]
		}
		mean /= float64(len(vals))
		for _, v := range vals {
			ss += (v[c] - mean) * (v[c] - mean)
		}
		sort.Float64s(diff)
		iv := Interval{Estimate: est[c], BiasCorrected: 2*est[c] - mean, SD: math.Sqrt(ss / float64(len(vals)-1)),
			Lower: est[c] - dea.Quantile(diff, 1-alpha/2), Upper: est[c] - dea.Quantile(diff, alpha/2)}
		iv.Bias = iv.Estimate - iv.BiasCorrected
		iv.Significant = iv.Lower > 1 || iv.Upper < 1
		*dst[c] = iv
	}
	return bi
}

// pairBoot holds one pair of periods of the bootstrap.
type pairBoot struct {
	d     *Data
	o     dea.Orientation
	plain bool
	t     int
	dmus  []int     // DMU indices present in both periods
	rowA  []int     // data rows in period t−1
	rowB  []int     // data rows in period t
	delA  []float64 // Shephard distances δ̂ (>= 1), own period, CRS
	delB  []float64
	h     float64
	chol  [3]float64 // lower Cholesky factor of Σ̂: l11, l21, l22
	order []int      // evaluation order of the DMUs (dea.LocalityOrder)
}

func newPairBoot(d Data, p *panel, opt Options, t int) (*pairBoot, error) {
	pr := &pairBoot{d: &d, o: opt.Orientation, plain: opt.Plain, t: t}
	for k := range p.dmus {
		if a, b := p.cell[t-1][k], p.cell[t][k]; a >= 0 && b >= 0 {
			pr.dmus, pr.rowA, pr.rowB = append(pr.dmus, k), append(pr.rowA, a), append(pr.rowB, b)
		}
	}
	n := len(pr.dmus)
	if n < 3 {
		return nil, fmt.Errorf("%w: periods %d and %d have %d DMUs in common; the bootstrap needs at least three", ErrData, p.periods[t-1], p.periods[t], n)
	}
	own := func(rows []int) ([]float64, error) {
		xs, ys := make([][]float64, n), make([][]float64, n)
		for i, r := range rows {
			xs[i], ys[i] = d.Inputs[r], d.Outputs[r]
		}
		tech, err := dea.NewTechnology(xs, ys)
		if err != nil {
			return nil, err
		}
		tech.Plain = opt.Plain
		out := make([]float64, n)
		for i := range rows {
			v, err := tech.Distance(xs[i], ys[i], dea.CRS, opt.Orientation)
			if err != nil {
				return nil, err
			}
			out[i] = 1 / v
		}
		return out, nil
	}
	var err error
	if pr.delA, err = own(pr.rowA); err != nil {
		return nil, fmt.Errorf("malmquist: bootstrap, period %d: %w", p.periods[t-1], err)
	}
	if pr.delB, err = own(pr.rowB); err != nil {
		return nil, fmt.Errorf("malmquist: bootstrap, period %d: %w", p.periods[t], err)
	}
	// Covariance of the reflected sample (its mean is (1, 1)).
	var s11, s12, s22 float64
	for i := 0; i < n; i++ {
		a, b := pr.delA[i]-1, pr.delB[i]-1
		s11 += a * a
		s12 += a * b
		s22 += b * b
	}
	s11, s12, s22 = s11/float64(n), s12/float64(n), s22/float64(n)
	if !(s11 > 0) || !(s22 > 0) {
		return nil, fmt.Errorf("%w: periods %d-%d: every DMU is efficient in a period; the smoothed bootstrap needs inefficient DMUs", ErrData, p.periods[t-1], p.periods[t])
	}
	l11 := math.Sqrt(s11)
	l21 := s12 / l11
	l22sq := s22 - l21*l21
	if l22sq <= 1e-14*s22 { // perfectly correlated: no cross term
		l21, l22sq = 0, s22
	}
	pr.chol = [3]float64{l11, l21, math.Sqrt(l22sq)}
	pr.h = math.Pow(float64(n), -1.0/6)
	xs, ys := make([][]float64, n), make([][]float64, n)
	for i, r := range pr.rowA {
		xs[i], ys[i] = d.Inputs[r], d.Outputs[r]
	}
	pr.order = dea.LocalityOrder(xs, ys)
	return pr, nil
}

// replicate runs replication b and returns (tfpch*, effch*, techch*) per
// DMU of the pair and the number of LPs.
func (pr *pairBoot) replicate(seed uint64, b int) ([][3]float64, int, error) {
	n := len(pr.dmus)
	st := detrand.NewStream(seed, uint64(pr.t)<<32|uint64(b))
	ra, rb := make([]float64, n), make([]float64, n)
	za, zb := make([]float64, n), make([]float64, n)
	var ma, mb float64
	for k := 0; k < n; k++ {
		i := int(st.Unif(uint64(3*k)) * float64(2*n))
		if i < n {
			ra[k], rb[k] = pr.delA[i], pr.delB[i]
		} else {
			ra[k], rb[k] = 2-pr.delA[i-n], 2-pr.delB[i-n]
		}
		u1, u2 := st.Unif(uint64(3*k+1)), st.Unif(uint64(3*k+2))
		r := math.Sqrt(-2 * math.Log(1-u1))
		e1, e2 := r*math.Cos(2*math.Pi*u2), r*math.Sin(2*math.Pi*u2)
		za[k] = pr.chol[0] * e1
		zb[k] = pr.chol[1]*e1 + pr.chol[2]*e2
		ma += ra[k]
		mb += rb[k]
	}
	ma /= float64(n)
	mb /= float64(n)
	corr := 1 / math.Sqrt(1+pr.h*pr.h)
	draw := func(r, z, mean float64) float64 {
		v := mean + (r+pr.h*z-mean)*corr
		if v < 1 {
			v = 2 - v
		}
		return v
	}
	d := pr.d
	pseudo := func(rows []int, del []float64, star func(int) float64) (*dea.Technology, error) {
		xs, ys := make([][]float64, n), make([][]float64, n)
		for k, r := range rows {
			s := star(k)
			if pr.o == dea.Input {
				xs[k], ys[k] = scaleVec(d.Inputs[r], s/del[k]), d.Outputs[r]
			} else {
				xs[k], ys[k] = d.Inputs[r], scaleVec(d.Outputs[r], del[k]/s)
			}
		}
		tech, err := dea.NewTechnology(xs, ys)
		if err != nil {
			return nil, err
		}
		tech.Plain, tech.CRSOnly = pr.plain, true
		return tech, nil
	}
	ta, err := pseudo(pr.rowA, pr.delA, func(k int) float64 { return draw(ra[k], za[k], ma) })
	if err != nil {
		return nil, 0, err
	}
	tb, err := pseudo(pr.rowB, pr.delB, func(k int) float64 { return draw(rb[k], zb[k], mb) })
	if err != nil {
		return nil, 0, err
	}
	out := make([][3]float64, n)
	dist := func(t *dea.Technology, r int) (float64, error) {
		return t.Distance(d.Inputs[r], d.Outputs[r], dea.CRS, pr.o)
	}
	for _, k := range pr.order {
		var pd pairDist
		var e [4]error
		pd.aa, e[0] = dist(ta, pr.rowA[k])
		pd.ab, e[1] = dist(ta, pr.rowB[k])
		pd.ba, e[2] = dist(tb, pr.rowA[k])
		pd.bb, e[3] = dist(tb, pr.rowB[k])
		for _, x := range e {
			if x != nil {
				return nil, 0, x
			}
		}
		pd.vrsA, pd.vrsB = 1, 1
		ix := pd.components(Contemporaneous)
		out[k] = [3]float64{ix.TFPCh, ix.EffCh, ix.TechCh}
	}
	return out, ta.LPs() + tb.LPs(), nil
}

func scaleVec(v []float64, f float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * f
	}
	return out
}
