package frame

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unsafe"
)

// IsMissing reports whether s is a missing-value token: after trimming
// spaces, empty, "NA", "NaN", "nan", "." (Stata's system missing), ".a" to
// ".z" (Stata's extended missing values), or "<nil>" (gota).
func IsMissing(s string) bool { return isMissingBytes(unsafe.Slice(unsafe.StringData(s), len(s))) }

func isMissingBytes(b []byte) bool {
	b = trimBytes(b)
	switch len(b) {
	case 0:
		return true
	case 1:
		return b[0] == '.'
	case 2:
		return b[0] == 'N' && b[1] == 'A' || b[0] == '.' && b[1] >= 'a' && b[1] <= 'z'
	case 3:
		return b[0] == 'N' && b[1] == 'a' && b[2] == 'N' || b[0] == 'n' && b[1] == 'a' && b[2] == 'n'
	case 5:
		return string(b) == "<nil>"
	}
	return false
}

func trimBytes(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && isSpace(b[i]) {
		i++
	}
	for j > i && isSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// cellKind is what a cell holds.
type cellKind uint8

const (
	cellMissing  cellKind = iota // a missing-value token
	cellInt                      // an integer that fits int64 (also its float value)
	cellFloat                    // a finite float
	cellInf                      // "Inf", "-Inf", "infinity": read as ±Inf with a note
	cellOverflow                 // a number beyond ±1.8e308 (an error)
	cellText                     // anything else
)

// parseCell types one trimmed-or-not cell: missing, integer, float or text.
// The float value equals strconv.ParseFloat's bit for bit.
func parseCell(b []byte) (cellKind, int64, float64) {
	b = trimBytes(b)
	if len(b) == 0 || isMissingBytes(b) {
		return cellMissing, 0, 0
	}
	i := 0
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i = 1
	}
	var man uint64
	nd, ndMant, dp := 0, 0, 0 // significant digits seen, kept in man; decimal point position
	sawDot, sawDigit, trunc := false, false, false
	for ; i < len(b); i++ {
		c := b[i]
		if c == '.' {
			if sawDot {
				break
			}
			sawDot, dp = true, nd
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		sawDigit = true
		if c == '0' && nd == 0 { // a leading zero
			dp--
			continue
		}
		nd++
		if ndMant < 19 {
			man = man*10 + uint64(c-'0')
			ndMant++
		} else if c != '0' {
			trunc = true
		}
	}
	if !sawDot {
		dp = nd
	}
	exp := 0
	hasExp := false
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') && sawDigit {
		hasExp = true
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		if i == len(b) {
			return slowCell(b)
		}
		for ; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return slowCell(b)
			}
			if exp < 100000 {
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(b) || !sawDigit || trunc {
		return slowCell(b)
	}
	if !sawDot && !hasExp {
		if nd < 19 || nd == 19 && (man <= math.MaxInt64 || neg && man == 1<<63) {
			v := int64(man)
			if neg {
				v = -v
			}
			return cellInt, v, intToFloat(man, neg)
		}
		return slowCell(b)
	}
	f, ok := fastFloat(man, dp-ndMant+exp, neg)
	if !ok {
		return slowCell(b)
	}
	return cellFloat, 0, f
}

func intToFloat(man uint64, neg bool) float64 {
	f := float64(man) // correctly rounded conversion
	if neg {
		return -f
	}
	return f
}

// slowCell types a cell strconv.ParseFloat has to judge (hex floats,
// "Inf", more than 19 digits, underscores after a base prefix, …).
func slowCell(b []byte) (cellKind, int64, float64) {
	s := unsafe.String(unsafe.SliceData(b), len(b))
	if t := strings.TrimSpace(s); len(t) != len(s) { // Unicode spaces, as U+00A0
		return parseCell([]byte(t))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0) {
			return cellOverflow, 0, f
		}
		return cellText, 0, 0
	}
	if math.IsInf(f, 0) {
		return cellInf, 0, f
	}
	if f != f { // "nan" spelt otherwise, e.g. "NAN": missing
		return cellMissing, 0, 0
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil && !strings.ContainsAny(s, ".eExXpP_") {
		return cellInt, v, f
	}
	return cellFloat, 0, f
}

// pow10tab holds the exactly representable powers of ten.
var pow10tab = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastFloat returns man·10^exp10 correctly rounded, or false when neither
// Clinger's exact fast path nor the Eisel-Lemire algorithm decides it (the
// caller then asks strconv).
func fastFloat(man uint64, exp10 int, neg bool) (float64, bool) {
	if man == 0 {
		if neg {
			return math.Copysign(0, -1), true
		}
		return 0, true
	}
	if man < 1<<53 && exp10 >= -22 && exp10 <= 22 {
		f := float64(man)
		if exp10 < 0 {
			f /= pow10tab[-exp10]
		} else {
			f *= pow10tab[exp10]
		}
		if neg {
			f = -f
		}
		return f, true
	}
	return eiselLemire64(man, exp10, neg)
}

const (
	detailedPowersOfTenMinExp10 = -348
	detailedPowersOfTenMaxExp10 = +347
)

// detailedPowersOfTen is computed at start-up (about 0.3 ms).
var detailedPowersOfTen = initPowers()

// initPowers computes the 128-bit truncated mantissas of 10^e for
// e in [-348, 347] (the table of Go's strconv/eisel_lemire.go: {lo, hi},
// hi with its top bit set, rounded down).
func initPowers() *[detailedPowersOfTenMaxExp10 - detailedPowersOfTenMinExp10 + 1][2]uint64 {
	var tab [detailedPowersOfTenMaxExp10 - detailedPowersOfTenMinExp10 + 1][2]uint64
	five := big.NewInt(5)
	mask := new(big.Int).SetUint64(math.MaxUint64)
	for e := detailedPowersOfTenMinExp10; e <= detailedPowersOfTenMaxExp10; e++ {
		var v *big.Int
		if e >= 0 {
			v = new(big.Int).Exp(five, big.NewInt(int64(e)), nil)
			if bl := v.BitLen(); bl > 128 {
				v.Rsh(v, uint(bl-128))
			} else {
				v.Lsh(v, uint(128-bl))
			}
		} else {
			q := new(big.Int).Exp(five, big.NewInt(int64(-e)), nil)
			num := new(big.Int).Lsh(big.NewInt(1), uint(q.BitLen()+127))
			v = num.Quo(num, q)
		}
		lo := new(big.Int).And(v, mask).Uint64()
		hi := new(big.Int).Rsh(v, 64).Uint64()
		tab[e-detailedPowersOfTenMinExp10] = [2]uint64{lo, hi}
	}
	return &tab
}

// eiselLemire64 is Go's strconv.eiselLemire64 (BSD licence, The Go
// Authors), after Daniel Lemire, "Number Parsing at a Gigabyte per Second"
// (2021): man·10^exp10 correctly rounded to float64, or false when the
// 128-bit approximation cannot decide (then strconv's slow path must).
func eiselLemire64(man uint64, exp10 int, neg bool) (f float64, ok bool) {
	if exp10 < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < exp10 {
		return 0, false
	}
	clz := bits.LeadingZeros64(man)
	man <<= uint(clz)
	const float64ExponentBias = 1023
	retExp2 := uint64(217706*exp10>>16+64+float64ExponentBias) - uint64(clz)
	p := &detailedPowersOfTen[exp10-detailedPowersOfTenMinExp10]
	xHi, xLo := bits.Mul64(man, p[1])
	if xHi&0x1FF == 0x1FF && xLo+man < man {
		yHi, yLo := bits.Mul64(man, p[0])
		mergedHi, mergedLo := xHi, xLo+yHi
		if mergedLo < xLo {
			mergedHi++
		}
		if mergedHi&0x1FF == 0x1FF && mergedLo+1 == 0 && yLo+man < man {
			return 0, false
		}
		xHi, xLo = mergedHi, mergedLo
	}
	msb := xHi >> 63
	retMantissa := xHi >> (msb + 9)
	retExp2 -= 1 ^ msb
	if xLo == 0 && xHi&0x1FF == 0 && retMantissa&3 == 1 {
		return 0, false
	}
	retMantissa += retMantissa & 1
	retMantissa >>= 1
	if retMantissa>>53 > 0 {
		retMantissa >>= 1
		retExp2++
	}
	if retExp2-1 >= 0x7FF-1 {
		return 0, false
	}
	retBits := retExp2<<52 | retMantissa&0x000FFFFFFFFFFFFF
	if neg {
		retBits |= 0x8000000000000000
	}
	return math.Float64frombits(retBits), true
}

// typeCells types a column of text cells as the CSV reader does: Int when
// every non-missing cell is an integer, Float when every one is a number,
// String otherwise. An overflowing number is an error naming the row.
func typeCells(name string, cells []string) (*Column, error) {
	n := len(cells)
	ints := make([]int64, n)
	var fl []float64
	var valid bitmap
	numeric := true
	for r, s := range cells {
		k, iv, fv := parseCell(unsafe.Slice(unsafe.StringData(s), len(s)))
		switch k {
		case cellMissing:
			if valid == nil {
				valid = allValid(n)
			}
			valid[r>>6] &^= 1 << (uint(r) & 63)
			if fl != nil {
				fl[r] = nan
			}
		case cellInt:
			if fl != nil {
				fl[r] = fv
			} else {
				ints[r] = iv
			}
		case cellFloat, cellInf:
			if fl == nil {
				fl = make([]float64, n)
				for q := range r {
					fl[q] = float64(ints[q])
					if valid != nil && !valid.get(q) {
						fl[q] = nan
					}
				}
				ints = nil
			}
			fl[r] = fv
		case cellOverflow:
			return nil, overflowError(name, r+1, s)
		case cellText:
			numeric = false
		}
		if !numeric {
			break
		}
	}
	if !numeric {
		return NewStringColumn(name, cells, nil), nil
	}
	if fl != nil {
		return NewFloatColumn(name, fl), nil
	}
	c := &Column{name: name, data: &data{kind: Int, n: n, i: ints, valid: valid}}
	if valid != nil && c.NMissing() == 0 {
		c.valid = nil
	}
	return c, nil
}

func overflowError(name string, row int, cell string) error {
	return &Error{Column: name, Row: row, Err: ErrOverflow,
		Msg:  "column " + strconv.Quote(name) + ", row " + strconv.Itoa(row) + ": " + strconv.Quote(strings.TrimSpace(cell)) + " overflows float64 (largest magnitude 1.8e308)",
		Hint: "check the cell, or read the column as text"}
}

// scanNumber parses a plain decimal number ([-]digits[.digits], at most 19
// digits in all) at b[pos:] that ends at delim, a line end or the end of b,
// without a separate tokenizing pass: the hot path of the CSV reader. ok is
// false for anything else (quotes, spaces, exponents, missing tokens, text),
// which the caller reads the general way.
func scanNumber(b []byte, pos int, delim byte) (kind cellKind, iv int64, fv float64, next int, end fieldEnd, newline, ok bool) {
	i := pos
	neg := false
	if i < len(b) && b[i] == '-' {
		neg = true
		i++
	}
	start := i
	var man uint64
	for i < len(b) {
		c := b[i] - '0'
		if c > 9 {
			break
		}
		man = man*10 + uint64(c)
		i++
	}
	nInt := i - start
	if nInt == 0 || nInt > 18 {
		return
	}
	frac := 0
	isInt := true
	if i < len(b) && b[i] == '.' {
		isInt = false
		i++
		fs := i
		for len(b)-i >= 8 && nInt+(i-fs)+8 <= 19 {
			v := leUint64(b[i:])
			if !isEightDigits(v) {
				break
			}
			man = man*100000000 + uint64(parseEightDigits(v))
			i += 8
		}
		for i < len(b) {
			c := b[i] - '0'
			if c > 9 {
				break
			}
			if nInt+(i-fs) >= 19 {
				return
			}
			man = man*10 + uint64(c)
			i++
		}
		frac = i - fs
	}
	switch {
	case i == len(b):
		end, next = endRecord, i
	case b[i] == delim:
		end, next = endDelim, i+1
	case b[i] == '\n':
		end, next, newline = endRecord, i+1, true
	case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
		end, next, newline = endRecord, i+2, true
	default:
		return
	}
	if isInt {
		iv = int64(man)
		if neg {
			iv = -iv
		}
		return cellInt, iv, intToFloat(man, neg), next, end, newline, true
	}
	f, fok := fastFloat(man, -frac, neg)
	if !fok {
		return
	}
	return cellFloat, 0, f, next, end, newline, true
}

func leUint64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// isEightDigits reports whether the 8 bytes of v (little-endian) are all
// ASCII digits (Lemire, "Number Parsing at a Gigabyte per Second").
func isEightDigits(v uint64) bool {
	return (v&0xF0F0F0F0F0F0F0F0)|(((v+0x0606060606060606)&0xF0F0F0F0F0F0F0F0)>>4) == 0x3333333333333333
}

// parseEightDigits converts 8 ASCII digits (little-endian in v, the first
// digit in the low byte) to their value with three multiplications.
func parseEightDigits(v uint64) uint32 {
	const mask = 0x000000FF000000FF
	const mul1 = 0x000F424000000064 // 100 + (1000000 << 32)
	const mul2 = 0x0000271000000001 // 1 + (10000 << 32)
	v -= 0x3030303030303030
	v = v*10 + v>>8
	v = ((v&mask)*mul1 + ((v>>16)&mask)*mul2) >> 32
	return uint32(v)
}
