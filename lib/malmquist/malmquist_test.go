package malmquist

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/dea"
)

func economy(t testing.TB) Data {
	return loadCSV(t, "economy_wang_lan_2011.csv", []string{"giov"}, []string{"capital", "labor"})
}

func usagri(t testing.TB) Data {
	return loadCSV(t, "usagri_1995_2004.csv", []string{"q.livestock", "q.crop", "q.other"},
		[]string{"q.capital", "q.land", "q.labor", "q.materials"})
}

func mustCompute(t testing.TB, d Data, opt Options) *Result {
	t.Helper()
	r, err := Compute(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func relDiff(a, b float64) float64 { return math.Abs(a-b) / math.Max(1, math.Abs(b)) }

// TestIdentities: tfpch = effch*techch and effch = pech*sech for every
// DMU-period, in both orientations (exact up to rounding, 1e-12).
func TestIdentities(t *testing.T) {
	for name, d := range map[string]Data{"economy": economy(t), "usagri": usagri(t), "gen 300x4": genData(300, 4)} {
		for _, o := range []dea.Orientation{dea.Input, dea.Output} {
			r := mustCompute(t, d, Options{Orientation: o})
			for _, ix := range r.Indices {
				if relDiff(ix.TFPCh, ix.EffCh*ix.TechCh) > 1e-12 || relDiff(ix.EffCh, ix.PECh*ix.SECh) > 1e-12 {
					t.Errorf("%s %v %s/%d: %+v breaks tfpch = effch*techch or effch = pech*sech", name, o, ix.DMU, ix.Period, ix)
				}
			}
		}
	}
}

// TestCRSOrientationFree: effch, techch, tfpch (and CRS distances) are the
// same for input and output orientation (CONVENTIONS.md: 1e-10 on economy).
func TestCRSOrientationFree(t *testing.T) {
	for name, d := range map[string]Data{"economy": economy(t), "usagri": usagri(t)} {
		in := mustCompute(t, d, Options{Orientation: dea.Input})
		out := mustCompute(t, d, Options{Orientation: dea.Output})
		for k := range in.Indices {
			a, b := in.Indices[k], out.Indices[k]
			if relDiff(a.EffCh, b.EffCh) > 1e-10 || relDiff(a.TechCh, b.TechCh) > 1e-10 || relDiff(a.TFPCh, b.TFPCh) > 1e-10 {
				t.Errorf("%s %s/%d: input %+v output %+v", name, a.DMU, a.Period, a, b)
			}
		}
	}
}

// TestRescaleInvariance: multiplying an input or an output by a constant
// leaves every index unchanged (1e-10).
func TestRescaleInvariance(t *testing.T) {
	d := economy(t)
	base := mustCompute(t, d, Options{Orientation: dea.Output})
	s := d
	s.Inputs, s.Outputs = make([][]float64, len(d.Inputs)), make([][]float64, len(d.Outputs))
	for i := range d.Inputs {
		s.Inputs[i] = []float64{d.Inputs[i][0] * 1e-4, d.Inputs[i][1] * 1e4}
		s.Outputs[i] = []float64{d.Outputs[i][0] * 3.7}
	}
	sc := mustCompute(t, s, Options{Orientation: dea.Output})
	for k := range base.Indices {
		a, b := base.Indices[k].vals(), sc.Indices[k].vals()
		for c := range a {
			if relDiff(a[c], b[c]) > 1e-10 {
				t.Errorf("%s/%d component %d: %.15g vs rescaled %.15g", base.Indices[k].DMU, base.Indices[k].Period, c, a[c], b[c])
			}
		}
	}
}

// TestFrameEqualsPlain: the library (frame LPs, warm starts) equals plain
// all-DMU LPs to 1e-9 on every distance and index.
func TestFrameEqualsPlain(t *testing.T) {
	for name, d := range map[string]Data{"usagri": usagri(t), "gen 1000x3": genData(1000, 3), "gen 200x6": genData(200, 6)} {
		for _, o := range []dea.Orientation{dea.Input, dea.Output} {
			f := mustCompute(t, d, Options{Orientation: o})
			p := mustCompute(t, d, Options{Orientation: o, Plain: true})
			for k := range f.Distances {
				a, b := f.Distances[k], p.Distances[k]
				for c, pair := range [][2]float64{{a.CRSPrev, b.CRSPrev}, {a.CRS, b.CRS}, {a.CRSNext, b.CRSNext}, {a.VRS, b.VRS}} {
					if !(math.IsNaN(pair[0]) && math.IsNaN(pair[1])) && !(relDiff(pair[0], pair[1]) <= 1e-9) {
						t.Errorf("%s %v %s/%d distance %d: frame %.15g plain %.15g", name, o, a.DMU, a.Period, c, pair[0], pair[1])
					}
				}
			}
			for k := range f.Indices {
				a, b := f.Indices[k].vals(), p.Indices[k].vals()
				for c := range a {
					if !(relDiff(a[c], b[c]) <= 1e-9) {
						t.Errorf("%s %v index %d component %d: frame %.15g plain %.15g", name, o, k, c, a[c], b[c])
					}
				}
			}
		}
	}
}

// TestLevels: level_t = level_{t-1} * index_t with base 1 in the first period.
func TestLevels(t *testing.T) {
	r := mustCompute(t, economy(t), Options{Orientation: dea.Output})
	idx := map[string]Index{}
	for _, ix := range r.Indices {
		idx[fmt.Sprint(ix.DMU, ix.Period)] = ix
	}
	prev := map[string]Level{}
	for _, l := range r.Levels {
		if l.Period == r.Periods[0] {
			if l.TFP != 1 || l.TC != 1 || l.EC != 1 {
				t.Errorf("%s base level %+v, want 1", l.DMU, l)
			}
		} else {
			ix, p := idx[fmt.Sprint(l.DMU, l.Period)], prev[l.DMU]
			if relDiff(l.TFP, p.TFP*ix.TFPCh) > 1e-14 || relDiff(l.TC, p.TC*ix.TechCh) > 1e-14 || relDiff(l.EC, p.EC*ix.EffCh) > 1e-14 {
				t.Errorf("%s/%d level %+v, previous %+v, index %+v", l.DMU, l.Period, l, p, ix)
			}
		}
		prev[l.DMU] = l
	}
}

func TestBadInput(t *testing.T) {
	ok := func() Data {
		return Data{
			DMU:     []string{"a", "b", "a", "b"},
			Period:  []int{1, 1, 2, 2},
			Inputs:  [][]float64{{1}, {2}, {1}, {2}},
			Outputs: [][]float64{{1}, {1}, {2}, {1}},
		}
	}
	for _, c := range []struct {
		name   string
		mutate func(*Data)
		opt    Options
		want   error
		msg    string
	}{
		{"zero input", func(d *Data) { d.Inputs[2][0] = 0 }, Options{}, ErrData, `row 3 (DMU "a", period 2) input 1 = 0`},
		{"negative output", func(d *Data) { d.Outputs[1][0] = -1 }, Options{}, ErrData, `row 2 (DMU "b", period 1) output 1 = -1`},
		{"NaN named", func(d *Data) { d.Inputs[0][0] = math.NaN(); d.InputNames = []string{"labor"} }, Options{}, ErrData, `input "labor" = NaN`},
		{"duplicate", func(d *Data) { d.DMU[1] = "a" }, Options{}, ErrData, `duplicate (DMU, period): DMU "a" period 1 in rows 1 and 2`},
		{"single DMU", func(d *Data) { d.DMU = []string{"a", "a", "a", "a"}; d.Period = []int{1, 2, 3, 4} }, Options{}, ErrData, `only one DMU ("a")`},
		{"one period", func(d *Data) { d.Period = []int{1, 1, 1, 1}; d.DMU = []string{"a", "b", "c", "d"} }, Options{}, ErrData, "only one period (1)"},
		{"ragged", func(d *Data) { d.Inputs[3] = []float64{1, 2} }, Options{}, ErrData, `row 4 (DMU "b", period 2) has 2 inputs`},
		{"lengths", func(d *Data) { d.Period = d.Period[:3] }, Options{}, ErrData, "4 DMU labels, 3 periods"},
		{"unbalanced", func(d *Data) {
			d.DMU, d.Period, d.Inputs, d.Outputs = d.DMU[:3], d.Period[:3], d.Inputs[:3], d.Outputs[:3]
		}, Options{}, ErrUnbalanced, `missing: "b" (periods 2)`},
		{"common too small", func(d *Data) {
			d.DMU, d.Period, d.Inputs, d.Outputs = d.DMU[:3], d.Period[:3], d.Inputs[:3], d.Outputs[:3]
		}, Options{CommonDMUs: true}, ErrUnbalanced, "periods 1 and 2 have 1 DMU(s) in common"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := ok()
			c.mutate(&d)
			_, err := Compute(d, c.opt)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v; want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

// TestCommonDMUs: on a balanced panel CommonDMUs changes nothing; on an
// unbalanced one each pair uses the DMUs present in both periods, which
// equals computing that pair alone on the common DMUs.
func TestCommonDMUs(t *testing.T) {
	d := economy(t)
	full := mustCompute(t, d, Options{Orientation: dea.Output})
	same := mustCompute(t, d, Options{Orientation: dea.Output, CommonDMUs: true})
	for k := range full.Indices {
		if full.Indices[k] != same.Indices[k] {
			t.Fatalf("balanced panel: CommonDMUs changed %+v to %+v", full.Indices[k], same.Indices[k])
		}
	}
	// Drop Beijing in 2009 and Tianjin in 2005.
	var u Data
	u.InputNames, u.OutputNames = d.InputNames, d.OutputNames
	for i := range d.DMU {
		if (d.DMU[i] == "Beijing" && d.Period[i] == 2009) || (d.DMU[i] == "Tianjin" && d.Period[i] == 2005) {
			continue
		}
		u.DMU, u.Period = append(u.DMU, d.DMU[i]), append(u.Period, d.Period[i])
		u.Inputs, u.Outputs = append(u.Inputs, d.Inputs[i]), append(u.Outputs, d.Outputs[i])
	}
	if _, err := Compute(u, Options{}); !errors.Is(err, ErrUnbalanced) {
		t.Fatalf("unbalanced without CommonDMUs: err = %v", err)
	}
	r := mustCompute(t, u, Options{Orientation: dea.Output, CommonDMUs: true})
	if r.Distances != nil || len(r.Notes) != 3 || !strings.Contains(r.DEAP(), "Unbalanced panel") {
		t.Errorf("notes %q, distances %d", r.Notes, len(r.Distances))
	}
	// Pair 2008-2009 alone on its common DMUs (all but Beijing).
	var p Data
	for i := range d.DMU {
		if (d.Period[i] == 2008 || d.Period[i] == 2009) && d.DMU[i] != "Beijing" {
			p.DMU, p.Period = append(p.DMU, d.DMU[i]), append(p.Period, d.Period[i])
			p.Inputs, p.Outputs = append(p.Inputs, d.Inputs[i]), append(p.Outputs, d.Outputs[i])
		}
	}
	pr := mustCompute(t, p, Options{Orientation: dea.Output})
	want := map[string]Index{}
	for _, ix := range pr.Indices {
		want[ix.DMU] = ix
	}
	n := 0
	for _, ix := range r.Indices {
		if ix.Period == 2009 {
			n++
			if w := want[ix.DMU]; relDiff(ix.TFPCh, w.TFPCh) > 1e-12 || relDiff(ix.PECh, w.PECh) > 1e-12 {
				t.Errorf("2009 %s: %+v, want %+v", ix.DMU, ix, w)
			}
		}
		if ix.DMU == "Tianjin" && ix.Period == 2006 {
			t.Errorf("Tianjin has no 2005 row but got a 2006 index")
		}
	}
	if n != 30 {
		t.Errorf("2009 has %d indices, want 30", n)
	}
	for _, l := range r.Levels {
		if l.DMU == "Tianjin" && l.Period == 2006 && l.TFP != 1 {
			t.Errorf("Tianjin's first period 2006 should be the base (level 1), got %+v", l)
		}
	}
}

// TestDegenerateFrameEqualsPlain: data rounded to a coarse grid (ties,
// duplicate DMUs, collinear points: degenerate LPs) give the same indices
// over the frame as with plain all-DMU LPs (1e-9).
func TestDegenerateFrameEqualsPlain(t *testing.T) {
	d := genData(400, 4)
	for i := range d.Inputs {
		d.Inputs[i] = []float64{math.Round(d.Inputs[i][0]/100) * 100, math.Round(d.Inputs[i][1]/200) * 200}
		d.Outputs[i] = []float64{math.Max(50, math.Round(d.Outputs[i][0]/50)*50)}
	}
	for _, o := range []dea.Orientation{dea.Input, dea.Output} {
		f := mustCompute(t, d, Options{Orientation: o})
		p := mustCompute(t, d, Options{Orientation: o, Plain: true})
		for k := range f.Indices {
			a, b := f.Indices[k].vals(), p.Indices[k].vals()
			for c := range a {
				if !(relDiff(a[c], b[c]) <= 1e-9) {
					t.Errorf("%v index %s/%d component %d: frame %.15g plain %.15g", o, f.Indices[k].DMU, f.Indices[k].Period, c, a[c], b[c])
				}
			}
		}
	}
}
