package figure_test

import (
	"fmt"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist"
	"github.com/econb/econb/lib/malmquist/figure"
)

// The figure of the Malmquist chapter: annual mean TFP change with its
// bootstrap intervals. In a notebook: display.Show(fig); fig.Save("x.svg").
func ExampleIntervals() {
	d := malmquist.Data{
		DMU:     []string{"1", "2", "3", "4", "5", "1", "2", "3", "4", "5", "1", "2", "3", "4", "5"},
		Period:  []int{2001, 2001, 2001, 2001, 2001, 2002, 2002, 2002, 2002, 2002, 2003, 2003, 2003, 2003, 2003},
		Inputs:  [][]float64{{2, 3}, {4, 1}, {3, 3}, {5, 2}, {6, 5}, {2, 2}, {4, 2}, {3, 2}, {5, 3}, {5, 4}, {2, 2}, {4, 1}, {3, 2}, {4, 3}, {5, 3}},
		Outputs: [][]float64{{1}, {2}, {3}, {4}, {5}, {1}, {3}, {4}, {3}, {5}, {2}, {3}, {4}, {4}, {5}},
	}
	b, err := malmquist.Bootstrap(d, malmquist.Options{Orientation: dea.Output}, malmquist.BootOptions{Replications: 200, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fig, err := figure.Intervals(b, "tfpch", "TFP change with 95% bootstrap intervals")
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := fig.SVG()
	fmt.Println(len(svg) > 1000, err)
	// Output:
	// true <nil>
}
