package chen

import (
	"testing"

	"github.com/econb/econb/lib/ivgmm"
)

// BenchmarkLoad is the whole pipeline on the 261 × 15 synthetic panel:
// CSV parsing and validation, capital stock, location quotients, controls
// and the DEA Malmquist analysis (baseline: BenchmarkFitTable1 below).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(dataDir+"synth_cities.csv", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitTable1 fits the six columns of Table 1 (frame building
// included), clustered by city.
func BenchmarkFitTable1(b *testing.B) {
	d, err := Load(dataDir+"synth_cities.csv", Options{})
	if err != nil {
		b.Fatal(err)
	}
	opt := ivgmm.Options{VCE: ivgmm.ClusterBy("city")}
	for b.Loop() {
		if _, err := d.FitAll(Table1, opt); err != nil {
			b.Fatal(err)
		}
	}
}
