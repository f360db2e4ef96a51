package ivgmm

import (
	"encoding/json"
	"os"
	"testing"
)

// The HAC kernels of ivregress (Bartlett, Parzen, quadratic spectral)
// against linearmodels 7.1 (testdata/ivopts/linearmodels_kernels.json,
// written by lm_kernels.py there; linearmodels documents matching
// ivregress): 2SLS and two-step GMM (Convention IVRegress, whose gmm VCE
// is linearmodels'), with and without aweights, with and without small.
// linearmodels weighs lag j by k(j/(bw+1)) for Bartlett and Parzen and by
// k(j/bw) for the quadratic spectral kernel, so its bandwidth bw is
// ivreg2's bw+1 for the first two and bw for the third. Tolerance 1e-9.
func TestKernelsLinearmodels(t *testing.T) {
	b, err := os.ReadFile("testdata/ivopts/linearmodels_kernels.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Estimator   string
			Kernel      string
			LMBandwidth float64 `json:"lm_bandwidth"`
			Weighted    bool
			Small       bool
			Params      map[string]float64
			StdErrors   map[string]float64 `json:"std_errors"`
			JStat       *float64           `json:"j_stat"`
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	tb := readTable(t, "testdata/ivopts/simulated-data.csv")
	exog := []string{"x3", "x4", "x5"}
	d := &Data{DepName: "y_kernel", Y: tb["y_kernel"], ExogNames: exog, Exog: tb.cols(t, exog),
		EndogNames: []string{"x1"}, Endog: tb.cols(t, []string{"x1"}), InstrNames: []string{"z1", "z2"},
		Instr: tb.cols(t, []string{"z1", "z2"}), Const: true}
	for _, c := range doc.Cases {
		k, err := ParseKernel(c.Kernel)
		if err != nil {
			t.Fatal(err)
		}
		bw := c.LMBandwidth + 1
		if k == QuadraticSpectral {
			bw = c.LMBandwidth
		}
		o := Options{Estimator: TSLS, VCE: HAC(k, bw), Panel: TimeOn("time", tb.codes("time")), Small: c.Small, Convention: IVRegress}
		if c.Estimator == "gmm" {
			o.Estimator = GMM2S
		}
		if c.Weighted {
			o.Weights = WeightsOn(AWeights, "weights", tb["weights"])
		}
		r := mustFit(t, d, o)
		for n, want := range c.Params {
			if n == "const" || n == "_cons" {
				n = "_cons"
			}
			i := indexOf(r.Names, n)
			if e := reldif(r.Coef[i], want); e > 1e-9 {
				t.Errorf("%+v: b %s = %.12g, want %.12g", c, n, r.Coef[i], want)
			}
			if e := relErr(r.SE[i], c.StdErrors[n]); e > 1e-9 {
				t.Errorf("%s %s w=%v small=%v: se %s = %.12g, want %.12g (rel %.2g)", c.Estimator, c.Kernel, c.Weighted, c.Small, n, r.SE[i], c.StdErrors[n], e)
			}
		}
		if c.JStat != nil && r.OverID.Valid() {
			if e := relErr(r.OverID.Stat, *c.JStat); e > 1e-9 {
				t.Errorf("%s %s w=%v: J = %.12g, want %.12g", c.Estimator, c.Kernel, c.Weighted, r.OverID.Stat, *c.JStat)
			}
		}
	}
}
