package ivgmm

import (
	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/design"
)

// IID is the covariance under conditionally homoskedastic, independent
// errors (Stata's default, vce(unadjusted)):
//
//	S = σ² Z'Z/N,   σ² = RSS/(N-dofminus);   with Small σ² = RSS/(N-K-dofminus)
//
// The efficient GMM weight is then (Z'Z)⁻¹, so GMM2S is 2SLS; the
// overidentification test is Sargan's, the underidentification test the
// Anderson canonical-correlation LM, and the weak-identification test the
// Cragg-Donald F alone.
func IID() VCE { return iid{} }

type iid struct{ noColumns }

func (iid) String() string                     { return "iid" }
func (iid) Stata() string                      { return "" }
func (v iid) resolve(*design.Design) VCE       { return v }
func (iid) bind(b binding) (covariance, error) { return iidCov{b.ds}, nil }
func (iid) describe() vceText {
	return vceText{homoskedastic: true, efficientFor: "homoskedasticity only",
		statistics: "Statistics consistent for homoskedasticity only", se: "Std. Err.",
		overID: "Sargan statistic", overIDCode: "sargan", overIDLabel: "Sargan",
		underIDLabel: "Anderson LM"} // the iid case of the rk LM
}

// iidCov is IID() on a sample: every sandwich has a closed form.
type iidCov struct{ ds *sample }

func (iidCov) homoskedastic() bool          { return true }
func (c iidCov) rules() dofRules            { return unclustered{c.ds} }
func (c iidCov) sigma2(e []float64) float64 { return dot(e, e) / c.rules().sDen() }

// sTilde is σ²/N·I: Rzz⁻ᵀ(σ²Z'Z/N)Rzz⁻¹ with Z'Z = Rzz'Rzz.
func (c iidCov) sTilde(f *ivFit, e []float64) *mat.SymDense {
	s2 := c.sigma2(e)
	n := c.ds.nw
	out := mat.NewSymDense(f.L, nil)
	for i := range f.L {
		out.SetSym(i, i, s2/n)
	}
	return out
}

// sTildeCentered is sTilde with σ² = Σ(u − ū)²/(N−dofminus), ū the
// (weighted) mean residual: ivregress gmm's wmatrix(unadjusted).
func (c iidCov) sTildeCentered(f *ivFit, e []float64, _ bool) *mat.SymDense {
	out := c.sTilde(f, e)
	ss := dot(e, e)
	if ss == 0 {
		return out
	}
	var mean, css float64
	if c.ds.wt != nil {
		mean = dot(c.ds.wt.sw, e) / c.ds.wt.sum
		for i, v := range e {
			d := v - c.ds.wt.sw[i]*mean
			css += d * d
		}
	} else {
		for _, v := range e {
			mean += v
		}
		mean /= float64(len(e))
		for _, v := range e {
			css += (v - mean) * (v - mean)
		}
	}
	out.ScaleSym(css/ss, out)
	return out
}

// vIV is σ²(X'P_Z X)⁻¹ (s1 = σ²/N·I).
func (c iidCov) vIV(f *ivFit, s1 *mat.SymDense) *mat.SymDense {
	v := mat.NewSymDense(f.K, nil)
	v.ScaleSym(s1.At(0, 0)*c.ds.nw, f.bread)
	return v
}

// vKClass is σ²A⁻¹.
func (c iidCov) vKClass(e []float64, ainv *mat.SymDense, _ *mat.Dense, _ [][]float64) *mat.SymDense {
	v := mat.NewSymDense(ainv.SymmetricDim(), nil)
	v.ScaleSym(c.sigma2(e), ainv)
	return v
}

func (iidCov) excludedWald(_ *partialled, _ *mat.VecDense, _ []float64, wcl float64) float64 {
	return wcl
}

// underID is the Anderson canonical-correlation LM, (N-dofminus)·λmin.
func (c iidCov) underID(r *Result, _ *canon, _ *partialled, lmin float64) error {
	r.UnderID = chi2Test("Anderson canon. corr. LM statistic", c.rules().sDen()*lmin, len(c.ds.z1)-len(c.ds.x1)+1)
	return nil
}
