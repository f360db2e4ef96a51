package ivgmm

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Fit estimates the model d with the options opt.
//
// Rows with NaN in any used variable are dropped (Dropped.Missing), then
// singletons of the fixed effects (Dropped.Singletons); the columns are
// demeaned within the fixed effects; collinear regressors are omitted and
// collinear excluded instruments dropped (both reported). Degrees of
// freedom follow ivreg2/xtivreg2; see the package documentation.
func Fit(d *Data, opt Options) (*Result, error) {
	if opt.VCE == nil {
		opt.VCE = IID()
	}
	if opt.Weights.Kind == PWeights && opt.VCE == IID() {
		opt.VCE = Robust() // Stata: pweights imply robust
	}
	if err := checkOptions(&opt); err != nil {
		return nil, err
	}
	ds, err := newSample(d, &opt)
	if err != nil {
		return nil, err
	}
	defer ds.recycle()
	xIdx, zIdx := ds.modelOrder()
	f, err := ds.ivfit(zIdx, xIdx)
	if err != nil {
		return nil, err
	}
	r := ds.newResult(d, opt, xIdx)
	b, e, s1 := ds.firstStep(f)
	if opt.Center || opt.ivregress() && opt.Estimator == GMM2S && ds.cov.homoskedastic() {
		// centred moments in the GMM weight (and J); ivregress gmm
		// centres σ² in wmatrix(unadjusted) always
		s1 = ds.cov.sTildeCentered(f, e, false)
	}
	b, e, V, err := ds.estimate(r, f, b, e, s1, opt)
	if err != nil {
		return nil, err
	}
	ds.coefTable(r, b, V, opt.Small)
	ds.fitStats(r, e, opt)
	r.ModelF = modelWald(r, xIdx, ds, opt)
	if err := ds.diagnostics(r, f, s1, opt); err != nil {
		return nil, err
	}
	if opt.Estimator == CUE && r.OverID.Valid() {
		r.OverID.Stat, r.OverID.P = r.cueJ, chi2P(r.cueJ, r.OverID.DF) // ivreg2: J at the CUE estimate
	}
	if (opt.Estimator == LIML || opt.Estimator == KClass) && len(ds.x1) > 0 && r.OverID.Valid() {
		// ivreg2 evaluates J (Sargan) at the k-class estimate
		r.OverID = ds.overIDAt(f, b, e, r.OverID.Name)
	}
	ds.release(e)
	return r, nil
}

// modelOrder returns the regressors in display order (endogenous,
// exogenous, then the constant) and the instruments (X2, then Z1).
func (ds *sample) modelOrder() (xIdx, zIdx []int) {
	xIdx = append(xIdx, ds.x1...)
	for _, j := range ds.x2 {
		if ds.names[j] != "_cons" {
			xIdx = append(xIdx, j)
		}
	}
	for _, j := range ds.x2 {
		if ds.names[j] == "_cons" {
			xIdx = append(xIdx, j)
		}
	}
	zIdx = append(append([]int(nil), ds.x2...), ds.z1...)
	return xIdx, zIdx
}

// newResult fills what a Result knows before estimation.
func (ds *sample) newResult(d *Data, opt Options, xIdx []int) *Result {
	return &Result{
		Estimator: opt.Estimator, VCE: opt.VCE, Small: opt.Small, DepVar: ds.names[ds.y],
		Names: ds.namesOf(xIdx), N: ds.n, Dropped: Dropped{ds.missing, ds.singles, ds.zeroW},
		Weights: opt.Weights.String(), Convention: opt.Convention, Fuller: opt.Fuller,
		ClusterName: opt.VCE.describe().cluster, NClusters: ds.cov.rules().clusters(),
		FENames: d.FENames, FEGroups: ds.groups,
		K: ds.k(), L: ds.l(), DofMinus: ds.dofminus,
		EndogNames: ds.namesOf(ds.x1), InstrNames: ds.namesOf(ds.z1),
		Omitted: ds.omitted, DroppedIV: ds.droppedInstr, usedQR: ds.useQR,
	}
}

// firstStep returns the 2SLS (OLS) coefficients of f, their residuals
// and S̃ at them: the first step of GMM, and the S of the J statistic.
func (ds *sample) firstStep(f *ivFit) (*mat.VecDense, []float64, *mat.SymDense) {
	b := f.b
	if ds.useQR && len(ds.x1)+len(ds.z1) == 0 {
		b = mat.NewVecDense(len(f.xIdx), refineLS(ds.colsOf(f.xIdx), ds.cols[ds.y], b.RawVector().Data))
	}
	e := ds.residuals(f.xIdx, b.RawVector().Data)
	return b, e, ds.cov.sTilde(f, e)
}

// estimate runs the estimator from the first step (b, e, s1) and returns
// its coefficients, residuals and VCE before the small-sample factor:
// LIML, two-step GMM, or the linear IV estimate itself (2SLS, OLS, and
// GMM2S under a homoskedastic covariance, whose efficient weight is 2SLS's).
func (ds *sample) estimate(r *Result, f *ivFit, b *mat.VecDense, e []float64, s1 *mat.SymDense, opt Options) (*mat.VecDense, []float64, *mat.SymDense, error) {
	nf := ds.nw
	switch {
	case (opt.Estimator == LIML || opt.Estimator == KClass) && len(ds.x1) > 0:
		kappa := opt.KClass
		if opt.Estimator == LIML {
			lambda, err := ds.limlKappa(f)
			if err != nil {
				return nil, nil, nil, err
			}
			r.Lambda, kappa = lambda, lambda
			if opt.Fuller != 0 {
				// ivreg2 fuller(α): κ = λ − α/(N−L)
				kappa = lambda - opt.Fuller/(ds.nw-float64(ds.l()))
			}
		}
		bl, ainv, pi, err := ds.kclass(f, kappa)
		if err != nil {
			return nil, nil, nil, err
		}
		ds.release(e)
		e = ds.residuals(f.xIdx, bl.RawVector().Data)
		r.Kappa = kappa
		return bl, e, ds.cov.vKClass(e, ainv, pi, ds.colsOf(f.zIdx)), nil
	case opt.Estimator == CUE && len(ds.x1)+len(ds.z1) > 0:
		w, ok := spdInverse(s1)
		if !ok {
			return nil, nil, nil, errSingularS()
		}
		b0 := b
		if !ds.cov.homoskedastic() {
			var err error
			if b0, _, _, err = gmm(f.C, f.cy, w, ds.nw); err != nil {
				return nil, nil, nil, err
			}
		}
		bc, ec, V, j, err := ds.cue(f, b0)
		if err != nil {
			return nil, nil, nil, err
		}
		ds.release(e)
		r.cueJ = j
		return bc, ec, V, nil
	case opt.Estimator == GMM2S && !ds.cov.homoskedastic() && len(ds.x1)+len(ds.z1) > 0:
		w, ok := spdInverse(s1)
		if !ok {
			return nil, nil, nil, errSingularS()
		}
		bg, ainv, _, err := gmm(f.C, f.cy, w, ds.nw)
		if err != nil {
			return nil, nil, nil, err
		}
		ds.release(e)
		e = ds.residuals(f.xIdx, bg.RawVector().Data)
		V := mat.NewSymDense(f.K, nil)
		V.ScaleSym(nf, ainv)
		if opt.ivregress() {
			// N A⁻¹ (C'W S₂ W C) A⁻¹, S₂ from the second-step residuals
			s2 := ds.cov.sTilde(f, e)
			if opt.Center {
				// centring by a multiple of ḡ cancels in C'W S₂ W C at the
				// estimate; with weights ivregress centres S₂ at the
				// unweighted mean of u z, which does not
				s2 = ds.cov.sTildeCentered(f, e, true)
			}
			var cw, m1, m2, t1, t2 mat.Dense
			cw.Mul(f.C.T(), w)
			m1.Mul(&cw, s2)
			m2.Mul(&m1, cw.T())
			t1.Mul(ainv, &m2)
			t2.Mul(&t1, ainv)
			t2.Scale(nf, &t2)
			V = symOf(&t2)
		}
		return bg, e, V, nil
	}
	return b, e, ds.cov.vIV(f, s1), nil
}

// coefTable applies the covariance's small-sample factor to V and fills
// the coefficients, standard errors, z (t) statistics and p-values.
func (ds *sample) coefTable(r *Result, b *mat.VecDense, V *mat.SymDense, small bool) {
	rules := ds.cov.rules()
	if small {
		V.ScaleSym(rules.small(), V)
	}
	r.Cov = V
	r.DFResid = rules.dfResid()
	kx := b.Len()
	r.Coef = make([]float64, kx)
	r.SE = make([]float64, kx)
	r.T = make([]float64, kx)
	r.P = make([]float64, kx)
	for j := range kx {
		r.Coef[j] = b.AtVec(j)
		r.SE[j] = math.Sqrt(V.At(j, j))
		r.T[j] = r.Coef[j] / r.SE[j]
		if small {
			r.P[j] = tP(r.T[j], r.DFResid)
		} else {
			r.P[j] = math.Erfc(math.Abs(r.T[j]) / math.Sqrt2)
		}
	}
}

// diagnostics computes the tests of an IV model: overidentification,
// identification and first stages, Stock-Wright, and endog()'s C.
func (ds *sample) diagnostics(r *Result, f *ivFit, s1 *mat.SymDense, opt Options) error {
	if opt.Estimator == OLS || len(ds.x1)+len(ds.z1) == 0 {
		return nil
	}
	// A statistic whose S cannot be inverted (fewer clusters than
	// instruments) is reported missing with its reason, as Stata does,
	// instead of failing the fit.
	na := func(t *Test, name string, err error) error {
		if errors.Is(err, ErrSingular) {
			*t = naTest(name, "the covariance of the moment conditions is singular (fewer clusters or periods than moment conditions?)")
			return nil
		}
		return err
	}
	var err error
	overName := opt.VCE.describe().overID
	if r.OverID, err = ds.overID(f, s1, overName); err != nil {
		if err := na(&r.OverID, overName, err); err != nil {
			return err
		}
	}
	if len(ds.x1) == 0 {
		return nil
	}
	if err := ds.idTests(r, f); err != nil {
		if err := na(&r.UnderID, "Kleibergen-Paap rk LM statistic", err); err != nil {
			return err
		}
	}
	if r.StockWright, err = ds.stockWright(f); err != nil {
		if err := na(&r.StockWright, "Stock-Wright LM S statistic", err); err != nil {
			return err
		}
	}
	if len(opt.Endog) > 0 {
		t, err := ds.endogTest(f, opt.Endog)
		if err != nil {
			if err := na(&t, "endogeneity test (C statistic)", err); err != nil {
				return err
			}
		}
		r.EndogTest = &t
	}
	return nil
}

// fitStats fills RSS, R², RMSE.
func (ds *sample) fitStats(r *Result, e []float64, opt Options) {
	n := ds.nw
	y := ds.cols[ds.y]
	r.RSS = dot(e, e)
	yy := dot(y, y)
	var tss float64
	if ds.wt != nil {
		// weighted: ȳ = Σw y/Σw, TSS = Σ w (y − ȳ)² on the √w-scaled y
		mean := dot(ds.wt.sw, y) / ds.wt.sum
		for i, v := range y {
			d := v - ds.wt.sw[i]*mean
			tss += d * d
		}
	} else {
		mean := 0.0
		for _, v := range y {
			mean += v
		}
		mean /= n
		for _, v := range y {
			tss += (v - mean) * (v - mean)
		}
	}
	r.R2u = 1 - r.RSS/yy
	r.R2 = r.R2u
	if ds.hasConst || len(ds.groups) > 0 {
		r.R2 = 1 - r.RSS/tss
	}
	tssUsed := yy
	if ds.hasConst || len(ds.groups) > 0 {
		tssUsed = tss
	}
	r.MSS = tssUsed - r.RSS
	dofm := float64(ds.dofminus)
	r.R2a = 1 - (1-r.R2)*(n-1)/(n-float64(r.K)-dofm)
	if !ds.hasConst && len(ds.groups) == 0 {
		r.R2a = 1 - (1-r.R2)*(n-dofm)/(n-float64(r.K)-dofm)
	}
	r.R2Within = math.NaN()
	if len(ds.groups) > 0 {
		r.R2Within = 1 - r.RSS/yy
	}
	den := n - float64(ds.dofminus)
	if opt.Small {
		den -= float64(r.K)
	}
	r.RMSE = math.Sqrt(r.RSS / den)
}

// modelWald tests that all coefficients except the constant are zero:
// chi2 = b'V⁻¹b, reported as F = chi2/q with df (q, DFResid) as ivreg2.
func modelWald(r *Result, xIdx []int, ds *sample, opt Options) Test {
	var idx []int
	for j, c := range xIdx {
		if ds.names[c] != "_cons" {
			idx = append(idx, j)
		}
	}
	q := len(idx)
	if q == 0 {
		return naTest("F", "no slope coefficients")
	}
	vs := mat.NewSymDense(q, nil)
	bv := mat.NewVecDense(q, nil)
	for a, i := range idx {
		bv.SetVec(a, r.Coef[i])
		for c, j := range idx {
			if c >= a {
				vs.SetSym(a, c, r.Cov.At(i, j))
			}
		}
	}
	vi, ok := spdInverse(vs)
	if !ok {
		return naTest("F", "covariance matrix of the slopes is singular")
	}
	chi2 := quad(bv, vi)
	r.ModelChi2 = chi2Test("Wald chi2", chi2, q)
	// ivreg2 always reports F, undoing the small-sample factor of V when
	// it was not applied.
	f := chi2 / float64(q)
	if !opt.Small {
		f *= ds.cov.rules().unsmall()
	}
	return fTest("F", f, q, r.DFResid)
}

// checkOptions rejects options that do not go together.
func checkOptions(opt *Options) error {
	if opt.Center && opt.Estimator != GMM2S && opt.Estimator != CUE {
		return fmt.Errorf("%w: Center centres the moments of the GMM weight: use it with GMM2S or CUE (Stata: ivregress gmm center, ivreg2 gmm2s/cue center), not %s", ErrInput, opt.Estimator)
	}
	if opt.Fuller != 0 && opt.Estimator != LIML {
		return fmt.Errorf("%w: Fuller(%g) is Fuller's modified LIML: set Estimator LIML (ivreg2 fuller() implies liml), not %s", ErrInput, opt.Fuller, opt.Estimator)
	}
	if opt.Fuller < 0 || math.IsNaN(opt.Fuller) {
		return fmt.Errorf("%w: Fuller's α must be positive, got %g", ErrInput, opt.Fuller)
	}
	if opt.KClass != 0 && opt.Estimator != KClass {
		return fmt.Errorf("%w: KClass(%g) needs Estimator KClass (ivreg2 kclass())", ErrInput, opt.KClass)
	}
	if opt.Estimator == KClass && (opt.KClass < 0 || math.IsNaN(opt.KClass)) {
		return fmt.Errorf("%w: the k-class κ must be ≥ 0, got %g", ErrInput, opt.KClass)
	}
	if opt.Estimator < OLS || opt.Estimator > CUE {
		return fmt.Errorf("%w: unknown estimator %d", ErrInput, int(opt.Estimator))
	}
	return nil
}
