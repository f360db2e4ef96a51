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
	want := []string{"coef", "dropped", "estimator", "n", "n_clusters", "small", "stats", "vce"}
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
	wantStats := []string{"cd_f", "endog", "first_stage", "hansen_j", "kp_f", "kp_lm", "r2", "rmse", "rss"}
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
