package benchpanel

import "testing"

// Reference values: shared/bench/README.md ("Reference values", seed
// 20240601 stream 1) and the sha256_all_columns table of the kit
// (written by gen_data.py and bench/go/gendata).
func TestDetrand(t *testing.T) {
	k := Key(20240601, 1)
	wantBits := []uint64{5338619533830538187, 10858876570176922661, 2489073309383024054, 2048250310386974062}
	wantUnif := []float64{0.28940714483263097, 0.5886608784068881, 0.13493293447543786, 0.11103587181578323}
	wantNorm := []float64{-0.010328472205296535, -0.01820878640808843, 0.31135156972008904, 0.6458789166726087}
	for c := range 4 {
		if got := Bits(k, uint64(c)); got != wantBits[c] {
			t.Errorf("Bits(%d) = %d, want %d", c, got, wantBits[c])
		}
		if got := Unif(k, uint64(c)); got != wantUnif[c] {
			t.Errorf("Unif(%d) = %v, want %v", c, got, wantUnif[c])
		}
		if got := Norm(k, uint64(c)); got != wantNorm[c] {
			t.Errorf("Norm(%d) = %v, want %v", c, got, wantNorm[c])
		}
	}
}

func TestPanelChecksum(t *testing.T) {
	cases := []struct {
		n, t int
		sha  string
	}{
		{261, 15, "f1f7d576f3bc39c33563cff35365dd4b21567b1906bdbfa1b3f134e152b5719d"},
		{1000, 15, "6eeb8d152afd5bfd0fa79c911abe0655dd4cad50f46037b3321bbeeeaf1a005c"},
	}
	for _, c := range cases {
		if got := Generate(c.n, c.t, DefaultSeed).SHA256(); got != c.sha {
			t.Errorf("panel %d %d: sha256 %s, want %s", c.n, c.t, got, c.sha)
		}
	}
}
