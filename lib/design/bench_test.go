package design

import (
	"fmt"
	"math"
	"testing"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

// benchFrame is a deterministic balanced panel of n entities × t periods
// with the variables of the paper's model.
func benchFrame(n, t int) *frame.Frame {
	rows := n * t
	cols := map[string][]float64{}
	for _, name := range []string{"id", "year", "tfp", "str", "gov", "pgdp", "fdi", "h", "road", "pop", "sagg"} {
		cols[name] = make([]float64, rows)
	}
	for r := range rows {
		cols["id"][r] = float64(r / t)
		cols["year"][r] = float64(2000 + r%t)
		for k, name := range []string{"tfp", "str", "gov", "pgdp", "fdi", "h", "road", "pop", "sagg"} {
			cols[name][r] = math.Sin(float64(r*(k+3)) * 0.37)
		}
	}
	f, err := frame.FromMap(cols)
	if err != nil {
		panic(err)
	}
	return f
}

// BenchmarkBuild evaluates the paper's formula (two lags as instruments,
// entity and year effects) at the paper's size and at 1.6 M rows.
func BenchmarkBuild(b *testing.B) {
	f := formula.MustParse("tfp ~ str + gov + pgdp + fdi + h + road + pop | id + year | sagg ~ l(sagg, 1:2)")
	for _, sz := range [][2]int{{261, 15}, {200000, 8}} {
		fr := benchFrame(sz[0], sz[1])
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(f, fr, Options{Entity: "id", Time: "year", Cluster: "id"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse parses the paper's formula.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := formula.Parse("tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg ~ l(sagg, 1:2)"); err != nil {
			b.Fatal(err)
		}
	}
}
