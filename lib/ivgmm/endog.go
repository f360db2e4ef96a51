package ivgmm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// endogTest is ivreg2's endog() C statistic: J of the model with the
// tested regressors moved into the instrument set, minus J of the
// original model computed with the matching block of the same S (both at
// their efficient-GMM estimates). S comes from the restricted model's
// 2SLS residuals; under iid both are Sargan statistics with σ² of the
// restricted model. This equals the Durbin statistic of ivendog under iid.
func (ds *sample) endogTest(f *ivFit, opt Options) (Test, error) {
	name := "endogeneity test (C statistic)"
	var tested []int
	for _, t := range opt.Endog {
		for _, j := range ds.x1 {
			if ds.names[j] == t {
				tested = append(tested, j)
			}
		}
	}
	if len(tested) == 0 {
		return naTest(name, "the tested regressors were omitted"), nil
	}
	zR := append(append([]int(nil), f.zIdx...), tested...)
	fr, err := ds.ivfit(zR, f.xIdx)
	if err != nil {
		return Test{}, fmt.Errorf("endog() test, restricted model: %w", err)
	}
	eR := ds.residuals(f.xIdx, fr.b.RawVector().Data)
	sR := ds.sTilde(fr, eR, opt.VCE.Kind)
	ds.release(eR)
	wR, ok := spdInverse(sR)
	if !ok {
		return Test{}, errSingularS()
	}
	_, _, jR, err := gmm(fr.C, fr.cy, wR, ds.n)
	if err != nil {
		return Test{}, err
	}
	L := f.L
	sU := mat.NewSymDense(L, nil)
	for i := range L {
		for j := i; j < L; j++ {
			sU.SetSym(i, j, sR.At(i, j))
		}
	}
	wU, ok := spdInverse(sU)
	if !ok {
		return Test{}, errSingularS()
	}
	cU := sub(fr.C, 0, L, 0, f.K)
	cyU := mat.NewVecDense(L, nil)
	for i := range L {
		cyU.SetVec(i, fr.cy.AtVec(i))
	}
	_, _, jU, err := gmm(cU, cyU, wU, ds.n)
	if err != nil {
		return Test{}, err
	}
	return chi2Test(name, jR-jU, len(tested)), nil
}

// stockWright is the Stock-Wright (2000) LM S statistic of H0: β1 = 0, as
// ivreg2's sstat: N ḡ'S⁻¹ḡ with ḡ = Z'e0/N, e0 the residuals of the OLS
// regression of y on X2 (β1 constrained to zero) and S from e0; df L1.
func (ds *sample) stockWright(f *ivFit, opt Options) (Test, error) {
	name := "Stock-Wright LM S statistic"
	df := len(ds.z1)
	if len(ds.x2) == 0 {
		y := ds.cols[ds.y]
		s0 := ds.sTilde(f, y, opt.VCE.Kind)
		w, ok := spdInverse(s0)
		if !ok {
			return Test{}, errSingularS()
		}
		return chi2Test(name, quad(f.cy, w)/float64(ds.n), df), nil
	}
	f0, err := ds.ivfit(f.zIdx, ds.x2)
	if err != nil {
		return Test{}, fmt.Errorf("Stock-Wright restricted model: %w", err)
	}
	e0 := ds.residuals(ds.x2, f0.b.RawVector().Data)
	w, ok := spdInverse(ds.sTilde(f0, e0, opt.VCE.Kind))
	ds.release(e0)
	if !ok {
		return Test{}, errSingularS()
	}
	var g mat.VecDense // Q'e0 = cy - C0 b0
	g.MulVec(f0.C, f0.b)
	g.SubVec(f0.cy, &g)
	return chi2Test(name, quad(&g, w)/float64(ds.n), df), nil
}
