// Package cli holds what every econb command shares: the Command type the
// econb binary dispatches on, the usage error, and flag parsing that
// reports errors instead of exiting.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
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
// stderr and reports errors instead of exiting.
func NewFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("econb "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: econb %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// ParseFlags parses args with fs and wraps a bad call in ErrUsage.
func ParseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", ErrUsage, strings.Join(fs.Args(), " "))
	}
	return nil
}
