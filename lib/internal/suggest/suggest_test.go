package suggest

import "testing"

// The expected suggestions follow the rule in the package doc, checked by
// hand (distances counted on paper).
func TestClosest(t *testing.T) {
	names := []string{"year", "id", "income", "Province", "x1", "x2"}
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"yaer", "year", true},         // one transposition
		{"province", "Province", true}, // case only
		{"incme", "income", true},      // one deletion, limit 5/3 = 1
		{"zzzz", "", false},
		{"x3", "x1", true},  // distance 1, first of the ties
		{"year", "", false}, // the name itself is not suggested
		{"idd", "id", true},
	}
	for _, tc := range tests {
		got, ok := Closest(tc.in, names)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"abc", "", 3}, {"ca", "ac", 1}, {"kitten", "sitting", 3}, {"省份", "省分", 1},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
