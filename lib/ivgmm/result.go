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
	Missing    int // a used variable (or the weight) is NaN
	Singletons int // alone in a fixed-effect group
	ZeroWeight int // weight zero (Stata excludes such rows)
}

// Result is a fitted model.
type Result struct {
	Estimator  Estimator
	VCE        VCE // as asked (IID() when Options.VCE was nil; Robust() with pweights); compare with ==, e.g. r.VCE == IID()
	Small      bool
	Weights    string     // "aweight:v" (Weights.String()), "" without weights
	Convention Convention // Options.Convention
	Fuller     float64    // Options.Fuller
	DepVar     string

	Names []string  // coefficient names: endogenous, exogenous, then "_cons"
	Coef  []float64 // estimates
	SE    []float64 // standard errors
	T     []float64 // z (or t with Small) statistics
	P     []float64 // two-sided p-values
	Cov   *mat.SymDense

	N           int
	Dropped     Dropped
	ClusterName string // the cluster variable, "" without clusters
	NClusters   int    // clusters in the sample, 0 without
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
	ARSet          *ARSet  // Anderson-Rubin confidence set of β1 (Options.ARGrid), nil if not asked
	Kappa          float64 // κ of the k-class estimate: LIML's, Fuller's or KClass's (0 for other estimators; ivreg2 e(kclass))
	Lambda         float64 // the LIML κ, also with Fuller (ivreg2 e(lambda)); 0 for other estimators
	FirstStages    []FirstStage
	StockYogo      []CriticalValue // for the weak-identification F
	// Notes are printed under the coefficient table as "note: ...": an
	// exact fit, missing standard errors, rescaled data.
	Notes  []string
	usedQR bool    // factors from Householder QR (ill-conditioned Gram)
	cueJ   float64 // J at the CUE estimate
}

// tQuantile is the 97.5% quantile of Student's t with df degrees of freedom.
func tQuantile(df int) float64 {
	if df <= 0 {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}
