package ivgmm

import (
	"math"
	"testing"
)

// sameFit checks that two fits agree on coefficients, SEs and the
// diagnostics to tol (relative).
func sameFit(t *testing.T, what string, a, b *Result, tol float64) {
	t.Helper()
	sameCoefs(t, what, a, b, a.Names, tol, true)
	for _, p := range []struct {
		name string
		x, y Test
	}{
		{"overid", a.OverID, b.OverID}, {"underid", a.UnderID, b.UnderID}, {"cd", a.CraggDonald, b.CraggDonald},
		{"kpf", a.KPWaldF, b.KPWaldF}, {"ar", a.AndersonRubin, b.AndersonRubin}, {"sw", a.StockWright, b.StockWright},
		{"F", a.ModelF, b.ModelF},
	} {
		if math.IsNaN(p.x.Stat) && math.IsNaN(p.y.Stat) || p.x.Name == "" || p.y.Name == "" {
			continue // not computed by one of them (KP Wald F under IID)
		}
		if e := relErr(p.x.Stat, p.y.Stat); e > tol {
			t.Errorf("%s: %s %.15g vs %.15g (rel %.2g)", what, p.name, p.x.Stat, p.y.Stat, e)
		}
	}
	if e := relErr(a.RSS, b.RSS); e > tol {
		t.Errorf("%s: rss %.15g vs %.15g", what, a.RSS, b.RSS)
	}
	if e := relErr(a.R2, b.R2); e > tol {
		t.Errorf("%s: r2 %.15g vs %.15g", what, a.R2, b.R2)
	}
}

func mustFit(t *testing.T, d *Data, o Options) *Result {
	t.Helper()
	r, err := Fit(d, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Unit weights of every kind are no weights, for every estimator and
// covariance (pweights imply Robust, so they are compared with it).
func TestUnitWeightsAreNoWeights(t *testing.T) {
	tb, d := cardData(t)
	ones := make([]float64, len(d.Y))
	for i := range ones {
		ones[i] = 1
	}
	for _, est := range []Estimator{TSLS, GMM2S, LIML} {
		for _, vce := range []VCE{IID(), Robust(), ClusterOn("age", tb.codes("age"))} {
			for _, kind := range []WeightKind{AWeights, PWeights, FWeights, IWeights} {
				if kind == PWeights && vce == IID() {
					continue
				}
				o := Options{Estimator: est, VCE: vce, Small: true, Endog: []string{"educ"}}
				plain := mustFit(t, d, o)
				o.Weights = WeightsOn(kind, "one", ones)
				sameFit(t, est.String()+" "+vce.String()+" "+kind.String(), plain, mustFit(t, d, o), 1e-11)
			}
		}
	}
}

// A frequency weight w is w copies of the row (Stata fweight): every
// estimate, SE and statistic of the weighted fit equals the fit on the
// expanded data, under IID, Robust and cluster covariances.
func TestFWeightIsDuplicatedRows(t *testing.T) {
	tb, d := cardData(t)
	w := make([]float64, len(d.Y))
	for i := range w {
		w[i] = float64(i%3 + 1)
	}
	age := tb.codes("age")
	var rep []int
	for i := range w {
		for range int(w[i]) {
			rep = append(rep, i)
		}
	}
	expand := func(c []float64) []float64 {
		out := make([]float64, len(rep))
		for k, i := range rep {
			out[k] = c[i]
		}
		return out
	}
	expandAll := func(cs [][]float64) [][]float64 {
		out := make([][]float64, len(cs))
		for j, c := range cs {
			out[j] = expand(c)
		}
		return out
	}
	big := *d
	big.Y, big.Exog, big.Endog, big.Instr = expand(d.Y), expandAll(d.Exog), expandAll(d.Endog), expandAll(d.Instr)
	bigAge := make([]int, len(rep))
	for k, i := range rep {
		bigAge[k] = age[i]
	}
	for _, est := range []Estimator{TSLS, GMM2S, LIML} {
		for _, small := range []bool{false, true} {
			for _, vc := range []struct {
				name      string
				small, lg VCE
			}{{"iid", IID(), IID()}, {"robust", Robust(), Robust()}, {"cluster", ClusterOn("age", age), ClusterOn("age", bigAge)}} {
				a := mustFit(t, d, Options{Estimator: est, VCE: vc.small, Small: small, Weights: WeightsOn(FWeights, "w", w)})
				b := mustFit(t, &big, Options{Estimator: est, VCE: vc.lg, Small: small})
				if a.N != b.N {
					t.Errorf("N = %d, want %d", a.N, b.N)
				}
				// 1e-8: the cluster sums of 6,020 vs 3,010 rows round differently
				sameFit(t, est.String()+" fweight "+vc.name, a, b, 1e-8)
			}
		}
	}
}

// A kernel covariance with bandwidth 1 (no lag: ivreg2 bw(1),
// ivregress lags 0) is Robust() for the lag windows whose weight at
// τ = 1 = bw is zero, AC with bw 1 is IID, and Driscoll-Kraay with bw 1
// is the cluster covariance on time periods.
func TestKernelBandwidthOneIsRobust(t *testing.T) {
	d, tt := tsHacData(t, "z1", "z2")
	p := TimeOn("t", tt)
	for _, est := range []Estimator{TSLS, GMM2S} {
		robust := mustFit(t, d, Options{Estimator: est, VCE: Robust(), Panel: p})
		for _, k := range []Kernel{Bartlett, Parzen, TukeyHanning} {
			sameFit(t, "hac "+k.String(), robust, mustFit(t, d, Options{Estimator: est, VCE: HAC(k, 1), Panel: p}), 1e-12)
		}
		sameFit(t, "ac", mustFit(t, d, Options{Estimator: est, VCE: IID()}), mustFit(t, d, Options{Estimator: est, VCE: AC(Bartlett, 1), Panel: p}), 1e-12)
	}
	w, pp, _ := wagepanData(t)
	year := make([]int, len(w.Y))
	for i := range year {
		year[i] = pp.on.time[i]
	}
	sameFit(t, "dkraay(1)", mustFit(t, w, Options{Estimator: TSLS, VCE: ClusterOn("year", year), Small: true}),
		mustFit(t, w, Options{Estimator: TSLS, VCE: DriscollKraay(Bartlett, 1), Panel: pp, Small: true}), 1e-12)
}

// Two-way clustering with one dimension that puts every row in its own
// cluster is one-way clustering on the other (S(row) = S(intersection)),
// with the same small-sample factor (M = min(M1, N) = M1).
func TestTwoWayWithSingletonDimensionIsOneWay(t *testing.T) {
	tb, d := cardData(t)
	row := make([]int, len(d.Y))
	for i := range row {
		row[i] = i
	}
	age := tb.codes("age")
	for _, est := range []Estimator{TSLS, GMM2S} {
		for _, small := range []bool{false, true} {
			sameFit(t, "two-way", mustFit(t, d, Options{Estimator: est, VCE: ClusterOn("age", age), Small: small}),
				mustFit(t, d, Options{Estimator: est, VCE: ClusterOn2("age", age, "row", row), Small: small}), 1e-10)
		}
	}
}

// CUE under IID() minimizes N e'P_Z e/e'e: it is LIML (ivreg2).
func TestCUEIIDIsLIML(t *testing.T) {
	_, d := cardData(t)
	liml := mustFit(t, d, Options{Estimator: LIML})
	cue := mustFit(t, d, Options{Estimator: CUE})
	for i, n := range liml.Names {
		// reldif 1e-7: CUE is found by numerical minimization
		if e := reldif(cue.Coef[indexOf(cue.Names, n)], liml.Coef[i]); e > 1e-7 {
			t.Errorf("cue %s = %.12g, liml %.12g (reldif %.2g)", n, cue.Coef[indexOf(cue.Names, n)], liml.Coef[i], e)
		}
	}
}

// With absorbed fixed effects the weighted within transformation (one
// fixed effect: one pass; two: alternating projections) with unit
// weights is the unweighted one, and scaling aweights changes nothing.
func TestUnitWeightsWithFixedEffects(t *testing.T) {
	tb := readTable(t, "testdata/ivgmm/empluk.csv")
	exog := []string{"lcap", "loutput"}
	d := &Data{DepName: "lemp", Y: tb["lemp"], ExogNames: exog, Exog: tb.cols(t, exog),
		EndogNames: []string{"lwage"}, Endog: tb.cols(t, []string{"lwage"}),
		InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: tb.cols(t, []string{"l1_lwage", "l2_lwage"})}
	ones, twos := make([]float64, len(d.Y)), make([]float64, len(d.Y))
	vary := make([]float64, len(d.Y))
	for i := range ones {
		ones[i], twos[i], vary[i] = 1, 2, float64(1+i%5)
	}
	for _, fe := range [][]string{{"firm"}, {"firm", "year"}} {
		d.FENames, d.FE = fe, nil
		for _, f := range fe {
			d.FE = append(d.FE, tb.codes(f))
		}
		for _, vce := range []VCE{IID(), Robust(), ClusterOn("firm", tb.codes("firm"))} {
			o := Options{Estimator: GMM2S, VCE: vce}
			plain := mustFit(t, d, o)
			o.Weights = WeightsOn(AWeights, "one", ones)
			sameFit(t, "fe unit aweight "+vce.String(), plain, mustFit(t, d, o), 1e-9)
			o.Weights = WeightsOn(AWeights, "w", vary)
			a := mustFit(t, d, o)
			for i := range twos {
				twos[i] = 3 * vary[i]
			}
			o.Weights = WeightsOn(AWeights, "3w", twos)
			sameFit(t, "fe aweight scale "+vce.String(), a, mustFit(t, d, o), 1e-9)
		}
	}
}
