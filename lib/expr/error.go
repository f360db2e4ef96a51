package expr

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors; every error of this package wraps one of them. The
// Stata return code each corresponds to is in parentheses.
var (
	ErrSyntax          = errors.New("expr: syntax error")                             // r(198)
	ErrUnknownColumn   = errors.New("expr: unknown column")                           // r(111) variable not found
	ErrUnknownFunction = errors.New("expr: unknown function")                         // r(133)
	ErrType            = errors.New("expr: type mismatch")                            // r(109)
	ErrArgs            = errors.New("expr: wrong number or kind of arguments")        // r(198)
	ErrNoPanel         = errors.New("expr: time-series operators need a panel index") // r(111) time variable not set
	ErrList            = errors.New("expr: a lag list stands for several variables")  // L(1/2).x in an expression
)

// Error is an expression error at a place in the source.
type Error struct {
	Src  string // the expression
	Pos  int    // byte offset of the offending token; -1 when the error has no single place
	Msg  string // what is wrong
	Hint string // "did you mean …?", or what to write instead
	Err  error  // the sentinel: ErrSyntax, ErrUnknownColumn, …
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Error renders the message and position, the hint, and a caret under the
// offending place:
//
//	expr: unknown column "gpd" (1:8); did you mean "gdp"?
//	 | ln(x) + gpd
//	 | ........^
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("expr: ")
	b.WriteString(e.Msg)
	var line string
	var dots int
	if e.Pos >= 0 {
		var ln, col int
		ln, col, line, dots = Locate(e.Src, e.Pos)
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

// errorAt returns an *Error at byte offset pos of src.
func errorAt(src string, pos int, sentinel error, hint, format string, args ...any) *Error {
	return &Error{Src: src, Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint, Err: sentinel}
}

// Locate returns the 1-based line and column (in runes) of byte offset pos
// in src, the text of that line, and the display width of the line before
// pos (wide East Asian characters count two cells, tabs one), so that a
// caret printed after that many dots sits under pos. Package formula uses
// it for its errors too.
func Locate(src string, pos int) (line, col int, text string, width int) {
	pos = max(0, min(pos, len(src)))
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
		width += RuneWidth(r)
	}
	text = strings.ToValidUTF8(strings.TrimRight(src[start:end], "\r"), "\uFFFD")
	return line, col, text, width
}

// RuneWidth is the number of terminal cells r takes: 2 for the East Asian
// wide and fullwidth ranges of Unicode UAX #11, 0 for combining marks, 1
// otherwise.
func RuneWidth(r rune) int {
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
