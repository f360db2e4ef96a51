package plot

import (
	"strings"
	"testing"
)

// TestTickLabelsDistinct: the theme's ticks never show two ticks with one
// label. gonum's default labels round 1.05 to "1.1" on [1, 1.1] (the tick
// values are gonum's; the labels must tell them apart), and leave labels
// that already differ as gonum writes them.
func TestTickLabelsDistinct(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{1, 1.1, []string{"1.00", "1.05", "1.10"}},
		{-0.2, 0.2, []string{"\u22120.2", "0.0", "0.2"}}, // gonum's, with the minus sign
		{2003, 2017, []string{"2005", "2010", "2015"}},
	} {
		var got []string
		for _, tk := range (majorTicks{}).Ticks(c.lo, c.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("ticks on [%g, %g]: %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}
