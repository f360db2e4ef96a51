package expr

import (
	"math"
	"testing"

	"github.com/econb/econb/lib/internal/detrand"
)

// benchSource is n rows of a, b and c, c positive, from a fixed seed.
func benchSource(n int) *Map {
	key := detrand.Key(20260501, 0)
	a, b, c := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range a {
		k := uint64(3 * i)
		a[i], b[i], c[i] = detrand.Unif(key, k), detrand.Unif(key, k+1), 1+detrand.Unif(key, k+2)
	}
	m, err := NewMap(map[string][]float64{"a": a, "b": b, "c": c}, nil, nil)
	if err != nil {
		panic(err)
	}
	return m
}

// BenchmarkGenerate evaluates gen y = a*b + log(c) at 2,000,000 rows, the
// issue's comparison with polars' with_columns and pandas (see
// testdata/bench/README.md for the peers' script and numbers).
func BenchmarkGenerate(b *testing.B) {
	src := benchSource(2_000_000)
	p, err := Compile(MustParse("a*b + log(c)"), src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	reportCPU(b, func() {
		if col := p.Run(); math.IsNaN(col.Num[0]) {
			b.Fatal("missing")
		}
	})
}

// BenchmarkGenerateArith is gen y = a*b + c: the evaluator without a
// logarithm, against polars' and pandas' a*b + c.
func BenchmarkGenerateArith(b *testing.B) {
	src := benchSource(2_000_000)
	p, err := Compile(MustParse("a*b + c"), src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	reportCPU(b, func() { p.Run() })
}

// BenchmarkGenerateLoop is the plain Go loop, the floor for the evaluator.
func BenchmarkGenerateLoop(b *testing.B) {
	src := benchSource(2_000_000)
	a, _ := src.Numeric("a")
	bb, _ := src.Numeric("b")
	c, _ := src.Numeric("c")
	b.ReportAllocs()
	reportCPU(b, func() {
		y := make([]float64, len(a))
		for i := range y {
			y[i] = a[i]*bb[i] + math.Log(c[i])
		}
	})
}
