package nb

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// GoNB re-runs every remembered declaration in each cell, so a dataset
// declared once (var d = nb.Use(...).Drop(...)) is rebuilt in every later
// cell. Its Stata-style notes ("(12 observations deleted)") must not be
// printed again each time: a result's notes are printed the first time this
// kernel session computes that result (by its content key: input bytes and
// verbs), and recorded in a file in GoNB's temporary folder, which lives as
// long as the kernel. Outside a notebook every call prints.

// seenFile is the session's record of printed results, "" outside GoNB.
func seenFile() string {
	if d := os.Getenv("GONB_TMP_DIR"); d != "" {
		return filepath.Join(d, "econb-reported")
	}
	return ""
}

// seenKeys holds the keys read from seenFile once per process.
var seenKeys map[string]bool

func loadSeen() {
	if seenKeys != nil {
		return
	}
	seenKeys = map[string]bool{}
	f, err := os.Open(seenFile())
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		seenKeys[sc.Text()] = true
	}
}

// printNotes prints the lines of the result identified by key, unless this
// kernel session printed them already.
func printNotes(key string, lines []string) {
	if len(lines) == 0 {
		return
	}
	path := seenFile()
	if path != "" {
		loadSeen()
		if seenKeys[key] {
			return
		}
		seenKeys[key] = true
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			fmt.Fprintln(f, key)
			f.Close()
		}
	}
	say(strings.Join(lines, "\n"))
}
