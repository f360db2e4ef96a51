package ivgmm

import (
	"encoding/json"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func keysOf(m map[string]any) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// The JSON object of `econb fit --json` (issue 3): exact keys, tests as
// {stat, df, df2, p}, absent fields omitted, values equal to the Result.
func TestMarshalJSON(t *testing.T) {
	tb, d := cardData(t)
	r, err := Fit(d, Options{Estimator: GMM2S, VCE: ClusterOn("age", tb.codes("age")), Endog: []string{"educ"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b)
	}
	want := []string{"coef", "cov", "dropped", "dropped_instruments", "estimator", "model_test", "n", "n_clusters", "omitted", "small", "stats", "vce"}
	if got := keysOf(m); !reflect.DeepEqual(got, want) {
		t.Errorf("top-level keys %v, want %v", got, want)
	}
	if m["estimator"] != "gmm2s" || m["vce"] != "cluster:age" || m["n"].(float64) != 3010 || m["n_clusters"].(float64) != 11 {
		t.Errorf("header %v %v %v %v", m["estimator"], m["vce"], m["n"], m["n_clusters"])
	}
	coef := m["coef"].(map[string]any)
	educ := coef["educ"].(map[string]any)
	if educ["b"].(float64) != r.Coef[0] || educ["se"].(float64) != r.SE[0] || len(keysOf(educ)) != 4 {
		t.Errorf("coef educ = %v", educ)
	}
	if _, ok := coef["_cons"]; !ok {
		t.Error("no _cons")
	}
	stats := m["stats"].(map[string]any)
	wantStats := []string{"ar_chi2", "ar_f", "cd_f", "endog", "first_stage", "hansen_j", "kp_f", "kp_lm", "r2", "rmse", "rss", "sw_s"}
	if got := keysOf(stats); !reflect.DeepEqual(got, wantStats) {
		t.Errorf("stats keys %v, want %v", got, wantStats)
	}
	j := stats["hansen_j"].(map[string]any)
	if j["stat"].(float64) != r.OverID.Stat || j["df"].(float64) != 1 || j["p"].(float64) != r.OverID.P {
		t.Errorf("hansen_j = %v", j)
	}
	if _, ok := stats["kp_f"].(map[string]any)["p"]; ok {
		t.Error("kp_f has no p-value; it must be omitted")
	}
	// issue 18: the full covariance matrix, the model test, omitted lists
	cov := m["cov"].(map[string]any)
	mx := cov["matrix"].([]any)
	if len(mx) != len(r.Names) || len(cov["names"].([]any)) != len(r.Names) {
		t.Fatalf("cov = %v", cov)
	}
	for i := range r.Names {
		for j := range r.Names {
			if mx[i].([]any)[j].(float64) != r.Cov.At(i, j) {
				t.Errorf("cov[%d][%d] = %v, want %v", i, j, mx[i].([]any)[j], r.Cov.At(i, j))
			}
		}
	}
	mt := m["model_test"].(map[string]any)
	if mt["f"].(map[string]any)["stat"].(float64) != r.ModelF.Stat || mt["chi2"].(map[string]any)["stat"].(float64) != r.ModelChi2.Stat {
		t.Errorf("model_test = %v", mt)
	}
	if om, ok := m["omitted"].([]any); !ok || len(om) != 0 {
		t.Errorf("omitted = %v, want []", m["omitted"])
	}
	if stats["ar_f"].(map[string]any)["stat"].(float64) != r.AndersonRubinF.Stat || stats["sw_s"].(map[string]any)["stat"].(float64) != r.StockWright.Stat {
		t.Errorf("ar_f %v sw_s %v", stats["ar_f"], stats["sw_s"])
	}
	fs := stats["first_stage"].(map[string]any)["educ"].(map[string]any)
	if got := keysOf(fs); !reflect.DeepEqual(got, []string{"f", "partial_r2", "sw_f"}) {
		t.Errorf("first_stage keys %v", got)
	}

	// OLS with FE: no IV statistics, r2_within and n_groups present
	tbe := readTable(t, "testdata/ivgmm/empluk.csv")
	ols := &Data{DepName: "lemp", Y: tbe["lemp"], ExogNames: []string{"lwage", "lcap"}, Exog: tbe.cols(t, []string{"lwage", "lcap"}),
		Const: true, FENames: []string{"firm"}, FE: [][]int{tbe.codes("firm")}}
	ro, err := Fit(ols, Options{Estimator: OLS, VCE: Robust()})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(ro)
	m = nil
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if got := keysOf(m["stats"].(map[string]any)); !reflect.DeepEqual(got, []string{"r2", "r2_within", "rmse", "rss"}) {
		t.Errorf("OLS stats keys %v", got)
	}
	if m["n_groups"].(float64) != 140 || strings.Contains(string(b), "_cons") {
		t.Errorf("OLS FE JSON: %s", b)
	}
}

// The report.Fitted view carries the same numbers with the agreed codes.
func TestFitted(t *testing.T) {
	_, d := cardData(t)
	r, err := Fit(d, Options{Estimator: TSLS, VCE: Robust(), Endog: []string{"educ"}})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, s := range r.ReportStats() {
		codes = append(codes, s.Code)
		if s.Code == "hansen_j" && (s.Value != r.OverID.Stat || s.DF != 1) {
			t.Errorf("hansen_j stat %+v", s)
		}
	}
	if got := strings.Join(codes, " "); got != "n r2 kp_lm kp_f cd_f hansen_j endog" {
		t.Errorf("codes %q", got)
	}
	c := r.ReportCoefs()
	if c[0].Name != "educ" || c[len(c)-1].Name != "_cons" || c[0].B != r.Coef[0] || math.IsNaN(c[0].P) {
		t.Errorf("coefs %+v", c)
	}
	if r.ReportTitle() != "IV (2SLS)" || r.ReportDepVar() != "lwage" || r.ReportFE() != nil {
		t.Errorf("title %q dep %q fe %v", r.ReportTitle(), r.ReportDepVar(), r.ReportFE())
	}
	for _, want := range []string{"IV (2SLS) estimation", "Kleibergen-Paap rk LM statistic", "Hansen J statistic", "Stock-Yogo weak ID test critical values", "Excluded instruments: nearc2 nearc4"} {
		if !strings.Contains(r.String(), want) {
			t.Errorf("String() lacks %q", want)
		}
	}
}
