// Package cli holds what every econb command shares: the Command type the
// econb binary dispatches on, the usage error, and flag parsing that
// reports errors instead of exiting.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/econb/econb/lib/formula"
)

// Command is one econb subcommand.
type Command struct {
	Name    string // as typed: "install", "fit", ...
	Summary string // one line for `econb help`
	// Run executes the command with the arguments after its name. It writes
	// results to stdout and progress to stderr, and returns an error for the
	// caller to print; it never calls os.Exit.
	Run func(args []string, stdout, stderr io.Writer) error
}

// ErrUsage marks an error caused by how a command was called; econb exits
// with status 2 for it, as package flag does.
var ErrUsage = errors.New("usage")

// NewFlags returns a FlagSet for command name that writes its usage to
// stderr (for -h) and reports errors instead of exiting.
func NewFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("econb "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: econb %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// ParseFlags parses args with fs and wraps a bad call in ErrUsage. The
// error is returned once, for the caller to print, in the command's own
// words (--seed, not -seed) with what to do; -h prints the usage and
// returns flag.ErrHelp.
func ParseFlags(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return err
	}
	if err != nil {
		return fmt.Errorf("%w: %s (%s -h lists the flags)", ErrUsage, flagError(fs, err), fs.Name())
	}
	if fs.NArg() > 0 {
		rest := fs.Args()
		hint := "flags start with --"
		if strings.HasPrefix(rest[0], "-") {
			hint = "flags go before other arguments"
		}
		return fmt.Errorf("%w: unexpected argument %q; %s (%s -h lists the flags)", ErrUsage, strings.Join(rest, " "), hint, fs.Name())
	}
	return nil
}

// flagError rewrites package flag's error messages: the flag as the user
// types it (--name), the kind of value it wants, and the closest flag for
// an unknown one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := formula.Suggest(name, names); s != "" {
			return fmt.Sprintf("unknown flag --%s; did you mean --%s?", name, s)
		}
		return fmt.Sprintf("unknown flag --%s", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		name = strings.TrimLeft(name, "-")
		if k := valueKind(fs.Lookup(name)); k != "a value" {
			return fmt.Sprintf("--%s needs a value: %s", name, k)
		}
		return fmt.Sprintf("--%s needs a value", name)
	}
	// invalid value "x" for flag -name: parse error
	// invalid boolean value "x" for -name: parse error
	if strings.HasPrefix(msg, "invalid ") && strings.Contains(msg, " for ") {
		_, rest, _ := strings.Cut(msg, "value ")
		val, tail, _ := strings.Cut(rest, " for ")
		tail = strings.TrimPrefix(tail, "flag ")
		name, _, _ := strings.Cut(strings.TrimLeft(tail, "-"), ":")
		f := fs.Lookup(name)
		if f != nil {
			return fmt.Sprintf("--%s %s: want %s", name, val, valueKind(f))
		}
	}
	return msg
}

// valueKind describes the value a flag takes.
func valueKind(f *flag.Flag) string {
	if f == nil {
		return "a value"
	}
	switch reflect.TypeOf(f.Value).String() {
	case "*flag.uint64Value", "*flag.uintValue":
		return "an integer ≥ 0"
	case "*flag.intValue", "*flag.int64Value":
		return "an integer"
	case "*flag.float64Value":
		return "a number"
	case "*flag.boolValue":
		return "true or false (or give the flag alone)"
	case "*flag.durationValue":
		return "a duration such as 30s or 5m"
	}
	name, _ := flag.UnquoteUsage(f)
	if name == "" || name == "value" || name == "string" {
		return "a value"
	}
	return name
}
