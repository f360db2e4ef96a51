package frame

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestPowersTable checks entries of the Eisel-Lemire table against Go
// 1.26's src/internal/strconv/pow10tab.go (which lists them as {hi, lo}).
func TestPowersTable(t *testing.T) {
	tests := []struct {
		e      int
		lo, hi uint64
	}{
		{-348, 0x1732C869CD60E453, 0xFA8FD5A0081C0288}, // 1e-348
		{0, 0x0000000000000000, 0x8000000000000000},    // 1e0
		{1, 0x0000000000000000, 0xA000000000000000},    // 1e1
		{-1, 0xCCCCCCCCCCCCCCCC, 0xCCCCCCCCCCCCCCCC},   // 1e-1
		{23, 0x0000000000000000, 0xa968163f0a57b400},   // 1e23
		{347, 0x4b7195f2d2d1a9fb, 0xd13eb46469447567},  // 1e347
	}
	for _, tc := range tests {
		got := detailedPowersOfTen[tc.e-detailedPowersOfTenMinExp10]
		if got[0] != tc.lo || got[1] != tc.hi {
			t.Errorf("10^%d: got {%#x, %#x}, want {%#x, %#x}", tc.e, got[0], got[1], tc.lo, tc.hi)
		}
	}
}

// checkCell asserts that parseCell and scanNumber agree with
// strconv.ParseFloat bit for bit on s.
func checkCell(t testing.TB, s string) {
	want, err := strconv.ParseFloat(strings.TrimSpace(s), 64) // cells may have surrounding spaces
	k, iv, got := parseCell([]byte(s))
	switch {
	case err != nil && k == cellOverflow:
		if got != want {
			t.Errorf("%q: overflow value %v, strconv %v", s, got, want)
		}
		return
	case err != nil:
		if k != cellText && k != cellMissing {
			t.Errorf("%q: kind %d, strconv error %v", s, k, err)
		}
		return
	case math.IsNaN(want):
		if k != cellMissing {
			t.Errorf("%q: kind %d for NaN", s, k)
		}
		return
	case math.IsInf(want, 0):
		if k != cellInf || got != want {
			t.Errorf("%q: kind %d value %v, want Inf", s, k, got)
		}
		return
	}
	if k != cellInt && k != cellFloat {
		t.Errorf("%q: kind %d, strconv %v", s, k, want)
		return
	}
	if math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("%q: parseCell %v (%#x), strconv %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
	}
	if k == cellInt {
		wi, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(s, "+")), 10, 64)
		if err != nil || wi != iv {
			t.Errorf("%q: int %d, strconv %d (%v)", s, iv, wi, err)
		}
	}
	// The CSV hot path, followed by a delimiter.
	b := []byte(s + ",")
	if strings.ContainsAny(s, " \t\r\n\v\f,") {
		return
	}
	if k2, iv2, f2, next, end, _, ok := scanNumber(b, 0, ','); ok {
		if next != len(b) || end != endDelim || k2 != k || math.Float64bits(f2) != math.Float64bits(want) || k2 == cellInt && iv2 != iv {
			t.Errorf("%q: scanNumber kind %d %v %d next %d end %d; want kind %d %v", s, k2, f2, iv2, next, end, k, want)
		}
	}
}

// TestParseFloatTable: hard cases of decimal-to-binary conversion (halfway
// cases, subnormals, the largest and smallest doubles, long mantissas) and
// the syntax strconv accepts. The reference is strconv.ParseFloat.
func TestParseFloatTable(t *testing.T) {
	cases := []string{
		"0", "-0", "1", "-1", "007", "+5", "1.", ".5", "-.5", "0.1", "0.2", "0.3",
		"1e23", "8.98846567431158e307", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
		"1e308", "1e309", "-1e400", "1e-400", "4.9406564584124654e-324", "2.2250738585072011e-308",
		"2.2250738585072014e-308", "9007199254740993", "9007199254740992", "9007199254740993.0",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
		"123456789012345678901234567890", "0.000000000000000000001", "3.5491464576316281",
		"-0.010328472205296535", "0.56726315592791288", "1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124", "7.0e-10", "1E5", "1e+05", "1e-05",
		"2.4703282292062327e-324", "2.4703282292062328e-324", "0x1p-2", "0x10", "Inf", "-Inf", "+inf", "infinity",
		"NaN", "nan", "NA", ".", "", " 4 ", "1,5", "1_000", "abc", "--1", "1e", "1e+", "e5", "-", "+", ".e1",
		"12345678901234567890", "1234567890123456789", "0.1234567890123456789", "0.12345678901234567890",
		"100000000000000016777215", "100000000000000016777216", "1.448997445238699", "5e-324", "1e-323",
	}
	for _, s := range cases {
		checkCell(t, s)
	}
}

// TestParseFloatRandom compares 200,000 random decimal strings (shortest,
// %.17g and truncated forms of random doubles, random digit strings).
func TestParseFloatRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for range n {
		f := math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		checkCell(t, strconv.FormatFloat(f, 'g', -1, 64))
		checkCell(t, strconv.FormatFloat(f, 'g', 17, 64))
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
		checkCell(t, strconv.FormatFloat(x, 'f', rng.IntN(20), 64))
		checkCell(t, strconv.FormatFloat(x, 'e', rng.IntN(20), 64))
		digits := make([]byte, 1+rng.IntN(22))
		for k := range digits {
			digits[k] = byte('0' + rng.IntN(10))
		}
		p := rng.IntN(len(digits) + 1)
		checkCell(t, string(digits[:p])+"."+string(digits[p:]))
	}
}

// FuzzParseFloat: parseCell and scanNumber equal strconv.ParseFloat bit for
// bit on any input (go test -fuzz FuzzParseFloat ./lib/frame).
func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", "-0.010328472205296535", "1e308", "9007199254740993", "0x1p3", "NA", "1e-400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkCell(t, s) })
}

func BenchmarkParseCell(b *testing.B) {
	cells := [][]byte{[]byte("-3.5491464576316281"), []byte("0.56726315592791288"), []byte("200000"), []byte("-0.010328472205296535")}
	b.Run("ours", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			parseCell(cells[i&3])
		}
	})
	b.Run("strconv", func(b *testing.B) {
		strs := []string{string(cells[0]), string(cells[1]), string(cells[2]), string(cells[3])}
		for i := 0; b.Loop(); i++ {
			strconv.ParseFloat(strs[i&3], 64)
		}
	})
}
