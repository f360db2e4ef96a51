package plot_test

import (
	"fmt"

	"github.com/econb/econb/lib/plot"
)

// Group means of TFP levels over time; SVG bytes for inline display.
func ExamplePaths() {
	years := []float64{2003, 2004, 2005}
	f, err := plot.Paths([]plot.Series{
		{Group: "East", Unit: "Beijing", X: years, Y: []float64{1, 1.05, 1.12}},
		{Group: "West", Unit: "Lhasa", X: years, Y: []float64{1, 0.98, 1.01}},
	}, plot.PathOptions{Title: "TFP level", XLabel: "year"})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := f.SVG()
	fmt.Println(err == nil && len(svg) > 0)
	// Output: true
}
