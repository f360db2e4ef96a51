package lq

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/internal/testutil"
)

// Hand-checkable cases: every expected value is worked out in the comment.
func TestQuotientHand(t *testing.T) {
	// Two regions, one period. Region A: 10 of 100 in the group; region B:
	// 30 of 300. Nation: 40 of 400 = 10%, the same share as both regions,
	// so both quotients are exactly 1.
	x := Panel{Regions: 2, Periods: 1, Data: []float64{10, 30}}
	y := Panel{Regions: 2, Periods: 1, Data: []float64{100, 300}}
	q, err := Quotient(x, y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for r := 0; r < 2; r++ {
		if q.At(r, 0) != 1 {
			t.Errorf("LQ[%d] = %v, want 1 (shares equal the nation's)", r, q.At(r, 0))
		}
	}
	// Region A: 20/100 = 20%, B: 20/300; nation 40/400 = 10%:
	// LQ_A = 0.2/0.1 = 2, LQ_B = (1/15)/0.1 = 2/3.
	x.Data = []float64{20, 20}
	q, err = Quotient(x, y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Check(t, "LQ_A", q.At(0, 0), 2, 1e-15)
	testutil.Check(t, "LQ_B", q.At(1, 0), 2.0/3, 1e-15)
	// External national totals 50 of 1000 = 5%: LQ_A = 0.2/0.05 = 4.
	q, err = Quotient(x, y, Options{National: &National{Group: []float64{50}, Total: []float64{1000}}})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Check(t, "LQ_A external", q.At(0, 0), 4, 1e-15)
	// Employment-weighted mean of LQ over regions is 1 with sample totals:
	// Σ_j (y_j/Y) LQ_j = Σ_j x_j/X = 1. (100*2 + 300*2/3)/400 = 1.
	testutil.Check(t, "weighted mean", (100*2+300*(2.0/3))/400, 1, 1e-15)
}

func TestQuotientErrors(t *testing.T) {
	y := Panel{Regions: 2, Periods: 2, Data: []float64{100, 100, 300, 300}, RegionNames: []string{"Hefei", "Wuhu"}, PeriodNames: []string{"2003", "2004"}}
	cases := []struct {
		name string
		x, y Panel
		opt  Options
		err  error
		msg  string
	}{
		{"missing", Panel{Regions: 2, Periods: 2, Data: []float64{1, math.NaN(), 2, 3}}, y, Options{}, ErrMissing, `group employment of region "Hefei", period 2004`},
		{"negative", Panel{Regions: 2, Periods: 2, Data: []float64{1, 2, -2, 3}}, y, Options{}, ErrNegative, `region "Wuhu", period 2003`},
		{"zero region total", Panel{Regions: 2, Periods: 2, Data: []float64{0, 1, 2, 3}},
			Panel{Regions: 2, Periods: 2, Data: []float64{0, 100, 300, 300}, RegionNames: []string{"Hefei", "Wuhu"}, PeriodNames: []string{"2003", "2004"}}, Options{}, ErrZeroTotal, `total employment of region "Hefei" is 0 in period 2003`},
		{"zero national group", Panel{Regions: 2, Periods: 2, Data: []float64{0, 1, 0, 3}}, y, Options{}, ErrZeroTotal, "national group employment is 0 in period 2003"},
		{"shape", Panel{Regions: 2, Periods: 1, Data: []float64{0, 1}}, y, Options{}, ErrShape, "group is 2×1, total is 2×2"},
		// issue 13: a group larger than its total gave LQ 2.73 silently
		{"group exceeds total", Panel{Regions: 2, Periods: 2, Data: []float64{30, 30, 820, 90}}, y, Options{}, ErrExceeds,
			`group employment of region "Wuhu", period 2003 (820) exceeds the total (300); the total must include the group`},
		{"national group exceeds total", Panel{Regions: 2, Periods: 2, Data: []float64{30, 30, 90, 90}}, y,
			Options{National: &National{Group: []float64{500, 500}, Total: []float64{400, 400}}}, ErrExceeds,
			"national group employment (500) exceeds the national total (400) in period 2003"},
		{"external shape", Panel{Regions: 2, Periods: 2, Data: []float64{1, 1, 1, 1}}, y, Options{National: &National{Group: []float64{1}, Total: []float64{1}}}, ErrShape, "1/1 periods, want 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.x
			x.RegionNames, x.PeriodNames = y.RegionNames, y.PeriodNames
			_, err := Quotient(x, tc.y, tc.opt)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %q, want it to contain %q", err, tc.msg)
			}
		})
	}
}

// A 2-region × 3-sector × 1-period cube worked by hand.
//
//	       s0  s1  s2 | total
//	A      10  20  70 | 100
//	B      30  20  50 | 100
//	nation 40  40 120 | 200   national shares .2 .2 .6
//
// LQ_A = (.1/.2, .2/.2, .7/.6) = (.5, 1, 7/6); LQ_B = (1.5, 1, 5/6).
// Krugman_A = |.1-.2|+|.2-.2|+|.7-.6| = .2 = Krugman_B; RDI = 5.
// HHI_A = .01+.04+.49 = .54; HHI_B = .09+.04+.25 = .38.
func handCube() *Cube {
	return &Cube{Regions: 2, Sectors: 3, Periods: 1, Data: []float64{10, 20, 70, 30, 20, 50}}
}

func TestCubeHand(t *testing.T) {
	c := handCube()
	q, err := c.Quotients()
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{.5, 1, 7.0 / 6, 1.5, 1, 5.0 / 6}
	for i := range want {
		testutil.Check(t, "LQ", q[i], want[i], 1e-15)
	}
	checks := []struct {
		name string
		f    func() (Panel, error)
		want []float64
	}{
		{"Krugman", c.Krugman, []float64{.2, .2}},
		{"Herfindahl", c.Herfindahl, []float64{.54, .38}},
		{"RelativeDiversity", c.RelativeDiversity, []float64{5, 5}},
	}
	for _, ck := range checks {
		p, err := ck.f()
		if err != nil {
			t.Fatal(err)
		}
		for r, w := range ck.want {
			testutil.Check(t, ck.name, p.At(r, 0), w, 1e-14)
		}
	}
	// In place: the same numbers overwrite the employment.
	c2 := handCube()
	if err := c2.QuotientsInto(c2.Data); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if c2.Data[i] != q[i] {
			t.Errorf("in place [%d] = %v, want %v", i, c2.Data[i], q[i])
		}
	}
}

// A region whose structure equals the nation's: LQ = 1 in every sector,
// Krugman 0, relative diversity +Inf; one-sector region: HHI = 1.
func TestCubeLimits(t *testing.T) {
	// A = 2 × B, so both equal the nation.
	c := &Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{20, 60, 10, 30}}
	q, _ := c.Quotients()
	for i, v := range q {
		if v != 1 {
			t.Errorf("LQ[%d] = %v, want 1", i, v)
		}
	}
	k, _ := c.Krugman()
	rdi, _ := c.RelativeDiversity()
	if k.At(0, 0) != 0 || !math.IsInf(rdi.At(0, 0), 1) {
		t.Errorf("Krugman %v, RDI %v; want 0, +Inf", k.At(0, 0), rdi.At(0, 0))
	}
	one := &Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{5, 0, 1, 1}}
	h, _ := one.Herfindahl()
	if h.At(0, 0) != 1 || h.At(1, 0) != .5 {
		t.Errorf("HHI = %v, %v; want 1, 0.5", h.At(0, 0), h.At(1, 0))
	}
}

func TestCubeErrors(t *testing.T) {
	names := func(c *Cube) *Cube {
		c.RegionNames, c.SectorNames, c.PeriodNames = []string{"A", "B"}, []string{"finance", "ict"}, []string{"2010"}
		return c
	}
	cases := []struct {
		name string
		c    *Cube
		err  error
		msg  string
	}{
		{"missing", names(&Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{1, math.NaN(), 1, 1}}), ErrMissing, `region "A", sector "ict", period "2010"`},
		{"negative", names(&Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{1, 1, -1, 1}}), ErrNegative, `region "B", sector "finance"`},
		{"inf", names(&Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{1, 1, math.Inf(1), 1}}), ErrNegative, `region "B", sector "finance"`},
		{"empty region", names(&Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{0, 0, 1, 1}}), ErrZeroTotal, `region "A" has no employment`},
		{"empty sector", names(&Cube{Regions: 2, Sectors: 2, Periods: 1, Data: []float64{0, 1, 0, 1}}), ErrZeroTotal, `sector "finance" has no employment`},
		{"shape", &Cube{Regions: 2, Sectors: 2, Periods: 2, Data: []float64{1}}, ErrShape, "1 values for 2 regions"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.Quotients()
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tc.err, tc.msg)
			}
		})
	}
}

// GroupQuotient on presets equals Quotient of the hand-summed group, and the
// total-employment-weighted mean of each group's LQ is 1.
func TestGroupPresets(t *testing.T) {
	p := func(v ...float64) Panel { return Panel{Regions: 2, Periods: 1, Data: v} }
	sectors := map[string]Panel{
		Transport: p(5, 1), ICT: p(1, 1), Finance: p(2, 4), Leasing: p(3, 1), Research: p(1, 2),
	}
	total := p(100, 50)
	// high: A 1+2+1 = 4 of 100, B 1+4+2 = 7 of 50; nation 11/150.
	// LQ_A = .04/(11/150) = 6/11, LQ_B = .14/(11/150) = 21/11.
	hi, err := GroupQuotient(HighEnd, sectors, total, Options{})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Check(t, "high A", hi.At(0, 0), 6.0/11, 1e-15)
	testutil.Check(t, "high B", hi.At(1, 0), 21.0/11, 1e-15)
	for _, g := range Presets() {
		q, err := GroupQuotient(g, sectors, total, Options{})
		if err != nil {
			t.Fatal(err)
		}
		testutil.Check(t, g.Name+" weighted mean", (100*q.At(0, 0)+50*q.At(1, 0))/150, 1, 1e-15)
	}
	delete(sectors, Finance)
	if _, err := GroupQuotient(HighEnd, sectors, total, Options{}); err == nil || !strings.Contains(err.Error(), `needs sector "finance"`) {
		t.Errorf("err = %v, want a missing-sector error", err)
	}
	if _, err := Preset("mid"); err == nil {
		t.Error("Preset(mid) succeeded")
	}
}

// TestFromFrame: a long frame becomes region × period panels (regions in
// first-appearance order, periods numerically sorted); a missing cell or
// an absent row is NaN and Quotient names it; duplicates are errors.
func TestFromFrame(t *testing.T) {
	fr, err := frame.ReadCSVFrom(strings.NewReader("city,year,fin,tot\nB,2005,1,10\nA,2004,2,10\nB,2004,3,10\nA,2005,NA,10\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := FromFrame(fr, "city", "year", []string{"fin", "tot"})
	if err != nil {
		t.Fatal(err)
	}
	fin := p["fin"]
	if fin.RegionNames[0] != "B" || fin.PeriodNames[0] != "2004" || fin.At(0, 0) != 3 || fin.At(0, 1) != 1 || fin.At(1, 0) != 2 || !math.IsNaN(fin.At(1, 1)) {
		t.Errorf("panel %+v", fin)
	}
	_, err = Quotient(fin, p["tot"], Options{})
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), `region "A", period 2005`) {
		t.Errorf("Quotient with a missing cell: %v", err)
	}
	c, err := CubeFromFrame(fr, "city", "year", []string{"fin", "tot"})
	if err != nil || c.At(0, 1, 0) != 10 || c.At(0, 0, 1) != 1 || c.SectorNames[1] != "tot" {
		t.Errorf("cube %+v, %v", c, err)
	}
	fr, _ = frame.ReadCSVFrom(strings.NewReader("city,year,fin\nA,2004,1\nA,2004,2\n"))
	if _, err := FromFrame(fr, "city", "year", []string{"fin"}); !errors.Is(err, ErrShape) || !strings.Contains(err.Error(), `region "A", period 2004 in rows 1 and 2`) {
		t.Errorf("duplicate: %v", err)
	}
}
