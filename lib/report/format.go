package report

import (
	"math"
	"strconv"
	"strings"
)

// Fixed formats v with dec decimals. NaN gives "" (an empty cell), ±Inf
// gives "Inf"/"-Inf", and a value that rounds to zero prints without a minus
// sign ("0.000", never "-0.000").
func Fixed(v float64, dec int) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}

// maxExtraDecimals bounds how far Coef widens a small coefficient.
const maxExtraDecimals = 4

// FormatCoef formats a coefficient with dec decimals, widened (up to four more)
// until a non-zero digit shows, as the paper prints ROAD = -0.0004 in a
// 3-decimal table. An exact zero stays at dec decimals.
func FormatCoef(v float64, dec int) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return Fixed(v, dec)
	}
	for d := dec; d < dec+maxExtraDecimals; d++ {
		if math.Abs(v) >= 0.5*math.Pow(10, -float64(d)) {
			return Fixed(v, d)
		}
	}
	return Fixed(v, dec+maxExtraDecimals)
}

// Integer formats v as a whole number ("3393"); NaN gives "".
func Integer(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return Fixed(math.Round(v), 0)
}

// Stars are the significance marks of a table: Marks[i] is printed when
// p < Levels[i]; Levels run from the loosest to the strictest.
type Stars struct {
	Levels []float64
	Marks  []string
}

// DefaultStars is the convention of the paper and of Stata's esttab:
// * p<0.10, ** p<0.05, *** p<0.01.
var DefaultStars = Stars{Levels: []float64{0.10, 0.05, 0.01}, Marks: []string{"*", "**", "***"}}

// Count is the number of levels p passes (0 when p is NaN).
func (s Stars) Count(p float64) int {
	n := 0
	for _, l := range s.Levels {
		if p < l {
			n++
		}
	}
	return n
}

// Mark returns the marks for a count from Count (0 gives "").
func (s Stars) Mark(count int) string {
	if count <= 0 || len(s.Marks) == 0 {
		return ""
	}
	return s.Marks[min(count, len(s.Marks))-1]
}

// Note is the legend: "* p<0.10, ** p<0.05, *** p<0.01".
func (s Stars) Note() string {
	parts := make([]string, 0, len(s.Levels))
	for i, l := range s.Levels {
		if i < len(s.Marks) {
			parts = append(parts, s.Marks[i]+" p<"+strconv.FormatFloat(l, 'f', -1, 64))
		}
	}
	for i, p := range parts { // 0.1 -> 0.10, as tables print it
		if strings.HasSuffix(p, "<0.1") {
			parts[i] = p + "0"
		}
	}
	return strings.Join(parts, ", ")
}

// StatFormat says how a table prints one model statistic.
type StatFormat struct {
	Label     string // row label
	Decimals  int    // decimals of the value; -1 prints an integer
	PDecimals int    // decimals of the [p] under it
}

// statFormats is the registry of short statistic codes (fixest fitstat
// style). Labels and decimals follow the paper's Tables 1-3, which print
// xtivreg2's output: KP rk LM [p] to 3 decimals, Hansen J [p] to 4.
var statFormats = map[string]StatFormat{
	"n":           {Label: "N", Decimals: -1},
	"n_clusters":  {Label: "Clusters", Decimals: -1},
	"r2":          {Label: "R²", Decimals: 3},
	"r2_within":   {Label: "Within R²", Decimals: 3},
	"anderson_lm": {Label: "Anderson canon. corr. LM statistic", Decimals: 3, PDecimals: 3},
	"kp_lm":       {Label: "Kleibergen-Paap rk LM statistic", Decimals: 3, PDecimals: 3},
	"kp_f":        {Label: "Kleibergen-Paap rk Wald F statistic", Decimals: 3, PDecimals: 3},
	"cd_f":        {Label: "Cragg-Donald Wald F statistic", Decimals: 3, PDecimals: 3},
	"hansen_j":    {Label: "Hansen J statistic", Decimals: 3, PDecimals: 4},
	"sargan":      {Label: "Sargan statistic", Decimals: 3, PDecimals: 4},
	"endog":       {Label: "Endogeneity test", Decimals: 3, PDecimals: 4},
}

// StatCodes lists the statistic codes with a built-in format.
func StatCodes() []string {
	return []string{"n", "n_clusters", "r2", "r2_within", "anderson_lm", "kp_lm", "kp_f", "cd_f", "hansen_j", "sargan", "endog"}
}

// LookupStat returns the built-in format of a statistic code. Unknown codes
// get a 3-decimal format labelled with the code itself.
func LookupStat(code string) (StatFormat, bool) {
	f, ok := statFormats[code]
	if !ok {
		return StatFormat{Label: code, Decimals: 3, PDecimals: 4}, false
	}
	return f, true
}

// value formats a statistic's value.
func (f StatFormat) value(v float64) string {
	if f.Decimals < 0 {
		return Integer(v)
	}
	return Fixed(v, f.Decimals)
}
