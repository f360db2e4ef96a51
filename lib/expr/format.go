package expr

import (
	"math"
	"strconv"
	"strings"
)

// realFn is real(s): the number s holds, or missing when s is not a number
// ([FN] real()). Surrounding blanks are allowed; "." and "" are missing.
// Only decimal notation is read (1, -2.5, .5, 1e-3), not Go's "Inf" or "0x1p3".
func realFn(s string) float64 {
	s = strings.TrimSpace(s)
	if !isDecimal(s) {
		return nan
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nan
	}
	return fin(v)
}

// isDecimal reports whether s is [sign] digits [. digits] [e [sign] digits]
// with at least one digit in the mantissa.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, e = i+1, e+1
		}
		if e == 0 {
			return false
		}
	}
	return i == len(s)
}

// formatG9 is string(x), Stata's strofreal(x), whose default format is
// %9.0g. The examples of [FN] strofreal() fix its behaviour on integers:
// strofreal(4)+"F" is "4F", strofreal(1234567) is "1234567",
// strofreal(12345678) is "1.23e+07", strofreal(.) is ".". Other values
// follow the same model: at most 7 significant digits, fixed notation for
// magnitudes from 1e-5 to below 1e7 with the leading zero dropped
// (string(0.5) is ".5", string(1/3) is ".3333333"), and beyond that a
// mantissa of 3 significant digits with a two-digit exponent. Stata's %g
// may choose differently in corner cases (write a format in the front end
// when the text must match Stata's).
func formatG9(v float64) string {
	if v != v {
		return "."
	}
	if a := math.Abs(v); a == 0 || a >= 1e-5 && a < 1e7 {
		s := strconv.FormatFloat(v, 'g', 7, 64)
		if !strings.Contains(s, "e") {
			switch {
			case strings.HasPrefix(s, "0."):
				s = s[1:]
			case strings.HasPrefix(s, "-0."):
				s = "-" + s[2:]
			}
			return s
		}
	}
	return strconv.FormatFloat(v, 'e', 2, 64)
}
