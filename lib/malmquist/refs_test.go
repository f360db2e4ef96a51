package malmquist

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
)

// refCase is the part of testdata/cases.json the tests use.
type refCase struct {
	ID        string                `json:"id"`
	DataFile  string                `json:"data_file"`
	Outputs   []string              `json:"outputs"`
	Inputs    []string              `json:"inputs"`
	Tolerance struct{ Abs float64 } `json:"tolerance"`
	Expected  json.RawMessage       `json:"expected"`
}

type refExpected struct {
	Distances   []map[string]any `json:"distances"`
	Means       []map[string]any `json:"distance_means_arithmetic"`
	Indices     []map[string]any `json:"indices"`
	PeriodMeans []map[string]any `json:"period_means"`
	DMUMeans    []map[string]any `json:"dmu_means"`
	Overall     map[string]any   `json:"overall_mean"`
	Levels      []map[string]any `json:"levels"`
}

func loadCases(t testing.TB) map[string]refCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []refCase }
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string]refCase{}
	for _, c := range f.Cases {
		out[c.ID] = c
	}
	return out
}

// loadCSV reads a long panel (columns dmu, period, then the named ones)
// through lib/frame and FromFrame, as every data set enters the package.
func loadCSV(t testing.TB, file string, outputs, inputs []string) Data {
	t.Helper()
	fr, err := frame.ReadCSV(filepath.Join("testdata", filepath.Base(file)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromFrame(fr, "dmu", "period", inputs, outputs)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// want returns the expected number under key (NaN for null) and whether the
// key exists.
func want(m map[string]any, key string) (float64, bool) {
	v, ok := m[key]
	if !ok {
		return 0, false
	}
	if v == nil {
		return math.NaN(), true
	}
	return v.(float64), true
}

func checkAbs(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want undefined (null)", what, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.10g, want %.10g (|diff| %.3g > %g)", what, got, want, math.Abs(got-want), tol)
	}
}

func indexFields(ix Index) map[string]float64 {
	return map[string]float64{"effch": ix.EffCh, "techch": ix.TechCh, "pech": ix.PECh, "sech": ix.SECh, "tfpch": ix.TFPCh}
}

// checkExpected compares every number of an "expected" block of cases.json.
func checkExpected(t *testing.T, res *Result, e refExpected, tol float64) {
	t.Helper()
	dist := map[string]Distance{}
	for _, d := range res.Distances {
		dist[fmt.Sprint(d.DMU, "/", d.Period)] = d
	}
	for _, w := range e.Distances {
		key := fmt.Sprint(w["dmu"], "/", w["period"])
		d, ok := dist[key]
		if !ok {
			t.Errorf("no distance row %s", key)
			continue
		}
		got := map[string]float64{"crs_prev": d.CRSPrev, "crs_curr": d.CRS, "crs_next": d.CRSNext, "vrs_curr": d.VRS, "scale": d.CRS / d.VRS}
		for k, g := range got {
			if wv, ok := want(w, k); ok {
				checkAbs(t, "distance "+key+" "+k, g, wv, tol)
			}
		}
	}
	idx := map[string]Index{}
	for _, ix := range res.Indices {
		idx[fmt.Sprint(ix.DMU, "/", ix.Period)] = ix
	}
	for _, w := range e.Indices {
		key := fmt.Sprint(w["dmu"], "/", w["period"])
		ix, ok := idx[key]
		if !ok {
			t.Errorf("no index row %s", key)
			continue
		}
		for k, g := range indexFields(ix) {
			if wv, ok := want(w, k); ok {
				checkAbs(t, "index "+key+" "+k, g, wv, tol)
			}
		}
	}
	for _, w := range e.PeriodMeans {
		for _, pm := range res.PeriodMeans {
			if float64(pm.Period) == w["period"].(float64) {
				for k, g := range indexFields(pm) {
					if wv, ok := want(w, k); ok {
						checkAbs(t, fmt.Sprint("period mean ", pm.Period, " ", k), g, wv, tol)
					}
				}
			}
		}
	}
	for _, w := range e.DMUMeans {
		found := false
		for _, dm := range res.DMUMeans {
			if dm.DMU == w["dmu"] {
				found = true
				for k, g := range indexFields(dm) {
					if wv, ok := want(w, k); ok {
						checkAbs(t, "DMU mean "+dm.DMU+" "+k, g, wv, tol)
					}
				}
			}
		}
		if !found {
			t.Errorf("no DMU mean for %v", w["dmu"])
		}
	}
	if e.Overall != nil {
		for k, g := range indexFields(res.Overall) {
			if wv, ok := want(e.Overall, k); ok {
				checkAbs(t, "overall mean "+k, g, wv, tol)
			}
		}
	}
	lv := map[string]Level{}
	for _, l := range res.Levels {
		lv[fmt.Sprint(l.DMU, "/", l.Period)] = l
	}
	for _, w := range e.Levels {
		key := fmt.Sprint(w["dmu"], "/", w["period"])
		l, ok := lv[key]
		if !ok {
			t.Errorf("no level row %s", key)
			continue
		}
		for k, g := range map[string]float64{"tfp_level": l.TFP, "tech_level": l.TC, "eff_level": l.EC} {
			if wv, ok := want(w, k); ok {
				checkAbs(t, "level "+key+" "+k, g, wv, tol)
			}
		}
	}
	// DEAP's arithmetic means of the DISTANCES SUMMARY.
	for _, w := range e.Means {
		per := int(w["period"].(float64))
		var s [4]float64
		var n [4]int
		for _, d := range res.Distances {
			if d.Period != per {
				continue
			}
			for c, v := range [4]float64{d.CRSPrev, d.CRS, d.CRSNext, d.VRS} {
				if !math.IsNaN(v) {
					s[c] += v
					n[c]++
				}
			}
		}
		for c, k := range []string{"crs_prev", "crs_curr", "crs_next", "vrs_curr"} {
			g := math.NaN()
			if n[c] > 0 {
				g = s[c] / float64(n[c])
			}
			if wv, ok := want(w, k); ok {
				checkAbs(t, fmt.Sprint("distance mean ", per, " ", k), g, wv, tol)
			}
		}
	}
}

func TestReferenceCases(t *testing.T) {
	cases := loadCases(t)
	type sub struct {
		id     string
		orient dea.Orientation
		block  string // key inside "expected", "" for the block itself
	}
	for _, tc := range []sub{
		{"deap_eg4_oo_vrs", dea.Output, ""},
		{"economy_oo_deap", dea.Output, ""},
		{"grifell_lovell_vrs_infeasible", dea.Input, "input_orientation"},
		{"grifell_lovell_vrs_infeasible", dea.Output, "output_orientation"},
	} {
		for _, plain := range []bool{false, true} {
			name := fmt.Sprintf("%s/%v/plain=%v", tc.id, tc.orient, plain)
			t.Run(name, func(t *testing.T) {
				c, ok := cases[tc.id]
				if !ok {
					t.Fatalf("case %s not in cases.json", tc.id)
				}
				raw := c.Expected
				if tc.block != "" {
					var m map[string]json.RawMessage
					if err := json.Unmarshal(raw, &m); err != nil {
						t.Fatal(err)
					}
					raw = m[tc.block]
				}
				var e refExpected
				if err := json.Unmarshal(raw, &e); err != nil {
					t.Fatal(err)
				}
				d := loadCSV(t, c.DataFile, c.Outputs, c.Inputs)
				res, err := Compute(d, Options{Orientation: tc.orient, Plain: plain})
				if err != nil {
					t.Fatal(err)
				}
				// Tolerances from cases.json: 0.001 for DEAP's printed F8.3
				// numbers, 1e-6 for the R packages (lp_solve).
				checkExpected(t, res, e, c.Tolerance.Abs)
			})
		}
	}
}
