package stata

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/ivgmm"
)

// Sentinel errors of the do-file interpreter (besides ErrSyntax, ErrAssert
// and ErrMacro).
var (
	// ErrUnsupported is wrapped by a command, option or form outside the
	// subset econb runs; the message says what is supported.
	ErrUnsupported = errors.New("stata: not supported by econb")
	// ErrFile is wrapped by errors reading or writing files (a missing
	// file, an existing file without replace).
	ErrFile = errors.New("stata: file error")
	// ErrState is wrapped when a command does not fit the session's state:
	// no data, data not saved before use, no estimates, restore without
	// preserve.
	ErrState = errors.New("stata: command not possible now")
	// ErrLimit is wrapped when a do-file exceeds Options.MaxSteps.
	ErrLimit = errors.New("stata: step limit reached")
	// ErrFileExists is wrapped when save, export, esttab using or log
	// using meet an existing file without replace (Stata r(602)); it
	// wraps ErrFile. Options.Create returns it too.
	ErrFileExists error = &subError{"r(602)", ErrFile}
)

// subError is a finer cause: its own short text (Stata's return code),
// and a sentinel above for errors.Is.
type subError struct {
	msg    string
	parent error
}

func (e *subError) Error() string { return e.msg }
func (e *subError) Unwrap() error { return e.parent }

// Options configure a Session.
type Options struct {
	// Dir is the working directory for relative file names (Stata's cd);
	// "" is the process's.
	Dir string
	// Out receives the log, as Stata's Results window shows it: each
	// command after ". " and its output. nil discards it.
	Out io.Writer
	// NoFiles refuses every command that reads or writes a file (for
	// fuzzing and sandboxes).
	NoFiles bool
	// MaxSteps stops the do-file with ErrLimit after this many commands
	// (loop iterations count each command): a guard against a while loop
	// that never ends. 0 is no limit.
	MaxSteps int
	// Create writes a file: it must refuse an existing file unless
	// replace, and write atomically. nil uses WriteFileAtomic. (econb do
	// passes its shared file-output helper.)
	Create func(path string, replace bool, write func(io.Writer) error) error
	// OnEstimate, when set, is called after each estimation command with
	// its results (econb do --json prints them).
	OnEstimate func(e *Estimate)
}

// Estimate is the result of one estimation command: Stata's e().
type Estimate struct {
	Name    string        // the name given by estimates store / eststo ("" until stored)
	Cmd     string        // the command: "regress", "xtivreg2", ...
	Line    int           // where in the do-file
	Text    string        // the command as run (macros expanded)
	Formula string        // the econb formula it was translated to
	Result  *ivgmm.Result // coefficients named as Stata names them (L.x, 2.region)
}

// Session runs do-file commands on one dataset in memory, as a Stata
// session does: the data, the macros, scalars, stored estimates, the
// preserved copy. A Session is not safe for concurrent use.
type Session struct {
	opt         Options
	data        *frame.Frame
	dirty       bool // changed since it was read or saved
	m           *macros
	scalars     map[string]float64
	rc          int
	e           *Estimate
	stored      []*Estimate
	r           map[string]float64
	preserved   *frame.Frame
	preservedTS string
	quiet       int // > 0 inside quietly
	loud        int // > 0 inside noisily within quietly
	steps       int
	nest        int // blocks being run; commands at 0 are echoed
	running     bool
	file        string
	filename    string // the file last used or saved (save without a name)
	tsTime      string // tsset timevar (a time series without panel)
	eststoN     int
	log         io.Writer // the log file of log using, nil when none
	logClose    func() error
}

// New returns a Session with no data.
func New(opt Options) *Session {
	return &Session{opt: opt, data: frame.New(0), m: newMacros(), scalars: map[string]float64{}, r: map[string]float64{}}
}

// Data is the dataset in memory (an empty frame when there is none).
func (s *Session) Data() *frame.Frame { return s.data }

// SetData replaces the dataset in memory (as if read with use).
func (s *Session) SetData(f *frame.Frame) {
	if f == nil {
		f = frame.New(0)
	}
	s.data, s.dirty = f, false
}

// Estimates are the stored estimates (estimates store, eststo) in the
// order stored.
func (s *Session) Estimates() []*Estimate { return append([]*Estimate(nil), s.stored...) }

// Last is the most recent estimation results (Stata's e()), nil if none.
func (s *Session) Last() *Estimate { return s.e }

// Local returns a local macro's value; Global a global's.
func (s *Session) Local(name string) string  { return s.m.locals[name] }
func (s *Session) Global(name string) string { return s.m.globals[name] }

// Scalar returns a scalar's value (ok false when undefined).
func (s *Session) Scalar(name string) (float64, bool) {
	v, ok := s.scalars[name]
	return v, ok
}

// RunFile runs the do-file at path (Stata's do path). Relative names in
// it are resolved against Options.Dir, as Stata resolves them against the
// working directory, not the do-file's folder.
func (s *Session) RunFile(path string) error {
	b, err := os.ReadFile(s.path(path))
	if err != nil {
		return fmt.Errorf("do %s: %w: %v", path, ErrFile, unwrapPath(err))
	}
	old := s.file
	s.file = filepath.Base(path)
	defer func() { s.file = old }()
	return s.Run(string(b))
}

// Run runs the commands of a do-file given as text. It stops at the first
// error, as Stata does, and returns it as an *Error naming the line and
// the command.
func (s *Session) Run(script string) error {
	lines, err := Lex(script)
	if err != nil {
		return s.wrap(Line{}, "", err)
	}
	prog, err := parseProgram(lines)
	if err != nil {
		return s.fileErr(err)
	}
	top := s.nest == 0 && !s.running
	s.running = true
	err = s.block(prog)
	if errors.Is(err, errExit) {
		err = nil
	}
	if top {
		s.running = false
		// As Stata at the end of a do-file: preserved data come back, the
		// log is closed.
		if s.preserved != nil {
			s.data, s.tsTime, s.preserved = s.preserved, s.preservedTS, nil
		}
		if cerr := s.closeLog(); err == nil && cerr != nil {
			err = s.fileErr(cerr)
		}
	}
	return err
}

// Error is a do-file error: where it happened and what went wrong.
type Error struct {
	File    string // the do-file's base name, "" for a script
	Line    int    // 1-based physical line of the command, 0 when unknown
	Command string // the command as run (macros expanded)
	Err     error
}

func (e *Error) Error() string {
	where := "do-file"
	if e.File != "" {
		where = e.File
	}
	if e.Line > 0 {
		where += fmt.Sprintf(", line %d", e.Line)
	}
	msg := e.Err.Error()
	if e.Command == "" {
		return where + ": " + msg
	}
	return fmt.Sprintf("%s: %s\n  . %s", where, msg, clip(e.Command, 200))
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// RC is Stata's return code for the error (what capture stores in _rc).
func (e *Error) RC() int { return returnCode(e.Err) }

func (s *Session) wrap(l Line, text string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{File: s.file, Line: l.Line, Command: text, Err: err}
}

func (s *Session) fileErr(err error) error {
	var e *Error
	if errors.As(err, &e) {
		if e.File == "" {
			e.File = s.file
		}
		return e
	}
	return &Error{File: s.file, Err: err}
}

// returnCode maps an error to Stata's return code: 9 assertion is false,
// 109 type mismatch, 110 already defined, 111 variable not found, 198
// invalid syntax, 199 unrecognized command, 601 file not found, 602 file
// exists, 4 data in memory would be lost, 459 otherwise.
func returnCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ErrAssert), errors.Is(err, frame.ErrAssert):
		return 9
	case errors.Is(err, frame.ErrType), errors.Is(err, expr.ErrType):
		return 109
	case errors.Is(err, frame.ErrDuplicateName):
		return 110
	case errors.Is(err, frame.ErrUnknownColumn), errors.Is(err, expr.ErrUnknownColumn), errors.Is(err, formula.ErrUnknownColumn):
		return 111
	case errors.Is(err, errUnrecognized):
		return 199
	case errors.Is(err, errFileNotFound):
		return 601
	case errors.Is(err, ErrFileExists):
		return 602
	case errors.Is(err, errDataLost):
		return 4
	case errors.Is(err, ErrSyntax), errors.Is(err, ErrMacro), errors.Is(err, expr.ErrSyntax):
		return 198
	case errors.Is(err, ErrUnsupported):
		return 199
	}
	return 459
}

// Finer causes, each wrapping a sentinel above.
var (
	errUnrecognized error = &subError{"r(199)", ErrUnsupported}
	errFileNotFound error = &subError{"r(601)", ErrFile}
	errDataLost     error = &subError{"r(4)", ErrState}
	errExit               = errors.New("exit")
)

// path resolves a file name against the working directory.
func (s *Session) path(p string) string {
	p = unquote(p)
	if filepath.IsAbs(p) || s.opt.Dir == "" {
		return p
	}
	return filepath.Join(s.opt.Dir, p)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// quietNow reports whether output is suppressed.
func (s *Session) quietNow() bool { return s.quiet > 0 && s.loud == 0 }

// printf writes to the log unless quietly is in force.
func (s *Session) printf(format string, args ...any) {
	if s.quietNow() {
		return
	}
	s.write(fmt.Sprintf(format, args...))
}

// write writes text to the log (and the log file).
func (s *Session) write(text string) {
	if s.opt.Out != nil {
		io.WriteString(s.opt.Out, text)
	}
	if s.log != nil {
		io.WriteString(s.log, text)
	}
}

// println prints lines (a verb's notes, a table) followed by a newline.
func (s *Session) println(lines ...string) {
	for _, l := range lines {
		s.printf("%s\n", strings.TrimRight(l, "\n"))
	}
}

// echo prints a command as Stata's log shows it.
func (s *Session) echo(text string) {
	s.printf("\n. %s\n", text)
}

// setData replaces the data after a verb and prints its notes.
func (s *Session) setData(f *frame.Frame) {
	s.println(f.Notes()...)
	s.data = f.WithNotes(nil)
	s.dirty = true
}

func asError(err error, e **Error) bool { return errors.As(err, e) }
