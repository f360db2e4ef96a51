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
		ClusterName: "firm", Cluster: codes(df, "firm"),
	}
	f := "lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)"
	fromF, err := ivgmm.FromFormula(f, df, ivgmm.Panel("firm", "year"), ivgmm.ClusterVar("firm"))
	if err != nil {
		t.Fatal(err)
	}
	for j, name := range fromF.InstrNames {
		if name != matrix.InstrNames[j] || !sameBits(fromF.Instr[j], matrix.Instr[j]) {
			t.Errorf("instrument %d: formula %q differs from the CSV's %q", j, name, matrix.InstrNames[j])
		}
	}
	opt := ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.VCE{Kind: ivgmm.Cluster}, Endog: []string{"lwage"}}
	rm, err := ivgmm.Fit(matrix, opt)
	if err != nil {
		t.Fatal(err)
	}
	rf, err := ivgmm.FitFormula(f, df, opt, ivgmm.Panel("firm", "year"), ivgmm.ClusterVar("firm"))
	if err != nil {
		t.Fatal(err)
	}
	jm, _ := json.Marshal(rm)
	jf, _ := json.Marshal(rf)
	if !bytes.Equal(jm, jf) {
		t.Errorf("formula path differs from matrix path:\nmatrix  %s\nformula %s", jm, jf)
	}
	// empluk_fe_2sls_cluster, cases.json: R (plm, sandwich, ivreg2r), tolerance 1e-8 relative.
	c := coefs(t, rf)
	testutil.Check(t, "b lwage", c["lwage"]["b"], -0.786084221307382, 1e-8)
	testutil.Check(t, "b lcap", c["lcap"]["b"], 0.6273114470963214, 1e-8)
	testutil.Check(t, "se lwage", c["lwage"]["se"], 0.25243259852809274, 1e-8)
	testutil.Check(t, "se lcap", c["lcap"]["se"], 0.05981189407958994, 1e-8)
}

// TestFormulaDummies: i(region) builds instruments spanning the same space
// as the dummies of reference case hsng_2sls_robust_small (Stata 13
// ivregress, i.region with base NE; cases.json tolerance 1e-7), so the
// estimates match it although i() drops a different base level.
func TestFormulaDummies(t *testing.T) {
	df := readDF(t, "testdata/formula/hsng.csv")
	r, err := ivgmm.FitFormula("rent ~ pcturban | hsngval ~ faminc + i(region)", df,
		ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.VCE{Kind: ivgmm.Robust}, Small: true})
	if err != nil {
		t.Fatal(err)
	}
	c := coefs(t, r)
	for _, w := range []struct {
		name  string
		b, se float64
	}{
		{"hsngval", 0.00223983298, 0.0006931182971051898},
		{"pcturban", 0.08151596819, 0.4585635381303893},
		{"_cons", 120.70651454, 15.734804232497677},
	} {
		testutil.Check(t, "b "+w.name, c[w.name]["b"], w.b, 1e-7)
		testutil.Check(t, "se "+w.name, c[w.name]["se"], w.se, 1e-7)
	}
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
		ivgmm.Options{Estimator: ivgmm.GMM2S, VCE: ivgmm.VCE{Kind: ivgmm.Cluster}},
		ivgmm.Panel("firm", "year"), ivgmm.ClusterVar("firm"))
	if err != nil {
		t.Fatal(err)
	}
	c := coefs(t, r)
	testutil.Check(t, "b lwage", c["lwage"]["b"], -0.789848913126942, 1e-8)
	testutil.Check(t, "b lcap", c["lcap"]["b"], 0.6992634104994065, 1e-8)
	testutil.Check(t, "se lwage", c["lwage"]["se"], 0.3068935559102593, 1e-8)
	testutil.Check(t, "se lcap", c["lcap"]["se"], 0.0713767991761085, 1e-8)
}

// TestFromFormulaErrors: bad input is reported, positioned in the formula.
func TestFromFormulaErrors(t *testing.T) {
	df := readDF(t, "testdata/formula/empluk.csv")
	tests := []struct {
		f    string
		opts []ivgmm.FormulaOption
		err  error
	}{
		{"lemp ~ lcap | frim | lwage ~ l(lwage, 1:2)", []ivgmm.FormulaOption{ivgmm.Panel("firm", "year")}, formula.ErrUnknownColumn},
		{"lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)", nil, formula.ErrNoPanel},
		{"lemp ~ lcap | lwage + lcap ~ l1_lwage", nil, formula.ErrConflict},
		{"lemp ~ lcap | lwage + loutput ~ l1_lwage", nil, formula.ErrUnderidentified},
		{"lemp ~ lcap | firm | lwage ~ lcap", nil, formula.ErrConflict},
	}
	for _, tc := range tests {
		_, err := ivgmm.FromFormula(tc.f, df, tc.opts...)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error %v, want %v", tc.f, err, tc.err)
		}
	}
	_, err := ivgmm.FitFormula("lemp ~ lcap | firm", df, ivgmm.Options{VCE: ivgmm.VCE{Kind: ivgmm.Cluster}})
	if !errors.Is(err, ivgmm.ErrInput) {
		t.Errorf("cluster without ClusterVar: %v", err)
	}
}

func ExampleFitFormula() {
	fh, _ := os.Open("testdata/formula/empluk.csv")
	defer fh.Close()
	df := dataframe.ReadCSV(fh)
	r, err := ivgmm.FitFormula("lemp ~ lcap | firm | lwage ~ l(lwage, 1:2)", df,
		ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.VCE{Kind: ivgmm.Cluster}},
		ivgmm.Panel("firm", "year"), ivgmm.ClusterVar("firm"))
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
