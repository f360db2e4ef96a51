package ivgmm

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// excludedWald regresses the partialled variable ep on Z1p and returns
// the classical Wald statistic of all coefficients (σ² = RSS/(N-dofminus)),
// the one of the covariance, and the RSS.
func (ds *sample) excludedWald(p *partialled, ep []float64) (wcl, w, rss float64, err error) {
	l1 := len(p.z1p)
	nf := ds.nw
	zy := mat.NewVecDense(l1, nil)
	for l := range l1 {
		zy.SetVec(l, dot(p.z1p[l], ep)/nf)
	}
	pi := mat.NewVecDense(l1, nil)
	pi.MulVec(p.qzzInv, zy)
	res := ds.copyOf(ep)
	defer ds.release(res)
	for l := range l1 {
		pl := pi.AtVec(l)
		for i := range res {
			res[i] -= pl * p.z1p[l][i]
		}
	}
	rss = dot(res, res)
	s2 := rss / (nf - float64(ds.dofminus))
	// classical: var(pi) = s2 (Z1p'Z1p)⁻¹ = s2 qzzInv / N
	wcl = quad(pi, p.qzz) * nf / s2
	return wcl, ds.cov.excludedWald(p, pi, res, wcl), rss, nil
}

// excludedWald is the Wald statistic of pi with the sandwich VCE
// (Z1p'Z1p)⁻¹ meat (Z1p'Z1p)⁻¹, rescaled by sDen/N as ivreg2's Ω; NaN
// when that VCE is singular.
func (c sandwich) excludedWald(p *partialled, pi *mat.VecDense, res []float64, _ float64) float64 {
	nf := c.ds.nw
	om := c.m.sum(c.ds, [][]float64{res}, p.z1p)
	var t1, t2 mat.Dense
	t1.Mul(p.qzzInv, om)
	t2.Mul(&t1, p.qzzInv)
	t2.Scale(1/(nf*nf), &t2)
	vi, ok := spdInverse(symOf(&t2))
	if !ok {
		return math.NaN()
	}
	w := quad(pi, vi)
	w *= c.rules().sDen() / nf
	return w
}

// firstStages fills the per-endogenous first-stage F, SW and AP F,
// partial and Shea R², and the Anderson-Rubin test (ivreg2 e(first) and
// e(arf)).
func (ds *sample) firstStages(r *Result, p *partialled, f *ivFit) error {
	k1, l1 := len(ds.x1), len(ds.z1)
	nf := ds.nw
	dofm := float64(ds.dofminus)
	L := float64(r.L)
	rules := ds.cov.rules()
	df2 := rules.dfInstr()
	toF := func(w float64, df1 int) float64 { return rules.waldF(w, rules.sDen(), df1) }
	pr2 := func(wcl float64) float64 {
		ws := wcl / (nf - dofm)
		return ws / (1 + ws)
	}
	// wald runs the excluded-instrument Wald test on ep with df1.
	wald := func(name string, ep []float64, df1 int) (Test, Test, float64, float64, error) {
		wcl, w, rss, err := ds.excludedWald(p, ep)
		if err != nil {
			return Test{}, Test{}, 0, 0, err
		}
		return fTest(name, toF(w, df1), df1, df2), chi2Test(name+" (chi2)", w, df1), pr2(wcl), rss, nil
	}
	xxInv := ds.invDiag(f.xIdx)
	for j := range k1 {
		fs := FirstStage{Endog: ds.names[ds.x1[j]]}
		var rss float64
		var err error
		var fChi2 Test
		fs.F, fChi2, fs.PartialR2, rss, err = wald("F test of excluded instruments", p.x1p[j], l1)
		if err != nil {
			return err
		}
		fs.RMSE = math.Sqrt(rss / (nf - L - dofm))
		fs.SheaR2 = xxInv[j] / f.bread.At(j, j)
		if k1 == 1 {
			fs.SWF, fs.APF, fs.SWChi2, fs.APChi2 = fs.F, fs.F, fChi2, fChi2
			fs.SWF.Name, fs.APF.Name = "Sanderson-Windmeijer F", "Angrist-Pischke F"
			fs.SWR2, fs.APR2 = fs.PartialR2, fs.PartialR2
		} else {
			esw, eap, err := ds.conditionalResiduals(p, j)
			if err != nil {
				return err
			}
			dfc := l1 - k1 + 1
			if fs.SWF, fs.SWChi2, fs.SWR2, _, err = wald("Sanderson-Windmeijer F", esw, dfc); err != nil {
				return err
			}
			if fs.APF, fs.APChi2, fs.APR2, _, err = wald("Angrist-Pischke F", eap, dfc); err != nil {
				return err
			}
			ds.release(esw, eap)
		}
		r.FirstStages = append(r.FirstStages, fs)
	}
	// Anderson-Rubin test of β1 = 0: the excluded instruments in the
	// regression of y (partialled on X2) on Z.
	var err error
	r.AndersonRubinF, r.AndersonRubin, _, _, err = wald("Anderson-Rubin Wald test", p.yp, l1)
	if err == nil && ds.arGrid != nil {
		r.ARSet, err = ds.arConfidenceSet(p, ds.arGrid, ds.arLevel)
	}
	return err
}

// invDiag returns the diagonal of (X'X)⁻¹ for the columns idx.
func (ds *sample) invDiag(idx []int) []float64 {
	ri, err := invUpper(ds.factor(idx))
	out := make([]float64, len(idx))
	if err != nil {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	for i := range idx {
		for k := i; k < len(idx); k++ {
			out[i] += ri.At(i, k) * ri.At(i, k)
		}
	}
	return out
}

// conditionalResiduals returns the Sanderson-Windmeijer residual
// X1p_j - X1p_{-j} b and the Angrist-Pischke residual X1p_j - X̂1p_{-j} b,
// b the OLS coefficients of X1p_j on the first-stage fitted values X̂1p_{-j}
// of the other endogenous regressors (Sanderson and Windmeijer 2016, as ivreg2).
func (ds *sample) conditionalResiduals(p *partialled, j int) ([]float64, []float64, error) {
	k1 := len(p.x1p)
	var others []int
	for o := range k1 {
		if o != j {
			others = append(others, o)
		}
	}
	// X̂_o'X̂_m = N π_o' Qzz π_m ; X̂_o'X_j = N π_o' Qzy_j
	q := len(others)
	a := mat.NewSymDense(q, nil)
	rhs := mat.NewVecDense(q, nil)
	for ai, o := range others {
		po := p.pihat.ColView(o)
		var t mat.VecDense
		t.MulVec(p.qzz, po)
		for bi, m := range others {
			if bi >= ai {
				a.SetSym(ai, bi, mat.Dot(&t, p.pihat.ColView(m)))
			}
		}
		rhs.SetVec(ai, mat.Dot(po, p.qzy.ColView(j)))
	}
	ai, ok := spdInverse(a)
	if !ok {
		return nil, nil, fmt.Errorf("%w: Sanderson-Windmeijer projection of %q", ErrSingular, ds.names[ds.x1[j]])
	}
	b := mat.NewVecDense(q, nil)
	b.MulVec(ai, rhs)
	esw := ds.copyOf(p.x1p[j])
	eap := ds.copyOf(p.x1p[j])
	for bi, o := range others {
		bo := b.AtVec(bi)
		for i := range esw {
			esw[i] -= bo * p.x1p[o][i]
		}
		for l := range p.z1p {
			c := bo * p.pihat.At(l, o)
			zl := p.z1p[l]
			for i := range eap {
				eap[i] -= c * zl[i]
			}
		}
	}
	return esw, eap, nil
}
