package ivgmm

import (
	"fmt"
)

// Estimator selects the estimator.
type Estimator int

// Estimators. With no excluded instruments TSLS and GMM2S are OLS.
const (
	OLS    Estimator = iota // ordinary least squares; Endog are treated as ordinary regressors, Instr ignored (Stata regress, xtreg fe)
	TSLS                    // two-stage least squares (ivreg2 default; ivregress 2sls)
	GMM2S                   // two-step efficient GMM (ivreg2 gmm2s; ivregress gmm); equals TSLS under IID()
	LIML                    // limited-information maximum likelihood, the k-class estimator with the LIML κ (ivreg2 liml; ivregress liml); with Options.Fuller, Fuller's modified LIML (ivreg2 fuller())
	KClass                  // the k-class estimator with κ = Options.KClass (ivreg2 kclass())
	CUE                     // continuously updated GMM (ivreg2 cue; ivregress gmm has no CUE)
)

func (e Estimator) String() string {
	switch e {
	case OLS:
		return "ols"
	case TSLS:
		return "2sls"
	case GMM2S:
		return "gmm2s"
	case LIML:
		return "liml"
	case KClass:
		return "kclass"
	case CUE:
		return "cue"
	}
	return fmt.Sprintf("Estimator(%d)", int(e))
}

// Convention selects whose conventions a fit follows where Stata's two IV
// commands differ (see testdata/ivgmm/CONVENTIONS.md and doc.go).
type Convention int

const (
	// IVReg2 follows ivreg2 and xtivreg2 (SSC), the default.
	IVReg2 Convention = iota
	// IVRegress follows official Stata's ivregress: gmm's VCE from the
	// second-step residuals, σ² centred in wmatrix(unadjusted), Center,
	// the model test as Wald chi2 (F with small), HAC lags l as ivreg2's
	// bw l+1.
	IVRegress
)

func (c Convention) String() string {
	if c == IVRegress {
		return "ivregress"
	}
	return "ivreg2"
}

// Options of Fit, FitFrame and FitFormula.
type Options struct {
	Estimator Estimator
	// VCE is the covariance estimator: IID() (the default when nil;
	// Stata's default, vce(unadjusted)), Robust() (robust), ClusterBy("city")
	// (cluster(city)), ClusterBy("firm", "year") (cluster(firm year)),
	// HAC(Bartlett, 3) (robust bw(3)), AC(Bartlett, 3) (bw(3)),
	// DriscollKraay(Bartlett, 3) (dkraay(3)), ClusterKernel("firm",
	// Bartlett, 3) (cluster(firm year) bw(3)), or ClusterOn(name, codes)
	// on the matrix path.
	VCE VCE
	// Panel is the panel index, Stata's xtset entity time: PanelBy("city",
	// "year"), or TimeBy("t") for a time series (tsset t). Formulas need
	// it for l(), f() and d(); kernel covariances read the time order of
	// the rows from it. PanelOn and TimeOn give it on the matrix path.
	Panel PanelIndex
	// Weights are Stata's [aweight=v], [pweight=v], [fweight=v] or
	// [iweight=v]: AWeight("v"), ... (WeightsOn on the matrix path).
	Weights Weights
	// Small applies Stata's small-sample corrections: t and F instead of
	// z and chi2, σ² = RSS/(N-K-dofminus), HC1 for robust and
	// (N-1)/(N-K)·M/(M-1) for cluster (ivreg2 "small"). The factor and the
	// degrees of freedom are the covariance's (see VCE).
	Small bool
	// Endog lists endogenous regressors to test for exogeneity with the C
	// (difference-in-Sargan/Hansen) statistic, as ivreg2's endog().
	Endog []string
	// DofMinus is ivreg2's dofminus(): a large-sample dof adjustment added
	// to the one of absorbed fixed effects (which is their number of groups).
	DofMinus int
	// SDofMinus is ivreg2's sdofminus(): a small-sample dof adjustment,
	// counted like extra regressors in every N-K (and N-L) term.
	SDofMinus int
	// Fuller is α of Fuller's (1977) modified LIML, κ = κ_LIML −
	// α/(N−L) (ivreg2 fuller(α), ivregress has none); with Estimator LIML.
	Fuller float64
	// KClass is κ of the k-class estimator (ivreg2 kclass(κ)); with
	// Estimator KClass. κ = 0 is OLS, κ = 1 is 2SLS.
	KClass float64
	// Convention chooses ivreg2's (default) or ivregress's conventions
	// where they differ.
	Convention Convention
	// Center centres the moment conditions in the GMM weight and the
	// VCE, S = Σ(z_i u_i − ḡ)(·)'/N (ivregress gmm center; ivreg2 center).
	Center bool
	// IvregressGMM is Convention IVRegress for GMM2S.
	//
	// Deprecated: use Convention: IVRegress.
	IvregressGMM bool
	// ARGrid asks for the Anderson-Rubin confidence set of the one
	// endogenous regressor, inverting the AR test over this grid of
	// values of β1 (Result.ARSet); nil for none.
	ARGrid []float64
	// ARLevel is the confidence level of the AR set (0.95 when 0).
	ARLevel float64

	rescaled *scaling // set by Fit when it refits on rescaled data (scale.go)
}

// ivregress reports whether the fit follows ivregress's conventions.
func (o *Options) ivregress() bool { return o.Convention == IVRegress || o.IvregressGMM }
