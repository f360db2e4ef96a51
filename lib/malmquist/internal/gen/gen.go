// Package gen ports the benchmark kit's deterministic DEA data generator
// (shared/bench/gen_data.py "dea n T", Go port bench/go/gendata and
// bench/go/detrand) for tests and benchmarks: counter-based random numbers
// (SplitMix64 finaliser), so that the data and the checksum_M values in
// shared/bench/results/dea.jsonl can be reproduced without files.
package gen

import "math"

// Seed is the kit's default seed.
const Seed = 20240601

const (
	gold    uint64 = 0x9E3779B97F4A7C15
	c1      uint64 = 0xBF58476D1CE4E5B9
	c2      uint64 = 0x94D049BB133111EB
	streamK uint64 = 0xD1B54A32D192ED03
	tmax           = 4096 // cell counter = i*tmax + t
)

func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= c1
	z ^= z >> 27
	z *= c2
	z ^= z >> 31
	return z
}

// Key returns the key of a stream.
func Key(seed, stream uint64) uint64 { return mix64(seed*gold + stream*streamK) }

// Bits returns the random bits for counter ctr.
func Bits(key, ctr uint64) uint64 { return mix64(key + (ctr+1)*gold) }

// Unif returns a uniform in [0,1) with 53 random bits.
func Unif(key, ctr uint64) float64 { return float64(Bits(key, ctr)>>11) * (1.0 / (1 << 53)) }

// Panel is a DEA data set: rows DMU-major, DMU = j+1, Period = t+1,
// inputs (labor, capital), output gdp.
type Panel struct {
	DMU, Period []int
	L, K, Y     []float64
}

// DEA generates "dea n T" exactly as gen_data.py (products added to
// something are rounded explicitly, so no FMA can change a bit).
func DEA(n, T int, seed uint64) Panel {
	k101, k102, k103, k104, k105 := Key(seed, 101), Key(seed, 102), Key(seed, 103), Key(seed, 104), Key(seed, 105)
	m := n * T
	p := Panel{DMU: make([]int, m), Period: make([]int, m), L: make([]float64, m), K: make([]float64, m), Y: make([]float64, m)}
	for j := 0; j < n; j++ {
		L0 := 100.0 + float64(900.0*Unif(k101, uint64(j)))
		K0 := 200.0 + float64(1800.0*Unif(k102, uint64(j)))
		for t := 0; t < T; t++ {
			r, c, tf := j*T+t, uint64(j)*tmax+uint64(t), float64(t)
			l := L0 * (0.9 + float64(0.2*Unif(k103, c)))
			k := K0 * (0.9 + float64(0.2*Unif(k104, c))) * (1.0 + float64(0.05*tf))
			p.L[r], p.K[r] = l, k
			p.Y[r] = math.Sqrt(l*k) * (1.0 + float64(0.03*tf)) * (0.5 + float64(0.5*Unif(k105, c))) * (1.2 - float64(0.4*l)/1000.0)
			p.DMU[r], p.Period[r] = j+1, t+1
		}
	}
	return p
}
