package dea

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// randBad adds k bad outputs to randData: emissions rising with the
// outputs, with noise.
func randBad(rng *rand.Rand, y [][]float64, k int) [][]float64 {
	b := make([][]float64, len(y))
	for j := range y {
		b[j] = make([]float64, k)
		for q := range b[j] {
			b[j][q] = 0.5*y[j][0]*(0.6+0.8*rng.Float64()) + 0.1
		}
	}
	return b
}

// TestDirectionalOracle: directional distances (frame, warm starts, scaled
// rows) equal the oracle's textbook LP in data units (gonum lp.Simplex) to
// 1e-8, for own and other DMUs (β < 0 and infeasible LPs included), under
// CRS, VRS and NIRS, proportional and fixed directions, with and without
// bad outputs; the plain technology agrees too.
func TestDirectionalOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 12; trial++ {
		n, m, s, k := 15+rng.IntN(40), 1+rng.IntN(3), 1+rng.IntN(2), rng.IntN(3)
		x, y := randData(rng, n, m, s, 0)
		var b [][]float64
		if k > 0 {
			b = randBad(rng, y, k)
		}
		px, py := randData(rng, 10, m, s, 0)
		var pb [][]float64
		if k > 0 {
			pb = randBad(rng, py, k)
		}
		px, py = append(px, x...), append(py, y...)
		if k > 0 {
			pb = append(pb, b...)
		}
		fr, err := NewDirectional(x, y, b)
		if err != nil {
			t.Fatal(err)
		}
		pl, _ := NewDirectional(x, y, b)
		pl.Plain = true
		g := Direction{}
		if trial%3 == 1 {
			g = Direction{Inputs: []float64{0.5}, Goods: []float64{1}, Bads: []float64{1}}
		}
		if trial%3 == 2 {
			g = Direction{Fixed: true, Inputs: make([]float64, m), Goods: make([]float64, s), Bads: make([]float64, k)}
			for i := range g.Inputs {
				g.Inputs[i] = 0.3
			}
			for i := range g.Goods {
				g.Goods[i] = 1
			}
			for i := range g.Bads {
				g.Bads[i] = 0.5
			}
		}
		infeasible := 0
		for _, rts := range allRTS {
			for p := range px {
				var bp []float64
				if k > 0 {
					bp = pb[p]
				}
				gx, gy, gb, _ := g.Resolve(m, s, k)
				if !g.Fixed {
					for i := range gx {
						gx[i] *= px[p][i]
					}
					for i := range gy {
						gy[i] *= py[p][i]
					}
					for i := range gb {
						gb[i] *= bp[i]
					}
				}
				want, werr := oracleDDF(x, y, b, px[p], py[p], bp, gx, gy, gb, rts)
				got, gerr := fr.Distance(px[p], py[p], bp, g, rts)
				gotPl, plerr := pl.Distance(px[p], py[p], bp, g, rts)
				if werr != nil {
					if !errors.Is(werr, errOracleInfeasible) {
						t.Fatalf("oracle: %v", werr)
					}
					infeasible++
					if !errors.Is(gerr, ErrInfeasible) || !errors.Is(plerr, ErrInfeasible) {
						t.Errorf("trial %d %v point %d: oracle infeasible, got %v (%v) and plain %v (%v)", trial, rts, p, got, gerr, gotPl, plerr)
					}
					continue
				}
				if gerr != nil || plerr != nil {
					t.Errorf("trial %d %v point %d: oracle %.10g, got errors %v / %v", trial, rts, p, want, gerr, plerr)
					continue
				}
				if math.Abs(got-want) > 1e-8*(1+math.Abs(want)) || math.Abs(gotPl-want) > 1e-8*(1+math.Abs(want)) {
					t.Errorf("trial %d (n %d m %d s %d k %d, %v) %v point %d: frame %.12g plain %.12g oracle %.12g", trial, n, m, s, k, g, rts, p, got, gotPl, want)
				}
			}
		}
		t.Logf("trial %d: n=%d m=%d s=%d k=%d direction %v: frame %d of %d DMUs, %d infeasible LPs", trial, n, m, s, k, g, len(must(fr.Frame())), n, infeasible)
	}
}

// TestDirectionalNoBad: without bad outputs and in direction (0, y),
// β = 1/D_o − 1 (D_o the Shephard output distance), for own and other
// DMUs under every RTS (Chambers, Chung & Färe 1996).
func TestDirectionalNoBad(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x, y := randData(rng, 80, 2, 2, 0)
	px, py := randData(rng, 30, 2, 2, 0)
	px, py = append(px, x...), append(py, y...)
	rad, _ := NewTechnology(x, y)
	dir, _ := NewDirectional(x, y, nil)
	for _, rts := range allRTS {
		for p := range px {
			do, err := rad.Distance(px[p], py[p], rts, Output)
			beta, err2 := dir.Distance(px[p], py[p], nil, Direction{}, rts)
			if (err != nil) != (err2 != nil) {
				t.Fatalf("%v point %d: radial err %v, directional err %v", rts, p, err, err2)
			}
			if err == nil && math.Abs(beta-(1/do-1)) > 1e-9*(1+math.Abs(beta)) {
				t.Errorf("%v point %d: β %.12g, 1/D_o − 1 = %.12g", rts, p, beta, 1/do-1)
			}
		}
	}
}

func TestDirectionErrors(t *testing.T) {
	tech, _ := NewDirectional([][]float64{{1}, {2}}, [][]float64{{1}, {2}}, [][]float64{{1}, {1}})
	for _, c := range []struct {
		name string
		g    Direction
	}{
		{"zero", Direction{Inputs: []float64{0}, Goods: []float64{0}, Bads: []float64{0}}},
		{"negative", Direction{Goods: []float64{-1}}},
		{"arity", Direction{Goods: []float64{1, 1}}},
		{"fixed without values", Direction{Fixed: true}},
	} {
		if _, err := tech.Distance([]float64{1}, []float64{1}, []float64{1}, c.g, CRS); !errors.Is(err, ErrData) {
			t.Errorf("%s: err = %v, want ErrData", c.name, err)
		}
	}
	if s := (Direction{}).String(); s != "(0, y, -b)" {
		t.Errorf("default direction prints %q", s)
	}
	if s := (Direction{}).Describe(false); s != "(0, y)" {
		t.Errorf("default direction without bads prints %q", s)
	}
}
