package ivgmm_test

import (
	"fmt"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/ivgmm"
)

// Stata's
//
//	tsset time
//	ivregress 2sls y_kernel x3 x4 x5 (x1 = z1 z2) [aweight=weights], vce(hac bartlett 12) small
//
// on linearmodels' simulated data: ivregress's 12 lags are ivreg2's
// bw(13). The numbers are Stata's (testdata/ivopts/stata-iv-simulated-results.txt:
// b = .62737642248, t = 1.7579675253).
func ExampleHAC() {
	fr, err := frame.ReadCSV("testdata/ivopts/simulated-data.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := ivgmm.FitFrame("y_kernel ~ x3 + x4 + x5 | x1 ~ z1 + z2", fr, ivgmm.Options{
		Estimator:  ivgmm.TSLS,                    // ivregress 2sls
		VCE:        ivgmm.HAC(ivgmm.Bartlett, 13), // vce(hac bartlett 12) = robust bw(13)
		Panel:      ivgmm.TimeBy("time"),          // tsset time
		Weights:    ivgmm.AWeight("weights"),      // [aweight=weights]
		Small:      true,                          // small
		Convention: ivgmm.IVRegress,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s, %s: x1 b = %.8f, t = %.8f\n", r.VCE.Stata(), r.Weights, r.Coef[0], r.T[0])
	// Output:
	// robust bw(13) kernel(bartlett), aweight:weights: x1 b = 0.62737642, t = 1.75796753
}

// Thompson's (2011) clustering on the person and, kernel-smoothed, on
// time: Stata's
//
//	xtset nr year
//	ivreg2 lwage exper expersq married union (hours = educ black), cluster(nr year) kernel(bar) bw(3)
//
// on Wooldridge's wagepan. The numbers are Stata's
// (testdata/ivopts/ivreg2r/wp_ck_*_bar3_overid.csv: se = .0029943272,
// J = .34177923).
func ExampleClusterKernel() {
	fr, err := frame.ReadCSV("testdata/ivopts/wagepan.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := ivgmm.FitFrame("lwage ~ exper + expersq + married + union | hours ~ educ + black", fr, ivgmm.Options{
		Estimator: ivgmm.TSLS,
		VCE:       ivgmm.ClusterKernel("nr", ivgmm.Bartlett, 3),
		Panel:     ivgmm.PanelBy("nr", "year"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: hours se = %.8f, Hansen J = %.6f, M = %d\n", r.VCE.Stata(), r.SE[0], r.OverID.Stat, r.NClusters)
	// Output:
	// cluster(nr t) bw(3) kernel(bartlett): hours se = 0.00299433, Hansen J = 0.341779, M = 8
}
