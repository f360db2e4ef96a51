package stata

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// stmt is a command of the do-file, or a block: a loop, an if (with its
// else) or a quietly/noisily/capture block, whose body runs as the header
// says.
type stmt struct {
	Line
	block bool
	body  []stmt
	els   []stmt // the else branch of an if (nil: none)
}

// parseProgram groups the lexed commands into blocks: a command that ends
// with "{" opens a block closed by "}" on its own (or "} else {", "} else
// if exp {"); "else" follows an if.
func parseProgram(lines []Line) ([]stmt, error) {
	p := &blockParser{lines: lines}
	out, _, err := p.block(nil)
	return out, err
}

type blockParser struct {
	lines []Line
	i     int
}

func opensBlock(t string) bool { return strings.HasSuffix(t, "{") }

// closer reports whether t closes a block, and returns what follows the
// "}" ("else {" in "} else {").
func closer(t string) (rest string, ok bool) {
	if !strings.HasPrefix(t, "}") {
		return "", false
	}
	return strings.TrimSpace(t[1:]), true
}

// block parses commands until the "}" that closes the block opened by
// open (nil: the whole file), returning them and the closing line.
func (p *blockParser) block(open *Line) ([]stmt, Line, error) {
	var out []stmt
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		p.i++
		if rest, ok := closer(l.Text); ok {
			if open == nil {
				return nil, l, &Error{Line: l.Line, Command: l.Text, Err: fmt.Errorf("\"}\" closes no block: %w", ErrSyntax)}
			}
			return out, Line{Text: rest, Line: l.Line, EndLine: l.EndLine}, nil
		}
		if isElse(l.Text) {
			return nil, l, &Error{Line: l.Line, Command: l.Text, Err: fmt.Errorf("else without an if block before it: %w", ErrSyntax)}
		}
		s, err := p.stmt(l)
		if err != nil {
			return nil, l, err
		}
		out = append(out, s)
	}
	if open != nil {
		return nil, Line{}, &Error{Line: open.Line, Command: open.Text, Err: fmt.Errorf("the block opened with \"{\" is never closed with \"}\": %w", ErrSyntax)}
	}
	return out, Line{}, nil
}

func isElse(t string) bool {
	return t == "else" || strings.HasPrefix(t, "else ") || strings.HasPrefix(t, "else{")
}

// stmt parses the command l (and, for a block, its body and else).
func (p *blockParser) stmt(l Line) (stmt, error) {
	s := stmt{Line: l}
	var after string
	if opensBlock(l.Text) {
		s.block = true
		body, end, err := p.block(&l)
		if err != nil {
			return s, err
		}
		s.body = body
		after = end.Text
		if after != "" && !isElse(after) {
			return s, &Error{Line: end.Line, Command: "} " + after, Err: fmt.Errorf("only else may follow \"}\" on its line: %w", ErrSyntax)}
		}
		if after != "" {
			els, err := p.elseBranch(Line{Text: after, Line: end.Line, EndLine: end.EndLine})
			if err != nil {
				return s, err
			}
			s.els = els
			return s, nil
		}
	}
	if firstWord(l.Text) == "if" && p.i < len(p.lines) && isElse(p.lines[p.i].Text) {
		e := p.lines[p.i]
		p.i++
		els, err := p.elseBranch(e)
		if err != nil {
			return s, err
		}
		s.els = els
	}
	return s, nil
}

// elseBranch parses "else {", "else if exp {", "else cmd" (l) and returns
// the statements of the branch.
func (p *blockParser) elseBranch(l Line) ([]stmt, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(l.Text, "else"))
	switch {
	case rest == "{":
		body, end, err := p.block(&l)
		if err != nil {
			return nil, err
		}
		if end.Text != "" {
			return nil, &Error{Line: end.Line, Command: "} " + end.Text, Err: fmt.Errorf("nothing may follow the \"}\" of an else block: %w", ErrSyntax)}
		}
		if body == nil {
			body = []stmt{}
		}
		return body, nil
	case rest == "":
		return nil, &Error{Line: l.Line, Command: l.Text, Err: fmt.Errorf("else needs a command or a block: else { ... }: %w", ErrSyntax)}
	}
	s, err := p.stmt(Line{Text: rest, Line: l.Line, EndLine: l.EndLine})
	if err != nil {
		return nil, err
	}
	return []stmt{s}, nil
}

func firstWord(t string) string {
	end := 0
	for end < len(t) && isNameByte(t[end]) {
		end++
	}
	return t[:end]
}

// block runs statements in order.
func (s *Session) block(stmts []stmt) error {
	for i := range stmts {
		if err := s.exec(&stmts[i]); err != nil {
			return err
		}
	}
	return nil
}

// step counts a command against Options.MaxSteps.
func (s *Session) step(l Line) error {
	s.steps++
	if s.opt.MaxSteps > 0 && s.steps > s.opt.MaxSteps {
		return s.wrap(l, l.Text, fmt.Errorf("more than %d commands run: %w", s.opt.MaxSteps, ErrLimit))
	}
	return nil
}

// exec runs one statement.
func (s *Session) exec(st *stmt) error {
	if err := s.step(st.Line); err != nil {
		return err
	}
	if !st.block {
		return s.command(st.Line, st.els)
	}
	text, err := s.expand(st.Text)
	if err != nil {
		return s.wrap(st.Line, st.Text, err)
	}
	head := strings.TrimSpace(strings.TrimSuffix(text, "{"))
	word := firstWord(head)
	if s.depth() == 0 {
		s.echo(st.Text)
		// Stata lists the block's lines, numbered, before it runs them
		k := 1
		for _, l := range blockLines(st.body, st.els) {
			k++
			s.printf("%3d. %s\n", k, l)
		}
	}
	// quietly foreach ... {: the prefixes apply to the whole loop
	if p, loopHead, loopWord, ok := prefixedLoop(head); ok {
		return s.withPrefixes(p, func() error { return s.loop(st, loopHead, loopWord) })
	}
	return s.loop(st, head, word)
}

// prefixedLoop splits "quietly foreach ..." into the prefixes and the
// loop's header and first word; ok is false when head is not a loop or
// if under prefixes.
func prefixedLoop(head string) (p prefixes, rest, word string, ok bool) {
	rest = head
	for {
		w := firstWord(rest)
		if w == "" || !p.set(w) {
			return p, "", "", false
		}
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest[len(w):]), ":"))
		if word = firstWord(rest); word == "foreach" || abbrev(word, "forvalues", 4) || word == "while" || word == "if" {
			return p, rest, word, true
		}
	}
}

// loop runs the block st whose header (without "{") is head, first word word.
func (s *Session) loop(st *stmt, head, word string) error {
	switch {
	case word == "foreach":
		return s.foreach(st, head)
	case abbrev(word, "forvalues", 4):
		return s.forvalues(st, head)
	case word == "while":
		return s.while(st, strings.TrimSpace(head[len(word):]))
	case word == "if":
		return s.ifBlock(st, strings.TrimSpace(head[len(word):]))
	}
	return s.prefixBlock(st, head)
}

// depth is the nesting of blocks being run (commands at depth 0 are echoed).
func (s *Session) depth() int { return s.nest }

// loopBody runs a block's body one more level deep.
func (s *Session) loopBody(body []stmt) error {
	s.nest++
	defer func() { s.nest-- }()
	return s.block(body)
}

// foreach runs "foreach lname in|of local|global|varlist|newlist|numlist list {".
func (s *Session) foreach(st *stmt, head string) error {
	f := strings.Fields(head)
	if len(f) < 3 {
		return s.wrap(st.Line, head, syntaxErr("foreach", "no list", "lname in list | of local|global|varlist|newlist|numlist list {"))
	}
	name := f[1]
	if !validName(name) {
		return s.wrap(st.Line, head, fmt.Errorf("foreach: %q is not a macro name: %w", name, ErrSyntax))
	}
	var items []string
	switch {
	case f[2] == "in":
		items = words(afterWords(head, 3))
	case f[2] == "of" && len(f) >= 4:
		list := afterWords(head, 4)
		switch {
		case f[3] == "local":
			items = words(s.m.locals[strings.TrimSpace(list)])
		case f[3] == "global":
			items = words(s.m.globals[strings.TrimSpace(list)])
		case abbrev(f[3], "varlist", 3):
			vars, err := Varlist(s.data, list)
			if err != nil {
				return s.wrap(st.Line, head, fmt.Errorf("foreach: %w", err))
			}
			items = vars
		case abbrev(f[3], "newlist", 3):
			items = strings.Fields(list)
		case abbrev(f[3], "numlist", 3):
			nums, err := numlist(list)
			if err != nil {
				return s.wrap(st.Line, head, fmt.Errorf("foreach: %w", err))
			}
			items = nums
		default:
			return s.wrap(st.Line, head, syntaxErr("foreach", fmt.Sprintf("%q is not local, global, varlist, newlist or numlist", f[3]), "lname of local|global|varlist|newlist|numlist list {"))
		}
	default:
		return s.wrap(st.Line, head, syntaxErr("foreach", fmt.Sprintf("%q is neither in nor of", f[2]), "lname in list | of local|global|varlist|newlist|numlist list {"))
	}
	for _, it := range items {
		s.m.locals[name] = it
		if done, err := s.pass(st.body); done {
			return err
		}
	}
	return nil
}

// pass runs one pass of a loop's body: done reports a continue, break or
// an error that ends the loop (err is nil for break).
func (s *Session) pass(body []stmt) (done bool, err error) {
	err = s.loopBody(body)
	switch {
	case errors.Is(err, errContinue):
		return false, nil
	case errors.Is(err, errBreak):
		return true, nil
	}
	return err != nil, err
}

// forvalues runs "forvalues lname = range {", range #1/#2, #1(#d)#2,
// #1 #t to #2 or #1 #t : #2.
func (s *Session) forvalues(st *stmt, head string) error {
	body := strings.TrimSpace(head[len(firstWord(head)):])
	name, rng, ok := strings.Cut(body, "=")
	name = strings.TrimSpace(name)
	if !ok || !validName(name) {
		return s.wrap(st.Line, head, syntaxErr("forvalues", "no lname = range", "lname = #1/#2 | #1(#d)#2 | #1 #t to #2 {"))
	}
	from, step, to, err := valueRange(strings.TrimSpace(rng))
	if err != nil {
		return s.wrap(st.Line, head, fmt.Errorf("forvalues: %w", err))
	}
	for v := from; step > 0 && v <= to+1e-9*math.Abs(step) || step < 0 && v >= to-1e-9*math.Abs(step); v += step {
		s.m.locals[name] = formatMacroNumber(v)
		if done, err := s.pass(st.body); done {
			return err
		}
		if err := s.step(st.Line); err != nil {
			return err
		}
	}
	return nil
}

// valueRange reads forvalues' range.
func valueRange(r string) (from, step, to float64, err error) {
	num := func(t string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("range %q: %q is not a number: %w", r, strings.TrimSpace(t), ErrSyntax)
		}
		return v, nil
	}
	bad := fmt.Errorf("range %q: write #1/#2, #1(#d)#2 or #1 #t to #2: %w", r, ErrSyntax)
	switch {
	case strings.Contains(r, "/"):
		a, b, _ := strings.Cut(r, "/")
		if from, err = num(a); err != nil {
			return
		}
		to, err = num(b)
		step = 1
	case strings.Contains(r, "("):
		a, rest, _ := strings.Cut(r, "(")
		d, b, ok := strings.Cut(rest, ")")
		if !ok {
			return 0, 0, 0, bad
		}
		if from, err = num(a); err != nil {
			return
		}
		if step, err = num(d); err != nil {
			return
		}
		to, err = num(b)
	case strings.Contains(r, " to ") || strings.Contains(r, ":"):
		sep := " to "
		if !strings.Contains(r, sep) {
			sep = ":"
		}
		a, b, _ := strings.Cut(r, sep)
		f := strings.Fields(a)
		if len(f) != 2 {
			return 0, 0, 0, bad
		}
		if from, err = num(f[0]); err != nil {
			return
		}
		var t float64
		if t, err = num(f[1]); err != nil {
			return
		}
		step = t - from
		to, err = num(b)
	default:
		return 0, 0, 0, bad
	}
	if err != nil {
		return
	}
	if step == 0 || (to-from)/step > 1e7 {
		return 0, 0, 0, fmt.Errorf("range %q: the step must be non-zero and the loop at most 10 million values: %w", r, ErrSyntax)
	}
	return from, step, to, nil
}

// numlist expands a Stata numlist: numbers, #1/#2, #1(#d)#2.
func numlist(list string) ([]string, error) {
	var out []string
	for _, w := range strings.Fields(list) {
		if !strings.ContainsAny(w, "/(") {
			v, err := strconv.ParseFloat(w, 64)
			if err != nil {
				return nil, fmt.Errorf("numlist: %q is not a number: %w", w, ErrSyntax)
			}
			out = append(out, formatMacroNumber(v))
			continue
		}
		from, step, to, err := valueRange(w)
		if err != nil {
			return nil, err
		}
		for v := from; step > 0 && v <= to+1e-9 || step < 0 && v >= to-1e-9; v += step {
			out = append(out, formatMacroNumber(v))
			if len(out) > 1e6 {
				return nil, fmt.Errorf("numlist %q: more than a million numbers: %w", w, ErrSyntax)
			}
		}
	}
	return out, nil
}

// while runs "while exp {" while exp is true (non-zero).
func (s *Session) while(st *stmt, cond string) error {
	for {
		ok, err := s.truth(cond)
		if err != nil {
			return s.wrap(st.Line, "while "+cond, fmt.Errorf("while: %w", err))
		}
		if !ok {
			return nil
		}
		if done, err := s.pass(st.body); done {
			return err
		}
		if err := s.step(st.Line); err != nil {
			return err
		}
		// the condition is re-expanded on each pass
		text, err := s.expand(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(st.Text), "{")))
		if err != nil {
			return s.wrap(st.Line, st.Text, err)
		}
		if _, rest, _, ok := prefixedLoop(text); ok {
			text = rest
		}
		cond = strings.TrimSpace(strings.TrimPrefix(text, "while"))
	}
}

// ifBlock runs "if exp {" ... [else ...].
func (s *Session) ifBlock(st *stmt, cond string) error {
	ok, err := s.truth(cond)
	if err != nil {
		return s.wrap(st.Line, "if "+cond, fmt.Errorf("if: %w", err))
	}
	if ok {
		return s.loopBody(st.body)
	}
	if st.els != nil {
		return s.loopBody(st.els)
	}
	return nil
}

// prefixBlock runs "quietly {", "noisily {", "capture {", "capture
// noisily {".
func (s *Session) prefixBlock(st *stmt, head string) error {
	f := strings.Fields(strings.ReplaceAll(head, ":", " "))
	var p prefixes
	for _, w := range f {
		if !p.set(w) {
			return s.wrap(st.Line, head+" {", fmt.Errorf("a block { ... } follows foreach, forvalues, while, if, else, quietly, noisily or capture, not %q: %w", w, ErrSyntax))
		}
	}
	if len(f) == 0 {
		return s.wrap(st.Line, head+" {", fmt.Errorf("a bare block { ... } is not a Stata command; use quietly { ... }: %w", ErrSyntax))
	}
	return s.withPrefixes(p, func() error { return s.loopBody(st.body) })
}

// prefixes are quietly, noisily and capture in force for a command.
type prefixes struct{ quiet, loud, capture bool }

// set records the prefix w (abbreviated as Stata allows); false when w
// is not one.
func (p *prefixes) set(w string) bool {
	switch {
	case abbrev(w, "quietly", 3):
		p.quiet = true
	case abbrev(w, "noisily", 3):
		p.loud = true
	case abbrev(w, "capture", 3):
		p.capture = true
	default:
		return false
	}
	return true
}

// withPrefixes runs f under quietly, noisily and capture.
func (s *Session) withPrefixes(p prefixes, f func() error) error {
	quiet, loud, capture := p.quiet, p.loud, p.capture
	if capture && !loud {
		quiet = true
	}
	if quiet {
		s.quiet++
		defer func() { s.quiet-- }()
	}
	if loud {
		s.loud++
		defer func() { s.loud-- }()
	}
	err := f()
	if capture {
		if errors.Is(err, ErrLimit) || errors.Is(err, errExit) {
			return err
		}
		s.rc = returnCode(err)
		if s.rc != 0 && loud {
			s.printf("%s\n", errorText(err))
		}
		return nil
	}
	return err
}

// errorText is an error as a captured, noisy command prints it.
func errorText(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Err.Error() + fmt.Sprintf("\nr(%d);", e.RC())
	}
	return err.Error() + fmt.Sprintf("\nr(%d);", returnCode(err))
}

var (
	errContinue = errors.New("continue")
	errBreak    = errors.New("continue, break")
)

// abbrev reports whether w is name or an abbreviation of it at least min
// letters long (Stata's command abbreviations: su for summarize).
func abbrev(w, name string, min int) bool {
	return len(w) >= min && len(w) <= len(name) && strings.HasPrefix(name, w)
}

// formatMacroNumber writes a number as Stata stores it in a macro:
// integers plainly, others with up to 16 significant digits (0.5 as .5).
func formatMacroNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "."
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatInt(int64(v), 10)
	}
	t := strconv.FormatFloat(v, 'g', 16, 64)
	if strings.ContainsAny(t, "e") {
		return t
	}
	if strings.Contains(t, ".") {
		t = strings.TrimRight(t, "0")
	}
	switch {
	case strings.HasPrefix(t, "0."):
		t = t[1:]
	case strings.HasPrefix(t, "-0."):
		t = "-" + t[2:]
	}
	return t
}

// blockLines are the lines of a block after its header, as written, for
// the log: the body, nested blocks indented, the closing "}".
func blockLines(body, els []stmt) []string {
	var out []string
	var walk func(b []stmt, indent string)
	walk = func(b []stmt, indent string) {
		for _, st := range b {
			out = append(out, indent+st.Text)
			if st.block {
				walk(st.body, indent+"    ")
				if st.els != nil {
					out = append(out, indent+"} else {")
					walk(st.els, indent+"    ")
				}
				out = append(out, indent+"}")
			} else if st.els != nil {
				out = append(out, indent+"else")
				walk(st.els, indent+"    ")
			}
		}
	}
	walk(body, "    ")
	if els != nil {
		out = append(out, "} else {")
		walk(els, "    ")
	}
	return append(out, "}")
}

// afterWords returns s after its first n blank-separated words, trimmed.
func afterWords(s string, n int) string {
	s = strings.TrimSpace(s)
	for ; n > 0 && s != ""; n-- {
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			return ""
		}
		s = strings.TrimSpace(s[end:])
	}
	return s
}
