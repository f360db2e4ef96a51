package dea

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randData draws n DMUs with m inputs and s outputs; ties > 0 rounds values
// to a coarse grid to create degenerate LPs (duplicates, collinear points).
func randData(rng *rand.Rand, n, m, s int, ties float64) (x, y [][]float64) {
	q := func(v float64) float64 {
		if ties > 0 {
			return math.Max(ties, math.Round(v/ties)*ties)
		}
		return v
	}
	for j := 0; j < n; j++ {
		xi, yi := make([]float64, m), make([]float64, s)
		scale := 1 + 9*rng.Float64()
		for i := range xi {
			xi[i] = q(scale * (0.5 + rng.Float64()))
		}
		for r := range yi {
			yi[r] = q(math.Pow(scale, 0.8+0.4*rng.Float64()) * (0.3 + rng.Float64()))
		}
		x, y = append(x, xi), append(y, yi)
	}
	return x, y
}

var allRTS = []RTS{CRS, VRS, NIRS}
var allOrient = []Orientation{Input, Output}

// TestFrameEqualsPlain: distances over the frame (with warm starts) equal
// those of plain all-DMU LPs (cold starts) to 1e-9, for own and
// "cross-period" points, including degenerate data with many ties.
func TestFrameEqualsPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n, m, s int
		ties    float64
	}{
		{50, 1, 1, 0}, {200, 2, 1, 0}, {300, 3, 2, 0}, {120, 2, 2, 0.5}, {200, 1, 1, 1}, {150, 4, 3, 0},
	} {
		x, y := randData(rng, c.n, c.m, c.s, c.ties)
		px, py := randData(rng, 40, c.m, c.s, c.ties)
		px, py = append(px, x...), append(py, y...)
		fr, _ := NewTechnology(x, y)
		pl, _ := NewTechnology(x, y)
		pl.Plain = true
		for _, rts := range allRTS {
			for _, o := range allOrient {
				for k := range px {
					a, errA := fr.Distance(px[k], py[k], rts, o)
					b, errB := pl.Distance(px[k], py[k], rts, o)
					if (errA != nil) != (errB != nil) || (errA != nil && !errors.Is(errA, ErrInfeasible)) {
						t.Fatalf("%+v %v %v point %d: frame err %v, plain err %v", c, rts, o, k, errA, errB)
					}
					if errA == nil && math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
						t.Errorf("%+v %v %v point %d: frame %.15g, plain %.15g", c, rts, o, k, a, b)
					}
				}
			}
		}
		f, _ := fr.Frame(VRS)
		t.Logf("n=%d m=%d s=%d ties=%v: CRS frame %d, VRS frame %d", c.n, c.m, c.s, c.ties, len(must(fr.Frame(CRS))), len(f))
	}
}

func must(v []int, err error) []int {
	if err != nil {
		panic(err)
	}
	return v
}

// TestDuality checks each optimum independently of the simplex: the dual
// prices (data units) are feasible for the full technology (every DMU's
// reduced cost >= 0, not only the frame's) and the dual objective equals
// the primal one (strong duality).
func TestDuality(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 20; trial++ {
		n, m, s := 20+rng.IntN(200), 1+rng.IntN(4), 1+rng.IntN(3)
		ties := 0.0
		if trial%3 == 0 {
			ties = 0.5
		}
		x, y := randData(rng, n, m, s, ties)
		tech, _ := NewTechnology(x, y)
		tech.Plain = trial%2 == 0
		for _, rts := range allRTS {
			for _, o := range allOrient {
				for k := 0; k < n; k += 7 {
					sol, err := tech.Solve(x[k], y[k], rts, o)
					if err != nil {
						t.Fatal(err)
					}
					checkDual(t, fmt.Sprintf("trial %d %v %v DMU %d", trial, rts, o, k), x, y, x[k], y[k], sol, rts, o)
				}
			}
		}
	}
}

func checkDual(t *testing.T, what string, X, Y [][]float64, x0, y0 []float64, sol Solution, rts RTS, o Orientation) {
	t.Helper()
	m, s := len(x0), len(y0)
	conv := 0.0
	if rts != CRS {
		conv = sol.Dual[m+s]
	}
	price := func(x, y []float64) float64 { // y'a_j in data units
		v := conv
		for i := range x {
			v += sol.Dual[i] * x[i]
		}
		for r := range y {
			v += sol.Dual[m+r] * y[r]
		}
		return v
	}
	// Reduced cost of every lambda column: 0 - price >= 0.
	for j := range X {
		if p := price(X[j], Y[j]); p > 1e-8 {
			t.Errorf("%s: DMU %d has reduced cost %.3g < 0 (dual infeasible)", what, j, -p)
		}
	}
	primal, dual := 0.0, conv
	if o == Output {
		primal = -sol.Radial
		for i := 0; i < m; i++ {
			dual += sol.Dual[i] * x0[i]
		}
	} else {
		primal = sol.Radial
		for r := 0; r < s; r++ {
			dual += sol.Dual[m+r] * y0[r]
		}
	}
	if math.Abs(primal-dual) > 1e-9*(1+math.Abs(primal)) {
		t.Errorf("%s: primal %.15g != dual %.15g", what, primal, dual)
	}
	if rts == NIRS && conv > 1e-12 && o == Input {
		t.Errorf("%s: NIRS convexity dual %.3g has the wrong sign", what, conv)
	}
}

// TestFrontierScoresOne: points on a known frontier score exactly 1.
// Technology: y = x (CRS frontier through all points) plus dominated points.
func TestFrontierScoresOne(t *testing.T) {
	var x, y [][]float64
	for k := 1; k <= 30; k++ {
		v := float64(k) * 1.37
		x, y = append(x, []float64{v, 2 * v}), append(y, []float64{3 * v})
		x, y = append(x, []float64{v * 1.5, 2 * v}), append(y, []float64{3 * v * 0.9})
	}
	tech, _ := NewTechnology(x, y)
	for _, rts := range allRTS {
		for _, o := range allOrient {
			for k := 0; k < len(x); k += 2 {
				d, err := tech.Distance(x[k], y[k], rts, o)
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(d-1) > 1e-12 {
					t.Errorf("%v %v: frontier DMU %d scores %.17g, want 1", rts, o, k, d)
				}
			}
		}
	}
}

// TestRescaleInvariance: multiplying any input or output by a constant (in
// the technology and the evaluated point) leaves every distance unchanged.
func TestRescaleInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x, y := randData(rng, 150, 2, 2, 0)
	base, _ := NewTechnology(x, y)
	sx, sy := make([][]float64, len(x)), make([][]float64, len(y))
	for j := range x {
		sx[j] = []float64{x[j][0] * 1e4, x[j][1] * 1e-3}
		sy[j] = []float64{y[j][0] * 7, y[j][1] * 1e-5}
	}
	scaled, _ := NewTechnology(sx, sy)
	for _, rts := range allRTS {
		for _, o := range allOrient {
			for j := range x {
				a, _ := base.Distance(x[j], y[j], rts, o)
				b, _ := scaled.Distance(sx[j], sy[j], rts, o)
				if math.Abs(a-b) > 1e-10 {
					t.Errorf("%v %v DMU %d: %.15g vs rescaled %.15g", rts, o, j, a, b)
				}
			}
		}
	}
}

// TestCRSOrientationFree: under CRS the Shephard output distance equals the
// Farrell input efficiency (also for points outside the technology).
func TestCRSOrientationFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x, y := randData(rng, 100, 3, 2, 0)
	px, py := randData(rng, 100, 3, 2, 0)
	tech, _ := NewTechnology(x, y)
	for k := range px {
		a, _ := tech.Distance(px[k], py[k], CRS, Input)
		b, _ := tech.Distance(px[k], py[k], CRS, Output)
		if math.Abs(a-b) > 1e-10*math.Max(1, a) {
			t.Errorf("point %d: input %.15g output %.15g", k, a, b)
		}
	}
}

func TestErrors(t *testing.T) {
	tech, err := NewTechnology([][]float64{{1}, {2}}, [][]float64{{1}, {2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		x, y []float64
		rts  RTS
		o    Orientation
		want error
	}{
		// VRS input orientation needs y0 <= max y = 2: infeasible.
		{"vrs input beyond max output", []float64{1}, []float64{5}, VRS, Input, ErrInfeasible},
		// VRS output orientation needs x0 >= min x = 1: infeasible.
		{"vrs output below min input", []float64{0.5}, []float64{1}, VRS, Output, ErrInfeasible},
		{"zero input", []float64{0}, []float64{1}, CRS, Input, ErrData},
		{"NaN output", []float64{1}, []float64{math.NaN()}, CRS, Output, ErrData},
		{"wrong length", []float64{1, 2}, []float64{1}, CRS, Output, ErrData},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := tech.Distance(c.x, c.y, c.rts, c.o)
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
	if _, err := NewTechnology([][]float64{{1}, {-1}}, [][]float64{{1}, {1}}); !errors.Is(err, ErrData) {
		t.Errorf("negative input: err = %v, want ErrData", err)
	}
}
