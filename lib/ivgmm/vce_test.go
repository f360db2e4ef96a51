package ivgmm

import (
	"strings"
	"testing"
)

// The covariance values print as econb fit's --vce and as Stata's option,
// compare with ==, and a nil VCE is IID().
func TestVCEValues(t *testing.T) {
	for _, tc := range []struct {
		v             VCE
		str, stata    string
		homoskedastic bool
	}{
		{IID(), "iid", "", true},
		{Robust(), "robust", "robust", false},
		{ClusterBy("city"), "cluster:city", "cluster(city)", false},
		{ClusterOn("age", []int{1, 2}), "cluster:age", "cluster(age)", false},
		{ClusterBy("firm", "year"), "cluster:firm,year", "cluster(firm year)", false},
		{HAC(Bartlett, 13), "hac:bartlett:12", "robust bw(13) kernel(bartlett)", false},
		{HAC(QuadraticSpectral, 2.5), "hac:qs:1.5", "robust bw(2.5) kernel(qs)", false},
		{AC(Parzen, 3), "ac:parzen:2", "bw(3) kernel(parzen)", false},
		{DriscollKraay(Bartlett, 3), "dkraay:3", "dkraay(3)", false},
		{DriscollKraay(Parzen, 4), "dkraay:4:parzen", "dkraay(4) kernel(parzen)", false},
		{Kiefer(), "kiefer", "kiefer", false},
		{ClusterKernel("nr", Bartlett, 3), "cluster:nr,time:bartlett:2", "cluster(nr t) bw(3) kernel(bartlett)", false},
	} {
		if tc.v.String() != tc.str || tc.v.Stata() != tc.stata || tc.v.describe().homoskedastic != tc.homoskedastic {
			t.Errorf("%v: String %q Stata %q homoskedastic %v; want %q %q %v", tc.v, tc.v.String(), tc.v.Stata(),
				tc.v.describe().homoskedastic, tc.str, tc.stata, tc.homoskedastic)
		}
	}
	if IID() != IID() || Robust() != Robust() || ClusterBy("city") != ClusterBy("city") || ClusterBy("city") == ClusterBy("year") || Robust() == IID() ||
		HAC(Bartlett, 3) != HAC(Bartlett, 3) || HAC(Bartlett, 3) == HAC(Parzen, 3) || HAC(Bartlett, 3) == AC(Bartlett, 3) ||
		ClusterBy("a", "b") != ClusterBy("a", "b") || ClusterBy("a", "b") == ClusterBy("a") {
		t.Error("VCE values do not compare as values")
	}
	_, d := cardData(t)
	r, err := Fit(d, Options{Estimator: TSLS})
	if err != nil {
		t.Fatal(err)
	}
	if r.VCE != IID() || !strings.Contains(r.String(), "Statistics consistent for homoskedasticity only") {
		t.Errorf("nil VCE: Result.VCE = %v", r.VCE)
	}
}
