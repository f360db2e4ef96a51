package ivgmm

import (
	"fmt"
	"math"
)

// WeightKind is Stata's weight type.
type WeightKind int

// Weight kinds (Stata [aweight], [pweight], [fweight], [iweight]).
const (
	NoWeights WeightKind = iota
	// AWeights are analytic weights, inversely proportional to the
	// variance of an observation: normalized to sum to N (the rows used).
	AWeights
	// PWeights are sampling weights, the inverse of the probability of
	// selection: normalized as AWeights, and they imply Robust() (Stata).
	PWeights
	// FWeights are frequency weights, positive integers: row i stands
	// for w_i identical observations, N = Σw.
	FWeights
	// IWeights are importance weights, not normalized: N = floor(Σw)
	// (ivreg2); ivreg2 allows them with IID() and Robust() only.
	IWeights
)

func (k WeightKind) String() string {
	return [...]string{"", "aweight", "pweight", "fweight", "iweight"}[k]
}

// Weights are the weights of a fit: their kind and column. On the
// matrix path W holds one weight per Data row.
type Weights struct {
	Kind WeightKind
	Var  string
	W    []float64 // per Data row (WeightsOn, or read by FromFrame)
}

// AWeight weights the fit by the column v as Stata's [aweight=v].
func AWeight(v string) Weights { return Weights{Kind: AWeights, Var: v} }

// PWeight weights the fit by the column v as Stata's [pweight=v].
func PWeight(v string) Weights { return Weights{Kind: PWeights, Var: v} }

// FWeight weights the fit by the column v as Stata's [fweight=v].
func FWeight(v string) Weights { return Weights{Kind: FWeights, Var: v} }

// IWeight weights the fit by the column v as Stata's [iweight=v].
func IWeight(v string) Weights { return Weights{Kind: IWeights, Var: v} }

// WeightsOn gives the weights of each Data row on the matrix path; name
// labels the output.
func WeightsOn(kind WeightKind, name string, w []float64) Weights {
	return Weights{Kind: kind, Var: name, W: w}
}

// Stata is the weight expression, "[aweight=v]", or "".
func (w Weights) Stata() string {
	if w.Kind == NoWeights {
		return ""
	}
	return "[" + w.Kind.String() + "=" + w.Var + "]"
}

// String is econb fit's --weights syntax, "aweight:v", or "".
func (w Weights) String() string {
	if w.Kind == NoWeights {
		return ""
	}
	return w.Kind.String() + ":" + w.Var
}

// checkWeights validates the weights of the Data rows and drops the rows
// with a missing (NaN) weight, counted in missing, and those with a zero
// weight, counted in zero (Stata excludes both from the sample).
func checkWeights(w Weights, n int, keep []bool) (missing, zero int, err error) {
	if w.Kind == NoWeights {
		return 0, 0, nil
	}
	if w.Kind < NoWeights || w.Kind > IWeights {
		return 0, 0, fmt.Errorf("%w: unknown weight kind %d", ErrInput, int(w.Kind))
	}
	if w.W == nil {
		return 0, 0, fmt.Errorf("%w: %s names a column of a data frame, and Fit has none: use FitFrame or FitFormula, or give the weights with WeightsOn", ErrInput, w.Stata())
	}
	if len(w.W) != n {
		return 0, 0, fmt.Errorf("%w: weight variable %q has %d rows, the data have %d", ErrInput, w.Var, len(w.W), n)
	}
	for i, v := range w.W {
		switch {
		case math.IsNaN(v):
			if keep[i] {
				keep[i] = false
				missing++
			}
		case math.IsInf(v, 0):
			return 0, 0, fmt.Errorf("%w: weight variable %q is infinite in row %d", ErrInput, w.Var, i+1)
		case v < 0 && w.Kind != IWeights:
			return 0, 0, fmt.Errorf("%w: weight variable %q is negative in row %d (%g); %s must be ≥ 0", ErrInput, w.Var, i+1, v, w.Kind)
		case w.Kind == FWeights && v != math.Trunc(v):
			return 0, 0, fmt.Errorf("%w: frequency weight %q is not an integer in row %d (%g); use aweight or pweight for non-integer weights", ErrInput, w.Var, i+1, v)
		case v == 0 && keep[i]:
			keep[i] = false
			zero++
		}
	}
	return missing, zero, nil
}

// weighting is the weights of the estimation sample after normalization
// (aweight and pweight sum to the number of rows used).
type weighting struct {
	kind WeightKind
	w    []float64 // per sample row
	sw   []float64 // √w: every column is multiplied by it
	sum  float64   // Σw (rows used for aweight and pweight)
	// rinv is 1/√w for fweight and iweight: the robust meat of row i is
	// w_i u_i² z_i z_i', not (w_i u_i)² z_i z_i' (ivreg2 m_omega).
	rinv []float64
}

// newWeighting normalizes the weights of the sample rows and returns N.
func newWeighting(w Weights, rows []int32) (*weighting, int, error) {
	m := len(rows)
	wt := &weighting{kind: w.Kind, w: make([]float64, m), sw: make([]float64, m)}
	sum := 0.0
	for k, i := range rows {
		wt.w[k] = w.W[i]
		sum += w.W[i]
	}
	if !(sum > 0) {
		return nil, 0, fmt.Errorf("%w: the weights %q sum to %g in the estimation sample", ErrInput, w.Var, sum)
	}
	n := m
	switch w.Kind {
	case AWeights, PWeights:
		f := float64(m) / sum
		for k := range wt.w {
			wt.w[k] *= f
		}
		wt.sum = float64(m)
	case FWeights:
		wt.sum = sum
		n = int(sum)
	case IWeights:
		wt.sum = sum
		n = int(math.Floor(sum))
	}
	for k, v := range wt.w {
		wt.sw[k] = math.Sqrt(math.Abs(v))
	}
	if w.Kind == FWeights || w.Kind == IWeights {
		for _, v := range wt.w {
			if v < 0 {
				return nil, 0, fmt.Errorf("%w: negative importance weights are not supported (weight variable %q)", ErrInput, w.Var)
			}
		}
		wt.rinv = make([]float64, m)
		for k, s := range wt.sw {
			wt.rinv[k] = 1 / s
		}
	}
	return wt, n, nil
}
