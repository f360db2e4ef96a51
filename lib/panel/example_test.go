package panel_test

import (
	"fmt"

	"github.com/econb/econb/lib/panel"
)

// Lags respect gaps: city b has no 2003, so its 2004 lag is missing.
func ExampleIndex_Lag() {
	ix, err := panel.NewIndex([]string{"a", "a", "a", "b", "b"}, []int{2002, 2003, 2004, 2002, 2004})
	if err != nil {
		fmt.Println(err)
		return
	}
	x := []float64{1, 2, 3, 10, 30}
	fmt.Println(ix.Lag(x, 1))
	fmt.Println(ix.Lag(x, -1))
	fmt.Println(ix.Diff(x))
	_, err = panel.NewIndex([]string{"a", "a"}, []int{2002, 2002})
	fmt.Println(err)
	// Output:
	// [NaN 1 2 NaN NaN]
	// [2 3 NaN NaN NaN]
	// [NaN 1 1 NaN NaN]
	// panel: duplicate (entity, time) rows: rows 1 and 2 both have entity "a" and time 2002; each (entity, time) pair must appear once
}

// Two-way within transformation of a balanced panel (exact, two passes).
func ExampleDemeaner() {
	city := []int{1, 1, 2, 2}
	year := []int{1, 2, 1, 2}
	x := []float64{1, 2, 3, 5}
	d, _ := panel.NewDemeaner([][]int{city, year})
	_ = d.Demean(x)
	fmt.Println(x, d.Groups(), d.Exact())
	// Output: [0.25 -0.25 -0.25 0.25] [2 2] true
}
