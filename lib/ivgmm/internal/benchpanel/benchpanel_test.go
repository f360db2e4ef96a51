package benchpanel

import "testing"

// Reference values: the sha256_all_columns table of the kit (written by
// gen_data.py and bench/go/gendata; copied in ../../testdata/bench/README.md);
// the random numbers themselves are checked in lib/internal/detrand.
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
