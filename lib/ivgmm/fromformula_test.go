package ivgmm_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/internal/testutil"
	"github.com/econb/econb/lib/ivgmm"
)

func readDF(t *testing.T, path string) dataframe.DataFrame {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	df := dataframe.ReadCSV(fh)
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	return df
}

func col(df dataframe.DataFrame, name string) []float64 { return df.Col(name).Float() }

func codes(df dataframe.DataFrame, name string) []int {
	x := col(df, name)
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = int(v)
	}
	return out
}

// coefs decodes the "coef" object of a result's JSON.
func coefs(t *testing.T, r *ivgmm.Result) map[string]map[string]float64 {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Coef map[string]map[string]float64 `json:"coef"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out.Coef
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// TestFormulaEqualsMatrixPanel: the formula path, with lags computed from
// the panel index, gives exactly (bit for bit, every reported number) the
// result of the matrix path fed the lag columns plm::lag wrote, and both
// match reference case empluk_fe_2sls_cluster (R plm/sandwich/ivreg2r,
// cases.json tolerance 1e-8).
func TestFormulaEqualsMatrixPanel(t *testing.T) {
	df := readDF(t, "testdata/formula/empluk.csv")
	matrix := &ivgmm.Data{
		DepName: "lemp", Y: col(df, "lemp"),
		ExogNames: []string{"lcap"}, Exog: [][]float64{col(df, "lcap")},
		EndogNames: []string{"lwage"}, Endog: [][]float64{col(df, "lwage")},
		InstrNames: []string{"l(lwage,1)", "l(lwage,2)"}, Instr: [][]float64{col(df, "l1_lwage"), col(df, "l2_lwage")},
		FENames: []string{"firm"}, FE: [][]int{codes(df, "firm")},
	}
	f := "lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)"
	opt := ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.ClusterBy("firm"), Panel: ivgmm.PanelBy("firm", "year"), Endog: []string{"lwage"}}
	fromF, resolved, err := ivgmm.FromFormula(f, df, opt)
	if err != nil {
		t.Fatal(err)
	}
	for j, name := range fromF.InstrNames {
		if name != matrix.InstrNames[j] || !sameBits(fromF.Instr[j], matrix.Instr[j]) {
			t.Errorf("instrument %d: formula %q differs from the CSV's %q", j, name, matrix.InstrNames[j])
		}
	}
	mopt := opt
	mopt.VCE = ivgmm.ClusterOn("firm", codes(df, "firm"))
	rm, err := ivgmm.Fit(matrix, mopt)
	if err != nil {
		t.Fatal(err)
	}
	rf, err := ivgmm.FitFormula(f, df, opt)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := ivgmm.Fit(fromF, resolved)
	if err != nil {
		t.Fatal(err)
	}
	jm, _ := json.Marshal(rm)
	jf, _ := json.Marshal(rf)
	jr, _ := json.Marshal(rr)
	if !bytes.Equal(jm, jf) || !bytes.Equal(jr, jf) || rm.String() != rf.String() {
		t.Errorf("formula path differs from matrix path:\nmatrix   %s\nformula  %s\nresolved %s", jm, jf, jr)
	}
	if rf.VCE != ivgmm.ClusterBy("firm") {
		t.Errorf("FitFormula: Result.VCE = %v, want ClusterBy(\"firm\") as given", rf.VCE)
	}
	// empluk_fe_2sls_cluster, cases.json: R (plm, sandwich, ivreg2r), tolerance 1e-8 relative.
	checkCoefs(t, rf, 1e-8, refCoef{"lwage", -0.786084221307382, 0.25243259852809274},
		refCoef{"lcap", 0.6273114470963214, 0.05981189407958994})
}

// refCoef is a reference coefficient and its standard error.
type refCoef struct {
	name  string
	b, se float64
}

// checkCoefs checks the coefficients and standard errors of r's JSON
// against want, to the relative tolerance tol.
func checkCoefs(t *testing.T, r *ivgmm.Result, tol float64, want ...refCoef) {
	t.Helper()
	c := coefs(t, r)
	for _, w := range want {
		testutil.Check(t, "b "+w.name, c[w.name]["b"], w.b, tol)
		testutil.Check(t, "se "+w.name, c[w.name]["se"], w.se, tol)
	}
}

// TestFormulaDummies: i(region) builds instruments spanning the same space
// as the dummies of reference case hsng_2sls_robust_small (Stata 13
// ivregress, i.region with base NE; cases.json tolerance 1e-7), so the
// estimates match it although i() drops a different base level.
func TestFormulaDummies(t *testing.T) {
	df := readDF(t, "testdata/formula/hsng.csv")
	r, err := ivgmm.FitFormula("rent ~ pcturban | hsngval ~ faminc + i(region)", df,
		ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.Robust(), Small: true})
	if err != nil {
		t.Fatal(err)
	}
	checkCoefs(t, r, 1e-7, refCoef{"hsngval", 0.00223983298, 0.0006931182971051898},
		refCoef{"pcturban", 0.08151596819, 0.4585635381303893},
		refCoef{"_cons", 120.70651454, 15.734804232497677})
}

// TestFormulaTimeDummies: year effects written as i(year) next to the firm
// effects reproduce reference case empluk_fe_gmm2s_cluster_timedummies (R
// port of xtivreg2 fe gmm2s cluster(firm) with yr1979..yr1984; cases.json
// tolerance 1e-8) for lwage and lcap. i(year) drops 1976 and Fit then omits
// the dummies collinear in the estimation sample, a different base from the
// reference's, which leaves lwage and lcap unchanged.
func TestFormulaTimeDummies(t *testing.T) {
	df := readDF(t, "testdata/formula/empluk.csv")
	r, err := ivgmm.FitFormula("lemp ~ i(year) | firm | lwage + lcap ~ l(lwage, 1:2) + l(lcap, 1:2)", df,
		ivgmm.Options{Estimator: ivgmm.GMM2S, VCE: ivgmm.ClusterBy("firm"), Panel: ivgmm.PanelBy("firm", "year")})
	if err != nil {
		t.Fatal(err)
	}
	checkCoefs(t, r, 1e-8, refCoef{"lwage", -0.789848913126942, 0.3068935559102593},
		refCoef{"lcap", 0.6992634104994065, 0.0713767991761085})
}

// TestFromFormulaErrors: bad input is reported, positioned in the formula.
func TestFromFormulaErrors(t *testing.T) {
	df := readDF(t, "testdata/formula/empluk.csv")
	panel := ivgmm.Options{Panel: ivgmm.PanelBy("firm", "year")}
	tests := []struct {
		f   string
		opt ivgmm.Options
		err error
	}{
		{"lemp ~ lcap | frim | lwage ~ l(lwage, 1:2)", panel, formula.ErrUnknownColumn},
		{"lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)", ivgmm.Options{}, formula.ErrNoPanel},
		{"lemp ~ lcap | lwage + lcap ~ l1_lwage", ivgmm.Options{}, formula.ErrConflict},
		{"lemp ~ lcap | lwage + loutput ~ l1_lwage", ivgmm.Options{}, formula.ErrUnderidentified},
		{"lemp ~ lcap | firm | lwage ~ lcap", ivgmm.Options{}, formula.ErrConflict},
		{"lemp ~ lcap | firm", ivgmm.Options{VCE: ivgmm.ClusterBy("frim")}, frame.ErrUnknownColumn},
	}
	for _, tc := range tests {
		_, _, err := ivgmm.FromFormula(tc.f, df, tc.opt)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error %v, want %v", tc.f, err, tc.err)
		}
	}
}

// TestClusterByNeedsAFrame: on the matrix path a cluster variable named by
// ClusterBy cannot be read, and the error says what to use instead; codes
// of the wrong length are an error naming the variable.
func TestClusterByNeedsAFrame(t *testing.T) {
	df := readDF(t, "testdata/formula/empluk.csv")
	d := &ivgmm.Data{DepName: "lemp", Y: col(df, "lemp"), ExogNames: []string{"lcap"}, Exog: [][]float64{col(df, "lcap")}, Const: true}
	for _, tc := range []struct {
		vce  ivgmm.VCE
		want string
	}{
		{ivgmm.ClusterBy("firm"), `ivgmm: invalid model: ClusterBy("firm") names a column of a data frame, and Fit has none: use FitFrame or FitFormula, or give the codes with ClusterOn("firm", codes)`},
		{ivgmm.ClusterOn("firm", codes(df, "firm")[:10]), `ivgmm: invalid model: cluster variable "firm" has 10 rows, the data have 1031`},
		{ivgmm.ClusterOn("one", make([]int, len(d.Y))), `ivgmm: invalid model: cluster variable "one" has 1 cluster in the estimation sample; cluster-robust errors need at least 2`},
	} {
		_, err := ivgmm.Fit(d, ivgmm.Options{VCE: tc.vce})
		if !errors.Is(err, ivgmm.ErrInput) || err.Error() != tc.want {
			t.Errorf("%v: error\n%v\nwant\n%s", tc.vce, err, tc.want)
		}
	}
}

func ExampleFitFormula() {
	fh, _ := os.Open("testdata/formula/empluk.csv")
	defer fh.Close()
	df := dataframe.ReadCSV(fh)
	r, err := ivgmm.FitFormula("lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)", df,
		ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.ClusterBy("firm"), Panel: ivgmm.PanelBy("firm", "year")})
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(r)
	var out struct {
		Coef map[string]struct{ B float64 } `json:"coef"`
	}
	_ = json.Unmarshal(b, &out)
	// Reference empluk_fe_2sls_cluster: lwage -0.786084221307382.
	fmt.Printf("lwage %.6f\n", out.Coef["lwage"].B)
	// Output:
	// lwage -0.786084
}

// The matrix path with clusters: the cluster codes go with the covariance.
func ExampleClusterOn() {
	fh, _ := os.Open("testdata/formula/empluk.csv")
	defer fh.Close()
	df := dataframe.ReadCSV(fh)
	num := func(name string) []float64 { return df.Col(name).Float() }
	firm := make([]int, df.Nrow())
	for i, v := range num("firm") {
		firm[i] = int(v)
	}
	d := &ivgmm.Data{
		DepName: "lemp", Y: num("lemp"),
		ExogNames: []string{"lcap"}, Exog: [][]float64{num("lcap")},
		EndogNames: []string{"lwage"}, Endog: [][]float64{num("lwage")},
		InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: [][]float64{num("l1_lwage"), num("l2_lwage")},
		FENames: []string{"firm"}, FE: [][]int{firm},
	}
	r, err := ivgmm.Fit(d, ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.ClusterOn("firm", firm)})
	if err != nil {
		panic(err)
	}
	// Reference empluk_fe_2sls_cluster (cases.json): b -0.786084221307382, se 0.25243259852809274.
	fmt.Printf("xtivreg2 ..., fe %s: lwage %.6f (%.6f), %d clusters\n", r.VCE.Stata(), r.Coef[0], r.SE[0], r.NClusters)
	// Output:
	// xtivreg2 ..., fe cluster(firm): lwage -0.786084 (0.252433), 140 clusters
}
