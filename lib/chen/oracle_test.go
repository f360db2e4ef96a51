package chen

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/internal/testutil"
	"github.com/econb/econb/lib/synth"
)

// oracleFEIV is textbook two-way fixed-effects 2SLS on a balanced panel,
// written out independently of lib/panel and lib/ivgmm: every column is
// two-way demeaned (v − v̄_i − v̄_t + v̄, exact on a balanced panel), then
// b = (X̂'X)⁻¹X̂'y with X̂ = Z(Z'Z)⁻¹Z'X, X = [x, w], Z = [z, w]; its
// robust covariance is xtivreg2's: (X̂'X̂)⁻¹ Σ û²x̂x̂' (X̂'X̂)⁻¹ · N/(N−G),
// G the number of cities (CONVENTIONS: S = Σu²zz'/(N−dofminus)). It
// returns the coefficient on x and its standard error.
func oracleFEIV(y, x []float64, w, z [][]float64, id, tm []int, ni, nt int) (coef, se float64) {
	n := len(y)
	demean := func(v []float64) []float64 {
		mi, mt, g := make([]float64, ni), make([]float64, nt), 0.0
		for k, a := range v {
			mi[id[k]] += a / float64(nt)
			mt[tm[k]] += a / float64(ni)
			g += a / float64(n)
		}
		out := make([]float64, n)
		for k, a := range v {
			out[k] = a - mi[id[k]] - mt[tm[k]] + g
		}
		return out
	}
	matrix := func(cols [][]float64) *mat.Dense {
		m := mat.NewDense(n, len(cols), nil)
		for j, c := range cols {
			m.SetCol(j, demean(c))
		}
		return m
	}
	X := matrix(append([][]float64{x}, w...))
	Z := matrix(append(append([][]float64{}, z...), w...))
	yv := mat.NewVecDense(n, demean(y))
	var zz, zx, pi, xh mat.Dense
	zz.Mul(Z.T(), Z)
	zx.Mul(Z.T(), X)
	if err := pi.Solve(&zz, &zx); err != nil {
		panic(err)
	}
	xh.Mul(Z, &pi)
	var a, inv mat.Dense
	a.Mul(xh.T(), &xh)
	if err := inv.Inverse(&a); err != nil {
		panic(err)
	}
	var xy, b, fit mat.VecDense
	xy.MulVec(xh.T(), yv)
	b.MulVec(&inv, &xy)
	fit.MulVec(X, &b)
	k := X.RawMatrix().Cols
	meat := mat.NewSymDense(k, nil)
	for r := 0; r < n; r++ {
		u := yv.AtVec(r) - fit.AtVec(r)
		meat.SymRankOne(meat, u*u, mat.NewVecDense(k, mat.Row(nil, r, &xh)))
	}
	var v, tmp mat.Dense
	tmp.Mul(&inv, meat)
	v.Mul(&tmp, &inv)
	return b.AtVec(0), math.Sqrt(v.At(0, 0) * float64(n) / float64(n-ni))
}

// ImpliedNational (lib/ivgmm through Data.Fit) agrees with the independent
// textbook FE-2SLS above on the true TFP of the default DGP without
// feedback (261 cities, seed 7): coefficient and robust standard error
// to 1e-9 (reldif; both are direct solutions of the same normal
// equations, so only rounding separates them).
func TestImpliedOracle(t *testing.T) {
	d := synth.Default()
	est, err := ImpliedNational(d, ImpliedSeed, 1)
	if err != nil {
		t.Fatal(err)
	}
	d.Kappa = 0
	p, err := synth.Generate(d, ImpliedSeed)
	if err != nil {
		t.Fatal(err)
	}
	v, err := citypanel.Build(p.CityPanel(), citypanel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	N, T := d.N(), d.Years
	for g, group := range Groups {
		sagg := map[string][]float64{"total": v.SAGGTotal, "high": v.SAGGHigh, "low": v.SAGGLow}[group]
		var y, x, z1, z2 []float64
		var id, tm []int
		w := make([][]float64, len(citypanel.ControlNames))
		for i := 0; i < N; i++ {
			for tt := 2; tt < T; tt++ {
				k := i*T + tt
				y, x = append(y, p.TFP[k]), append(x, sagg[k])
				z1, z2 = append(z1, sagg[k-1]), append(z2, sagg[k-2])
				for j, c := range v.Controls[k].Slice() {
					w[j] = append(w[j], c)
				}
				id, tm = append(id, i), append(tm, tt-2)
			}
		}
		coef, se := oracleFEIV(y, x, w, [][]float64{z1, z2}, id, tm, N, T-2)
		t.Logf("%-5s ivgmm %.10f (%.10f)  oracle %.10f (%.10f)", group, est[g].Coef, est[g].SE, coef, se)
		testutil.Check(t, group+" coefficient", est[g].Coef, coef, 1e-9)
		testutil.Check(t, group+" robust SE", est[g].SE, se, 1e-9)
		if est[g].N != N*(T-2) {
			t.Errorf("%s: N = %d, want %d", group, est[g].N, N*(T-2))
		}
	}
}
