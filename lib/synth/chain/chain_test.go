package chain

import (
	"math"
	"testing"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/ivgmm"
)

const data = "../../../notebooks/data/"

// load returns the shipped panel through lib/chen's pipeline (capital
// stock, location quotients, controls, DEA Malmquist levels) with the true
// TFP, and the DGP truth.
func load(t *testing.T) (*chen.Data, *chen.Truth) {
	t.Helper()
	d, err := chen.Load(data+"synth_cities.csv", chen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddTrueTFP(data + "synth_cities_tfp.csv"); err != nil {
		t.Fatal(err)
	}
	tr, err := chen.LoadTruth(data + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	return d, tr
}

// With the true TFP, two-step GMM with robust VCE (xtivreg2 fe gmm2s
// robust, the paper's estimator) recovers the nine SAGG truths of the
// IV-GMM columns of Tables 1 and 2. (The full chain, with the Malmquist
// TFP, is lib/chen's TestFullChain.)
func TestTrueTFP(t *testing.T) {
	d, tr := load(t)
	var ss []chen.Spec
	for _, s := range append(append([]chen.Spec{}, chen.Table1[3:]...), chen.Table2...) {
		s.DepVar = "tfp_true"
		ss = append(ss, s)
	}
	es, err := d.Recover(ss, tr, ivgmm.Options{VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		t.Logf("%-9s %-5s truth %8.4f | GMM2S %8.4f se %7.4f z %6.2f | KP F %6.1f J %6.3f p %5.3f | N %d", e.Spec.Region, e.Spec.Group,
			e.Truth, e.Coef, e.SE, e.Z, e.KPF, e.HansenJ, e.HansenP, e.N)
		if !e.Within2SE() {
			t.Errorf("%s %s: IV-GMM %.4f is %.2f SEs from the truth %.4f", e.Spec.Region, e.Spec.Group, e.Coef, e.Z, e.Truth)
		}
		if e.KPF < chen.StockYogo10 {
			t.Errorf("%s %s: KP Wald F %.1f below the Stock-Yogo 10%% critical value 19.93", e.Spec.Region, e.Spec.Group, e.KPF)
		}
	}
}

// The yearly Malmquist indices of the pipeline (CRS DEA on
// (K, L; real GDP)) track the true TFP growth: correlation > 0.9 in every
// year. DEA's piecewise-linear frontier only approximates the Cobb-Douglas
// technology; the cumulated index carries those errors forward.
func TestMalmquistTracksTFP(t *testing.T) {
	d, _ := load(t)
	T := len(d.Panel.Years)
	for tt := 1; tt < T; tt++ {
		var sx, sy, sxx, syy, sxy, n float64
		for i := range d.Panel.Cities {
			k := i*T + tt
			x := math.Log(d.TFP[k] / d.TFP[k-1])
			y := math.Log(d.TrueTFP[k] / d.TrueTFP[k-1])
			sx, sy, sxx, syy, sxy, n = sx+x, sy+y, sxx+x*x, syy+y*y, sxy+x*y, n+1
		}
		c := (sxy/n - sx/n*sy/n) / math.Sqrt((sxx/n-sx*sx/n/n)*(syy/n-sy*sy/n/n))
		t.Logf("%d: mean log Malmquist %.4f, true %.4f, correlation %.3f", d.Panel.Years[tt], sx/n, sy/n, c)
		if c < 0.9 {
			t.Errorf("%d: Malmquist TFP growth correlates %.3f with the true growth, want > 0.9", d.Panel.Years[tt], c)
		}
	}
}

// The paper's design with the TRUE TFP: FE-2SLS (Table 1's 2SLS columns
// and the same model by region; instruments: lags 1-2 of the index)
// recovers the DGP's nine SAGG truths (synth_truth.json: implied
// nationally, structural by region) within two robust standard errors,
// while FE-OLS on the same sample is biased upwards by the endogenous
// agglomeration, more than 3 SEs nationally.
func TestRecovery(t *testing.T) {
	d, tr := load(t)
	var ss []chen.Spec
	for _, s := range append(append([]chen.Spec{}, chen.Table1[:3]...), chen.Table2...) {
		s.Estimator, s.DepVar = ivgmm.TSLS, "tfp_true"
		ss = append(ss, s)
	}
	opt := ivgmm.Options{VCE: ivgmm.Robust()}
	iv, err := d.Recover(ss, tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ss {
		ss[i].Estimator = ivgmm.OLS
	}
	ols, err := d.Recover(ss, tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%-9s %-5s %8s | %8s %7s %6s | %8s %7s %6s", "sample", "index", "truth", "FE-2SLS", "se", "z", "FE-OLS", "se", "z")
	for i, e := range iv {
		o := ols[i]
		t.Logf("%-9s %-5s %8.4f | %8.4f %7.4f %6.2f | %8.4f %7.4f %6.2f", e.Spec.Region, e.Spec.Group, e.Truth, e.Coef, e.SE, e.Z, o.Coef, o.SE, o.Z)
		if !e.Within2SE() {
			t.Errorf("%s %s: FE-2SLS %.4f is %.2f SEs from the truth %.4f", e.Spec.Region, e.Spec.Group, e.Coef, e.Z, e.Truth)
		}
		if e.Spec.Region == chen.National && o.Z < 3 {
			t.Errorf("%s %s: FE-OLS %.4f only %.2f SEs above the truth %.4f; the DGP should make it visibly biased",
				e.Spec.Region, e.Spec.Group, o.Coef, o.Z, o.Truth)
		}
		if o.N != e.N {
			t.Errorf("%s %s: FE-OLS on %d observations, FE-2SLS on %d", e.Spec.Region, e.Spec.Group, o.N, e.N)
		}
	}
}
