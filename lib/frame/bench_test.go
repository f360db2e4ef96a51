package frame

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// benchFrame is a panel of n entities × 10 years with a float and an int
// column, the shape of the bench kit's data (lib/frame's speed tables are
// measured on the real 2-million-row file by internal/framebench).
func benchFrame(n int) *Frame {
	rng := rand.New(rand.NewPCG(1, 2))
	N := n * 10
	id, year := make([]int64, N), make([]int64, N)
	x, y := make([]float64, N), make([]float64, N)
	for i := range N {
		id[i], year[i] = int64(i/10+1), int64(i%10+1)
		x[i], y[i] = rng.NormFloat64(), rng.NormFloat64()
	}
	f := New(N)
	f.AddInt("id", id, nil)
	f.AddInt("year", year, nil)
	f.AddFloat("x", x)
	f.AddFloat("y", y)
	return f
}

func BenchmarkSort(b *testing.B) {
	f := benchFrame(20000)
	b.Run("x", func(b *testing.B) {
		for b.Loop() {
			f.Sort("x")
		}
	})
	b.Run("year,x", func(b *testing.B) {
		for b.Loop() {
			f.Sort("year", "x")
		}
	})
	// baseline: a stable comparison sort of the row order by x, then the
	// same gathers of the four columns.
	b.Run("baseline-slices-sort-x", func(b *testing.B) {
		x, _ := f.FloatView("x")
		for b.Loop() {
			perm := make([]int32, len(x))
			for i := range perm {
				perm[i] = int32(i)
			}
			slices.SortStableFunc(perm, func(a, c int32) int { return cmp.Compare(x[a], x[c]) })
			takeAll(f.cols, perm)
		}
	})
}

func BenchmarkMerge(b *testing.B) {
	f := benchFrame(20000)
	using, _ := f.Collapse([]Agg{{Stat: "mean", Var: "x", As: "xbar"}}, "id")
	for b.Loop() {
		f.Merge("m:1", []string{"id"}, using, MergeOptions{})
	}
}

func BenchmarkEgen(b *testing.B) {
	f := benchFrame(20000)
	b.Run("frame", func(b *testing.B) {
		for b.Loop() {
			f.Egen("xm", "mean", "x", "id")
		}
	})
	// baseline: a plain loop over the same data (ids 1..n known dense).
	b.Run("baseline-loop", func(b *testing.B) {
		x, _ := f.FloatView("x")
		id, _ := f.Col("id")
		ids, _ := id.Ints()
		for b.Loop() {
			sum := make([]float64, 20001)
			cnt := make([]float64, 20001)
			for i, v := range x {
				sum[ids[i]] += v
				cnt[ids[i]]++
			}
			out := make([]float64, len(x))
			for i := range out {
				out[i] = sum[ids[i]] / cnt[ids[i]]
			}
		}
	})
}

// benchCSV is 200,000 rows of the bench kit's shape (ints, 17-digit
// floats, NA cells).
func benchCSV() []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b []byte
	b = append(b, "id,year,y,x,w1,w2,z1\n"...)
	for i := range 200000 {
		b = strconv.AppendInt(b, int64(i/10+1), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(i%10+1), 10)
		for k := range 4 {
			b = append(b, ',')
			b = strconv.AppendFloat(b, rng.NormFloat64(), 'g', 17, 64)
			_ = k
		}
		if i%10 == 0 {
			b = append(b, ",NA\n"...)
		} else {
			b = append(b, ',')
			b = strconv.AppendFloat(b, rng.NormFloat64(), 'g', 17, 64)
			b = append(b, '\n')
		}
	}
	return b
}

// BenchmarkReadCSV compares ReadCSVFrom with the plain baseline of
// encoding/csv and strconv.ParseFloat into []float64 columns.
func BenchmarkReadCSV(b *testing.B) {
	data := benchCSV()
	b.SetBytes(int64(len(data)))
	b.Run("frame", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := ReadCSVFrom(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline-encoding-csv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(data))
			r.ReuseRecord = true
			head, _ := r.Read()
			cols := make([][]float64, len(head))
			for {
				rec, err := r.Read()
				if err != nil {
					break
				}
				for j, s := range rec {
					v, err := strconv.ParseFloat(s, 64)
					if err != nil {
						v = math.NaN()
					}
					cols[j] = append(cols[j], v)
				}
			}
		}
	})
}
