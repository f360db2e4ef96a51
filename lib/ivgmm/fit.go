package ivgmm

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Test is one diagnostic: a chi-squared statistic (DF2 == 0) or an
// F(DF, DF2) statistic. When it does not apply, Reason says why and Stat
// and P are NaN.
type Test struct {
	Name   string
	Stat   float64
	P      float64
	DF     int
	DF2    int
	Reason string
}

// Valid reports whether the test was computed.
func (t Test) Valid() bool { return t.Reason == "" && !math.IsNaN(t.Stat) }

func chi2Test(name string, stat float64, df int) Test {
	return Test{Name: name, Stat: stat, DF: df, P: chi2P(stat, df)}
}

func fTest(name string, stat float64, df1, df2 int) Test {
	return Test{Name: name, Stat: stat, DF: df1, DF2: df2, P: fP(stat, df1, df2)}
}

func naTest(name, reason string) Test {
	return Test{Name: name, Stat: math.NaN(), P: math.NaN(), Reason: reason}
}

func chi2P(stat float64, df int) float64 {
	if df <= 0 || math.IsNaN(stat) {
		return math.NaN()
	}
	return distuv.ChiSquared{K: float64(df)}.Survival(stat)
}

func fP(stat float64, df1, df2 int) float64 {
	if df1 <= 0 || df2 <= 0 || math.IsNaN(stat) {
		return math.NaN()
	}
	if stat <= 0 {
		return 1
	}
	// upper tail through the incomplete beta function, accurate far into
	// the tail (1-CDF would round to 0 below ~1e-16)
	d1, d2 := float64(df1), float64(df2)
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*stat))
}

// tP is the two-sided p-value of a t statistic with df degrees of freedom.
func tP(t float64, df int) float64 {
	if df <= 0 || math.IsNaN(t) {
		return math.NaN()
	}
	nu := float64(df)
	return mathext.RegIncBeta(nu/2, 0.5, nu/(nu+t*t))
}

// FirstStage holds the first-stage diagnostics of one endogenous regressor.
type FirstStage struct {
	Endog     string
	F         Test    // Wald F of the excluded instruments (robust/cluster as the VCE)
	SWF       Test    // Sanderson-Windmeijer conditional F, df L1-K1+1
	SWChi2    Test    // its chi2 form
	APF       Test    // Angrist-Pischke conditional F
	APChi2    Test    // its chi2 form
	PartialR2 float64 // partial R² of the excluded instruments
	SWR2      float64 // partial R² of the SW regression
	APR2      float64 // partial R² of the AP regression
	SheaR2    float64 // Shea partial R²
	RMSE      float64 // of the first-stage regression, RSS/(N-L-dofminus)
}

// Dropped counts the rows Fit left out.
type Dropped struct {
	Missing    int // a used variable is NaN
	Singletons int // alone in a fixed-effect group
}

// Result is a fitted model.
type Result struct {
	Estimator Estimator
	VCE       VCE
	Small     bool
	DepVar    string

	Names []string  // coefficient names: endogenous, exogenous, then "_cons"
	Coef  []float64 // estimates
	SE    []float64 // standard errors
	T     []float64 // z (or t with Small) statistics
	P     []float64 // two-sided p-values
	Cov   *mat.SymDense

	N           int
	Dropped     Dropped
	ClusterName string
	NClusters   int // 0 without clusters
	FENames     []string
	FEGroups    []int // groups of each absorbed fixed effect
	DFResid     int   // df of the t and F tests with Small (N-K-dofminus, or M-1 with clusters)
	K, L        int   // regressors and instruments, including the constant and further FEs counted as dummies
	DofMinus    int   // ivreg2 dofminus: groups of the first (panel) FE

	EndogNames []string // endogenous regressors kept
	InstrNames []string // excluded instruments kept
	Omitted    []string // regressors omitted because of collinearity
	DroppedIV  []string // excluded instruments dropped because of collinearity

	RSS, RMSE      float64
	R2, R2u        float64 // centred and uncentred R² (of the demeaned data with FE)
	R2Within       float64 // NaN without FE
	R2a            float64 // adjusted R², 1-(1-R2)(N-1)/(N-K-dofminus-sdofminus) (ivreg2)
	MSS            float64 // model sum of squares, TSS - RSS
	ModelF         Test    // F test that all slopes are zero, as ivreg2 reports it
	ModelChi2      Test    // the Wald chi2 of the same hypothesis (ivregress without small)
	UnderID        Test    // Kleibergen-Paap rk LM (robust/cluster) or Anderson canon. corr. LM (iid)
	CraggDonald    Test    // Cragg-Donald Wald F
	KPWaldF        Test    // Kleibergen-Paap rk Wald F (robust/cluster only)
	OverID         Test    // Hansen J (robust/cluster) or Sargan (iid)
	EndogTest      *Test   // C statistic of Options.Endog, nil if none asked
	AndersonRubin  Test    // weak-instrument-robust Anderson-Rubin Wald test of β1 = 0 (chi2)
	AndersonRubinF Test    // its F form
	StockWright    Test    // Stock-Wright LM S statistic of β1 = 0
	Kappa          float64 // LIML κ (0 for other estimators)
	FirstStages    []FirstStage
	StockYogo      []CriticalValue // for the weak-identification F
	usedQR         bool            // factors from Householder QR (ill-conditioned Gram)
}

// Fit estimates the model d with the options opt.
//
// Rows with NaN in any used variable are dropped (Dropped.Missing), then
// singletons of the fixed effects (Dropped.Singletons); the columns are
// demeaned within the fixed effects; collinear regressors are omitted and
// collinear excluded instruments dropped (both reported). Degrees of
// freedom follow ivreg2/xtivreg2; see the package documentation.
func Fit(d *Data, opt Options) (*Result, error) {
	ds, err := newSample(d, &opt)
	if err != nil {
		return nil, err
	}
	defer ds.recycle()
	est := opt.Estimator
	if len(ds.x1) == 0 && len(ds.z1) == 0 && est != OLS {
		est = TSLS // no IV part: OLS, reported with the chosen name
	}
	// Display order: endogenous, exogenous, then the constant.
	var xIdx []int
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
	zIdx := append(append([]int(nil), ds.x2...), ds.z1...)
	f, err := ds.ivfit(zIdx, xIdx)
	if err != nil {
		return nil, err
	}
	n := ds.n
	nf := float64(n)
	K := len(xIdx) + ds.kExtra
	L := len(zIdx) + ds.kExtra
	r := &Result{
		Estimator: opt.Estimator, VCE: opt.VCE, Small: opt.Small, DepVar: ds.names[ds.y],
		Names: ds.namesOf(xIdx), N: n, Dropped: Dropped{ds.missing, ds.singles},
		ClusterName: d.ClusterName, NClusters: ds.nClust, FENames: d.FENames, FEGroups: ds.groups,
		K: K, L: L, DofMinus: ds.dofminus,
		EndogNames: ds.namesOf(ds.x1), InstrNames: ds.namesOf(ds.z1),
		Omitted: ds.omitted, DroppedIV: ds.droppedInstr, usedQR: ds.useQR,
	}
	b := f.b
	if ds.useQR && len(ds.x1)+len(ds.z1) == 0 {
		b = mat.NewVecDense(len(xIdx), refineLS(ds.colsOf(xIdx), ds.cols[ds.y], b.RawVector().Data))
	}
	e := ds.residuals(xIdx, b.RawVector().Data)
	s1 := ds.sTilde(f, e, opt.VCE.Kind)
	V := mat.NewSymDense(len(xIdx), nil)
	if opt.Estimator == LIML && len(ds.x1) > 0 {
		bl, ainv, kappa, pi, err := ds.liml(f)
		if err != nil {
			return nil, err
		}
		b = bl
		ds.release(e)
		e = ds.residuals(xIdx, b.RawVector().Data)
		r.Kappa = kappa
		if opt.VCE.Kind == IID {
			V.ScaleSym(dot(e, e)/(nf-float64(ds.dofminus)), ainv)
		} else {
			// A⁻¹ Π'(Σ u²zz')Π A⁻¹, robust scaled N/(N-dofminus)
			om := ds.meat([][]float64{e}, ds.colsOf(zIdx), opt.VCE.Kind == Cluster)
			var t1, m, t2, t3 mat.Dense
			t1.Mul(pi.T(), om)
			m.Mul(&t1, pi)
			t2.Mul(ainv, &m)
			t3.Mul(&t2, ainv)
			if opt.VCE.Kind == Robust {
				t3.Scale(nf/(nf-float64(ds.dofminus)), &t3)
			}
			V = symOf(&t3)
		}
	} else if opt.Estimator == GMM2S && opt.VCE.Kind != IID && len(ds.x1)+len(ds.z1) > 0 {
		w, ok := spdInverse(s1)
		if !ok {
			return nil, errSingularS()
		}
		bg, ainv, _, err := gmm(f.C, f.cy, w, n)
		if err != nil {
			return nil, err
		}
		b = bg
		ds.release(e)
		e = ds.residuals(xIdx, b.RawVector().Data)
		V.ScaleSym(nf, ainv)
		if opt.IvregressGMM {
			// N A⁻¹ (C'W S₂ W C) A⁻¹, S₂ from the second-step residuals
			s2 := ds.sTilde(f, e, opt.VCE.Kind)
			var cw, m1, m2, t1, t2 mat.Dense
			cw.Mul(f.C.T(), w)
			m1.Mul(&cw, s2)
			m2.Mul(&m1, cw.T())
			t1.Mul(ainv, &m2)
			t2.Mul(&t1, ainv)
			t2.Scale(nf, &t2)
			V = symOf(&t2)
		}
	} else if opt.VCE.Kind == IID {
		// σ²(X'P_Z X)⁻¹, σ² = RSS/(N-dofminus): s1 = σ²/N·I
		V.ScaleSym(s1.At(0, 0)*nf, f.bread)
	} else {
		var m1, m2 mat.Dense
		m1.Mul(f.C.T(), s1)
		m2.Mul(&m1, f.C)
		m2.Scale(nf, &m2)
		var t1, t2 mat.Dense
		t1.Mul(f.bread, &m2)
		t2.Mul(&t1, f.bread)
		V = symOf(&t2)
	}
	// Small-sample factor.
	dofm := float64(ds.dofminus)
	if opt.Small {
		if opt.VCE.Kind == Cluster {
			M := float64(ds.nClust)
			V.ScaleSym((nf-1)/(nf-float64(K))*M/(M-1), V)
		} else {
			V.ScaleSym((nf-dofm)/(nf-float64(K)-dofm), V)
		}
	}
	r.Cov = V
	r.DFResid = n - K - ds.dofminus
	if opt.VCE.Kind == Cluster {
		r.DFResid = ds.nClust - 1
	}
	kx := len(xIdx)
	r.Coef = make([]float64, kx)
	r.SE = make([]float64, kx)
	r.T = make([]float64, kx)
	r.P = make([]float64, kx)
	for j := range kx {
		r.Coef[j] = b.AtVec(j)
		r.SE[j] = math.Sqrt(V.At(j, j))
		r.T[j] = r.Coef[j] / r.SE[j]
		if opt.Small {
			r.P[j] = tP(r.T[j], r.DFResid)
		} else {
			r.P[j] = math.Erfc(math.Abs(r.T[j]) / math.Sqrt2)
		}
	}
	ds.fitStats(r, e, opt)
	ds.release(e)
	r.ModelF = modelWald(r, xIdx, ds, opt)
	// Overidentification.
	if opt.Estimator != OLS && len(ds.x1)+len(ds.z1) > 0 {
		name := "Hansen J statistic"
		if opt.VCE.Kind == IID {
			name = "Sargan statistic"
		}
		df := len(ds.z1) - len(ds.x1)
		if df == 0 {
			r.OverID = naTest(name, "equation exactly identified")
		} else {
			w, ok := spdInverse(s1)
			if !ok {
				return nil, errSingularS()
			}
			_, _, j, err := gmm(f.C, f.cy, w, n)
			if err != nil {
				return nil, err
			}
			r.OverID = chi2Test(name, j, df)
		}
	}
	if opt.Estimator != OLS && len(ds.x1) > 0 {
		if err := ds.idTests(r, f, opt); err != nil {
			return nil, err
		}
		if r.StockWright, err = ds.stockWright(f, opt); err != nil {
			return nil, err
		}
		if len(opt.Endog) > 0 {
			t, err := ds.endogTest(f, opt)
			if err != nil {
				return nil, err
			}
			r.EndogTest = &t
		}
	}
	return r, nil
}

func errSingularS() error {
	return &singularS{}
}

type singularS struct{}

func (*singularS) Error() string {
	return ErrSingular.Error() + ": the covariance of the moment conditions (S) is not positive definite; with clusters, there may be fewer clusters than instruments"
}
func (*singularS) Unwrap() error { return ErrSingular }

// fitStats fills RSS, R², RMSE.
func (ds *sample) fitStats(r *Result, e []float64, opt Options) {
	n := float64(ds.n)
	y := ds.cols[ds.y]
	r.RSS = dot(e, e)
	yy := dot(y, y)
	mean := 0.0
	for _, v := range y {
		mean += v
	}
	mean /= n
	tss := 0.0
	for _, v := range y {
		tss += (v - mean) * (v - mean)
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
	n, k, dofm := float64(r.N), float64(r.K), float64(r.DofMinus)
	f := chi2 / float64(q)
	switch {
	case opt.Small:
	case opt.VCE.Kind == Cluster:
		m := float64(r.NClusters)
		f *= (m - 1) / m * (n - k) / (n - 1)
	default:
		f *= (n - k - dofm) / (n - dofm)
	}
	return fTest("F", f, q, r.DFResid)
}

// tQuantile is the 97.5% quantile of Student's t with df degrees of freedom.
func tQuantile(df int) float64 {
	if df <= 0 {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}
