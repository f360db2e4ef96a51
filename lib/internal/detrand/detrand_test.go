package detrand

import "testing"

// Reference values printed by bench/detrand.py (seed 20240601, stream 1),
// listed in bench/README.md; they must match bit for bit.
func TestReference(t *testing.T) {
	k := Key(20240601, 1)
	wantBits := []uint64{5338619533830538187, 10858876570176922661, 2489073309383024054, 2048250310386974062}
	wantUnif := []float64{0.28940714483263097, 0.5886608784068881, 0.13493293447543786, 0.11103587181578323}
	wantNorm := []float64{-0.010328472205296535, -0.01820878640808843, 0.31135156972008904, 0.6458789166726087}
	s := NewStream(20240601, 1)
	for i := uint64(0); i < 4; i++ {
		if g := Bits(k, i); g != wantBits[i] {
			t.Errorf("Bits(%d) = %d, want %d", i, g, wantBits[i])
		}
		if g := s.Unif(i); g != wantUnif[i] {
			t.Errorf("Unif(%d) = %v, want %v", i, g, wantUnif[i])
		}
		if g := s.Norm(i); g != wantNorm[i] {
			t.Errorf("Norm(%d) = %v, want %v", i, g, wantNorm[i])
		}
	}
}
