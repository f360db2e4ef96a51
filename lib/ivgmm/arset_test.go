package ivgmm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// arClosedForm returns the roots of the IID AR inequality (Dufour and
// Taamouti 2005): with e = y − β0 x partialled on X2, F(β0) = [e'P e/L1]
// / [e'M e/(N−L)] ≤ c, c the F(L1, N−L) 95% critical value, is
// a β0² + b β0 + c0 ≤ 0 with a = x'Px − k x'Mx, b = −2(x'Py − k x'My),
// c0 = y'Py − k y'My, k = c·L1/(N−L). It returns the roots and a.
func arClosedForm(t *testing.T, d *Data, r *Result) (lo, hi, a float64) {
	ds, err := newSample(d, &Options{Estimator: TSLS, VCE: IID()})
	if err != nil {
		t.Fatal(err)
	}
	p, err := ds.partial(ds.x1)
	if err != nil {
		t.Fatal(err)
	}
	x, y := p.x1p[0], p.yp
	proj := func(v []float64) []float64 { // P_{Z1p} v
		out := make([]float64, len(v))
		zy := make([]float64, len(p.z1p))
		for l := range zy {
			zy[l] = dot(p.z1p[l], v) / float64(ds.n)
		}
		for i := range zy {
			c := 0.0
			for j := range zy {
				c += p.qzzInv.At(i, j) * zy[j]
			}
			for k := range out {
				out[k] += c * p.z1p[i][k]
			}
		}
		return out
	}
	px, py := proj(x), proj(y)
	l1, nl := float64(len(p.z1p)), float64(r.N-r.L)
	k := distuv.F{D1: l1, D2: nl}.Quantile(0.95) * l1 / nl
	xPx, xPy, yPy := dot(x, px), dot(x, py), dot(y, py)
	xMx, xMy, yMy := dot(x, x)-xPx, dot(x, y)-xPy, dot(y, y)-yPy
	a, b, c0 := xPx-k*xMx, -2*(xPy-k*xMy), yPy-k*yMy
	disc := math.Sqrt(b*b - 4*a*c0)
	lo, hi = (-b-disc)/(2*a), (-b+disc)/(2*a)
	if lo > hi {
		lo, hi = hi, lo
	}
	return lo, hi, a
}

// Under IID() the grid inversion finds the closed-form AR set to 1e-9:
// a bounded interval on card (a > 0), and the union of two unbounded
// intervals with a weak instrument (a < 0), reported as disjoint. β0 = 0
// is in the set exactly when the AR test of β1 = 0 does not reject.
func TestARSetIIDClosedForm(t *testing.T) {
	_, card := cardData(t)
	rng := rand.New(rand.NewPCG(6, 2))
	n := 400
	y, x, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range y {
		u := rng.NormFloat64()
		z[i] = rng.NormFloat64()
		x[i] = 0.1*z[i] + rng.NormFloat64() + u
		y[i] = x[i] + u
	}
	weak := &Data{DepName: "y", Y: y, EndogNames: []string{"x"}, Endog: [][]float64{x}, InstrNames: []string{"z"}, Instr: [][]float64{z}, Const: true}
	for _, tc := range []struct {
		name string
		d    *Data
		grid []float64
	}{{"card", card, Grid(-1, 1, 201)}, {"weak", weak, Grid(-50, 50, 101)}} {
		r := mustFit(t, tc.d, Options{Estimator: TSLS, ARGrid: tc.grid})
		s := r.ARSet
		lo, hi, a := arClosedForm(t, tc.d, r)
		if a > 0 {
			if len(s.Intervals) != 1 || s.UnboundedBelow || s.UnboundedAbove {
				t.Fatalf("%s: AR set %v: want one bounded interval", tc.name, s)
			}
			if reldif(s.Intervals[0][0], lo) > 1e-9 || reldif(s.Intervals[0][1], hi) > 1e-9 {
				t.Errorf("%s: AR set %v, closed form [%.12g, %.12g]", tc.name, s.Intervals, lo, hi)
			}
		} else {
			if !s.Disjoint() || len(s.Intervals) != 2 || !s.UnboundedBelow || !s.UnboundedAbove {
				t.Fatalf("%s: AR set %v: want (-inf, lo] U [hi, +inf)", tc.name, s)
			}
			if reldif(s.Intervals[0][1], lo) > 1e-9 || reldif(s.Intervals[1][0], hi) > 1e-9 {
				t.Errorf("%s: AR set %v, closed form (-inf, %.12g] U [%.12g, inf)", tc.name, s.Intervals, lo, hi)
			}
		}
		in := false
		for _, iv := range s.Intervals {
			in = in || iv[0] <= 0 && 0 <= iv[1]
		}
		if in != (r.AndersonRubinF.P > 0.05) {
			t.Errorf("%s: 0 in set %v but AR p = %g", tc.name, in, r.AndersonRubinF.P)
		}
	}
}

// With an irrelevant instrument the AR set is unbounded (here the whole
// grid), and it is reported so, not cut to an interval; with the robust
// covariance too.
func TestARSetUnbounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	y, x, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range y {
		u := rng.NormFloat64()
		z[i] = rng.NormFloat64()
		x[i] = rng.NormFloat64() + u
		y[i] = x[i] + u
	}
	d := &Data{DepName: "y", Y: y, EndogNames: []string{"x"}, Endog: [][]float64{x}, InstrNames: []string{"z"}, Instr: [][]float64{z}, Const: true}
	for _, vce := range []VCE{IID(), Robust()} {
		r := mustFit(t, d, Options{Estimator: TSLS, VCE: vce, ARGrid: Grid(-50, 50, 101)})
		s := r.ARSet
		if s.Empty() || !(s.UnboundedBelow || s.UnboundedAbove) {
			t.Errorf("%v: AR set %v: want unbounded", vce, s)
		}
	}
	if _, err := Fit(d, Options{Estimator: TSLS, ARGrid: []float64{1, 0}}); err == nil {
		t.Error("a decreasing grid is accepted")
	}
}
