package malmquist

import (
	"fmt"
	"math"
	"testing"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist/internal/gen"
)

// genData converts the benchmark kit's "dea n T" data set (2 inputs labor,
// capital; 1 output gdp) into Data.
func genData(n, T int) Data {
	p := gen.DEA(n, T, gen.Seed)
	d := Data{InputNames: []string{"labor", "capital"}, OutputNames: []string{"gdp"}}
	for r := range p.DMU {
		d.DMU = append(d.DMU, fmt.Sprint(p.DMU[r]))
		d.Period = append(d.Period, p.Period[r])
		d.Inputs = append(d.Inputs, []float64{p.L[r], p.K[r]})
		d.Outputs = append(d.Outputs, []float64{p.Y[r]})
	}
	return d
}

// genBad is genData with the bad output gen.Bad (SO2-like emissions).
func genBad(n, T int) Data {
	p := gen.DEA(n, T, gen.Seed)
	d := genData(n, T)
	d.BadNames = []string{"so2"}
	for _, b := range gen.Bad(p, gen.Seed) {
		d.Bad = append(d.Bad, []float64{b})
	}
	return d
}

// checksum is the kit's checksum_M: the sum of all tfpch, each rounded to
// 6 decimals (bench_dea.R: sum(round(M, 6))).
func checksum(r *Result) float64 {
	s := 0.0
	for _, ix := range r.Indices {
		s += math.Round(ix.TFPCh*1e6) / 1e6
	}
	return s
}

// TestChecksumM reproduces checksum_M (sum of all Malmquist tfpch indices,
// output orientation) of shared/bench/results/dea.jsonl. Expected values are
// the most precise ones printed there; the tolerance is half a unit in the
// last printed digit.
func TestChecksumM(t *testing.T) {
	cases := []struct {
		n, T  int
		want  float64
		tol   float64
		src   string
		short bool
	}{
		{261, 3, 551.569482, 1.5e-6, "scipy_highs dea_261x3", true},
		{1000, 3, 2136.250032, 1.5e-6, "gonum_basis/scipy_highs dea_1000x3", true},
		{261, 15, 3882.713862, 1.5e-6, "scipy_highs dea_261x15", true},
		{3000, 3, 6448.52604, 6e-6, "glpk_c_warm dea_3000x3", false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%dx%d", c.n, c.T), func(t *testing.T) {
			if testing.Short() && !c.short {
				t.Skip("slow in -short")
			}
			for _, o := range []dea.Orientation{dea.Output, dea.Input} {
				r, err := Compute(genData(c.n, c.T), Options{Orientation: o})
				if err != nil {
					t.Fatal(err)
				}
				// tfpch is CRS, hence the same in both orientations.
				if got := checksum(r); !(math.Abs(got-c.want) <= c.tol) {
					t.Errorf("%v: checksum_M = %.7f, want %.7f (%s)", o, got, c.want, c.src)
				}
			}
		})
	}
}

// TestLargeAgainstPlain checks the frame-based run at firm-level scale
// (100,000 DMUs x 3 periods) against plain all-DMU LPs on a random sample
// of 60 DMU-periods (all four distances each, 1e-9).
func TestLargeAgainstPlain(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 x 3: slow in -short")
	}
	const n, T = 100000, 3
	d := genData(n, T)
	res := mustCompute(t, d, Options{Orientation: dea.Output})
	techs := make([]*dea.Technology, T)
	for per := 0; per < T; per++ {
		var xs, ys [][]float64
		for i := range d.DMU {
			if d.Period[i] == per+1 {
				xs, ys = append(xs, d.Inputs[i]), append(ys, d.Outputs[i])
			}
		}
		tech, err := dea.NewTechnology(xs, ys)
		if err != nil {
			t.Fatal(err)
		}
		tech.Plain = true
		techs[per] = tech
	}
	rng := uint64(12345)
	for s := 0; s < 60; s++ {
		rng = rng*6364136223846793005 + 1442695040888963407
		k := int(rng>>33) % len(res.Distances)
		dist := res.Distances[k] // period-major: row k is DMU k%n of period k/n+1
		per, row := k/n, (k%n)*T+k/n
		x, y := d.Inputs[row], d.Outputs[row]
		check := func(what string, got float64, tech int, rts dea.RTS) {
			if tech < 0 || tech >= T {
				return
			}
			want, err := techs[tech].Distance(x, y, rts, dea.Output)
			if err != nil {
				t.Fatal(err)
			}
			if relDiff(got, want) > 1e-9 {
				t.Errorf("DMU %s period %d %s: frame %.15g plain %.15g", dist.DMU, dist.Period, what, got, want)
			}
		}
		check("crs_prev", dist.CRSPrev, per-1, dea.CRS)
		check("crs", dist.CRS, per, dea.CRS)
		check("crs_next", dist.CRSNext, per+1, dea.CRS)
		check("vrs", dist.VRS, per, dea.VRS)
	}
}
