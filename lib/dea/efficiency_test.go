package dea

import (
	"math"
	"testing"
)

// TestEfficiencyEG4: single-period scores of DEAP's example EG4, year 1
// (x = 2,4,3,5,6; y = 1,2,3,4,5), output orientation. Expected CRS and VRS
// distances: lib/malmquist/testdata/cases.json (a copy of the project's
// shared/refs/malmquist/cases.json) deap_eg4_oo_vrs (DEAP's
// DISTANCES SUMMARY year 1, t column and vrs te), the unrounded values
// from its deaR 1.5.3 cross-check; tolerance 1e-9.
func TestEfficiencyEG4(t *testing.T) {
	x := [][]float64{{2}, {4}, {3}, {5}, {6}}
	y := [][]float64{{1}, {2}, {3}, {4}, {5}}
	crs := []float64{0.5, 0.5, 1, 0.8, 0.8333333333333334}
	vrs := []float64{1, 0.5454545454545454, 1, 0.9230769230769231, 1}
	// Returns to scale by hand: the VRS frontier is (2,1)-(3,3)-(6,5); the
	// NIRS frontier is the ray through (3,3) up to x = 3, then the VRS
	// frontier. Output orientation keeps x: firm 1 (x = 2) projects onto
	// the increasing part (irs), firms 2, 4, 5 (x > 3) onto the decreasing
	// part (drs).
	nature := []string{"irs", "drs", "-", "drs", "drs"}
	sc, err := Efficiency(x, y, EffOptions{Orientation: Output, RTS: VRS, Slacks: TwoStage})
	if err != nil {
		t.Fatal(err)
	}
	for j, s := range sc {
		if math.Abs(s.CRS-crs[j]) > 1e-9 || math.Abs(s.VRS-vrs[j]) > 1e-9 || math.Abs(s.Scale-crs[j]/vrs[j]) > 1e-9 {
			t.Errorf("firm %d: crs %.10g vrs %.10g scale %.10g; want %.10g %.10g", j+1, s.CRS, s.VRS, s.Scale, crs[j], vrs[j])
		}
		if s.Nature != nature[j] {
			t.Errorf("firm %d: nature %q, want %q", j+1, s.Nature, nature[j])
		}
	}
	// Firm 2 (4, 2): VRS output target 2/0.5454 = 11/3 on the segment
	// between firms 3 (3,3) and 5 (6,5): peers rows 2 and 4 with weights
	// 2/3 and 1/3.
	s := sc[1]
	if len(s.Peers) != 2 || s.Peers[0] != 2 || s.Peers[1] != 4 || math.Abs(s.Lambda[2]-2.0/3) > 1e-9 || math.Abs(s.Lambda[4]-1.0/3) > 1e-9 {
		t.Errorf("firm 2 peers %v lambda %v, want rows [2 4] with 2/3 and 1/3", s.Peers, s.Lambda)
	}
	if math.Abs(s.OutputTarget[0]-11.0/3) > 1e-9 || math.Abs(s.InputTarget[0]-4) > 1e-9 {
		t.Errorf("firm 2 targets x %v y %v, want x 4, y 11/3", s.InputTarget, s.OutputTarget)
	}
}

// TestTwoStageSlacks: B = (2,1) -> 1 is radially efficient against A =
// (1,1) -> 1 (input orientation, CRS) but has an input-1 slack of 1;
// the second stage finds it and projects B onto A.
func TestTwoStageSlacks(t *testing.T) {
	x := [][]float64{{1, 1}, {2, 1}}
	y := [][]float64{{1}, {1}}
	sc, err := Efficiency(x, y, EffOptions{Orientation: Input, RTS: CRS, Slacks: TwoStage})
	if err != nil {
		t.Fatal(err)
	}
	b := sc[1]
	if math.Abs(b.CRS-1) > 1e-12 || math.Abs(b.InputSlack[0]-1) > 1e-9 || math.Abs(b.InputSlack[1]) > 1e-9 ||
		math.Abs(b.InputTarget[0]-1) > 1e-9 || len(b.Peers) != 1 || b.Peers[0] != 0 {
		t.Errorf("B: %+v; want crs 1, input slacks [1 0], target [1 1], peers [0]", b)
	}
}

// TestBealeCycling: Beale's (1955) LP cycles under Dantzig's rule with the
// textbook tie-break. The solver must terminate at the optimum -5/4
// (x4 = x6 = 1, x1 = 3/4).
func TestBealeCycling(t *testing.T) {
	var s simplex
	s.resize(3, 7)
	rows := [][]float64{
		{1, 0, 0, 0.25, -8, -1, 9},
		{0, 1, 0, 0.5, -12, -0.5, 3},
		{0, 0, 1, 0, 0, 1, 0},
	}
	for i, row := range rows {
		copy(s.a[i*7:], row)
	}
	copy(s.c, []float64{0, 0, 0, -0.75, 20, -0.5, 6})
	copy(s.b, []float64{0, 0, 1})
	s.art = 7
	if !s.setBasis([]int{0, 1, 2}) {
		t.Fatal("singular start")
	}
	if err := s.iterate(7, false, 1000); err != nil {
		t.Fatal(err)
	}
	if !s.check(7) || math.Abs(s.objective()+1.25) > 1e-12 {
		t.Errorf("objective %.15g after %d pivots, want -1.25", s.objective(), s.iters)
	}
}

// TestIterationCap: the cap turns a long run into ErrNumerical instead of
// a hang (Beale's LP needs more than one pivot).
func TestIterationCap(t *testing.T) {
	var s simplex
	s.resize(3, 7)
	rows := [][]float64{
		{1, 0, 0, 0.25, -8, -1, 9},
		{0, 1, 0, 0.5, -12, -0.5, 3},
		{0, 0, 1, 0, 0, 1, 0},
	}
	for i, row := range rows {
		copy(s.a[i*7:], row)
	}
	copy(s.c, []float64{0, 0, 0, -0.75, 20, -0.5, 6})
	copy(s.b, []float64{0, 0, 1})
	s.art = 7
	s.setBasis([]int{0, 1, 2})
	if err := s.iterate(7, false, 1); err != ErrNumerical {
		t.Errorf("err = %v, want ErrNumerical", err)
	}
}
