package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The error catalogue (issue 13): every message a user can get from the
// shell commands, input → exact text, in
// testdata/catalogue/catalogue.txt. Each entry is
//
//	# what the entry shows (comments, one or more lines)
//	! write NAME TEXT      (optional set-up: create file NAME holding TEXT)
//	$ econb COMMAND ARGS   (quoted as in a POSIX shell)
//	EXPECTED               (stderr as printed, then the lines of stdout that
//	                        are notes, each prefixed "| ")
//	[exit N]
//
// and runs in a fresh directory holding copies of the data files of
// catalogueFiles that its command names, so that entries may write files. go test -run
// TestCatalogue -update rewrites the expected texts from the current
// messages (review the diff: the texts are the specification).
var updateCatalogue = flag.Bool("update", false, "rewrite testdata/catalogue/catalogue.txt from the current messages")

const cataloguePath = "testdata/catalogue/catalogue.txt"

// catalogueFiles are copied into each entry's directory under their base
// names: the hand-made inputs of testdata/catalogue and the reference data
// sets other tests use.
var catalogueFiles = []string{
	"testdata/catalogue/*.csv",
	"testdata/fit/cigsw95.csv",
	"testdata/malmquist/*.csv",
	"testdata/dea/eg1.csv",
	"../lib/ivgmm/testdata/ivopts/wagepan.csv",
}

type catalogueEntry struct {
	comment []string
	setup   []string
	command string
	want    string // expected output and exit line
}

func readCatalogue(t *testing.T) []*catalogueEntry {
	t.Helper()
	b, err := os.ReadFile(cataloguePath)
	if err != nil {
		t.Fatal(err)
	}
	var out []*catalogueEntry
	var cur *catalogueEntry
	var comment, setup []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "#"):
			comment = append(comment, line)
		case cur == nil && strings.HasPrefix(line, "! "):
			setup = append(setup, strings.TrimPrefix(line, "! "))
		case cur == nil && strings.HasPrefix(line, "$ econb "):
			cur = &catalogueEntry{comment: comment, setup: setup, command: strings.TrimPrefix(line, "$ econb ")}
			comment, setup = nil, nil
		case cur == nil && strings.TrimSpace(line) == "":
		case cur == nil:
			t.Fatalf("%s: unexpected line outside an entry: %q", cataloguePath, line)
		default:
			cur.want += line + "\n"
			if strings.HasPrefix(line, "[exit ") {
				out = append(out, cur)
				cur = nil
			}
		}
	}
	if cur != nil {
		t.Fatalf("%s: entry %q has no [exit N] line", cataloguePath, cur.command)
	}
	return out
}

// shellWords splits s as a POSIX shell would: blanks separate words,
// single quotes quote literally, double quotes allow \" and \\.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %q", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unclosed \" in %q", s)
			}
			inWord = true
		case unicode.IsSpace(rune(c)):
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// copyCatalogueFiles copies into dir the data files that args name.
func copyCatalogueFiles(t *testing.T, dir string, args []string) {
	t.Helper()
	named := map[string]bool{}
	for _, a := range args {
		named[a] = true
	}
	for _, pat := range catalogueFiles {
		m, err := filepath.Glob(pat)
		if err != nil || len(m) == 0 {
			t.Fatalf("no file matches %s", pat)
		}
		for _, f := range m {
			if !named[filepath.Base(f)] {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// runEntry runs one entry in a fresh directory and returns what the
// catalogue shows of it.
func runEntry(t *testing.T, e *catalogueEntry) string {
	t.Helper()
	args, err := shellWords(e.command)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyCatalogueFiles(t, dir, args)
	for _, s := range e.setup {
		words := strings.SplitN(s, " ", 3)
		if len(words) != 3 || words[0] != "write" {
			t.Fatalf("bad set-up line %q: want: write NAME TEXT", s)
		}
		if err := os.WriteFile(filepath.Join(dir, words[1]), []byte(words[2]+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMain(args, &stdout, &stderr)
	var b strings.Builder
	b.WriteString(stderr.String())
	for _, l := range strings.Split(stdout.String(), "\n") {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "note:") || strings.HasPrefix(s, "Note:") {
			b.WriteString("| " + s + "\n")
		}
	}
	b.WriteString("[exit " + strconv.Itoa(code) + "]\n")
	return b.String()
}

// TestCatalogue checks every message of the catalogue, exactly.
func TestCatalogue(t *testing.T) {
	entries := readCatalogue(t)
	if len(entries) < 100 {
		t.Errorf("the catalogue has %d entries; issue 13 wants every message", len(entries))
	}
	wd, _ := os.Getwd()
	got := make([]string, len(entries))
	for i, e := range entries {
		ok := t.Run(strconv.Itoa(i+1), func(t *testing.T) {
			got[i] = runEntry(t, e)
			if !*updateCatalogue && got[i] != e.want {
				t.Errorf("$ econb %s\n--- got:\n%s--- want:\n%s", e.command, got[i], e.want)
			}
		})
		_ = ok
	}
	if *updateCatalogue {
		var b strings.Builder
		for i, e := range entries {
			if i > 0 {
				b.WriteString("\n")
			}
			for _, c := range e.comment {
				b.WriteString(c + "\n")
			}
			for _, s := range e.setup {
				b.WriteString("! " + s + "\n")
			}
			b.WriteString("$ econb " + e.command + "\n")
			b.WriteString(got[i])
		}
		if err := os.WriteFile(filepath.Join(wd, cataloguePath), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s (%d entries)", cataloguePath, len(entries))
	}
}
