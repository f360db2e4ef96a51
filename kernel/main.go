// Command econb installs and runs the econb Jupyter kernel (GoNB with the
// econb library importable offline) and runs the library from the shell.
//
// Usage:
//
//	econb <command> [flags]
//
// Each command lives in its own file (cmd_<name>.go) and registers itself
// in an init function; `econb help` lists them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one econb subcommand.
type command struct {
	name    string // as typed: "install", "fit", ...
	summary string // one line for `econb help`
	// run executes the command with the arguments after its name. It writes
	// results to stdout and progress to stderr, and returns an error for the
	// caller to print; it never calls os.Exit.
	run func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]*command{}

// register adds c to the command table; it panics on a duplicate name
// (a programming error).
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("econb: duplicate command " + c.name)
	}
	commands[c.name] = c
}

// errUsage marks an error caused by how the command was called; main exits
// with status 2 for it, as flag does.
var errUsage = errors.New("usage")

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdout, os.Stderr))
}

// runMain dispatches args and returns the process exit status.
func runMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "econb: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	if err := c.run(args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "econb %s: %v\n", c.name, err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "econb: econometrics in Go, in Jupyter (GoNB) and from the shell")
	fmt.Fprintln(w, "\nUsage: econb <command> [flags]   (econb <command> -h for its flags)\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
}

// newFlags returns a FlagSet for command name that writes its usage to
// stderr and reports errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("econb "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: econb %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs and wraps a bad call in errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, strings.Join(fs.Args(), " "))
	}
	return nil
}
