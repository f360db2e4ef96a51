package ivgmm

import (
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/design"
)

// VCE is a covariance estimator: what it assumes of the errors, the
// covariance S of the moment conditions z_i u_i it implies, and ivreg2's
// degrees-of-freedom rules that go with it. The fit, the Wald tests and
// the identification tests all take S and the rules from it.
//
//	value                 S                                    Stata
//	IID()                 σ² Z'Z/N                             (default), vce(unadjusted)
//	Robust()              Σ_i u_i² z_i z_i'/(N-dofminus)       robust, vce(robust)
//	ClusterBy("city")     Σ_g (Σ_{i∈g} u_i z_i)(·)'/N          cluster(city), vce(cluster city)
//	ClusterOn(name, ids)  the same, the codes given (matrix path)
//
// Each kind is one type: iid, robust, cluster. A kind other than IID()
// implements the meat (Σ over independent units of s s', s_i = u_i ⊗ z_i)
// and picks its small-sample rules; everything else is shared (sandwich).
// Values compare with ==.
type VCE interface {
	// String is the --vce syntax of econb fit: "iid", "robust", "cluster:city".
	String() string
	// Stata is the option of ivreg2 and xtivreg2 that asks for this
	// covariance: "" (the default), "robust", "cluster(city)".
	Stata() string

	// describe gives what the summary prints about the covariance.
	describe() vceText
	// designOptions asks the design for the frame columns the VCE names;
	// resolve returns the VCE with their codes (FitFrame, FromFrame).
	designOptions(o *design.Options)
	resolve(d *design.Design) VCE
	// bind ties the VCE to the estimation sample: rows are the rows of
	// the Data that ds keeps, in order.
	bind(b binding) (covariance, error)
}

// vceText is what the output says about a covariance: ivreg2's header
// lines and the labels of the statistics that depend on it.
type vceText struct {
	// homoskedastic: S = σ²Z'Z/N; ivreg2 then reports gmm2s as 2SLS and
	// notes nothing about Stock-Yogo's iid critical values.
	homoskedastic bool
	efficientFor  string // "arbitrary heteroskedasticity" (efficient GMM's header)
	statistics    string // "Statistics robust to heteroskedasticity"
	cluster       string // the cluster variable, "" without clusters
	se            string // header of the standard errors: "Std. Err.", "Robust SE"
	// overID is the overidentification test's name, stat code and short
	// label: Sargan's, or Hansen's J.
	overID, overIDCode, overIDLabel string
	underIDLabel                    string // "Anderson LM", "KP rk LM" (stat code kp_lm)
	kernel                          string // "kernel=Bartlett; bandwidth=3" for kernel covariances
}

// robustText is the vceText of a kind robust to what statistics says.
func robustText(efficientFor, statistics, cluster string) vceText {
	return vceText{efficientFor: efficientFor, statistics: statistics, cluster: cluster, se: "Robust SE",
		overID: "Hansen J statistic", overIDCode: "hansen_j", overIDLabel: "Hansen J", underIDLabel: "KP rk LM"}
}

// binding is what a VCE sees of a fit when it binds to the sample.
type binding struct {
	ds    *sample
	rows  []int32    // the Data rows in the sample, in order
	n     int        // rows of the Data
	panel PanelIndex // Options.Panel (its ix set on the frame path)
}

// covariance is a VCE bound to an estimation sample: the score
// covariance S in every form the estimators and tests need, and the
// degrees-of-freedom rules. Two implementations: iidCov (S = σ²Z'Z/N,
// closed forms) and sandwich (S from the meat of a kind).
type covariance interface {
	homoskedastic() bool
	rules() dofRules
	// sTilde is S at the residuals e in the orthonormal instrument
	// coordinates of f: S̃ = Rzz⁻ᵀ S Rzz⁻¹.
	sTilde(f *ivFit, e []float64) *mat.SymDense
	// sTildeCentered is sTilde with centred moments, s_i − s̄ (center);
	// under IID() σ² = Σ(u − ū)²/(N−dofminus).
	// With weights the scores w_i u_i z_i are centred as w_i (u_i z_i −
	// m), m the weighted mean of u z, or with rawMean its unweighted mean
	// (what ivregress gmm center does in the S of its VCE).
	sTildeCentered(f *ivFit, e []float64, rawMean bool) *mat.SymDense
	// vIV is the VCE of the linear IV (2SLS, OLS) estimate of f,
	// N (C'C)⁻¹ C'S̃C (C'C)⁻¹, with s1 its S̃.
	vIV(f *ivFit, s1 *mat.SymDense) *mat.SymDense
	// vKClass is the VCE of the k-class (LIML) estimate with residuals
	// e, A⁻¹ = (X'(I-κM_Z)X)⁻¹ and the projection Π (x̂ = Π'z) on the
	// instruments z: σ²A⁻¹, or A⁻¹Π'(N·S)ΠA⁻¹.
	vKClass(e []float64, ainv *mat.SymDense, pi *mat.Dense, z [][]float64) *mat.SymDense
	// excludedWald is the Wald statistic of the coefficients pi of the
	// excluded instruments in the partialled regression p with residuals
	// res; wcl is its classical (iid) value.
	excludedWald(p *partialled, pi *mat.VecDense, res []float64, wcl float64) float64
	// underID fills the underidentification test (Anderson LM, or
	// Kleibergen-Paap rk LM) and the Kleibergen-Paap rk Wald F.
	underID(r *Result, c *canon, p *partialled, lmin float64) error
}

// meat is the part of a covariance kind other than IID(): the meat of
// the sandwich and the small-sample rules that go with it.
type meat interface {
	// sum returns Σ over independent units of s s' for the scores
	// s_i = kron(res_i, z_i) (residual-major: index r·len(z) + l),
	// unscaled.
	sum(ds *sample, res, z [][]float64) *mat.SymDense
	// sumScores is sum for given score columns (centred by Options.Center).
	sumScores(ds *sample, sc [][]float64) *mat.SymDense
	// rules are the kind's degrees-of-freedom rules on ds.
	rules(ds *sample) dofRules
}

// dofRules are ivreg2's scalings of one fit. Two sets: unclustered
// (iid, robust) and clustered (M clusters).
type dofRules interface {
	// sDen divides the meat into S: N-dofminus, or N with clusters.
	sDen() float64
	// small is the factor of V with Options.Small: (N-dofminus)/(N-K-dofminus),
	// or (N-1)/(N-K)·M/(M-1) with clusters.
	small() float64
	// unsmall undoes it for the model F, which ivreg2 always reports.
	unsmall() float64
	// dfResid is the df of t and F tests with Small: N-K-dofminus, or M-1.
	dfResid() int
	// dfInstr is the denominator df of F tests of the L1 excluded
	// instruments: N-L-dofminus, or M-1.
	dfInstr() int
	// waldF turns the Wald statistic w of df1 restrictions, whose S was
	// divided by den, into ivreg2's F: w/den·(N-L-dofminus)/df1, or
	// w/(N-1)·(N-L)·(M-1)/M/df1 with clusters.
	waldF(w, den float64, df1 int) float64
	// clusters is M, 0 without clusters.
	clusters() int
}

// sandwich is the covariance of a kind with a meat: S = meat/sDen.
type sandwich struct {
	ds *sample
	m  meat
}

func (c sandwich) homoskedastic() bool { return false }
func (c sandwich) rules() dofRules     { return c.m.rules(c.ds) }

func (c sandwich) sTilde(f *ivFit, e []float64) *mat.SymDense {
	raw := c.m.sum(c.ds, [][]float64{e}, c.ds.colsOf(f.zIdx))
	scale := 1 / c.rules().sDen()
	var t1, t2 mat.Dense
	t1.Mul(f.rzzInv.T(), raw)
	t2.Mul(&t1, f.rzzInv)
	t2.Scale(scale, &t2)
	return symOf(&t2)
}

// sTildeCentered is sTilde with the scores centred, s_i − s̄ (ivreg2 and
// ivregress center).
func (c sandwich) sTildeCentered(f *ivFit, e []float64, rawMean bool) *mat.SymDense {
	if h, ok := c.m.(hac); ok && !h.robust {
		return c.sTilde(f, e) // AC: σ̂_τ ⊗ Z'Z is not a sum of scores; left uncentred
	}
	sc := scoreCols(c.ds, [][]float64{e}, c.ds.colsOf(f.zIdx))
	nf := c.ds.nw
	for _, s := range sc {
		mean := floats.Sum(s) / nf
		if c.ds.wt != nil {
			// s_i = w_i u_i z_i: centre u z, w_i (u_i z_i − m), at its
			// weighted mean m = Σ w u z/N, or with rawMean at its
			// unweighted mean Σ u z/N (ivregress's S of the gmm VCE)
			if rawMean {
				mean = 0
				for i, v := range s {
					mean += v / c.ds.wt.w[i]
				}
				mean /= nf
			}
			for i := range s {
				s[i] -= c.ds.wt.w[i] * mean
			}
			continue
		}
		for i := range s {
			s[i] -= mean
		}
	}
	raw := c.m.sumScores(c.ds, sc)
	c.ds.release(sc...)
	var t1, t2 mat.Dense
	t1.Mul(f.rzzInv.T(), raw)
	t2.Mul(&t1, f.rzzInv)
	t2.Scale(1/c.rules().sDen(), &t2)
	return symOf(&t2)
}

func (c sandwich) vIV(f *ivFit, s1 *mat.SymDense) *mat.SymDense {
	nf := c.ds.nw
	var m1, m2 mat.Dense
	m1.Mul(f.C.T(), s1)
	m2.Mul(&m1, f.C)
	m2.Scale(nf, &m2)
	var t1, t2 mat.Dense
	t1.Mul(f.bread, &m2)
	t2.Mul(&t1, f.bread)
	return symOf(&t2)
}

func (c sandwich) vKClass(e []float64, ainv *mat.SymDense, pi *mat.Dense, z [][]float64) *mat.SymDense {
	// A⁻¹ Π'(Σ u²zz')Π A⁻¹ · N/sDen
	nf := c.ds.nw
	om := c.m.sum(c.ds, [][]float64{e}, z)
	var t1, m, t2, t3 mat.Dense
	t1.Mul(pi.T(), om)
	m.Mul(&t1, pi)
	t2.Mul(ainv, &m)
	t3.Mul(&t2, ainv)
	t3.Scale(nf/c.rules().sDen(), &t3)
	return symOf(&t3)
}

// unclustered are the rules of iid and robust covariances.
type unclustered struct{ ds *sample }

func (u unclustered) nkl() (n, k, l, dofm float64) {
	ds := u.ds
	return ds.nw, float64(ds.k()), float64(ds.l()), float64(ds.dofminus)
}

func (u unclustered) sDen() float64 { return u.ds.nw - float64(u.ds.dofminus) }
func (u unclustered) small() float64 {
	n, k, _, dofm := u.nkl()
	return (n - dofm) / (n - k - dofm)
}
func (u unclustered) unsmall() float64 {
	_, k, _, dofm := u.nkl()
	n := float64(u.ds.n) // e(N): floor(Σw) with iweight, also in ivreg2's model F
	return (n - k - dofm) / (n - dofm)
}
func (u unclustered) dfResid() int { return u.ds.n - u.ds.k() - u.ds.dofminus }
func (u unclustered) dfInstr() int { return u.ds.n - u.ds.l() - u.ds.dofminus }
func (u unclustered) waldF(w, den float64, df1 int) float64 {
	n, _, l, dofm := u.nkl()
	return w / den * (n - l - dofm) / float64(df1)
}
func (u unclustered) clusters() int { return 0 }

// clustered are the rules of cluster-robust covariances with m clusters
// (dofminus does not enter).
type clustered struct {
	ds *sample
	m  int
}

func (c clustered) nkm() (n, k, l, m float64) {
	return c.ds.nw, float64(c.ds.k()), float64(c.ds.l()), float64(c.m)
}

func (c clustered) sDen() float64 { return c.ds.nw }
func (c clustered) small() float64 {
	n, k, _, m := c.nkm()
	return (n - 1) / (n - k) * m / (m - 1)
}
func (c clustered) unsmall() float64 {
	n, k, _, m := c.nkm()
	return (m - 1) / m * (n - k) / (n - 1)
}
func (c clustered) dfResid() int { return c.m - 1 }
func (c clustered) dfInstr() int { return c.m - 1 }
func (c clustered) waldF(w, _ float64, df1 int) float64 {
	n, _, l, m := c.nkm()
	return w / (n - 1) * (n - l) * (m - 1) / m / float64(df1)
}
func (c clustered) clusters() int { return c.m }

// noColumns is embedded by the kinds that name no frame column.
type noColumns struct{}

func (noColumns) designOptions(*design.Options) {}

// gramAcc adds the lower triangle of cols'cols to acc (q×q, row-major).
func gramAcc(acc []float64, cols [][]float64) {
	q := len(cols)
	for a := range q {
		for b := 0; b <= a; b++ {
			acc[a*q+b] += floats.Dot(cols[a], cols[b])
		}
	}
}

// gramTri sets out to the lower triangle of cols'cols, packed row by row
// (out[a(a+1)/2+b] = cols[a]·cols[b], b ≤ a).
func gramTri(out []float64, cols [][]float64) {
	t := 0
	for a := range cols {
		for b := 0; b <= a; b++ {
			out[t] = floats.Dot(cols[a], cols[b])
			t++
		}
	}
}

// symLower returns the symmetric matrix of the lower triangle acc (q×q,
// row-major).
func symLower(acc []float64, q int) *mat.SymDense {
	m := mat.NewSymDense(q, nil)
	for a := range q {
		for b := 0; b <= a; b++ {
			m.SetSym(b, a, acc[a*q+b])
		}
	}
	return m
}
