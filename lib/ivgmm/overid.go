package ivgmm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// overID is the test of the overidentifying restrictions: Hansen's J =
// N ḡ'S̃⁻¹ḡ at the efficient-GMM estimate with S̃ = s1 from the 2SLS
// residuals (ivreg2 reports it after 2SLS too), df L1-K1 (Hansen 1982);
// under IID() it is Sargan's statistic (Sargan 1958). name is the
// covariance's name of it.
func (ds *sample) overID(f *ivFit, s1 *mat.SymDense, name string) (Test, error) {
	df := len(ds.z1) - len(ds.x1)
	if df == 0 {
		return naTest(name, "equation exactly identified"), nil
	}
	j, err := hansenJ(f.C, f.cy, s1, ds.nw)
	if err != nil {
		return Test{}, err
	}
	return chi2Test(name, j, df), nil
}

// hansenJ is J = N ḡ'S̃⁻¹ḡ at the efficient-GMM estimate of the model
// (c, cy) with the score covariance s (gmm).
func hansenJ(c *mat.Dense, cy *mat.VecDense, s *mat.SymDense, n float64) (float64, error) {
	w, ok := spdInverse(s)
	if !ok {
		return 0, errSingularS()
	}
	_, _, j, err := gmm(c, cy, w, n)
	return j, err
}

// endogTest is ivreg2's endog() C statistic: J of the model with the
// tested regressors moved into the instrument set, minus J of the
// original model computed with the matching block of the same S (both at
// their efficient-GMM estimates). S comes from the restricted model's
// 2SLS residuals; under iid both are Sargan statistics with σ² of the
// restricted model. This equals the Durbin statistic of ivendog under iid.
func (ds *sample) endogTest(f *ivFit, endog []string) (Test, error) {
	name := "endogeneity test (C statistic)"
	var tested []int
	for _, t := range endog {
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
	sR := ds.cov.sTilde(fr, eR)
	ds.release(eR)
	jR, err := hansenJ(fr.C, fr.cy, sR, ds.nw)
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
	cU := sub(fr.C, 0, L, 0, f.K)
	cyU := mat.NewVecDense(L, nil)
	for i := range L {
		cyU.SetVec(i, fr.cy.AtVec(i))
	}
	jU, err := hansenJ(cU, cyU, sU, ds.nw)
	if err != nil {
		return Test{}, err
	}
	return chi2Test(name, jR-jU, len(tested)), nil
}

// errSingularS is the error of a score covariance S that cannot be
// inverted.
func errSingularS() error {
	return &singularS{}
}

type singularS struct{}

func (*singularS) Error() string {
	return ErrSingular.Error() + ": the covariance of the moment conditions (S) is not positive definite; with clusters, there may be fewer clusters than instruments"
}
func (*singularS) Unwrap() error { return ErrSingular }

// overIDAt is the overidentification statistic of ivreg2 after LIML and
// k-class: the efficient-GMM J with S from the k-class residuals e
// (Sargan with σ² = e'e/N under IID()); checked against ivreg2 fuller(1)
// in TestFullerStata.
func (ds *sample) overIDAt(f *ivFit, b *mat.VecDense, e []float64, name string) Test {
	s := ds.cov.sTilde(f, e)
	if ds.cov.homoskedastic() {
		// Sargan at the k-class estimate: e'P_Z e/σ², σ² from e
		w, ok := spdInverse(s)
		if !ok {
			return naTest(name, "the covariance of the moment conditions is singular")
		}
		var g mat.VecDense // Q'e = cy − C b
		g.MulVec(f.C, b)
		g.SubVec(f.cy, &g)
		return chi2Test(name, quad(&g, w)/ds.nw, len(ds.z1)-len(ds.x1))
	}
	j, err := hansenJ(f.C, f.cy, s, ds.nw)
	if err != nil {
		return naTest(name, "the covariance of the moment conditions is singular")
	}
	return chi2Test(name, j, len(ds.z1)-len(ds.x1))
}
