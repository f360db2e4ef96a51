package malmquist_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
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

// The global Malmquist index (Pastor & Lovell 2005) is circular: the
// cumulative TFP level equals the direct comparison with the first period.
// EG4's firm 2 (x 4; y 2, 3, 3): productivity 0.5, 0.75, 0.75, so its level
// is 1.5 in periods 2 and 3 (one input, one output, CRS).
func ExampleCompute_global() {
	d := malmquist.Data{
		DMU:     []string{"1", "2", "3", "4", "5", "1", "2", "3", "4", "5", "1", "2", "3", "4", "5"},
		Period:  []int{1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3},
		Inputs:  [][]float64{{2}, {4}, {3}, {5}, {6}, {2}, {4}, {3}, {5}, {5}, {2}, {4}, {3}, {5}, {5}},
		Outputs: [][]float64{{1}, {2}, {3}, {4}, {5}, {1}, {3}, {4}, {3}, {5}, {1}, {3}, {4}, {3}, {5}},
	}
	res, err := malmquist.Compute(d, malmquist.Options{Orientation: dea.Output, Frontier: malmquist.Global})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range res.Levels {
		if l.DMU == "2" {
			fmt.Printf("period %d: TFP level %.3f\n", l.Period, l.TFP)
		}
	}
	// Output:
	// period 1: TFP level 1.000
	// period 2: TFP level 1.500
	// period 3: TFP level 1.500
}

// A panel read with lib/frame, with an SO2-like bad output: the
// Malmquist-Luenberger index on the global frontier (Oh 2010).
func ExampleFromFrame() {
	csv := "city,year,K,L,Y,SO2\n" +
		"A,2004,10,5,20,4\nB,2004,12,6,18,5\nC,2004,8,7,15,3\n" +
		"A,2005,11,5,22,4\nB,2005,12,6,21,4\nC,2005,8,7,15,3\n"
	fr, err := frame.ReadCSVFrom(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := malmquist.FromFrame(fr, "city", "year", []string{"K", "L"}, []string{"Y"}, dea.WithBad("SO2"))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := malmquist.Compute(d, malmquist.Options{Frontier: malmquist.Global})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Directional, res.Direction, len(res.Indices), len(res.Infeasible))
	// Output:
	// true (0, y, -b) 3 0
}

// Simar-Wilson (1999) bootstrap of the Malmquist index with a progress
// line: intervals for every DMU, period mean and the overall mean.
func ExampleBootstrap() {
	d := malmquist.Data{
		DMU:     []string{"1", "2", "3", "4", "5", "1", "2", "3", "4", "5"},
		Period:  []int{1, 1, 1, 1, 1, 2, 2, 2, 2, 2},
		Inputs:  [][]float64{{2, 3}, {4, 1}, {3, 3}, {5, 2}, {6, 5}, {2, 2}, {4, 2}, {3, 2}, {5, 3}, {5, 4}},
		Outputs: [][]float64{{1}, {2}, {3}, {4}, {5}, {1}, {3}, {4}, {3}, {5}},
	}
	b, err := malmquist.Bootstrap(d, malmquist.Options{Orientation: dea.Output},
		malmquist.BootOptions{Replications: 1000, Seed: 2024, Progress: malmquist.TextProgress(os.Stderr, "bootstrap")})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := b.Overall.TFPCh
	fmt.Printf("tfpch %.3f, 95%% interval [%.3f, %.3f], significant %v\n", o.Estimate, o.Lower, o.Upper, o.Significant)
}
