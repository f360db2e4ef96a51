package panel_test

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/econb/econb/lib/panel"
)

func eqNaN(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !(a[i] == b[i] || math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestLagGapsLeadsDiff(t *testing.T) {
	nan := math.NaN()
	// entity a: 2001, 2002, 2004 (gap at 2003); entity b: 2002, 2001 (unsorted rows)
	ent := []string{"a", "a", "a", "b", "b"}
	tm := []int{2001, 2002, 2004, 2002, 2001}
	x := []float64{1, 2, 4, 20, 10}
	ix, err := panel.NewIndex(ent, tm)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"L1", ix.Lag(x, 1), []float64{nan, 1, nan, 10, nan}},
		{"L2", ix.Lag(x, 2), []float64{nan, nan, 2, nan, nan}},
		{"F1", ix.Lag(x, -1), []float64{2, nan, nan, nan, 20}},
		{"L0", ix.Lag(x, 0), x},
		{"D", ix.Diff(x), []float64{nan, 1, nan, 10, nan}},
	}
	for _, c := range cases {
		if !eqNaN(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if ix.NumEntities() != 2 || ix.NumPeriods() != 3 {
		t.Errorf("NumEntities, NumPeriods = %d, %d; want 2, 3", ix.NumEntities(), ix.NumPeriods())
	}
	if got := fmt.Sprint(ix.TimeCodes()); got != "[0 1 2 1 0]" {
		t.Errorf("TimeCodes = %s", got)
	}
}

func TestLagSparseTime(t *testing.T) {
	// a time range far larger than the rows uses the map path
	ix, err := panel.NewIndex([]string{"a", "a", "b"}, []int{0, 1_000_000_000, 1_000_000_000})
	if err != nil {
		t.Fatal(err)
	}
	got := ix.Lag([]float64{1, 2, 3}, 1_000_000_000)
	if !eqNaN(got, []float64{math.NaN(), 1, math.NaN()}) {
		t.Errorf("Lag = %v", got)
	}
}

func TestDuplicate(t *testing.T) {
	_, err := panel.NewIndex([]string{"a", "b", "a"}, []int{1, 1, 1})
	if !errors.Is(err, panel.ErrDuplicate) {
		t.Fatalf("err = %v, want ErrDuplicate", err)
	}
	want := `panel: duplicate (entity, time) rows: rows 1 and 3 both have entity "a" and time 1; each (entity, time) pair must appear once`
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}

// lsdvResidual demeans x by brute force: many sweeps of plain alternating
// projections (the definition of M_D x as a limit), used as the oracle.
func bruteDemean(x []float64, fe [][]int) []float64 {
	y := append([]float64(nil), x...)
	for range 20000 {
		for _, c := range fe {
			sum := map[int]float64{}
			n := map[int]float64{}
			for i, k := range c {
				sum[k] += y[i]
				n[k]++
			}
			for i, k := range c {
				y[i] -= sum[k] / n[k]
			}
		}
	}
	return y
}

func TestWithin(t *testing.T) {
	// unbalanced two-way: 4 entities x 4 periods with holes
	ent := []int{0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3}
	tm := []int{0, 1, 3, 0, 1, 2, 3, 1, 2, 0, 2, 3}
	x := make([]float64, len(ent))
	for i := range x {
		x[i] = math.Sin(float64(3*i+1)) * 1e6 // large scale: tolerance must be relative
	}
	for _, tc := range []struct {
		name  string
		fe    [][]int
		exact bool
	}{
		{"one-way", [][]int{ent}, true},
		{"two-way unbalanced (exact, small FE solved)", [][]int{ent, tm}, true},
		{"two-way unbalanced + constant FE (iterative)", [][]int{ent, tm, make([]int, len(ent))}, false},
		{"two-way, two disconnected components", [][]int{{0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 2, 0}, {0, 1, 0, 1, 1, 2, 3, 2, 3, 2, 2, 1}}, true},
		{"three-way", [][]int{ent, tm, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}}, false},
	} {
		d, err := panel.NewDemeaner(tc.fe)
		if err != nil {
			t.Fatal(err)
		}
		if d.Exact() != tc.exact {
			t.Errorf("%s: Exact() = %v", tc.name, d.Exact())
		}
		got := append([]float64(nil), x...)
		if err := d.Demean(got); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := bruteDemean(x, tc.fe)
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-9*1e6 {
				t.Errorf("%s: row %d: %g, want %g", tc.name, i, got[i], want[i])
			}
		}
	}
}

func TestWithinBalancedExact(t *testing.T) {
	var ent, tm []int
	var x []float64
	for i := range 5 {
		for s := range 4 {
			ent = append(ent, i)
			tm = append(tm, s)
			x = append(x, math.Cos(float64(7*i+s*s)))
		}
	}
	d, _ := panel.NewDemeaner([][]int{ent, tm})
	if !d.Exact() {
		t.Fatal("balanced panel not detected")
	}
	got := append([]float64(nil), x...)
	_ = d.Demean(got)
	want := bruteDemean(x, [][]int{ent, tm})
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-13 {
			t.Errorf("row %d: %g, want %g", i, got[i], want[i])
		}
	}
}

func TestNotConverged(t *testing.T) {
	ent := []int{0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3}
	tm := []int{0, 1, 3, 0, 1, 2, 3, 1, 2, 0, 2, 3}
	d, _ := panel.NewDemeaner([][]int{ent, tm, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}})
	d.MaxIter = 2
	d.Tol = 1e-300
	x := []float64{1, 5, 2, 8, 3, 9, 4, 6, 1, 2, 7, 3}
	if err := d.Demean(x); !errors.Is(err, panel.ErrNotConverged) {
		t.Errorf("err = %v, want ErrNotConverged", err)
	}
}

func TestSingletons(t *testing.T) {
	// entity 2 is a singleton; after dropping it, year 9 becomes a singleton too
	ent := []int{0, 0, 1, 1, 2, 3, 3}
	yr := []int{1, 2, 1, 2, 9, 9, 1}
	keep := []bool{true, true, true, true, true, true, true}
	n := panel.Singletons([][]int{ent, yr}, keep)
	// drop row 4 (entity 2), then row 5 (year 9 alone), then row 6 (entity 3 alone)
	if n != 3 || fmt.Sprint(keep) != "[true true true true false false false]" {
		t.Errorf("dropped %d, keep %v", n, keep)
	}
}

// TestDemeanerWorker checks that a Worker demeans, on its own goroutine,
// to the same bits as the Demeaner it came from, for each method.
func TestDemeanerWorker(t *testing.T) {
	ent := []int{0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3}
	tm := []int{0, 1, 3, 0, 1, 2, 3, 1, 2, 0, 2, 3}
	for _, fe := range [][][]int{{ent}, {ent, tm}, {ent, tm, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}},
		{{0, 0, 1, 1, 2, 2}, {0, 1, 0, 1, 0, 1}}} { // the last is balanced
		d, err := panel.NewDemeaner(fe)
		if err != nil {
			t.Fatal(err)
		}
		cols := make([][]float64, 8)
		want := make([][]float64, len(cols))
		for j := range cols {
			cols[j] = make([]float64, len(fe[0]))
			for i := range cols[j] {
				cols[j][i] = math.Sin(float64(7*i + 3*j + 1))
			}
			want[j] = append([]float64(nil), cols[j]...)
			if err := d.Demean(want[j]); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for j := range cols {
			w := d.Worker()
			wg.Go(func() {
				if err := w.Demean(cols[j]); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for j := range cols {
			for i := range cols[j] {
				if math.Float64bits(cols[j][i]) != math.Float64bits(want[j][i]) {
					t.Fatalf("%d FEs, column %d row %d: worker %v, serial %v", len(fe), j, i, cols[j][i], want[j][i])
				}
			}
		}
	}
}
