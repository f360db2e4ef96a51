package malmquist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/econb/econb/lib/dea"
)

// TestBootstrapReproducible: the same seed gives bit-identical intervals
// on 1 and 2 workers (counter-based streams per replication), a different
// seed different ones; the estimates are Compute's.
func TestBootstrapReproducible(t *testing.T) {
	d := genData(60, 4)
	run := func(workers int, seed uint64) *Boot {
		b, err := Bootstrap(d, Options{Orientation: dea.Output, Workers: workers}, BootOptions{Replications: 50, Seed: seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, c := run(1, 7), run(2, 7), run(2, 8)
	if len(a.Intervals) != 60*3 || len(a.PeriodIntervals) != 3 {
		t.Fatalf("%d intervals, %d period intervals", len(a.Intervals), len(a.PeriodIntervals))
	}
	same := func(x, y BootIndex) bool { return x == y }
	for i := range a.Intervals {
		if !same(a.Intervals[i], b.Intervals[i]) {
			t.Fatalf("interval %d differs between 1 and 2 workers:\n%+v\n%+v", i, a.Intervals[i], b.Intervals[i])
		}
		if a.Intervals[i].TFPCh.Estimate != a.Indices[i].TFPCh {
			t.Errorf("estimate %v, Compute %v", a.Intervals[i].TFPCh.Estimate, a.Indices[i].TFPCh)
		}
	}
	if a.Overall != b.Overall {
		t.Errorf("overall differs: %+v vs %+v", a.Overall, b.Overall)
	}
	if a.Overall == c.Overall {
		t.Errorf("seeds 7 and 8 give the same overall interval")
	}
}

// TestBootstrapErrors: only the contemporaneous radial index, at least two
// replications, alpha in (0, 1).
func TestBootstrapErrors(t *testing.T) {
	d := genData(20, 3)
	for _, c := range []struct {
		opt  Options
		bo   BootOptions
		want string
	}{
		{Options{Frontier: Global}, BootOptions{Replications: 10}, "contemporaneous radial"},
		{Options{Directional: true}, BootOptions{Replications: 10}, "contemporaneous radial"},
		{Options{}, BootOptions{Replications: 1}, "1 bootstrap replications"},
		{Options{}, BootOptions{Replications: 10, Alpha: 2}, "alpha 2"},
	} {
		if _, err := Bootstrap(d, c.opt, c.bo); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v %+v: err = %v, want %q", c.opt, c.bo, err, c.want)
		}
	}
}

// TestBootstrapCoverage is the Monte Carlo on a known frontier: two
// periods, 100 DMUs, inputs U(1, 10)², CRS frontier y = A_t sqrt(x1 x2)
// with A = (1, 1.05), output efficiencies θ_kt = exp(−|0.25 u|) correlated
// across periods; the true indices are tfpch = A2θ2/(A1θ1), effch = θ2/θ1,
// techch = A2/A1. It measures how often the 95% intervals of 20 data sets
// x 100 DMUs (B = 200) contain the truth and guards against regressions:
// measured coverage (Monte Carlo s.e. about 0.008) is about 0.85 for
// tfpch and 0.87 for effch and techch, BELOW the nominal 0.95 (Löthgren
// 1998, SSE/EFI WP 223, also finds the coverage of Simar-Wilson intervals
// inaccurate in a Monte Carlo). The bound 0.80 is a regression guard, not a
// claim of nominal coverage.
func TestBootstrapCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("Monte Carlo: skipped in -short")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const n, R, B = 100, 20, 200
	A := [2]float64{1, 1.05}
	var cov [3]int
	tot := 0
	for rep := 0; rep < R; rep++ {
		var d Data
		th := make([][2]float64, n)
		for k := range th {
			u := rng.NormFloat64()
			th[k][0] = math.Exp(-math.Abs(0.25 * u))
			th[k][1] = math.Exp(-math.Abs(0.25 * (0.7*u + 0.71*rng.NormFloat64())))
		}
		for s := 0; s < 2; s++ {
			for k := 0; k < n; k++ {
				x1, x2 := 1+9*rng.Float64(), 1+9*rng.Float64()
				d.DMU, d.Period = append(d.DMU, fmt.Sprint(k)), append(d.Period, s+1)
				d.Inputs = append(d.Inputs, []float64{x1, x2})
				d.Outputs = append(d.Outputs, []float64{th[k][s] * A[s] * math.Sqrt(x1*x2)})
			}
		}
		b, err := Bootstrap(d, Options{Orientation: dea.Output}, BootOptions{Replications: B, Seed: uint64(rep)})
		if err != nil {
			t.Fatal(err)
		}
		for _, iv := range b.Intervals {
			var k int
			fmt.Sscan(iv.DMU, &k)
			truth := [3]float64{A[1] * th[k][1] / (A[0] * th[k][0]), th[k][1] / th[k][0], A[1] / A[0]}
			for c, x := range []Interval{iv.TFPCh, iv.EffCh, iv.TechCh} {
				if x.Lower <= truth[c] && truth[c] <= x.Upper {
					cov[c]++
				}
			}
			tot++
		}
	}
	for c, name := range []string{"tfpch", "effch", "techch"} {
		rate := float64(cov[c]) / float64(tot)
		t.Logf("%s: 95%% intervals cover the truth in %.3f of %d cases", name, rate, tot)
		if rate < 0.80 {
			t.Errorf("%s coverage %.3f fell below the regression guard 0.80", name, rate)
		}
	}
}
