// Package benchpanel regenerates the deterministic benchmark panel of
// shared/bench (gen_data.py "panel N T", and its Go port bench/go/gendata)
// in memory, bit for bit, so that ivgmm's benchmarks and cross-checks run
// without Python or files. See shared/bench/README.md for the definition.
package benchpanel

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"

	"github.com/econb/econb/lib/internal/detrand"
)

// DefaultSeed is the kit's seed.
const DefaultSeed uint64 = 20240601

const (
	tmax = 4096
)

// qNaN is numpy's NaN bit pattern, which the kit writes for missing values.
var qNaN = math.Float64frombits(0x7FF8000000000000)

// Panel is the generated data set, rows entity-major.
type Panel struct {
	ID, Year []int32
	Y, X     []float64
	W        [7][]float64
	Z1, Z2   []float64 // first and second lag of X; NaN in the first periods
}

// Generate builds "panel N T" with the given seed. Products that feed an
// addition are wrapped in float64(...) so that no FMA changes a bit.
func Generate(N, T int, seed uint64) *Panel {
	n := N * T
	kA, kG, kE, kV := detrand.Key(seed, 1), detrand.Key(seed, 2), detrand.Key(seed, 3), detrand.Key(seed, 4)
	var kW [7]uint64
	for k := range kW {
		kW[k] = detrand.Key(seed, uint64(10+k))
	}
	bw := [7]float64{0.3, -0.2, 0.1, -0.1, 0.2, -0.05, 0.15}
	p := &Panel{ID: make([]int32, n), Year: make([]int32, n), Y: make([]float64, n), X: make([]float64, n),
		Z1: make([]float64, n), Z2: make([]float64, n)}
	for k := range p.W {
		p.W[k] = make([]float64, n)
	}
	gamma := make([]float64, T)
	for t := range T {
		gamma[t] = float64(0.5 * detrand.Norm(kG, uint64(t)))
	}
	x, w := p.X, p.W
	for i := range N {
		alpha := detrand.Norm(kA, uint64(i))
		for t := range T {
			r := i*T + t
			c := uint64(i)*tmax + uint64(t)
			e, v := detrand.Norm(kE, c), detrand.Norm(kV, c)
			for k := range 7 {
				w[k][r] = float64(0.5*alpha) + detrand.Norm(kW[k], c)
			}
			if t == 0 {
				x[r] = float64(0.75*alpha) + v + float64(0.5*e)
			} else {
				inno := float64(0.3*alpha) + float64(0.2*gamma[t]) + float64(0.3*w[0][r]) + v + float64(0.5*e)
				x[r] = float64(0.6*x[r-1]) + inno
			}
			yy := float64(0.5*x[r]) + alpha + gamma[t] + e
			for k := range 7 {
				yy += float64(bw[k] * w[k][r])
			}
			p.Y[r] = yy
			p.ID[r], p.Year[r] = int32(i+1), int32(t+1)
			p.Z1[r], p.Z2[r] = qNaN, qNaN
			if t >= 1 {
				p.Z1[r] = x[r-1]
			}
			if t >= 2 {
				p.Z2[r] = x[r-2]
			}
		}
	}
	return p
}

// SHA256 is the kit's sha256_all_columns: SHA-256 over the little-endian
// columns id, year, y, x, w1..w7, z1, z2.
func (p *Panel) SHA256() string {
	h := sha256.New()
	b4 := make([]byte, 4)
	for _, c := range [][]int32{p.ID, p.Year} {
		for _, v := range c {
			binary.LittleEndian.PutUint32(b4, uint32(v))
			h.Write(b4)
		}
	}
	b8 := make([]byte, 8)
	cols := [][]float64{p.Y, p.X}
	for k := range p.W {
		cols = append(cols, p.W[k])
	}
	cols = append(cols, p.Z1, p.Z2)
	for _, c := range cols {
		for _, v := range c {
			binary.LittleEndian.PutUint64(b8, math.Float64bits(v))
			h.Write(b8)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
