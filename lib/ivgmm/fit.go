package ivgmm

import (
	"errors"
	"fmt"
	"math"
	"strings"

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
	if errors.Is(err, errRescale) {
		ds.recycle()
		if r, ok, err := fitRescaled(d, opt); ok {
			return r, err
		}
		opt.rescaled = &scaling{} // nothing to rescale: fit as it is
		ds, err = newSample(d, &opt)
	}
	if err != nil {
		return nil, err
	}
	defer ds.recycle()
	if err := ds.checkDF(); err != nil {
		return nil, err
	}
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
	if err := ds.finish(r); err != nil {
		return nil, err
	}
	return r, nil
}

// exactFitTol bounds RSS/Σy² (of the transformed y) of an exact fit:
// residuals at rounding level, a relative norm of 1e-14 (about 50 ulps).
const exactFitTol = 1e-28

// finish checks the result for numbers that do not exist. Estimates that
// are not finite are an error. An exact fit (residuals at rounding level)
// keeps its coefficients and standard errors (zero up to rounding) but
// reports no z statistics, p-values, intervals, model test or
// overidentification statistic: they are 0/0 (Stata prints "." for them).
// A standard error that is not a finite number (a variance that is not
// positive) gets a note, and its z and p are NaN (printed ".").
func (ds *sample) finish(r *Result) error {
	for j, b := range r.Coef {
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return fmt.Errorf("%w: the estimate of %s is %v; the data are beyond float64's range even after rescaling, or the model is numerically singular: check the variables' units and their collinearity",
				ErrNonFinite, r.Names[j], b)
		}
	}
	if math.IsNaN(r.RSS) || math.IsInf(r.RSS, 0) {
		return fmt.Errorf("%w: the residual sum of squares is %v; the data are beyond float64's range even after rescaling", ErrNonFinite, r.RSS)
	}
	if r.RSS <= exactFitTol*ds.yy {
		for j := range r.T {
			r.T[j], r.P[j] = math.NaN(), math.NaN()
		}
		missing := func(t *Test) { // keep the name and degrees of freedom
			if t.Name != "" {
				t.Stat, t.P, t.Reason = math.NaN(), math.NaN(), "exact fit"
			}
		}
		missing(&r.ModelF)
		missing(&r.ModelChi2)
		if r.OverID.Valid() {
			missing(&r.OverID)
		}
		r.Notes = append(r.Notes, fmt.Sprintf("the model fits the data exactly (residual SS %.3g is rounding error): z statistics, p-values, intervals and model tests are missing (.)", r.RSS))
		return nil
	}
	var missing []string
	for j, se := range r.SE {
		if math.IsNaN(se) || math.IsInf(se, 0) || se == 0 {
			r.T[j], r.P[j] = math.NaN(), math.NaN()
			missing = append(missing, r.Names[j])
		}
	}
	if len(missing) > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("the standard error of %s is missing (.): its estimated variance is not positive, which happens with fewer clusters or periods than parameters or a numerically singular covariance",
			strings.Join(missing, ", ")))
	}
	return nil
}

// checkDF rejects a model with no residual degrees of freedom, N ≤ K +
// dofminus: it fits the data exactly, so its standard errors and tests are
// 0/0 (Stata reports them missing); z ≈ 1e12 with p = 0.000 would be noise.
func (ds *sample) checkDF() error {
	k := ds.k() + ds.dofminus
	if ds.n > k {
		return nil
	}
	names := ds.namesOf(append(append([]int(nil), ds.x1...), ds.x2...))
	params := fmt.Sprintf("%d parameter%s (%s)", len(names), plural(len(names)), capList(names, 8))
	if ds.kExtra > 0 {
		params += fmt.Sprintf(", %d fixed-effect dummies", ds.kExtra)
	}
	if ds.dofminus > 0 {
		params += fmt.Sprintf(" and %d absorbed groups", ds.dofminus)
	}
	return fmt.Errorf("%w: %d observation%s for %s; the model fits the data exactly and has no standard errors: add observations or drop regressors",
		ErrNoDF, ds.n, plural(ds.n), params)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// capList joins at most n names, then says how many more.
func capList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(", … (%d in all)", len(names))
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
		Notes: ds.absorbedNotes(),
	}
}

// absorbedNotes explains the omitted regressors and dropped instruments
// that the fixed effects absorb (Stata says only "omitted because of
// collinearity").
func (ds *sample) absorbedNotes() []string {
	var notes []string
	if abs := ds.absorbedOf(ds.omitted); len(abs) > 0 {
		notes = append(notes, fmt.Sprintf("%s %s", strings.Join(abs, ", "), ds.absorbedText(len(abs))))
	}
	if abs := ds.absorbedOf(ds.droppedInstr); len(abs) > 0 {
		notes = append(notes, fmt.Sprintf("excluded instrument%s %s %s", plural(len(abs)), strings.Join(abs, ", "), ds.absorbedText(len(abs))))
	}
	return notes
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
	ds.yy = yy
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
