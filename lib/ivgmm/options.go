package ivgmm

import (
	"fmt"

	"github.com/econb/econb/lib/panel"
)

// Estimator selects the estimator.
type Estimator int

// Estimators. With no excluded instruments TSLS and GMM2S are OLS.
const (
	OLS   Estimator = iota // ordinary least squares; Endog are treated as ordinary regressors, Instr ignored (Stata regress, xtreg fe)
	TSLS                   // two-stage least squares (ivreg2 default; ivregress 2sls)
	GMM2S                  // two-step efficient GMM (ivreg2 gmm2s); equals TSLS under IID()
	LIML                   // limited-information maximum likelihood, the k-class estimator with the LIML κ (ivreg2 liml; ivregress liml)
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
	}
	return fmt.Sprintf("Estimator(%d)", int(e))
}

// Options of Fit, FitFrame and FitFormula.
type Options struct {
	Estimator Estimator
	// VCE is the covariance estimator: IID() (the default when nil;
	// Stata's default, vce(unadjusted)), Robust() (robust), ClusterBy("city")
	// (cluster(city)), or ClusterOn(name, codes) on the matrix path.
	VCE VCE
	// Panel is the panel index, Stata's xtset entity time: PanelBy("city",
	// "year"). Formulas need it for l(), f() and d(); covariances that need
	// the time order of the rows see it too.
	Panel PanelIndex
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
	// IvregressGMM uses the VCE of Stata's ivregress gmm for GMM2S: the
	// sandwich N·A⁻¹(C'W S₂ W C)A⁻¹ with S₂ re-estimated from the
	// second-step residuals, instead of ivreg2's N·A⁻¹ with the first-step
	// S. Coefficients and J are the same.
	IvregressGMM bool
}

// PanelIndex names the entity and time columns of a panel (Stata's
// xtset entity time). The zero value is no panel.
type PanelIndex struct {
	Entity, Time string
	// ix is the index evaluated on the rows of the Data (FromFrame), for
	// covariances that need the time order (kernel-robust and
	// Driscoll-Kraay covariances, planned).
	ix *panel.Index
}

// PanelBy is the panel index of the entity and time columns, as Stata's
// xtset entity time. The time column must hold whole numbers; a gap in it
// makes the lags across it missing.
func PanelBy(entity, time string) PanelIndex { return PanelIndex{Entity: entity, Time: time} }
