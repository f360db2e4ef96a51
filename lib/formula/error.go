package formula

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors; every error of this package wraps one of them.
var (
	ErrSyntax          = errors.New("formula: syntax error")
	ErrUnknownColumn   = errors.New("formula: unknown column")
	ErrUnknownFunction = errors.New("formula: unknown function")
	ErrUnderidentified = errors.New("formula: fewer instruments than endogenous regressors")
	ErrConflict        = errors.New("formula: a variable plays two roles")
	ErrDuplicate       = errors.New("formula: a term is listed twice")
	ErrNoPanel         = errors.New("formula: lags, leads and differences need a panel index")
)

// Error is a formula error at a place in the source.
type Error struct {
	Src  string // the formula
	Pos  int    // byte offset of the offending token; -1 when the error has no single place
	Part string // "response", "regressors", "fixed effects", "endogenous", "instruments", or "" if unknown
	Msg  string // what is wrong
	Hint string // "did you mean …?" or the syntax, printed after the position
	Err  error  // the sentinel: ErrSyntax, ErrUnknownColumn, …
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Error renders the message, the part and position, the hint, and a caret
// under the offending place:
//
//	formula: unknown column "yaer" in fixed effects (1:26); did you mean "year"?
//	 | tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)
//	 | .........................^
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("formula: ")
	b.WriteString(e.Msg)
	if e.Part != "" {
		b.WriteString(" in ")
		b.WriteString(e.Part)
	}
	var line string
	var dots int
	if e.Pos >= 0 {
		var ln, col int
		ln, col, line, dots = locate(e.Src, e.Pos)
		fmt.Fprintf(&b, " (%d:%d)", ln, col)
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	if e.Pos >= 0 {
		b.WriteString("\n | ")
		b.WriteString(line)
		b.WriteString("\n | ")
		b.WriteString(strings.Repeat(".", dots))
		b.WriteByte('^')
	}
	return b.String()
}

// locate returns the 1-based line and column (in runes) of byte offset pos
// in src, the text of that line, and the display width of the line before
// pos (wide East Asian characters count two cells, tabs one).
func locate(src string, pos int) (line, col int, text string, width int) {
	if pos > len(src) {
		pos = len(src)
	}
	start := strings.LastIndexByte(src[:pos], '\n') + 1
	end := strings.IndexByte(src[pos:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += pos
	}
	line = strings.Count(src[:start], "\n") + 1
	prefix := src[start:pos]
	col = utf8.RuneCountInString(prefix) + 1
	for _, r := range prefix {
		width += runeWidth(r)
	}
	text = strings.ToValidUTF8(strings.TrimRight(src[start:end], "\r"), "\uFFFD")
	return line, col, text, width
}

// runeWidth is the number of terminal cells r takes: 2 for the East Asian
// wide and fullwidth ranges of Unicode UAX #11, 0 for combining marks, 1
// otherwise.
func runeWidth(r rune) int {
	switch {
	case r >= 0x0300 && r <= 0x036F, r >= 0x200B && r <= 0x200F, r == 0xFE0F:
		return 0
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK ext A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD: // CJK ext B and beyond
		return 2
	}
	return 1
}

// Suggest returns the name in names closest to name (case-insensitive
// equality first, then the smallest edit distance, at most a third of the
// name's length and at least 1), or "" when none is close.
func Suggest(name string, names []string) string {
	for _, n := range names {
		if n != name && strings.EqualFold(n, name) {
			return n
		}
	}
	limit := max(1, utf8.RuneCountInString(name)/3)
	best, bestD := "", limit+1
	for _, n := range names {
		if d := editDistance(strings.ToLower(name), strings.ToLower(n)); d < bestD && n != name {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance (Levenshtein with
// adjacent transpositions counted as one edit) between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMean formats a suggestion hint, or "" without one.
func didYouMean(name string, names []string) string {
	if s := Suggest(name, names); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}
