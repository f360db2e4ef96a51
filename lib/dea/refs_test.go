package dea

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"

	"github.com/econb/econb/lib/frame"
)

// charnes1981 reads the Program Follow Through data (testdata/charnes1981.csv):
// inputs education, occupation, visit, counseling, teacher; outputs
// reading, mathematics, selfesteem.
func charnes1981(t testing.TB) *Data {
	t.Helper()
	fr, err := frame.ReadCSV("testdata/charnes1981.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromFrame(fr, "site", []string{"education", "occupation", "visit", "counseling", "teacher"},
		[]string{"reading", "mathematics", "selfesteem"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// refValues decodes a JSON array of numbers and "Infinity"/"-Infinity".
func refValues(t *testing.T, raw []any) []float64 {
	out := make([]float64, len(raw))
	for i, v := range raw {
		switch x := v.(type) {
		case float64:
			out[i] = x
		case string:
			out[i] = map[string]float64{"Infinity": math.Inf(1), "-Infinity": math.Inf(-1)}[x]
		default:
			t.Fatalf("value %v", v)
		}
	}
	return out
}

// TestSuperBenchmarking: Andersen-Petersen super-efficiency of the 70
// Program Follow Through sites (Charnes, Cooper & Rhodes 1981) against
// R Benchmarking::sdea (testdata/benchmarking_sdea_charnes1981.json),
// CRS, VRS and NIRS ("drs"), both orientations, tolerance 1e-9.
// Benchmarking reports Farrell efficiencies: input θ (ours), output φ =
// 1/ours; an infeasible LP is Inf (input) or -Inf (output), ErrInfeasible
// here.
func TestSuperBenchmarking(t *testing.T) {
	raw, err := os.ReadFile("testdata/benchmarking_sdea_charnes1981.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]any
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	d := charnes1981(t)
	for _, plain := range []bool{false, true} {
		tech, err := NewTechnology(d.Inputs, d.Outputs)
		if err != nil {
			t.Fatal(err)
		}
		tech.Plain = plain
		for on, o := range map[string]Orientation{"input": Input, "output": Output} {
			for rn, rts := range map[string]RTS{"crs": CRS, "vrs": VRS, "drs": NIRS} {
				want := refValues(t, ref[on].(map[string]any)[rn].([]any))
				for j, w := range want {
					got, err := tech.Super(j, rts, o)
					if math.IsInf(w, 0) {
						if !errors.Is(err, ErrInfeasible) {
							t.Errorf("plain=%v %s %s DMU %d: got %v (%v), Benchmarking infeasible (%v)", plain, on, rn, j+1, got, err, w)
						}
						continue
					}
					if err != nil {
						t.Errorf("plain=%v %s %s DMU %d: %v", plain, on, rn, j+1, err)
						continue
					}
					if o == Output {
						got = 1 / got
					}
					if math.Abs(got-w) > 1e-9 {
						t.Errorf("plain=%v %s %s DMU %d: super-efficiency %.12g, Benchmarking %.12g", plain, on, rn, j+1, got, w)
					}
				}
			}
		}
	}
}
