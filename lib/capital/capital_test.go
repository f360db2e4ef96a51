package capital

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/econb/econb/lib/internal/testutil"
)

// Beijing's stock by Zhang's method (K_1952 = I_1952/10 %, δ = 9.6 %,
// investment deflated by invest_price, 1952 = 1). Expected values: the
// CHNCapitalStock 0.1.1 README (R package by Pu Chen, CRAN), printed to 10
// significant digits and quoted in testdata/README.md with the data set
// testdata/asset.csv they come from: tolerance 1e-9 relative.
func TestBeijingZhang(t *testing.T) {
	f, err := os.Open("testdata/asset.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var years []int
	var inv, price []float64
	for _, r := range rows[1:] {
		if r[0] != "beijing" {
			continue
		}
		y, _ := strconv.Atoi(r[1])
		i, err1 := strconv.ParseFloat(r[2], 64)
		p, err2 := strconv.ParseFloat(r[4], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("row %v: %v %v", r, err1, err2)
		}
		years = append(years, y)
		inv = append(inv, i)
		price = append(price, p)
	}
	if years[0] != 1952 || years[len(years)-1] != 2022 || len(years) != 71 {
		t.Fatalf("Beijing years %d..%d (%d)", years[0], years[len(years)-1], len(years))
	}
	k, err := Stock(inv, price, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(k)
	testutil.Check(t, "K_2021", k[n-2], 38866.56346, 1e-9)
	testutil.Check(t, "K_2022", k[n-1], 40271.13639, 1e-9)
}

// Hand-checkable cases.
func TestPerpetualInventoryHand(t *testing.T) {
	// Zhang, δ = 0.1: K0 = 10/0.1 = 100; K1 = 90 + 20 = 110; K2 = 99 + 0 = 99.
	k, err := PerpetualInventory([]float64{10, 20, 0}, Options{Delta: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range []float64{100, 110, 99} {
		testutil.Check(t, "Zhang K", k[i], w, 1e-14)
	}
	// Harberger with g = 0.05, δ = 0.096: K0 = 10/0.146.
	k, _ = PerpetualInventory([]float64{10, 11}, Options{Init: Harberger, Growth: 0.05})
	testutil.Check(t, "Harberger K0", k[0], 10/0.146, 1e-14)
	// Estimated g: investment 10, 12.1 over 2 years → g = 10 %: K0 = 10/0.196.
	k, _ = PerpetualInventory([]float64{10, 11, 12.1}, Options{Init: Harberger, GrowthYears: 2})
	testutil.Check(t, "Harberger K0 (g estimated)", k[0], 10/0.196, 1e-12)
	// Steady state: with constant investment I, K converges to I/δ.
	inv := make([]float64, 400)
	for i := range inv {
		inv[i] = 1
	}
	k, _ = PerpetualInventory(inv, Options{})
	testutil.Check(t, "steady state I/δ", k[399], 1/DefaultDelta, 1e-12)
}

func TestChainAndReal(t *testing.T) {
	// Index 110 then 105 from base 0: 1, 1.1, 1.155. Base 1: 1/1.1, 1, 1.05.
	p, _ := Chain([]float64{math.NaN(), 110, 105}, 0)
	for i, w := range []float64{1, 1.1, 1.155} {
		testutil.Check(t, "chain base 0", p[i], w, 1e-15)
	}
	p, _ = Chain([]float64{math.NaN(), 110, 105}, 1)
	for i, w := range []float64{1 / 1.1, 1, 1.05} {
		testutil.Check(t, "chain base 1", p[i], w, 1e-15)
	}
	// GDP 100 in the base year, real growth 10 % and 5 %: real 100, 110, 115.5;
	// nominal 100, 121, 127.05 → deflator 1, 1.1, 1.1.
	y, err := RealFromIndex([]float64{100, 121, 127.05}, []float64{0, 110, 105}, 0)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := DeflatorFromVolume([]float64{100, 121, 127.05}, []float64{0, 110, 105}, 0)
	for i, w := range []float64{100, 110, 115.5} {
		testutil.Check(t, "real GDP", y[i], w, 1e-14)
	}
	for i, w := range []float64{1, 1.1, 1.1} {
		testutil.Check(t, "deflator", d[i], w, 1e-14)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		err  error
		run  func() error
	}{
		{"gap", ErrBadValue, func() error { _, e := PerpetualInventory([]float64{1, math.NaN()}, Options{}); return e }},
		{"negative", ErrBadValue, func() error { _, e := PerpetualInventory([]float64{1, -1}, Options{}); return e }},
		{"zero first", ErrBadValue, func() error { _, e := PerpetualInventory([]float64{0, 1}, Options{}); return e }},
		{"delta", ErrBadValue, func() error { _, e := PerpetualInventory([]float64{1}, Options{Delta: 1.5}); return e }},
		{"harberger g", ErrBadValue, func() error {
			_, e := PerpetualInventory([]float64{1}, Options{Init: Harberger, Growth: -0.2})
			return e
		}},
		{"growth years", ErrShape, func() error {
			_, e := PerpetualInventory([]float64{1, 2}, Options{Init: Harberger, GrowthYears: 2})
			return e
		}},
		{"price", ErrBadValue, func() error { _, e := Deflate([]float64{1}, []float64{0}); return e }},
		{"index", ErrBadValue, func() error { _, e := Chain([]float64{100, -3}, 0); return e }},
		// issue 13: growth ratios (1.05) given for indices (105)
		{"ratio for index", ErrBadValue, func() error { _, e := Chain([]float64{math.NaN(), 1.05, 1.08}, 0); return e }},
		{"lengths", ErrShape, func() error { _, e := Deflate([]float64{1}, nil); return e }},
	}
	for _, tc := range cases {
		if err := tc.run(); !errors.Is(err, tc.err) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.err)
		}
	}
	_, err := Chain([]float64{math.NaN(), 1.05, 1.08}, 0)
	if want := "capital: invalid value: index of period 1 is 1.05, a fall of 99% from the previous period: this looks like a growth ratio (1.05 means 105 as an index with the previous period = 100); multiply the series by 100"; err == nil || err.Error() != want {
		t.Errorf("Chain of ratios: %v\nwant %s", err, want)
	}
}
