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
	} {
		if tc.v.String() != tc.str || tc.v.Stata() != tc.stata || tc.v.describe().homoskedastic != tc.homoskedastic {
			t.Errorf("%v: String %q Stata %q homoskedastic %v; want %q %q %v", tc.v, tc.v.String(), tc.v.Stata(),
				tc.v.describe().homoskedastic, tc.str, tc.stata, tc.homoskedastic)
		}
	}
	if IID() != IID() || Robust() != Robust() || ClusterBy("city") != ClusterBy("city") || ClusterBy("city") == ClusterBy("year") || Robust() == IID() {
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
