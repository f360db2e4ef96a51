package stata

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/expr"
)

// formatNumber writes v in a Stata display format (%w.df, %w.dfc, %w.de,
// %w.dg, with - for left alignment); "" is display's default, up to 8
// significant digits (Stata's %9.0g as display shows numbers).
func formatNumber(format string, v float64) (string, error) {
	if format == "" {
		return defaultNumber(v), nil
	}
	spec, err := parseFormat(format)
	if err != nil {
		return "", err
	}
	if math.IsNaN(v) {
		return spec.pad("."), nil
	}
	var t string
	switch spec.verb {
	case 'f':
		t = strconv.FormatFloat(v, 'f', spec.dec, 64)
		if spec.comma {
			t = commaFloat(t)
		}
	case 'e':
		t = strconv.FormatFloat(v, 'e', spec.dec, 64)
	case 'g':
		if spec.dec == 0 {
			t = defaultNumber(v)
		} else {
			t = strconv.FormatFloat(v, 'g', spec.dec, 64)
		}
	case 's':
		t = defaultNumber(v)
	}
	return spec.pad(t), nil
}

// formatString writes a string in a %ws format.
func formatString(format, v string) (string, error) {
	spec, err := parseFormat(format)
	if err != nil {
		return "", err
	}
	if spec.verb != 's' {
		return "", fmt.Errorf("format %s is for numbers; a string takes %%s or %%20s: %w", format, expr.ErrType)
	}
	return spec.pad(v), nil
}

type formatSpec struct {
	left       bool
	width, dec int
	verb       byte
	comma      bool
}

func (f formatSpec) pad(t string) string {
	n := len([]rune(t))
	if n >= f.width {
		return t
	}
	if f.left {
		return t + strings.Repeat(" ", f.width-n)
	}
	return strings.Repeat(" ", f.width-n) + t
}

// parseFormat reads %[-][0]w[.d]{f|fc|e|g|gc|s}.
func parseFormat(s string) (formatSpec, error) {
	var f formatSpec
	bad := fmt.Errorf("format %q: econb knows %%w.df, %%w.dfc, %%w.de, %%w.dg and %%ws: %w", s, ErrSyntax)
	t := strings.TrimPrefix(s, "%")
	if t == s {
		return f, bad
	}
	if strings.HasPrefix(t, "-") {
		f.left, t = true, t[1:]
	}
	t = strings.TrimPrefix(t, "0")
	j := 0
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j > 0 {
		f.width, _ = strconv.Atoi(t[:j])
	}
	t = t[j:]
	if strings.HasPrefix(t, ".") {
		k := 1
		for k < len(t) && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k == 1 {
			return f, bad
		}
		f.dec, _ = strconv.Atoi(t[1:k])
		t = t[k:]
	}
	switch t {
	case "f", "e", "g", "s":
		f.verb = t[0]
	case "fc", "gc":
		f.verb, f.comma = t[0], true
	default:
		return f, bad
	}
	if f.width > 244 || f.dec > 30 {
		return f, bad
	}
	return f, nil
}

// commaFloat inserts thousands separators into a fixed-point number.
func commaFloat(t string) string {
	sign := ""
	if strings.HasPrefix(t, "-") {
		sign, t = "-", t[1:]
	}
	ip, fp, hasFrac := strings.Cut(t, ".")
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		return sign + b.String() + "." + fp
	}
	return sign + b.String()
}

// defaultNumber writes a number as display does by default (Stata's
// %9.0g): fixed notation in at most 9 characters besides the sign, a
// leading 0 before the point dropped (.33333333, 3.1415927, 12345678,
// .00223983), else e notation with 4 significant digits (1.235e+08,
// 3.333e-06) when it shows more; missing is ".".
func defaultNumber(v float64) string {
	switch {
	case math.IsNaN(v), math.IsInf(v, 0):
		return "."
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	exp := int(math.Floor(math.Log10(a)))
	sci := strconv.FormatFloat(v, 'e', 3, 64)
	if exp >= 8 {
		return sci
	}
	dec := 8
	if exp >= 0 {
		dec = 7 - exp
	}
	t := strconv.FormatFloat(a, 'f', dec, 64)
	if exp < 0 {
		// significant digits shown after the leading zeros
		if sig := dec + exp + 1; sig < 4 {
			return sci
		}
	}
	if strings.Contains(t, ".") {
		t = strings.TrimRight(strings.TrimRight(t, "0"), ".")
	}
	t = strings.TrimPrefix(t, "0")
	if t == "" {
		return sci
	}
	if v < 0 {
		t = "-" + t
	}
	return t
}
