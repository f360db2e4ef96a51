package frame

import (
	"errors"
	"fmt"

	"github.com/econb/econb/lib/internal/suggest"
)

// Sentinel errors, wrapped with the column, row or key by the functions of
// this package (test with errors.Is).
var (
	ErrUnknownColumn = errors.New("frame: unknown column")
	ErrNotNumeric    = errors.New("frame: column is not numeric")
	ErrAllMissing    = errors.New("frame: column has no values")
	ErrShape         = errors.New("frame: columns of different lengths")
	ErrDuplicateName = errors.New("frame: duplicate column name")
	ErrBadName       = errors.New("frame: bad column name")
	ErrParse         = errors.New("frame: cannot read the file")
	ErrOverflow      = errors.New("frame: number out of range")
	ErrType          = errors.New("frame: column of the wrong type")
	ErrNotUnique     = errors.New("frame: key does not uniquely identify observations")
	ErrAssert        = errors.New("frame: assertion is false")
	ErrArgument      = errors.New("frame: invalid argument")
	ErrPanel         = errors.New("frame: panel problem")
)

// Error is a problem with one column (or key, or row of a file). It reads
// "frame: " + Msg, then "; " + Hint when there is one, and wraps a sentinel.
type Error struct {
	Column string
	Row    int    // 1-based data row, 0 when not about one row
	Msg    string // what is wrong, naming the column: `column "x" is not numeric (row 3 has "a")`
	Hint   string // what to do, or the closest column name
	Err    error
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return "frame: " + e.Msg
	}
	return "frame: " + e.Msg + "; " + e.Hint
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// unknownColumn is the ErrUnknownColumn error for name, with the closest of
// names as a hint.
func unknownColumn(name string, names []string) *Error {
	e := &Error{Column: name, Msg: fmt.Sprintf("unknown column %q", name), Err: ErrUnknownColumn}
	if s, ok := suggest.Closest(name, names); ok {
		e.Hint = fmt.Sprintf("did you mean %q?", s)
	}
	return e
}

// cols looks up several columns.
func (f *Frame) colsOf(names []string) ([]*Column, error) {
	out := make([]*Column, len(names))
	for k, name := range names {
		c, err := f.Col(name)
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

func argErr(format string, args ...any) error {
	return &Error{Err: ErrArgument, Msg: fmt.Sprintf(format, args...)}
}
