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
	// ErrNonFinite: a variable holds ±Inf (Stata has no infinity), or the
	// estimates are not finite numbers.
	ErrNonFinite = errors.New("ivgmm: not a finite number")
	// ErrNoDF: no residual degrees of freedom (as many parameters as
	// observations): the model fits exactly and has no standard errors.
	ErrNoDF = errors.New("ivgmm: no residual degrees of freedom")
)

// Data is the matrix form of a linear IV model. Columns are given one
// slice per variable, all of the same length (rows). The cluster codes
// of a cluster-robust covariance go with it (ClusterOn).
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
	for _, e := range opt.Endog {
		found := false
		for _, en := range d.EndogNames {
			found = found || en == e
		}
		if !found {
			return 0, fmt.Errorf("%w: endog() test of %q, which is not an endogenous regressor (endogenous: %s); endog() tests whether endogenous regressors could be treated as exogenous: name only those", ErrInput, e, listOrNone(d.EndogNames))
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
	if n == 0 {
		return nil, 0, fmt.Errorf("%w: the data have no rows", ErrNoObservations)
	}
	mark := func(name string, c []float64) error {
		nan := 0
		for i, v := range c {
			if v-v != 0 { // NaN or ±Inf
				keep[i] = false
				nan++
			}
		}
		if nan > 0 {
			if err := checkInf(name, c); err != nil {
				return err
			}
		}
		if nan == n {
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

// checkInf returns an error naming the rows of c that are ±Inf, if any:
// Stata has no infinity, and a row is not silently dropped for one.
func checkInf(name string, c []float64) error {
	count, first := 0, -1
	for i, v := range c {
		if math.IsInf(v, 0) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if count == 0 {
		return nil
	}
	rows := fmt.Sprintf("row %d", first+1)
	if count > 1 {
		rows = fmt.Sprintf("%d rows (the first is row %d)", count, first+1)
	}
	return fmt.Errorf("%w: variable %q is %v in %s; Stata has no infinity: replace such cells with missing (NA or .) or drop those rows before estimating",
		ErrNonFinite, name, c[first], rows)
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
