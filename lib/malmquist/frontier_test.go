package malmquist

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/econb/econb/lib/dea"
)

var allFrontiers = []Frontier{Contemporaneous, Sequential, Global, Biennial}

// oneByOne is a 1-input, 1-output panel whose CRS frontier (the best
// productivity y/x of a period) is 1, 0.8, 1.2, 1.1 in periods 1-4: a
// technical regress in period 2, so the frontiers differ.
func oneByOne() Data {
	// DMU "a" is always on the frontier; "b" and "c" inside it.
	ratio := map[string][]float64{"a": {1, 0.8, 1.2, 1.1}, "b": {0.5, 0.6, 0.9, 0.55}, "c": {0.9, 0.4, 0.3, 1.0}}
	x := map[string][]float64{"a": {2, 3, 4, 5}, "b": {1, 2, 1.5, 3}, "c": {4, 2.5, 3, 2}}
	var d Data
	for t := 0; t < 4; t++ {
		for _, k := range []string{"a", "b", "c"} {
			d.DMU, d.Period = append(d.DMU, k), append(d.Period, 2001+t)
			d.Inputs = append(d.Inputs, []float64{x[k][t]})
			d.Outputs = append(d.Outputs, []float64{x[k][t] * ratio[k][t]})
		}
	}
	return d
}

// TestFrontiersOneByOne checks every frontier against closed forms. With
// one input and one output under CRS the frontier of a set of
// observations is the ray of its best productivity F = max y/x, and a CRS
// distance is D(x, y) = (y/x)/F. Hence, for DMU i between periods a and b
// (r = y/x; F_t the best productivity of period t):
//
//	tfpch = r_b / r_a                                  (every frontier)
//	contemporaneous, global, biennial:  effch = (r_b/F_b)/(r_a/F_a),  techch = F_b/F_a
//	sequential (S_t = max over periods <= t):  effch = (r_b/S_b)/(r_a/S_a),  techch = S_b/S_a
//
// (global: best-practice gap change = (F_b/F_G)/(F_a/F_G); biennial:
// (F_b/max(F_a,F_b))/(F_a/max(F_a,F_b))). Distances: global r/F_G with F_G
// the best of all periods; biennial r/max(F_a, F_b). Derived by hand from
// the definitions in doc.go; tolerance 1e-12.
func TestFrontiersOneByOne(t *testing.T) {
	d := oneByOne()
	F := []float64{1, 0.8, 1.2, 1.1}
	S := []float64{1, 1, 1.2, 1.2}
	FG := 1.2
	r := map[string]float64{}
	for i := range d.DMU {
		r[fmt.Sprint(d.DMU[i], d.Period[i])] = d.Outputs[i][0] / d.Inputs[i][0]
	}
	for _, f := range allFrontiers {
		for _, dir := range []bool{false, true} {
			res := mustCompute(t, d, Options{Orientation: dea.Output, Frontier: f, Directional: dir})
			for _, ix := range res.Indices {
				b := ix.Period - 2001
				a := b - 1
				ra, rb := r[fmt.Sprint(ix.DMU, 2001+a)], r[fmt.Sprint(ix.DMU, 2001+b)]
				fa, fb := F[a], F[b]
				if f == Sequential {
					fa, fb = S[a], S[b]
				}
				want := map[string]float64{"tfpch": rb / ra, "effch": (rb / fb) / (ra / fa), "techch": fb / fa}
				got := map[string]float64{"tfpch": ix.TFPCh, "effch": ix.EffCh, "techch": ix.TechCh}
				for k, w := range want {
					if math.Abs(got[k]-w) > 1e-12*math.Max(1, w) {
						t.Errorf("%v directional=%v %s %d %s = %.15g, want %.15g", f, dir, ix.DMU, ix.Period, k, got[k], w)
					}
				}
			}
			for _, ds := range res.Distances {
				tt := ds.Period - 2001
				rr := r[fmt.Sprint(ds.DMU, ds.Period)]
				conv := func(v float64) float64 { // β = 1/D − 1 back to D
					if dir {
						return 1 / (1 + v)
					}
					return v
				}
				check := func(what string, got, want float64) {
					if math.IsNaN(want) != math.IsNaN(got) || (!math.IsNaN(want) && math.Abs(conv(got)-want) > 1e-12) {
						t.Errorf("%v directional=%v %s %d %s = %.15g, want D = %.15g", f, dir, ds.DMU, ds.Period, what, got, want)
					}
				}
				own := F[tt]
				if f == Sequential {
					own = S[tt]
				}
				check("crs", ds.CRS, rr/own)
				switch f {
				case Global:
					check("global", ds.Global, rr/FG)
				case Biennial:
					if tt > 0 {
						check("biennial prev", ds.BiennialPrev, rr/math.Max(F[tt-1], F[tt]))
					}
					if tt < 3 {
						check("biennial next", ds.BiennialNext, rr/math.Max(F[tt], F[tt+1]))
					}
				}
			}
		}
	}
}

// TestGlobalCircular: the global index is circular: the cumulative TFP
// level of period t (the product of the adjacent indices) equals the
// direct comparison D_G(x_t)/D_G(x_first), with D_G computed independently
// by plain LPs against all DMU-periods (1e-10).
func TestGlobalCircular(t *testing.T) {
	for name, d := range map[string]Data{"usagri": usagri(t), "gen 150x5": genData(150, 5)} {
		res := mustCompute(t, d, Options{Orientation: dea.Output, Frontier: Global})
		tech, err := dea.NewTechnology(d.Inputs, d.Outputs)
		if err != nil {
			t.Fatal(err)
		}
		tech.Plain = true
		dg := map[string]float64{}
		for i := range d.DMU {
			v, err := tech.Distance(d.Inputs[i], d.Outputs[i], dea.CRS, dea.Output)
			if err != nil {
				t.Fatal(err)
			}
			dg[fmt.Sprint(d.DMU[i], "/", d.Period[i])] = v
		}
		first := res.Periods[0]
		for _, l := range res.Levels {
			direct := dg[fmt.Sprint(l.DMU, "/", l.Period)] / dg[fmt.Sprint(l.DMU, "/", first)]
			if relDiff(l.TFP, direct) > 1e-10 {
				t.Errorf("%s %s %d: chained TFP %.15g, direct D_G ratio %.15g", name, l.DMU, l.Period, l.TFP, direct)
			}
		}
	}
}

// TestSequentialNoRegress: sequential technical change is never below 1
// (S_t contains S_{t-1}), radial and directional.
func TestSequentialNoRegress(t *testing.T) {
	for name, d := range map[string]Data{"usagri": usagri(t), "gen 200x6": genData(200, 6), "genBad 120x5": genBad(120, 5)} {
		res := mustCompute(t, d, Options{Orientation: dea.Output, Frontier: Sequential})
		for _, ix := range res.Indices {
			if ix.TechCh < 1-1e-12 {
				t.Errorf("%s %s %d: sequential techch %.15g < 1", name, ix.DMU, ix.Period, ix.TechCh)
			}
		}
	}
}

// TestBiennialNests: the biennial technology of (t-1, t) contains both
// periods' technologies, so each observation's distance to it is at most
// its own-period distance (and at most 1), radial and directional (β at
// least the own-period β and >= 0); no biennial LP is infeasible.
func TestBiennialNests(t *testing.T) {
	for name, d := range map[string]Data{"usagri": usagri(t), "genBad 120x5": genBad(120, 5)} {
		res := mustCompute(t, d, Options{Orientation: dea.Output, Frontier: Biennial})
		if len(res.Infeasible) > 0 {
			t.Errorf("%s: %d infeasible biennial LPs", name, len(res.Infeasible))
		}
		for _, ds := range res.Distances {
			for _, b := range []float64{ds.BiennialPrev, ds.BiennialNext} {
				if math.IsNaN(b) {
					continue
				}
				bad := b > ds.CRS+1e-10 || b > 1+1e-10
				if res.Directional {
					bad = b < ds.CRS-1e-10 || b < -1e-10
				}
				if bad {
					t.Errorf("%s %s %d: biennial distance %.15g vs own %.15g", name, ds.DMU, ds.Period, b, ds.CRS)
				}
			}
		}
	}
}

// TestMLWithoutBad: with no bad output the directional distance in
// direction (0, y) is β = 1/D_o − 1, so the Malmquist-Luenberger index and
// its components equal the output-oriented Malmquist index (Chung, Färe &
// Grosskopf 1997, p. 232), for every frontier (1e-9).
func TestMLWithoutBad(t *testing.T) {
	for name, d := range map[string]Data{"economy": economy(t), "gen 120x4": genData(120, 4)} {
		for _, f := range allFrontiers {
			m := mustCompute(t, d, Options{Orientation: dea.Output, Frontier: f})
			ml := mustCompute(t, d, Options{Frontier: f, Directional: true})
			if len(ml.Infeasible) > 0 || len(m.Indices) != len(ml.Indices) {
				t.Fatalf("%s %v: %d infeasible, %d vs %d indices", name, f, len(ml.Infeasible), len(m.Indices), len(ml.Indices))
			}
			for k := range m.Indices {
				a, b := m.Indices[k].vals(), ml.Indices[k].vals()
				for c := range a {
					if relDiff(a[c], b[c]) > 1e-9 {
						t.Errorf("%s %v %s/%d component %d: Malmquist %.15g, ML %.15g", name, f, m.Indices[k].DMU, m.Indices[k].Period, c, a[c], b[c])
					}
				}
				// Luenberger: the indicator uses β = 1/D_o − 1 of the same LPs.
				l := ml.Luenberger[k]
				if math.Abs(l.TFPCh-(l.EffCh+l.TechCh)) > 1e-12 || math.Abs(l.EffCh-(l.PECh+l.SECh)) > 1e-12 {
					t.Errorf("%s %v: Luenberger components do not add up: %+v", name, f, l)
				}
			}
		}
	}
}

// TestFrontiersFrameEqualsPlain: every frontier, radial and directional
// (with a bad output), gives the same indices over frames with warm starts
// as with plain all-DMU LPs (1e-9), and the same infeasible LPs.
func TestFrontiersFrameEqualsPlain(t *testing.T) {
	for name, d := range map[string]Data{"gen 150x4": genData(150, 4), "genBad 100x4": genBad(100, 4), "usagri": usagri(t)} {
		for _, f := range allFrontiers {
			opt := Options{Orientation: dea.Output, Frontier: f}
			a := mustCompute(t, d, opt)
			opt.Plain = true
			b := mustCompute(t, d, opt)
			if len(a.Infeasible) != len(b.Infeasible) {
				t.Errorf("%s %v: %d vs %d infeasible LPs", name, f, len(a.Infeasible), len(b.Infeasible))
			}
			for k := range a.Indices {
				x, y := a.Indices[k].vals(), b.Indices[k].vals()
				for c := range x {
					if !(math.IsNaN(x[c]) && math.IsNaN(y[c])) && !(relDiff(x[c], y[c]) <= 1e-9) {
						t.Errorf("%s %v index %d component %d: frame %.15g plain %.15g", name, f, k, c, x[c], y[c])
					}
				}
			}
		}
	}
}

// TestGMLNeverInfeasible: the global and biennial ML indices solve no
// infeasible LP (every observation belongs to the technology), while the
// contemporaneous one can (reported, never a silent value).
func TestGMLNeverInfeasible(t *testing.T) {
	d := genBad(150, 5)
	for _, f := range allFrontiers {
		res := mustCompute(t, d, Options{Frontier: f})
		if (f == Global || f == Biennial) && len(res.Infeasible) > 0 {
			t.Errorf("%v: %d infeasible LPs", f, len(res.Infeasible))
		}
		nan := 0
		for _, ix := range res.Indices {
			if math.IsNaN(ix.TFPCh) {
				nan++
			}
		}
		if f == Contemporaneous {
			if len(res.Infeasible) == 0 || nan == 0 {
				t.Errorf("contemporaneous ML: %d infeasible LPs, %d undefined indices; the test data should produce some", len(res.Infeasible), nan)
			}
			found := false
			for _, n := range res.Notes {
				found = found || (len(n) > 20 && n[:len(fmt.Sprint(len(res.Infeasible)))] == fmt.Sprint(len(res.Infeasible)))
			}
			if !found {
				t.Errorf("no note on the infeasible LPs: %q", res.Notes)
			}
		}
		t.Logf("%v ML: %d infeasible LPs, %d undefined index rows of %d", f, len(res.Infeasible), nan, len(res.Indices))
	}
}

// TestGaps: periods 2003, 2004, 2006 are an error (ErrGaps, naming
// 2004-2006) unless AllowGaps, which adds a note; periods 5 apart get a
// note.
func TestGaps(t *testing.T) {
	d := genData(20, 3)
	for i := range d.Period {
		d.Period[i] = map[int]int{1: 2003, 2: 2004, 3: 2006}[d.Period[i]]
	}
	_, err := Compute(d, Options{})
	if err == nil || fmt.Sprint(err) == "" || !errorsIs(err, ErrGaps) {
		t.Fatalf("err = %v, want ErrGaps", err)
	}
	if ge, ok := err.(*GapError); !ok || ge.Step != 1 || len(ge.Wider) != 1 || ge.Wider[0] != "2004-2006" {
		t.Errorf("gap error %#v", err)
	}
	r := mustCompute(t, d, Options{AllowGaps: true})
	if len(r.Notes) != 1 {
		t.Errorf("notes %q", r.Notes)
	}
	for i := range d.Period {
		d.Period[i] = map[int]int{2003: 2000, 2004: 2005, 2006: 2010}[d.Period[i]]
	}
	r = mustCompute(t, d, Options{})
	if len(r.Notes) != 1 || r.Notes[0] != "Consecutive periods are 5 apart: each index spans 5 periods." {
		t.Errorf("notes %q", r.Notes)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
