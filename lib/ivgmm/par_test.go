package ivgmm

import (
	"math"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// TestParallelSumsBitIdentical checks that the sums over rows that run on
// all cores (gram, robust.sum's meat, subCombination) give the bits of
// the serial block loops they replaced, written out here, on 200,000 rows
// with GOMAXPROCS 1, 2 and 4.
func TestParallelSumsBitIdentical(t *testing.T) {
	const n, p = 200_000, 5
	cols := make([][]float64, p)
	for j := range cols {
		cols[j] = make([]float64, n)
		for i := range cols[j] {
			cols[j][i] = math.Sin(float64(i*(j+3))*0.37) * math.Exp(float64(j))
		}
	}
	// serial references
	refGram := make([]float64, p*p)
	for s := 0; s < n; s += 1024 {
		e := min(s+1024, n)
		for j := range p {
			for k := 0; k <= j; k++ {
				refGram[j*p+k] += floats.Dot(cols[j][s:e], cols[k][s:e])
			}
		}
	}
	res, z := cols[:1], cols[1:]
	q := len(z)
	refMeat := make([]float64, q*q)
	sk := make([][]float64, q)
	for s := 0; s < n; s += 1024 {
		e := min(s+1024, n)
		for l := range z {
			sk[l] = make([]float64, e-s)
			for i := range sk[l] {
				sk[l][i] = res[0][s+i] * z[l][s+i]
			}
		}
		for a := range q {
			for b := 0; b <= a; b++ {
				refMeat[a*q+b] += floats.Dot(sk[a], sk[b])
			}
		}
	}
	refComb := make([]float64, n)
	c := []float64{0.3, -1.7, 2.5}
	for i := range refComb {
		v := cols[0][i]
		for k, col := range cols[1:4] {
			v -= c[k] * col[i]
		}
		refComb[i] = v
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		g := gram(cols)
		for j := range p {
			for k := 0; k <= j; k++ {
				if math.Float64bits(g.At(j, k)) != math.Float64bits(refGram[j*p+k]) {
					t.Errorf("GOMAXPROCS %d: gram[%d,%d] = %v, serial %v", procs, j, k, g.At(j, k), refGram[j*p+k])
				}
			}
		}
		ds := &sample{m: n}
		meat := robust{}.sum(ds, res, z)
		for a := range q {
			for b := 0; b <= a; b++ {
				if math.Float64bits(meat.At(a, b)) != math.Float64bits(refMeat[a*q+b]) {
					t.Errorf("GOMAXPROCS %d: meat[%d,%d] = %v, serial %v", procs, a, b, meat.At(a, b), refMeat[a*q+b])
				}
			}
		}
		comb := make([]float64, n)
		subCombination(comb, cols[0], cols[1:4], c)
		for i := range comb {
			if math.Float64bits(comb[i]) != math.Float64bits(refComb[i]) {
				t.Fatalf("GOMAXPROCS %d: subCombination row %d = %v, serial %v", procs, i, comb[i], refComb[i])
			}
		}
	}
}

// TestFitCoresBitIdentical fits the kit's model on 20,000 × 10 (160,000
// rows used, so that compaction, demeaning and the sums run in parallel)
// with one core and with two: every number of the result is the same bit
// for bit.
func TestFitCoresBitIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("two fits of 160,000 rows")
	}
	d := benchData(20000, 10)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var res [2]*Result
	for k, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		r, err := Fit(d, Options{Estimator: GMM2S, VCE: Robust(), Endog: []string{"x"}})
		if err != nil {
			t.Fatal(err)
		}
		res[k] = r
	}
	a, b := res[0], res[1]
	same := func(what string, x, y float64) {
		if math.Float64bits(x) != math.Float64bits(y) {
			t.Errorf("%s: %v with one core, %v with two", what, x, y)
		}
	}
	for j := range a.Coef {
		same("coef "+a.Names[j], a.Coef[j], b.Coef[j])
		same("se "+a.Names[j], a.SE[j], b.SE[j])
	}
	for _, s := range [][2]Test{{a.UnderID, b.UnderID}, {a.OverID, b.OverID}, {a.KPWaldF, b.KPWaldF},
		{a.CraggDonald, b.CraggDonald}, {a.StockWright, b.StockWright}, {*a.EndogTest, *b.EndogTest}} {
		same(s[0].Name, s[0].Stat, s[1].Stat)
	}
	same("RSS", a.RSS, b.RSS)
	same("R2", a.R2, b.R2)
}
