package formula

import (
	"errors"
	"fmt"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/internal/suggest"
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
		ln, col, line, dots = expr.Locate(e.Src, e.Pos)
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

// Suggest returns the name in names closest to name (case-insensitive
// equality first, then the smallest edit distance, at most a third of the
// name's length and at least 1), or "" when none is close. It is
// lib/internal/suggest's rule, shared with package frame and package expr.
func Suggest(name string, names []string) string {
	s, _ := suggest.Closest(name, names)
	return s
}

// didYouMean formats a suggestion hint, or "" without one.
func didYouMean(name string, names []string) string {
	if s := Suggest(name, names); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}
