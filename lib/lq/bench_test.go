package lq

import (
	"math"
	"testing"

	"github.com/econb/econb/lib/internal/detrand"
)

// benchCube builds the table of `bench/gen_data.py lq R T --industries K`
// (seed 20240601), definition in bench/README.md:
//
//	size_r = 0.2 + unif(201, r)   ind_k = 0.2 + unif(202, k)   u = unif(203, (r*K+k)*4096 + t)
//	emp    = floor(1 + 2000*size_r*ind_k*(u*u*u))
//
// rows region-major, then industry, then year: the Cube layout.
func benchCube(R, K, T int) *Cube {
	const seed = 20240601
	s1, s2, s3 := detrand.NewStream(seed, 201), detrand.NewStream(seed, 202), detrand.NewStream(seed, 203)
	ind := make([]float64, K)
	for k := range ind {
		ind[k] = 0.2 + s2.Unif(uint64(k))
	}
	c := &Cube{Regions: R, Sectors: K, Periods: T, Data: make([]float64, R*K*T)}
	i := 0
	for r := 0; r < R; r++ {
		size := 0.2 + s1.Unif(uint64(r))
		for k := 0; k < K; k++ {
			for t := 0; t < T; t++ {
				u := s3.Unif(uint64((r*K+k)*4096 + t))
				c.Data[i] = math.Floor(1 + float64(float64(2000*size)*ind[k])*float64(float64(u*u)*u))
				i++
			}
		}
	}
	return c
}

// The sum of all quotients equals the checksum base R printed for the same
// data (bench/results/lq.jsonl, "checksum", rounded by R to 7-8 significant
// digits: 75356.74 for 261x19x15 and 9434629.3 for 3142x300x10). Tolerance:
// half a unit of the last printed digit.
func TestBenchChecksum(t *testing.T) {
	cases := []struct {
		R, K, T   int
		want, ulp float64
	}{
		{261, 19, 15, 75356.74, 0.005},
		{3142, 300, 10, 9434629.3, 0.05},
	}
	for _, tc := range cases {
		if tc.R > 1000 && testing.Short() {
			t.Log("skipping the 9.4 M-cell checksum under -short")
			continue
		}
		q, err := benchCube(tc.R, tc.K, tc.T).Quotients()
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, v := range q {
			sum += v
		}
		if math.Abs(sum-tc.want) > tc.ulp {
			t.Errorf("%dx%dx%d: sum LQ = %.4f, want %.2f ± %g (R anchors)", tc.R, tc.K, tc.T, sum, tc.want, tc.ulp)
		}
	}
}

// BenchmarkQuotients: the speed goal on the 3,142 x 300 x 10 table
// (base R: 1.0 s median, "array" method, bench/results/lq.jsonl).
//
//	go test -run x -bench Quotients -benchmem ./lib/lq
func BenchmarkQuotients(b *testing.B) {
	c := benchCube(3142, 300, 10)
	dst := make([]float64, len(c.Data))
	b.Run("into", func(b *testing.B) {
		b.SetBytes(int64(8 * len(c.Data)))
		for b.Loop() {
			if err := c.QuotientsInto(dst); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(1.027/(float64(b.Elapsed().Seconds())/float64(b.N)), "x_vs_R_array")
	})
	// Physical floor: one read and one write of the table (a quotient pass
	// reads it twice and writes it once).
	b.Run("copy-floor", func(b *testing.B) {
		b.SetBytes(int64(8 * len(c.Data)))
		for b.Loop() {
			copy(dst, c.Data)
		}
	})
	b.Run("alloc", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.Quotients(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(1.027/(float64(b.Elapsed().Seconds())/float64(b.N)), "x_vs_R_array")
	})
}
