// Command econb installs and runs the econb Jupyter kernel (GoNB with the
// econb library importable offline) and runs the library from the shell.
//
// Usage:
//
//	econb <command> [flags]
//
// Its commands do three jobs, kept apart:
//
//   - kernel installation and diagnosis (install, doctor): package
//     kernel/setup;
//   - the notebook runner (replicate, and test, which runs the test suite and
//     then replicate): package kernel/runner;
//   - the library's shell commands (fit, malmquist, synth, ...): this
//     package, one file each (cmd_<name>.go), registered in an init
//     function.
//
// `econb help` lists them. The binary links no test code: kernel/nbtests and
// kernel/browsertest are imported by tests only.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/econb/econb/kernel/internal/cli"
	"github.com/econb/econb/kernel/runner"
	"github.com/econb/econb/kernel/setup"
)

// command is one of this package's shell commands (see cli.Command).
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

// shellCommands are the library's shell commands, by name.
var shellCommands = map[string]*command{}

// register adds a shell command; it panics on a duplicate name (a
// programming error).
func register(c *command) {
	if _, dup := shellCommands[c.name]; dup {
		panic("econb: duplicate command " + c.name)
	}
	shellCommands[c.name] = c
}

// errUsage, newFlags and parseFlags are cli's, under the short names the
// shell commands use.
var errUsage = cli.ErrUsage

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	return cli.NewFlags(name, synopsis, stderr)
}

func parseFlags(fs *flag.FlagSet, args []string) error { return cli.ParseFlags(fs, args) }

// commands returns every econb command by name.
func commands() map[string]cli.Command {
	all := map[string]cli.Command{}
	for _, c := range append(setup.Commands(), runner.Commands()...) {
		all[c.Name] = c
	}
	for _, c := range shellCommands {
		if _, dup := all[c.name]; dup {
			panic("econb: duplicate command " + c.name)
		}
		all[c.name] = cli.Command{Name: c.name, Summary: c.summary, Run: c.run}
	}
	return all
}

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdout, os.Stderr))
}

// runMain dispatches args and returns the process exit status.
func runMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	c, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "econb: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	if err := c.Run(args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "econb %s: %v\n", c.Name, err)
		if errors.Is(err, cli.ErrUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "econb: econometrics in Go, in Jupyter (GoNB) and from the shell")
	fmt.Fprintln(w, "\nUsage: econb <command> [flags]   (econb <command> -h for its flags)")
	all := commands()
	groups := []struct {
		title string
		names []string
	}{
		{"Kernel installation and diagnosis", names(setup.Commands())},
		{"Notebooks and tests", names(runner.Commands())},
		{"The library from the shell", nil},
	}
	for n := range shellCommands {
		groups[2].names = append(groups[2].names, n)
	}
	sort.Strings(groups[2].names)
	for _, g := range groups {
		fmt.Fprintf(w, "\n%s:\n", g.title)
		for _, n := range g.names {
			fmt.Fprintf(w, "  %-11s %s\n", n, all[n].Summary)
		}
	}
}

func names(cs []cli.Command) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}
