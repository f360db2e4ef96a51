package expr

import (
	"math"
	"testing"
)

// TestOverflowColumns checks [U] 12.2.1 on columns (constant expressions
// are folded and checked in eval_test.go): a result of at least 2^1023 in
// absolute value is missing, counted and noted, also when it is finite
// (8e307 + 8e307 = 1.6e308), in every arithmetic kernel and in sums of
// products, and a result just below is kept.
func TestOverflowColumns(t *testing.T) {
	big := 8e307
	m, err := NewMap(map[string][]float64{
		"x": {big, 1, -big, 4e307},
		"y": {big, 2, -big, 2},
		"z": {0, 3, 0, 0},
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	for _, c := range []struct {
		src     string
		want    []float64
		missing int
		notes   int
	}{
		{"x + y", []float64{nan, 3, nan, 4e307 + 2}, 2, 1},
		{"x - (0 - y)", []float64{nan, 3, nan, 4e307 + 2}, 2, 1},
		{"x * 2", []float64{nan, 2, nan, 8e307}, 2, 1},
		{"x / 0.5", []float64{nan, 2, nan, 8e307}, 2, 1},
		{"x * 2 + z", []float64{nan, 5, nan, 8e307}, 2, 1},              // the product overflows
		{"x * 1 + y", []float64{nan, 3, nan, 4e307 + 2}, 2, 1},          // the sum overflows
		{"z + x * 1", []float64{big, 4, -big, 4e307}, 0, 0},             // product on the right
		{"y * 1 - x", []float64{0, 1, 0, 2 - 4e307}, 0, 0},              // subtraction of a product
		{"x * y + z", []float64{nan, 5, nan, 8e307}, 2, 1},              // 6.4e615 is missing
		{"2 * 3 + x", []float64{big + 6, 7, -big + 6, 4e307 + 6}, 0, 0}, // a constant product is folded
	} {
		col, err := Eval(m, c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		for i, w := range c.want {
			if g := col.Num[i]; !(g == w || g != g && w != w) {
				t.Errorf("%s: row %d = %g, want %g", c.src, i+1, g, w)
			}
		}
		if col.Missing != c.missing || len(col.Notes) != c.notes {
			t.Errorf("%s: %d missing and notes %v, want %d and %d notes", c.src, col.Missing, col.Notes, c.missing, c.notes)
		}
	}
}
