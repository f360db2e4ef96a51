package ivgmm

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Sentinel errors; Fit wraps them with the names and numbers involved.
var (
	ErrInput           = errors.New("ivgmm: invalid model")
	ErrUnderidentified = errors.New("ivgmm: underidentified")
	ErrSingular        = errors.New("ivgmm: singular matrix")
	ErrNoObservations  = errors.New("ivgmm: no observations")
)

// Data is the matrix form of a linear IV model. Columns are given one
// slice per variable, all of the same length (rows).
type Data struct {
	DepName string
	Y       []float64

	ExogNames []string    // included exogenous regressors; no constant
	Exog      [][]float64 // one column per name

	EndogNames []string // endogenous regressors
	Endog      [][]float64

	InstrNames []string // excluded instruments
	Instr      [][]float64

	Const bool // add "_cons" (absorbed, and not reported, when FE are present, as xtivreg2)

	FENames []string // absorbed fixed effects, e.g. {"city", "year"}; the first is the panel (xtivreg2 fe)
	FE      [][]int  // group code per row, one slice per FE

	ClusterName string // name of the cluster variable, for VCE Cluster
	Cluster     []int  // cluster code per row
}

// Estimator selects the estimator.
type Estimator int

// Estimators. With no excluded instruments TSLS and GMM2S are OLS.
const (
	OLS   Estimator = iota // ordinary least squares; Endog are treated as ordinary regressors, Instr ignored
	TSLS                   // two-stage least squares (ivreg2 default)
	GMM2S                  // two-step efficient GMM (ivreg2 gmm2s); equals TSLS under VCE IID
	LIML                   // limited-information maximum likelihood (k-class with the LIML κ)
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

// VCEKind is the kind of variance estimator.
type VCEKind int

// Variance estimators, as Stata's vce(unadjusted), vce(robust), vce(cluster).
const (
	IID VCEKind = iota
	Robust
	Cluster
)

// VCE specifies the covariance estimator.
type VCE struct {
	Kind VCEKind
}

func (v VCE) String() string {
	switch v.Kind {
	case IID:
		return "iid"
	case Robust:
		return "robust"
	case Cluster:
		return "cluster"
	}
	return fmt.Sprintf("VCE(%d)", int(v.Kind))
}

// Options of Fit.
type Options struct {
	Estimator Estimator
	VCE       VCE
	// Small applies Stata's small-sample corrections: t and F instead of
	// z and chi2, σ² = RSS/(N-K-dofminus), HC1 for robust and
	// (N-1)/(N-K)·M/(M-1) for cluster (ivreg2 "small").
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

// validate checks names and shapes and returns the number of rows.
func validate(d *Data, opt *Options) (int, error) {
	n := len(d.Y)
	name := d.DepName
	if name == "" {
		name = "y"
	}
	seen := map[string]string{name: "dependent variable"}
	check := func(role string, names []string, cols [][]float64) error {
		if len(names) != len(cols) {
			return fmt.Errorf("%w: %d %s names but %d columns", ErrInput, len(names), role, len(cols))
		}
		for j, c := range cols {
			if len(c) != n {
				return fmt.Errorf("%w: %s %q has %d rows, %s %q has %d", ErrInput, role, names[j], len(c), "dependent variable", name, n)
			}
			if prev, ok := seen[names[j]]; ok {
				if role == "excluded instrument" && (prev == "included exogenous regressor" || prev == "endogenous regressor") {
					return fmt.Errorf("%w: %q is both a regressor (%s) and an excluded instrument; an included exogenous regressor already instruments itself, so list it in one place only",
						ErrInput, names[j], prev)
				}
				return fmt.Errorf("%w: %q appears twice in the model (as %s and as %s); list each variable once", ErrInput, names[j], prev, role)
			}
			seen[names[j]] = role
		}
		return nil
	}
	if err := check("included exogenous regressor", d.ExogNames, d.Exog); err != nil {
		return 0, err
	}
	if err := check("endogenous regressor", d.EndogNames, d.Endog); err != nil {
		return 0, err
	}
	if opt.Estimator != OLS {
		if err := check("excluded instrument", d.InstrNames, d.Instr); err != nil {
			return 0, err
		}
		if len(d.Instr) < len(d.Endog) {
			return 0, fmt.Errorf("%w: %d endogenous regressor(s) (%s) but %d excluded instrument(s) (%s); add instruments or treat some regressors as exogenous",
				ErrUnderidentified, len(d.Endog), strings.Join(d.EndogNames, ", "), len(d.Instr), listOrNone(d.InstrNames))
		}
	}
	if len(d.FENames) != len(d.FE) {
		return 0, fmt.Errorf("%w: %d fixed-effect names but %d code columns", ErrInput, len(d.FENames), len(d.FE))
	}
	for f, c := range d.FE {
		if len(c) != n {
			return 0, fmt.Errorf("%w: fixed effect %q has %d rows, the data have %d", ErrInput, d.FENames[f], len(c), n)
		}
	}
	if opt.VCE.Kind == Cluster {
		if d.Cluster == nil {
			return 0, fmt.Errorf("%w: VCE cluster needs a cluster variable (Data.Cluster)", ErrInput)
		}
		if len(d.Cluster) != n {
			return 0, fmt.Errorf("%w: cluster variable %q has %d rows, the data have %d", ErrInput, d.ClusterName, len(d.Cluster), n)
		}
	}
	for _, e := range opt.Endog {
		found := false
		for _, en := range d.EndogNames {
			found = found || en == e
		}
		if !found {
			return 0, fmt.Errorf("%w: endog() test of %q, which is not an endogenous regressor (endogenous: %s)", ErrInput, e, listOrNone(d.EndogNames))
		}
	}
	if len(d.Exog)+len(d.Endog) == 0 && !(d.Const && len(d.FE) == 0) {
		return 0, fmt.Errorf("%w: no regressors", ErrInput)
	}
	return n, nil
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// selectRows marks the rows with no NaN in any used variable and returns
// the mask and the number of rows dropped. A variable missing in every
// row is an error naming it.
func selectRows(d *Data, opt *Options, n int) ([]bool, int, error) {
	keep := make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	mark := func(name string, c []float64) error {
		nan := 0
		for i, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				keep[i] = false
				nan++
			}
		}
		if nan == n && n > 0 {
			return fmt.Errorf("%w: variable %q is missing (NaN) in all %d rows; check the column or drop it from the model", ErrNoObservations, name, n)
		}
		return nil
	}
	if err := mark(d.DepName, d.Y); err != nil {
		return nil, 0, err
	}
	groups := []struct {
		names []string
		cols  [][]float64
	}{{d.ExogNames, d.Exog}, {d.EndogNames, d.Endog}}
	if opt.Estimator != OLS {
		groups = append(groups, struct {
			names []string
			cols  [][]float64
		}{d.InstrNames, d.Instr})
	}
	for _, g := range groups {
		for j, c := range g.cols {
			if err := mark(g.names[j], c); err != nil {
				return nil, 0, err
			}
		}
	}
	dropped := 0
	for _, k := range keep {
		if !k {
			dropped++
		}
	}
	if dropped == n {
		return nil, 0, fmt.Errorf("%w: every one of the %d rows has a missing value in some model variable", ErrNoObservations, n)
	}
	return keep, dropped, nil
}

// keptRows lists the indices of the kept rows.
func keptRows(keep []bool, m int) []int32 {
	rows := rowPool.get(m)[:0] // give back with rowPool.put
	for i, k := range keep {
		if k {
			rows = append(rows, int32(i))
		}
	}
	return rows
}

// compactInto gathers the rows of c into out (len(rows)).
func compactInto(out, c []float64, rows []int32) []float64 {
	for k, i := range rows {
		out[k] = c[i]
	}
	return out
}
