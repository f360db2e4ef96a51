package expr

import "math"

// The kernels below compute one operation over a chunk of rows: dst[i] from
// x[i] (and y[i]). Missing is NaN. Every kernel returns the number of rows
// where it made a missing value out of non-missing operands (log of 0,
// division by 0, overflow), which the evaluator reports as a Note.
//
// Stata holds no infinities: a number at least 2^1023 in absolute value is
// missing ([U] 12.2.1), so every result passes through fin.

var nan = math.NaN()

// fin returns v, or NaN when v is not a Stata number (|v| ≥ 2^1023, ±Inf, NaN).
func fin(v float64) float64 {
	if math.Abs(v) < missingFrom {
		return v
	}
	return nan
}

// missingKey orders missing above every number, as Stata does for
// comparisons ([U] 12.2.1: all numbers < .): NaN becomes +Inf, which no
// Stata value can be.
func missingKey(v float64) float64 {
	if v != v {
		return math.Inf(1)
	}
	return v
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// kernel2 is the type of the binary numeric kernels.
type kernel2 func(dst, x, y []float64) int

// The four arithmetic kernels store every result and OR a flag over them:
// bit 63 of (bits &^ sign) + 2^53 is set exactly when an exponent is
// 0x7fe or 0x7ff (adding 2 to the 11-bit exponent field carries out of it
// only from those), that is when a result is NaN, infinite or at least
// 2^1023. (Before, 2^52 was added, which carries only from 0x7ff: a
// finite sum or product of at least 2^1023, such as x + y with x = y =
// 8e307, was kept instead of made missing.) Only a chunk with such a
// result takes fixup's second pass. The loops are unrolled four times, with four flags: this keeps the cost
// near that of the bare operation (Go does not vectorize loops), where a
// test and branch per value costs three times as much. They are written
// out per operator because a call or switch per value would cost as much
// again.

const signBit = 1 << 63

func kAdd(dst, x, y []float64) int {
	n := len(dst)
	x, y = x[:n], y[:n]
	var f0, f1, f2, f3 uint64
	i := 0
	for ; i+4 <= n; i += 4 {
		r0, r1, r2, r3 := x[i]+y[i], x[i+1]+y[i+1], x[i+2]+y[i+2], x[i+3]+y[i+3]
		dst[i], dst[i+1], dst[i+2], dst[i+3] = r0, r1, r2, r3
		f0 |= math.Float64bits(r0)&^signBit + 2<<52
		f1 |= math.Float64bits(r1)&^signBit + 2<<52
		f2 |= math.Float64bits(r2)&^signBit + 2<<52
		f3 |= math.Float64bits(r3)&^signBit + 2<<52
	}
	for ; i < n; i++ {
		r := x[i] + y[i]
		dst[i] = r
		f0 |= math.Float64bits(r)&^signBit + 2<<52
	}
	if (f0|f1|f2|f3)&signBit != 0 {
		return fixup(dst, x, y)
	}
	return 0
}

func kSub(dst, x, y []float64) int {
	n := len(dst)
	x, y = x[:n], y[:n]
	var f0, f1, f2, f3 uint64
	i := 0
	for ; i+4 <= n; i += 4 {
		r0, r1, r2, r3 := x[i]-y[i], x[i+1]-y[i+1], x[i+2]-y[i+2], x[i+3]-y[i+3]
		dst[i], dst[i+1], dst[i+2], dst[i+3] = r0, r1, r2, r3
		f0 |= math.Float64bits(r0)&^signBit + 2<<52
		f1 |= math.Float64bits(r1)&^signBit + 2<<52
		f2 |= math.Float64bits(r2)&^signBit + 2<<52
		f3 |= math.Float64bits(r3)&^signBit + 2<<52
	}
	for ; i < n; i++ {
		r := x[i] - y[i]
		dst[i] = r
		f0 |= math.Float64bits(r)&^signBit + 2<<52
	}
	if (f0|f1|f2|f3)&signBit != 0 {
		return fixup(dst, x, y)
	}
	return 0
}

func kMul(dst, x, y []float64) int {
	n := len(dst)
	x, y = x[:n], y[:n]
	var f0, f1, f2, f3 uint64
	i := 0
	for ; i+4 <= n; i += 4 {
		r0, r1, r2, r3 := x[i]*y[i], x[i+1]*y[i+1], x[i+2]*y[i+2], x[i+3]*y[i+3]
		dst[i], dst[i+1], dst[i+2], dst[i+3] = r0, r1, r2, r3
		f0 |= math.Float64bits(r0)&^signBit + 2<<52
		f1 |= math.Float64bits(r1)&^signBit + 2<<52
		f2 |= math.Float64bits(r2)&^signBit + 2<<52
		f3 |= math.Float64bits(r3)&^signBit + 2<<52
	}
	for ; i < n; i++ {
		r := x[i] * y[i]
		dst[i] = r
		f0 |= math.Float64bits(r)&^signBit + 2<<52
	}
	if (f0|f1|f2|f3)&signBit != 0 {
		return fixup(dst, x, y)
	}
	return 0
}

// kDiv: division by zero is missing ([U] 13.2.1: "division by zero results
// in missing").
func kDiv(dst, x, y []float64) int {
	n := len(dst)
	x, y = x[:n], y[:n]
	var f0, f1, f2, f3 uint64
	i := 0
	for ; i+4 <= n; i += 4 {
		r0, r1, r2, r3 := x[i]/y[i], x[i+1]/y[i+1], x[i+2]/y[i+2], x[i+3]/y[i+3]
		dst[i], dst[i+1], dst[i+2], dst[i+3] = r0, r1, r2, r3
		f0 |= math.Float64bits(r0)&^signBit + 2<<52
		f1 |= math.Float64bits(r1)&^signBit + 2<<52
		f2 |= math.Float64bits(r2)&^signBit + 2<<52
		f3 |= math.Float64bits(r3)&^signBit + 2<<52
	}
	for ; i < n; i++ {
		r := x[i] / y[i]
		dst[i] = r
		f0 |= math.Float64bits(r)&^signBit + 2<<52
	}
	if (f0|f1|f2|f3)&signBit != 0 {
		return fixup(dst, x, y)
	}
	return 0
}

// fixup makes missing every result that is not a Stata number (NaN, ±Inf,
// |r| ≥ 2^1023) and counts those made of non-missing operands.
func fixup(dst, x, y []float64) (bad int) {
	for i, v := range dst {
		if math.Abs(v) < missingFrom {
			continue
		}
		dst[i] = nan
		if x[i] == x[i] && y[i] == y[i] {
			bad++
		}
	}
	return bad
}

// kPow: x^y with a missing operand is missing (Go's Pow(1, NaN) is 1, so
// the operands are tested first); a negative base with a fractional
// exponent, 0 to a negative power and overflow are missing too. 0^0 is 1.
func kPow(dst, x, y []float64) (bad int) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		a, b := x[i], y[i]
		if a != a || b != b {
			dst[i] = nan
			continue
		}
		r := math.Pow(a, b)
		if math.Abs(r) < missingFrom {
			dst[i] = r
		} else {
			dst[i] = nan
			bad++
		}
	}
	return bad
}

// kCompare returns the kernel of a comparison, following [U] 12.2.1 and
// 13.2.3: missing is larger than every number and equal to itself; the
// result is 0 or 1, never missing. (The switch per value is well
// predicted and costs little next to the loads.)
func kCompare(op Op) kernel2 {
	return func(dst, x, y []float64) int {
		x, y = x[:len(dst)], y[:len(dst)]
		for i := range dst {
			a, b := missingKey(x[i]), missingKey(y[i])
			var r bool
			switch op {
			case OpEq:
				r = a == b
			case OpNe:
				r = a != b
			case OpLt:
				r = a < b
			case OpGt:
				r = a > b
			case OpLe:
				r = a <= b
			default:
				r = a >= b
			}
			dst[i] = b2f(r)
		}
		return 0
	}
}

// Logical operators treat 0 as false and every other value, missing
// included, as true; they return 0 or 1 ([U] 13.2.4; N. J. Cox, "True and
// false in Stata", Stata FAQ, rule 2). In Go, NaN != 0 holds, so a missing
// operand is true with no test of its own.

func kAnd(dst, x, y []float64) int {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = b2f(x[i] != 0 && y[i] != 0)
	}
	return 0
}

func kOr(dst, x, y []float64) int {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = b2f(x[i] != 0 || y[i] != 0)
	}
	return 0
}

func kNot(dst, x []float64) int {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = b2f(x[i] == 0)
	}
	return 0
}

func kNeg(dst, x []float64) int {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = -x[i]
	}
	return 0
}

// kLog is the natural logarithm (Go's math.Log); x ≤ 0 gives missing, as
// Stata's ln() ([FN] Mathematical functions: domain 1e-323 to 8e+307).
func kLog(dst, x []float64) (bad int) {
	x = x[:len(dst)]
	for i := range dst {
		v := x[i]
		if v > 0 {
			dst[i] = math.Log(v)
		} else {
			dst[i] = nan
			if v == v {
				bad++
			}
		}
	}
	return bad
}

// kUnary applies f, a function of one number, with Stata's rules: missing
// in, missing out; a non-finite or too large result is missing.
func kUnary(f func(float64) float64) func(dst, x []float64) int {
	return func(dst, x []float64) (bad int) {
		x = x[:len(dst)]
		for i := range dst {
			v := x[i]
			if v != v {
				dst[i] = nan
				continue
			}
			r := f(v)
			if math.Abs(r) < missingFrom {
				dst[i] = r
			} else {
				dst[i] = nan
				bad++
			}
		}
		return bad
	}
}

// kBinary is kUnary for functions of two numbers.
func kBinary(f func(a, b float64) float64) kernel2 {
	return func(dst, x, y []float64) (bad int) {
		x, y = x[:len(dst)], y[:len(dst)]
		for i := range dst {
			a, b := x[i], y[i]
			if a != a || b != b {
				dst[i] = nan
				continue
			}
			r := f(a, b)
			if math.Abs(r) < missingFrom {
				dst[i] = r
			} else {
				dst[i] = nan
				bad++
			}
		}
		return bad
	}
}

// The functions of one or two numbers, as [FN] Mathematical functions
// defines them. Each receives non-missing arguments.

func sqrtFn(v float64) float64 {
	if v < 0 {
		return nan
	}
	return math.Sqrt(v)
}

func log10Fn(v float64) float64 {
	if v <= 0 {
		return nan
	}
	return math.Log10(v)
}

// signFn is -1, 0 or 1.
func signFn(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// roundFn is round(x, y): x rounded in units of y, y*round(x/y), halves
// away from zero; y = 0 returns x unmodified ([FN] round()). The rule
// reproduces Stata's round(8.75, 0.1) = 8.8000000000000007 (Statalist,
// N. J. Cox, 13 Apr 2006, hex +1.199999999999aX+003).
func roundFn(x, y float64) float64 {
	if y == 0 {
		return x
	}
	return y * math.Round(x/y)
}

// modFn is mod(x, y) = x - y*floor(x/y); mod(x, 0) is missing ([FN] mod()).
func modFn(x, y float64) float64 {
	if y == 0 {
		return nan
	}
	return x - y*math.Floor(x/y)
}
