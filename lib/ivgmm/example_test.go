package ivgmm_test

import (
	"fmt"

	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/ivgmm/internal/benchpanel"
)

// The paper's specification on the benchmark kit's panel (261 cities x 15
// years): y on x and seven controls, city and year fixed effects, x
// instrumented by its first two lags, two-step GMM with robust errors.
func ExampleFit() {
	p := benchpanel.Generate(261, 15, benchpanel.DefaultSeed)
	city := make([]int, len(p.ID))
	year := make([]int, len(p.Year))
	for i := range city {
		city[i], year[i] = int(p.ID[i]), int(p.Year[i])
	}
	d := &ivgmm.Data{
		DepName: "y", Y: p.Y,
		ExogNames: []string{"w1", "w2", "w3", "w4", "w5", "w6", "w7"}, Exog: p.W[:],
		EndogNames: []string{"x"}, Endog: [][]float64{p.X},
		InstrNames: []string{"l(x,1)", "l(x,2)"}, Instr: [][]float64{p.Z1, p.Z2},
		Const:   true,
		FENames: []string{"city", "year"}, FE: [][]int{city, year},
	}
	r, err := ivgmm.Fit(d, ivgmm.Options{Estimator: ivgmm.GMM2S, VCE: ivgmm.Robust()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("N = %d (dropped %d rows with missing lags), groups %v\n", r.N, r.Dropped.Missing, r.FEGroups)
	fmt.Printf("x: b = %.4f, se = %.4f\n", r.Coef[0], r.SE[0])
	fmt.Printf("KP rk LM = %.1f, KP Wald F = %.1f, Hansen J = %.3f (p = %.3f)\n",
		r.UnderID.Stat, r.KPWaldF.Stat, r.OverID.Stat, r.OverID.P)
	// Output:
	// N = 3393 (dropped 522 rows with missing lags), groups [261 13]
	// x: b = 0.4007, se = 0.0311
	// KP rk LM = 529.1, KP Wald F = 479.2, Hansen J = 5.073 (p = 0.024)
}
