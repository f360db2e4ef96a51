package malmquist_test

import (
	"fmt"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist"
)

// DEAP 2.1's example EG4 (5 firms, 3 years, 1 input, 1 output), output
// orientated: the numbers DEAP prints.
func ExampleCompute() {
	d := malmquist.Data{
		DMU:     []string{"1", "2", "3", "4", "5", "1", "2", "3", "4", "5", "1", "2", "3", "4", "5"},
		Period:  []int{1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3},
		Inputs:  [][]float64{{2}, {4}, {3}, {5}, {6}, {2}, {4}, {3}, {5}, {5}, {2}, {4}, {3}, {5}, {5}},
		Outputs: [][]float64{{1}, {2}, {3}, {4}, {5}, {1}, {3}, {4}, {3}, {5}, {1}, {3}, {4}, {3}, {5}},
	}
	res, err := malmquist.Compute(d, malmquist.Options{Orientation: dea.Output})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := res.Overall
	fmt.Printf("overall: effch %.3f techch %.3f pech %.3f sech %.3f tfpch %.3f\n", o.EffCh, o.TechCh, o.PECh, o.SECh, o.TFPCh)
	// Output:
	// overall: effch 0.918 techch 1.155 pech 0.977 sech 0.940 tfpch 1.061
}
