// Package gen ports the benchmark kit's deterministic DEA data generator
// (shared/bench/gen_data.py "dea n T", Go port bench/go/gendata and
// bench/go/detrand) for tests and benchmarks: counter-based random numbers
// (SplitMix64 finaliser), so that the data and the checksum_M values in
// shared/bench/results/dea.jsonl can be reproduced without files.
package gen

import (
	"math"

	"github.com/econb/econb/lib/internal/detrand"
)

// Seed is the kit's default seed.
const Seed = 20240601

const (
	tmax = 4096 // cell counter = i*tmax + t
)

// Panel is a DEA data set: rows DMU-major, DMU = j+1, Period = t+1,
// inputs (labor, capital), output gdp.
type Panel struct {
	DMU, Period []int
	L, K, Y     []float64
}

// DEA generates "dea n T" exactly as gen_data.py (products added to
// something are rounded explicitly, so no FMA can change a bit).
func DEA(n, T int, seed uint64) Panel {
	k101, k102, k103, k104, k105 := detrand.Key(seed, 101), detrand.Key(seed, 102), detrand.Key(seed, 103), detrand.Key(seed, 104), detrand.Key(seed, 105)
	m := n * T
	p := Panel{DMU: make([]int, m), Period: make([]int, m), L: make([]float64, m), K: make([]float64, m), Y: make([]float64, m)}
	for j := 0; j < n; j++ {
		L0 := 100.0 + float64(900.0*detrand.Unif(k101, uint64(j)))
		K0 := 200.0 + float64(1800.0*detrand.Unif(k102, uint64(j)))
		for t := 0; t < T; t++ {
			r, c, tf := j*T+t, uint64(j)*tmax+uint64(t), float64(t)
			l := L0 * (0.9 + float64(0.2*detrand.Unif(k103, c)))
			k := K0 * (0.9 + float64(0.2*detrand.Unif(k104, c))) * (1.0 + float64(0.05*tf))
			p.L[r], p.K[r] = l, k
			p.Y[r] = math.Sqrt(l*k) * (1.0 + float64(0.03*tf)) * (0.5 + float64(0.5*detrand.Unif(k105, c))) * (1.2 - float64(0.4*l)/1000.0)
			p.DMU[r], p.Period[r] = j+1, t+1
		}
	}
	return p
}

// Bad returns a bad (undesirable) output for the rows of DEA(n, T, seed),
// in the same order: emissions that rise with output and capital and whose
// intensity falls by 3% a year,
//
//	b_it = 0.05 · Y_it^0.8 · K_it^0.2 · exp(−0.03·t) · (0.7 + 0.6·U_it),  U_it ~ U[0,1)
//
// with U from stream 106 at the same cell counter as DEA's draws. It
// exists for the Malmquist-Luenberger tests and benchmarks only; it is not
// part of the benchmark kit.
func Bad(p Panel, seed uint64) []float64 {
	k106 := detrand.Key(seed, 106)
	b := make([]float64, len(p.Y))
	for r := range b {
		j, t := p.DMU[r]-1, p.Period[r]-1
		c := uint64(j)*tmax + uint64(t)
		b[r] = 0.05 * math.Pow(p.Y[r], 0.8) * math.Pow(p.K[r], 0.2) * math.Exp(-0.03*float64(t)) * (0.7 + 0.6*detrand.Unif(k106, c))
	}
	return b
}
