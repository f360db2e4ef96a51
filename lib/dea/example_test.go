package dea_test

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
)

// Single-period efficiency of DEAP's example EG4, year 1 (one input, one
// output), with DEAP's CRS/VRS/scale columns.
func ExampleEfficiency() {
	x := [][]float64{{2}, {4}, {3}, {5}, {6}}
	y := [][]float64{{1}, {2}, {3}, {4}, {5}}
	sc, err := dea.Efficiency(x, y, dea.EffOptions{Orientation: dea.Output, RTS: dea.VRS, Slacks: dea.TwoStage})
	if err != nil {
		fmt.Println(err)
		return
	}
	out := dea.EfficiencyReport(nil, sc, dea.VRS)
	// The EFFICIENCY SUMMARY (the slacks, peers and targets follow).
	fmt.Print(out[:strings.Index(out, "\nNote also")])
	// Output:
	// EFFICIENCY SUMMARY:
	//
	//   firm  crste  vrste  scale
	//
	//     1  0.500  1.000  0.500 irs
	//     2  0.500  0.545  0.917 drs
	//     3  1.000  1.000  1.000  -
	//     4  0.800  0.923  0.867 drs
	//     5  0.833  1.000  0.833 drs
	//
	//  mean  0.727  0.894  0.823
	//
	// Note: crste = technical efficiency from CRS DEA
	//       vrste = technical efficiency from VRS DEA
	//       scale = scale efficiency = crste/vrste
}

// Distances of one observation against another period's technology.
func ExampleTechnology_Distance() {
	tech, err := dea.NewTechnology([][]float64{{2}, {3}, {5}}, [][]float64{{1}, {3}, {4}})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := tech.Distance([]float64{4}, []float64{5}, dea.CRS, dea.Output)
	_, err = tech.Distance([]float64{4}, []float64{5}, dea.VRS, dea.Input)
	fmt.Printf("CRS output distance %.3f; VRS input LP: %v\n", d, err)
	// Output:
	// CRS output distance 1.250; VRS input LP: dea: LP is infeasible
}

// Slacks-based measure (Tone 2001) next to the radial score: DMU E = (2, 6)
// is radially efficient but has an excess of 2 in input 2, which the SBM
// counts (ρ = 1 − ½·2/6); D = (6, 4) has ρ = 7/12 below θ = 0.6.
func ExampleEvaluate() {
	d := &dea.Data{DMU: []string{"A", "B", "E", "D"},
		Inputs:  [][]float64{{2, 4}, {4, 2}, {2, 6}, {6, 4}},
		Outputs: [][]float64{{1}, {1}, {1}, {1}}}
	rad, err := dea.Evaluate(d, dea.Options{Model: dea.Radial, RTS: dea.CRS, Orientation: dea.Input})
	if err != nil {
		fmt.Println(err)
		return
	}
	sbm, err := dea.Evaluate(d, dea.Options{Model: dea.SBM, RTS: dea.CRS, Orientation: dea.NonOriented})
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, u := range sbm.Units {
		fmt.Printf("%s: radial %.4f, SBM %.4f\n", u.DMU, rad.Units[j].Score, u.Score)
	}
	// Output:
	// A: radial 1.0000, SBM 1.0000
	// B: radial 1.0000, SBM 1.0000
	// E: radial 1.0000, SBM 0.8333
	// D: radial 0.6000, SBM 0.5833
}

// Every data set enters through lib/frame: a missing value is an error
// naming the DMU and column.
func ExampleFromFrame() {
	fr, err := frame.ReadCSVFrom(strings.NewReader("firm,x,y\nA,2,1\nB,NA,2\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = dea.FromFrame(fr, "firm", []string{"x"}, []string{"y"})
	fmt.Println(err)
	// Output:
	// dea: invalid data: missing value: 1 in input columns: DMU "B", column "x" (row 2). DEA has no missing-value treatment: fill them in, or drop those rows
}

// Directional distance with a bad output (weak disposability), default
// direction (0, y, −b): DMU 2 (x 1, y 1.5, b 1.5) could expand its good
// output and shrink its emissions by a third of their levels, to DMU 1's
// (1, 2, 1): β = 1/3 (by hand: λ1 = 1.5(1 − β) <= 1 and 2λ1 >= 1.5(1 + β)).
func ExampleNewDirectional() {
	x := [][]float64{{1}, {1}}
	y := [][]float64{{2}, {1.5}}
	b := [][]float64{{1}, {1.5}}
	t, err := dea.NewDirectional(x, y, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j := range x {
		beta, err := t.Distance(x[j], y[j], b[j], dea.Direction{}, dea.CRS)
		fmt.Printf("DMU %d: beta %.4f %v\n", j+1, beta, err)
	}
	// Output:
	// DMU 1: beta 0.0000 <nil>
	// DMU 2: beta 0.3333 <nil>
}

// Simar-Wilson (1998) bootstrap: bias-corrected scores and 95% intervals,
// the same for a given seed on any number of cores.
func ExampleBootstrap() {
	x := [][]float64{{2, 5}, {2, 4}, {6, 6}, {3, 2}, {6, 2}, {4, 4}, {5, 3}}
	y := [][]float64{{1}, {2}, {3}, {1}, {2}, {2}, {2}}
	d := &dea.Data{DMU: []string{"1", "2", "3", "4", "5", "6", "7"}, Inputs: x, Outputs: y}
	res, err := dea.Bootstrap(d, dea.Options{Model: dea.Radial, RTS: dea.CRS, Orientation: dea.Input},
		dea.BootOptions{Replications: 200, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, b := res.Units[5], res.Boot
	fmt.Printf("DMU %s: te %.3f, bias-corrected %.3f, interval [%.3f, %.3f]\n", u.DMU, u.Score, b.BiasCorrected[5], b.Lower[5], b.Upper[5])
}
