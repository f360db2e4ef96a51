package dea_test

import (
	"fmt"

	"github.com/econb/econb/lib/dea"
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
	fmt.Print(dea.EfficiencyReport(nil, sc, dea.VRS))
	// Output:
	// EFFICIENCY SUMMARY:
	//
	//   firm  crste  vrste  scale
	//
	//      1  0.500  1.000  0.500 irs
	//      2  0.500  0.545  0.917 drs
	//      3  1.000  1.000  1.000  -
	//      4  0.800  0.923  0.867 drs
	//      5  0.833  1.000  0.833 drs
	//
	//   mean  0.727  0.894  0.823
	//
	//  Note: crste = technical efficiency from CRS DEA
	//        vrste = technical efficiency from VRS DEA
	//        scale = scale efficiency = crste/vrste
	//
	//  Note also that all subsequent tables refer to VRS results
	//
	//  SUMMARY OF OUTPUT SLACKS:
	//
	//   firm  output:         1
	//      1             0.000
	//      2             0.000
	//      3             0.000
	//      4             0.000
	//      5             0.000
	//
	//   mean             0.000
	//
	//  SUMMARY OF INPUT SLACKS:
	//
	//   firm  input:          1
	//      1             0.000
	//      2             0.000
	//      3             0.000
	//      4             0.000
	//      5             0.000
	//
	//   mean             0.000
	//
	//  SUMMARY OF PEERS:
	//
	//   firm  peers:
	//      1      1
	//      2      3      5
	//      3      3
	//      4      3      5
	//      5      5
	//
	//  SUMMARY OF PEER WEIGHTS:
	//             (in same order as above)
	//
	//   firm  peer weights:
	//      1  1.000
	//      2  0.667  0.333
	//      3  1.000
	//      4  0.333  0.667
	//      5  1.000
	//
	//  PEER COUNT SUMMARY:
	//        (i.e., no. times each firm is a peer for another)
	//
	//   firm  peer count:
	//      1      0
	//      2      0
	//      3      2
	//      4      0
	//      5      2
	//
	//  SUMMARY OF OUTPUT TARGETS:
	//
	//   firm  output:         1
	//      1             1.000
	//      2             3.667
	//      3             3.000
	//      4             4.333
	//      5             5.000
	//
	//   mean             3.400
	//
	//  SUMMARY OF INPUT TARGETS:
	//
	//   firm  input:          1
	//      1             2.000
	//      2             4.000
	//      3             3.000
	//      4             5.000
	//      5             6.000
	//
	//   mean             4.000
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
