package ivgmm

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Scaling. Sums of squares, and the fourth moments of robust and kernel
// covariances, overflow float64 when a variable is of the order of 1e100
// or more, and underflow when one is below 1e-100 (a response in units of
// 1e300 gave RSS = +Inf; a regressor of 1e-300 was "omitted because of
// collinearity"). When the Gram matrix shows a column whose mean square is
// outside [2^-400, 2^400] (an O(1) check per column on a matrix Fit forms
// anyway), Fit refits on a copy of the data in which every variable is
// multiplied by a power of two that brings its largest magnitude into
// [0.5, 1), and scales the results back. Multiplying by a power of two is
// exact in floating point and every computation of Fit is homogeneous in
// each variable, so the results equal, to rounding, those of the
// unscaled data computed in exact arithmetic; b_j = b'_j·s_j/s_y,
// V_ij = V'_ij·s_i·s_j/s_y², RSS = RSS'/s_y², and every test statistic and
// R² is unchanged. Data in the ordinary range are never copied.

// errRescale tells Fit that the sample needs rescaling.
var errRescale = errors.New("ivgmm: rescale")

// Bounds on a column's mean square (2^±400): fourth moments then stay
// within float64's range (2^±1022) with room for sums over 2^100 rows.
var (
	scaleHi = math.Ldexp(1, 400)
	scaleLo = math.Ldexp(1, -400)
)

// scaleTrouble reports whether some column's mean square, after the
// within transformation and weighting (or before demeaning), is outside
// [scaleLo, scaleHi], or underflowed to zero although the column is not
// zero.
func (ds *sample) scaleTrouble() bool {
	m := float64(ds.m)
	bad := func(ss float64) bool {
		ms := ss / m
		return !(ms <= scaleHi) || (ms > 0 && ms < scaleLo)
	}
	if ds.tiny {
		return true
	}
	for j := range ds.cols {
		g := ds.g.At(j, j)
		if bad(g) || ds.ssBefore != nil && bad(ds.ssBefore[j]) {
			return true
		}
		if g == 0 && ds.ssBefore == nil && !allZero(ds.cols[j]) {
			return true
		}
	}
	return false
}

func allZero(c []float64) bool {
	for _, v := range c {
		if v != 0 {
			return false
		}
	}
	return true
}

// scaling holds the power-of-two factor each variable was multiplied by.
type scaling struct {
	y      float64
	byName map[string]float64 // regressors and instruments; _cons is 1
	depVar string
	big    []string // "lpacks (largest |value| 9.9e+300)", for the note
}

// pow2Scale returns the power of two that brings the largest finite
// magnitude of c into [0.5, 1), and that magnitude; 1 for a zero column.
func pow2Scale(c []float64) (float64, float64) {
	mx := 0.0
	for _, v := range c {
		if a := math.Abs(v); a > mx && !math.IsInf(a, 0) {
			mx = a
		}
	}
	if mx == 0 {
		return 1, 0
	}
	_, e := math.Frexp(mx)
	return math.Ldexp(1, -e), mx
}

// rescaledData returns a copy of d with each variable multiplied by its
// power-of-two factor, and the factors. ok is false when no variable
// needs it (every factor within 2^±100).
func rescaledData(d *Data) (*Data, *scaling, bool) {
	sc := &scaling{byName: map[string]float64{"_cons": 1}, depVar: d.DepName}
	need := false
	scale := func(name string, c []float64) []float64 {
		f, mx := pow2Scale(c)
		if f > math.Ldexp(1, 100) || f < math.Ldexp(1, -100) {
			need = true
			sc.big = append(sc.big, fmt.Sprintf("%s (largest |value| %.2g)", name, mx))
		}
		out := make([]float64, len(c))
		for i, v := range c {
			out[i] = v * f
		}
		sc.byName[name] = f
		return out
	}
	cols := func(names []string, cs [][]float64) [][]float64 {
		out := make([][]float64, len(cs))
		for j, c := range cs {
			out[j] = scale(names[j], c)
		}
		return out
	}
	d2 := *d
	d2.Y = scale(d.DepName, d.Y)
	sc.y = sc.byName[d.DepName]
	d2.Exog = cols(d.ExogNames, d.Exog)
	d2.Endog = cols(d.EndogNames, d.Endog)
	d2.Instr = cols(d.InstrNames, d.Instr)
	return &d2, sc, need
}

// fitRescaled fits d on rescaled data and scales the result back. It
// returns ok false when no variable is out of range (the trouble was
// something else, such as a column that is zero in every row).
func fitRescaled(d *Data, opt Options) (*Result, bool, error) {
	d2, sc, need := rescaledData(d)
	if !need {
		return nil, false, nil
	}
	opt.rescaled = sc
	if len(opt.ARGrid) > 0 && len(d.EndogNames) == 1 {
		// β' = β·s_y/s_x1 on the rescaled data
		f := sc.y / sc.byName[d.EndogNames[0]]
		g := make([]float64, len(opt.ARGrid))
		for i, b := range opt.ARGrid {
			g[i] = b * f
		}
		opt.ARGrid = g
	}
	r, err := Fit(d2, opt)
	if err != nil {
		return nil, true, err
	}
	sc.unscale(r)
	return r, true, nil
}

// unscale turns a result on rescaled data into the result on the data.
func (sc *scaling) unscale(r *Result) {
	f := make([]float64, len(r.Names)) // b_j = b'_j · f_j
	for j, n := range r.Names {
		s, ok := sc.byName[n]
		if !ok {
			s = 1
		}
		f[j] = s / sc.y
		r.Coef[j] *= f[j]
		r.SE[j] *= f[j]
	}
	if r.Cov != nil {
		k := r.Cov.SymmetricDim()
		v := mat.NewSymDense(k, nil)
		for i := range k {
			for j := i; j < k; j++ {
				v.SetSym(i, j, r.Cov.At(i, j)*f[i]*f[j])
			}
		}
		r.Cov = v
	}
	r.Notes = append(r.Notes, fmt.Sprintf("computed on the variables rescaled by powers of 2 (exact) and scaled back, because of %s: float64 sums of squares would over- or underflow",
		strings.Join(sc.big, ", ")))
	rss := r.RSS
	r.RSS /= sc.y * sc.y
	r.MSS /= sc.y * sc.y
	r.RMSE /= sc.y
	if rss > 0 && (math.IsInf(r.RSS, 0) || r.RSS == 0) {
		_, e := math.Frexp(sc.y)
		r.Notes = append(r.Notes, fmt.Sprintf("the residual sum of squares is %s, beyond float64's range (printed as %s)",
			pow2Text(rss, -2*(e-1)), map[bool]string{true: ".", false: "0"}[math.IsInf(r.RSS, 0)]))
	}
	for i := range r.FirstStages {
		if s, ok := sc.byName[r.FirstStages[i].Endog]; ok {
			r.FirstStages[i].RMSE /= s
		}
	}
	if a := r.ARSet; a != nil && len(r.EndogNames) == 1 {
		g := sc.byName[r.EndogNames[0]] / sc.y // β = β'·s_x1/s_y
		a.Grid = [2]float64{a.Grid[0] * g, a.Grid[1] * g}
		for i := range a.Intervals {
			a.Intervals[i] = [2]float64{a.Intervals[i][0] * g, a.Intervals[i][1] * g}
		}
	}
}

// pow2Text formats v·2^k in decimal when the product is beyond float64.
func pow2Text(v float64, k int) string {
	l := math.Log10(v) + float64(k)*math.Log10(2)
	e := math.Floor(l)
	return fmt.Sprintf("%.6ge%+d", math.Pow(10, l-e), int(e))
}
