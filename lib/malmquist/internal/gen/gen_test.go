package gen

import "testing"

// Reference values from shared/bench/README.md (seed 20240601, stream 1,
// counters 0..3), reproduced bit for bit by bench/go/detrand.
func TestReferenceValues(t *testing.T) {
	key := Key(Seed, 1)
	bits := []uint64{5338619533830538187, 10858876570176922661, 2489073309383024054, 2048250310386974062}
	unif := []float64{0.28940714483263097, 0.5886608784068881, 0.13493293447543786, 0.11103587181578323}
	for c := range bits {
		if got := Bits(key, uint64(c)); got != bits[c] {
			t.Errorf("Bits(%d) = %d, want %d", c, got, bits[c])
		}
		if got := Unif(key, uint64(c)); got != unif[c] {
			t.Errorf("Unif(%d) = %v, want %v", c, got, unif[c])
		}
	}
}
