package ivgmm

import (
	"fmt"
	"strconv"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/design"
)

// HAC is the kernel-robust (heteroskedasticity and autocorrelation
// consistent) covariance of ivreg2's robust bw(bw) kernel(k), for a time
// series (Options.Panel = TimeBy("t")) or within the entities of a panel
// (PanelBy("id", "t"); Newey and West 1987, Andrews 1991):
//
//	S = [Σ_i s_i s_i' + Σ_{τ≥1} k(τ/bw) Σ_t (s_t s_{t−τ}' + s_{t−τ} s_t')] / (N−dofminus),   s_i = u_i z_i
//
// the lagged pairs taken within an entity and only when both rows are
// in the sample (a gap in time drops the pairs across it). Lag windows
// stop at floor(bw), spectral ones use every lag (see Kernel). Small:
// V × (N−dofminus)/(N−K−dofminus), as Robust(). ivreg2's bw is lags + 1:
// Stata ivregress's vce(hac bartlett 12) is HAC(Bartlett, 13), and
// HAC(k, 1) is Robust() for every lag window but Truncated and
// Tukey-Hamming. With weights, s_i = w_i u_i z_i (aweight, pweight;
// ivreg2 refuses fweight and iweight with a kernel).
func HAC(k Kernel, bw float64) VCE { return hac{k: k, bw: bw, robust: true} }

// AC is ivreg2's bw(bw) kernel(k) without robust: autocorrelation
// consistent, homoskedastic,
//
//	S = [σ̂_0 Σ z z' + Σ_{τ≥1} k(τ/bw) (σ̂_τ Σ_t z_t z_{t−τ}' + transpose)] / N,   σ̂_τ = Σ_t u_t u_{t−τ}/(N−dofminus)
func AC(k Kernel, bw float64) VCE { return hac{k: k, bw: bw} }

// Kiefer is ivreg2's kiefer: the AC covariance with the truncated
// kernel and the bandwidth the time span T of the panel (Kiefer 1980),
// robust to arbitrary within-panel autocorrelation under homoskedasticity.
// It needs Options.Panel.
func Kiefer() VCE { return hac{k: Truncated, kiefer: true} }

type hac struct {
	k      Kernel
	bw     float64
	robust bool
	kiefer bool // bw = T, the span of the sample's times (set at bind)
	ti     *timeIndex
}

func fmtBW(bw float64) string { return strconv.FormatFloat(bw, 'g', -1, 64) }

// String is econb fit's --vce: hac:KERNEL:LAGS with LAGS = bw − 1, as
// ivregress vce(hac KERNEL LAGS); ac:KERNEL:LAGS for AC.
func (h hac) String() string {
	if h.kiefer {
		return "kiefer"
	}
	kind := "hac"
	if !h.robust {
		kind = "ac"
	}
	return kind + ":" + h.k.code() + ":" + fmtBW(h.bw-1)
}

func (h hac) Stata() string {
	if h.kiefer {
		return "kiefer"
	}
	s := "bw(" + fmtBW(h.bw) + ") kernel(" + h.k.code() + ")"
	if h.robust {
		return "robust " + s
	}
	return s
}

func (h hac) describe() vceText {
	t := robustText("heteroskedasticity and autocorrelation", "Statistics robust to heteroskedasticity and autocorrelation", "")
	if !h.robust {
		t = robustText("autocorrelation", "Statistics robust to autocorrelation", "")
	}
	t.kernel = fmt.Sprintf("kernel=%s; bandwidth=%s", h.k, fmtBW(h.bw))
	if h.kiefer {
		t.kernel = "kernel=Truncated; bandwidth=T (Kiefer)"
	}
	return t
}

func (hac) designOptions(*design.Options) {}
func (h hac) resolve(*design.Design) VCE  { return h }

func (h hac) bind(b binding) (covariance, error) {
	if err := kernelWeightsOK(b.ds); err != nil {
		return nil, err
	}
	ti, err := newTimeIndex(b)
	if err != nil {
		return nil, err
	}
	h.ti = ti
	if h.kiefer {
		h.bw = float64(ti.span)
	}
	if err := checkBW(h.k, h.bw); err != nil {
		return nil, err
	}
	return sandwich{b.ds, h}, nil
}

// kernelWeightsOK refuses fweight and iweight with a kernel covariance,
// as ivreg2 does.
func kernelWeightsOK(ds *sample) error {
	if ds.wt != nil && (ds.wt.kind == FWeights || ds.wt.kind == IWeights) {
		return fmt.Errorf("%w: %s are not allowed with a kernel-robust covariance (ivreg2); use aweight or pweight", ErrInput, ds.wt.kind)
	}
	return nil
}

func (hac) rules(ds *sample) dofRules { return unclustered{ds} }

func (h hac) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	if !h.robust {
		return h.acSum(ds, res, z)
	}
	return sumViaScores(ds, res, z, h.sumScores)
}

// sumViaScores is the meat of a kind that works on score columns: it
// forms s = res ⊗ z in buffers of ds, sums, and frees them.
func sumViaScores(ds *sample, res, z [][]float64, sum func(*sample, [][]float64) *mat.SymDense) *mat.SymDense {
	sc := scoreCols(ds, res, z)
	out := sum(ds, sc)
	ds.release(sc...)
	return out
}

func (h hac) sumScores(ds *sample, sc [][]float64) *mat.SymDense {
	acc := fullGram(sc)
	srt, owned := h.ti.sorted(ds, sc)
	addLagged(acc, srt, h.k, h.bw, h.k.maxLag(h.bw, h.ti.span), h.ti.lagRuns)
	if owned {
		ds.release(srt...)
	}
	return symFull(acc, len(sc))
}

// acSum is the AC meat scaled so that dividing by N−dofminus gives
// ivreg2's S: (N−dofminus)/N · Σ_τ k_τ (σ̂_τ ⊗ Z_t'Z_{t−τ} + transpose).
func (h hac) acSum(ds *sample, res, z [][]float64) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	den := (ds.nw - float64(ds.dofminus))
	kron := func(acc []float64, sig, zz []float64, kw float64) {
		for r := range nr {
			for r2 := range nr {
				s := sig[r*nr+r2] * kw
				for l := range nz {
					for l2 := range nz {
						acc[(r*nz+l)*q+r2*nz+l2] += s * zz[l*nz+l2]
					}
				}
			}
		}
	}
	acc := make([]float64, q*q)
	sig := fullGram(res)
	floats.Scale(1/den, sig)
	kron(acc, sig, fullGram(z), 1)
	srtE, ownE := h.ti.sorted(ds, res)
	srtZ, ownZ := h.ti.sorted(ds, z)
	cross := func(a, b [][]float64, rs []run) []float64 {
		g := make([]float64, len(a)*len(b))
		for i := range a {
			for j := range b {
				for _, r := range rs {
					g[i*len(b)+j] += floats.Dot(a[i][r.a:r.b], b[j][r.a-r.off:r.b-r.off])
				}
			}
		}
		return g
	}
	for tau := 1; tau <= h.k.maxLag(h.bw, h.ti.span); tau++ {
		kw := h.k.weight(tau, h.bw)
		if kw == 0 {
			continue
		}
		rs := h.ti.lagRuns(tau)
		if len(rs) == 0 {
			continue
		}
		sg := cross(srtE, srtE, rs)
		floats.Scale(1/den, sg)
		zz := cross(srtZ, srtZ, rs)
		kron(acc, sg, zz, kw)
		// the transpose: σ̂_τ' ⊗ ZZ_τ'
		sgT, zzT := transposed(sg, nr), transposed(zz, nz)
		kron(acc, sgT, zzT, kw)
	}
	if ownE {
		ds.release(srtE...)
	}
	if ownZ {
		ds.release(srtZ...)
	}
	floats.Scale(den/ds.nw, acc)
	return symFull(acc, q)
}

func transposed(a []float64, n int) []float64 {
	out := make([]float64, n*n)
	for i := range n {
		for j := range n {
			out[j*n+i] = a[i*n+j]
		}
	}
	return out
}

// DriscollKraay is the covariance of Driscoll and Kraay (1998), ivreg2's
// dkraay(bw) (with kernel(k)): the scores summed over the entities of
// each period, h_t = Σ_{i in t} s_i, then kernel-smoothed over time,
//
//	S = [Σ_t h_t h_t' + Σ_{τ≥1} k(τ/bw) Σ_t (h_t h_{t−τ}' + h_{t−τ} h_t')] / N
//
// robust to heteroskedasticity, autocorrelation and cross-sectional
// dependence. It needs Options.Panel. Small: V × (N−1)/(N−K)·T/(T−1),
// t and F with T−1 df, T the periods in the sample (cluster rules with
// the periods as clusters).
func DriscollKraay(k Kernel, bw float64) VCE { return dkraay{k: k, bw: bw} }

type dkraay struct {
	k  Kernel
	bw float64
	ti *timeIndex
}

func (d dkraay) String() string { return "dkraay:" + fmtBW(d.bw) + kernelSuffix(d.k) }
func (d dkraay) Stata() string  { return "dkraay(" + fmtBW(d.bw) + ")" + kernelOpt(d.k) }

func kernelSuffix(k Kernel) string {
	if k == Bartlett {
		return ""
	}
	return ":" + k.code()
}

func kernelOpt(k Kernel) string {
	if k == Bartlett {
		return ""
	}
	return " kernel(" + k.code() + ")"
}

func (d dkraay) describe() vceText {
	t := robustText("heteroskedasticity and autocorrelation, and clustering on time",
		"Statistics robust to heteroskedasticity, autocorrelation and cross-sectional dependence (Driscoll-Kraay)", "time")
	t.kernel = fmt.Sprintf("kernel=%s; bandwidth=%s", d.k, fmtBW(d.bw))
	return t
}

func (dkraay) designOptions(*design.Options) {}
func (d dkraay) resolve(*design.Design) VCE  { return d }

func (d dkraay) bind(b binding) (covariance, error) {
	if err := checkBW(d.k, d.bw); err != nil {
		return nil, err
	}
	if err := kernelWeightsOK(b.ds); err != nil {
		return nil, err
	}
	ti, err := newTimeIndex(b)
	if err != nil {
		return nil, err
	}
	if ti.nT < 2 {
		return nil, fmt.Errorf("%w: Driscoll-Kraay errors need at least 2 periods, the sample has %d", ErrInput, ti.nT)
	}
	d.ti = ti
	return sandwich{b.ds, d}, nil
}

func (d dkraay) rules(ds *sample) dofRules { return clustered{ds, d.ti.nT} }

func (d dkraay) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	return sumViaScores(ds, res, z, d.sumScores)
}

func (d dkraay) sumScores(ds *sample, sc [][]float64) *mat.SymDense {
	return symFull(dkSum(d.ti, d.k, d.bw, sc), len(sc))
}

// dkSum is the Driscoll-Kraay meat of the score columns sc, full q×q
// row-major.
func dkSum(ti *timeIndex, k Kernel, bw float64, sc [][]float64) []float64 {
	h := groupSums(ti.tcode, ti.span, sc)
	acc := fullGram(h)
	addLagged(acc, h, k, bw, k.maxLag(bw, ti.span), func(tau int) []run {
		if tau >= ti.span {
			return nil
		}
		return []run{{tau, ti.span, tau}}
	})
	return acc
}

// ClusterKernel is ivreg2's cluster(v t) bw(bw) kernel(k), the two-way
// clustering of Thompson (2011) with the time dimension kernel-smoothed:
//
//	S = [S_cluster(v) + S_DriscollKraay(t) − S_HAC(within v)] / N
//
// the last the HAC sum within the panel entities; v is usually the panel
// entity. Small: V × (N−1)/(N−K)·M/(M−1), M = min(clusters of v,
// periods), t and F with M−1 df. It needs Options.Panel.
func ClusterKernel(v string, k Kernel, bw float64) VCE {
	return clusterKernel{cl: cluster{name: v}, k: k, bw: bw}
}

type clusterKernel struct {
	cl cluster
	k  Kernel
	bw float64
	ti *timeIndex
}

func (c clusterKernel) String() string {
	return "cluster:" + c.cl.name + ",time:" + c.k.code() + ":" + fmtBW(c.bw-1)
}

func (c clusterKernel) Stata() string {
	return "cluster(" + c.cl.name + " t) bw(" + fmtBW(c.bw) + ") kernel(" + c.k.code() + ")"
}

func (c clusterKernel) describe() vceText {
	t := robustText("heteroskedasticity and autocorrelation, and clustering on "+c.cl.name+" and time",
		"Statistics robust to heteroskedasticity and autocorrelation, and clustering on "+c.cl.name+" and time", c.cl.name+" and time")
	t.kernel = fmt.Sprintf("kernel=%s; bandwidth=%s", c.k, fmtBW(c.bw))
	return t
}

func (c clusterKernel) designOptions(o *design.Options) { c.cl.designOptions(o) }
func (c clusterKernel) resolve(d *design.Design) VCE {
	c.cl = c.cl.resolve(d).(cluster)
	return c
}

func (c clusterKernel) bind(b binding) (covariance, error) {
	if err := checkBW(c.k, c.bw); err != nil {
		return nil, err
	}
	if err := kernelWeightsOK(b.ds); err != nil {
		return nil, err
	}
	cov, err := c.cl.bind(b)
	if err != nil {
		return nil, err
	}
	c.cl = cov.(sandwich).m.(cluster) // the copy with the sample's clusters
	ti, err := newTimeIndex(b)
	if err != nil {
		return nil, err
	}
	c.ti = ti
	return sandwich{b.ds, c}, nil
}

func (c clusterKernel) rules(ds *sample) dofRules { return clustered{ds, min(c.cl.on.m, c.ti.nT)} }

func (c clusterKernel) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	return sumViaScores(ds, res, z, c.sumScores)
}

func (c clusterKernel) sumScores(ds *sample, sc [][]float64) *mat.SymDense {
	q := len(sc)
	s1 := c.cl.sumScores(ds, sc)
	acc := dkSum(c.ti, c.k, c.bw, sc)
	s3 := hac{k: c.k, bw: c.bw, robust: true, ti: c.ti}.sumScores(ds, sc)
	for a := range q {
		for b := range q {
			acc[a*q+b] += s1.At(a, b) - s3.At(a, b)
		}
	}
	return symFull(acc, q)
}
