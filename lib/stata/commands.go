package stata

import (
	"fmt"
	"sort"
	"strings"

	"github.com/econb/econb/lib/frame"
)

// cmdCall is one command as the interpreter runs it.
type cmdCall struct {
	Line  Line
	Text  string // the whole command as run (prefixes included, macros expanded)
	Name  string // the command's name as written
	Args  string // what follows the name
	By    *byPrefix
	codes []int32 // by-groups of By (nil without by)
	els   []stmt  // the else branch after a one-line if
}

// cmdSpec is a command of the supported subset.
type cmdSpec struct {
	name   string
	min    int    // shortest abbreviation Stata accepts
	group  string // data, estimation, results, programming, extension
	syntax string
	by     bool // accepts by/bysort
	run    func(s *Session, c *cmdCall) error
}

// commandTable is the supported subset, in the order the error message and
// the documentation list it. See doc.go for the options and semantics.
var commandTable []*cmdSpec

func init() {
	commandTable = []*cmdSpec{
		// data
		{name: "use", min: 3, group: "data", syntax: "use filename [, clear] | use [varlist] [if] [in] using filename [, clear]", run: (*Session).cmdUse},
		{name: "import", min: 3, group: "data", syntax: "import delimited|excel [using] filename [, clear ...]", run: (*Session).cmdImport},
		{name: "save", min: 2, group: "data", syntax: "save [filename] [, replace]", run: (*Session).cmdSave},
		{name: "export", min: 3, group: "data", syntax: "export delimited [varlist] using filename [if] [in] [, replace delimiter()]", run: (*Session).cmdExport},
		{name: "clear", min: 5, group: "data", syntax: "clear [all]", run: (*Session).cmdClear},
		{name: "preserve", min: 8, group: "data", syntax: "preserve", run: (*Session).cmdPreserve},
		{name: "restore", min: 7, group: "data", syntax: "restore [, not preserve]", run: (*Session).cmdRestore},
		{name: "generate", min: 1, group: "data", by: true, syntax: "generate [type] newvar = exp [if] [in]", run: (*Session).cmdGenerate},
		{name: "replace", min: 7, group: "data", by: true, syntax: "replace oldvar = exp [if] [in]", run: (*Session).cmdReplace},
		{name: "egen", min: 4, group: "data", by: true, syntax: "egen newvar = fcn(arguments) [if] [in] [, by(varlist)]", run: (*Session).cmdEgen},
		{name: "drop", min: 4, group: "data", by: true, syntax: "drop varlist | drop if exp | drop in range", run: (*Session).cmdDrop},
		{name: "keep", min: 4, group: "data", by: true, syntax: "keep varlist | keep if exp | keep in range", run: (*Session).cmdKeep},
		{name: "merge", min: 5, group: "data", syntax: "merge 1:1|m:1|1:m varlist using filename [, keep() assert() keepusing() generate() nogenerate]", run: (*Session).cmdMerge},
		{name: "append", min: 6, group: "data", syntax: "append using filename [filename ...]", run: (*Session).cmdAppend},
		{name: "reshape", min: 7, group: "data", syntax: "reshape long|wide stubnames, i(varlist) j(varname)", run: (*Session).cmdReshape},
		{name: "collapse", min: 8, group: "data", syntax: "collapse (stat) varlist [(stat) varlist ...] [if] [in] [, by(varlist)]", run: (*Session).cmdCollapse},
		{name: "sort", min: 4, group: "data", syntax: "sort varlist", run: (*Session).cmdSort},
		{name: "gsort", min: 5, group: "data", syntax: "gsort [-]var [[-]var ...]", run: (*Session).cmdSort},
		{name: "rename", min: 3, group: "data", syntax: "rename oldname newname", run: (*Session).cmdRename},
		{name: "order", min: 5, group: "data", syntax: "order varlist", run: (*Session).cmdOrder},
		{name: "label", min: 2, group: "data", syntax: "label variable varname \"label\"", run: (*Session).cmdLabel},
		{name: "xtset", min: 5, group: "data", syntax: "xtset panelvar timevar", run: (*Session).cmdXtset},
		{name: "tsset", min: 5, group: "data", syntax: "tsset [panelvar] timevar", run: (*Session).cmdTsset},
		{name: "winsor2", min: 7, group: "data", syntax: "winsor2 varlist [, cuts(# #) by(varlist) replace suffix() trim]", run: (*Session).cmdWinsor2},
		{name: "summarize", min: 2, group: "data", syntax: "summarize [varlist] [if] [in] [, detail]", run: (*Session).cmdSummarize},
		{name: "describe", min: 1, group: "data", syntax: "describe", run: (*Session).cmdDescribe},
		{name: "tabulate", min: 2, group: "data", syntax: "tabulate var1 [var2] [if] [in] [, missing]", run: (*Session).cmdTabulate},
		{name: "list", min: 1, group: "data", syntax: "list [varlist] [if] [in]", run: (*Session).cmdList},
		{name: "count", min: 3, group: "data", syntax: "count [if] [in]", run: (*Session).cmdCount},
		{name: "assert", min: 6, group: "data", syntax: "assert exp [if] [in]", run: (*Session).cmdAssert},
		{name: "display", min: 2, group: "data", syntax: "display [\"text\"] [%fmt] [exp] [_n] [_col(#)] ...", run: (*Session).cmdDisplay},
		// estimation
		{name: "regress", min: 3, group: "estimation", syntax: "regress " + estSyntax["regress"], run: func(s *Session, c *cmdCall) error { return s.estimate("regress", c) }},
		{name: "xtreg", min: 5, group: "estimation", syntax: "xtreg " + estSyntax["xtreg"], run: func(s *Session, c *cmdCall) error { return s.estimate("xtreg", c) }},
		{name: "ivregress", min: 9, group: "estimation", syntax: "ivregress " + estSyntax["ivregress"], run: func(s *Session, c *cmdCall) error { return s.estimate("ivregress", c) }},
		{name: "ivreg2", min: 6, group: "estimation", syntax: "ivreg2 " + estSyntax["ivreg2"], run: func(s *Session, c *cmdCall) error { return s.estimate("ivreg2", c) }},
		{name: "xtivreg2", min: 8, group: "estimation", syntax: "xtivreg2 " + estSyntax["xtivreg2"], run: func(s *Session, c *cmdCall) error { return s.estimate("xtivreg2", c) }},
		// results
		{name: "estimates", min: 3, group: "results", syntax: "estimates store name | restore name | dir | clear", run: (*Session).cmdEstimates},
		{name: "eststo", min: 6, group: "results", syntax: "eststo [name]: estimation command | eststo [name] | eststo clear", run: (*Session).cmdEststo},
		{name: "esttab", min: 6, group: "results", syntax: "esttab [names] [using filename] [, b(#) se t z p star() nostar stats() keep() drop() mtitles() title() replace]", run: (*Session).cmdEsttab},
		{name: "estout", min: 6, group: "results", syntax: "estout [names] [using filename] [, cells() stats() starlevels() keep() drop() replace]", run: (*Session).cmdEstout},
		// programming
		{name: "local", min: 3, group: "programming", syntax: "local name [= exp | : fcn | text]; local ++name", run: (*Session).cmdLocal},
		{name: "global", min: 2, group: "programming", syntax: "global name [= exp | text]", run: (*Session).cmdGlobal},
		{name: "scalar", min: 3, group: "programming", syntax: "scalar [define] name = exp | scalar drop name", run: (*Session).cmdScalar},
		{name: "if", min: 2, group: "programming", syntax: "if exp { ... } [else { ... }] | if exp command", run: (*Session).cmdIf},
		{name: "continue", min: 8, group: "programming", syntax: "continue [, break]", run: (*Session).cmdContinue},
		{name: "exit", min: 4, group: "programming", syntax: "exit", run: (*Session).cmdExit},
		{name: "version", min: 4, group: "programming", syntax: "version # (ignored)", run: func(s *Session, c *cmdCall) error { return nil }},
		{name: "set", min: 3, group: "programming", syntax: "set more|linesize|seed|type double|matsize|maxvar|varabbrev ... (no effect)", run: (*Session).cmdSet},
		{name: "cd", min: 2, group: "programming", syntax: "cd directory", run: (*Session).cmdCd},
		{name: "pwd", min: 3, group: "programming", syntax: "pwd", run: (*Session).cmdPwd},
		{name: "log", min: 3, group: "programming", syntax: "log using filename [, replace text] | log close", run: (*Session).cmdLog},
		// econb extensions
		{name: "malmquist", min: 9, group: "extension", syntax: "malmquist inputs = outputs [if] [in], dmu(var) period(var) [orient(in|out) generate(tfp tc ec) indices(tfpch techch effch) replace]", run: (*Session).cmdMalmquist},
	}
}

// lookup finds the command named (or abbreviated) w.
func lookup(w string) *cmdSpec {
	for _, c := range commandTable {
		if c.name == w {
			return c
		}
	}
	for _, c := range commandTable {
		if abbrev(w, c.name, c.min) {
			return c
		}
	}
	return nil
}

// Supported lists the commands econb runs, by group, as the error for an
// unknown command prints it.
func Supported() string {
	groups := []string{"data", "estimation", "results", "programming", "extension"}
	titles := map[string]string{"data": "data", "estimation": "estimation", "results": "results",
		"programming": "programming (also foreach, forvalues, while, quietly, noisily, capture, by, bysort)", "extension": "econb extensions"}
	var parts []string
	for _, g := range groups {
		var names []string
		for _, c := range commandTable {
			if c.group == g {
				names = append(names, c.name)
			}
		}
		parts = append(parts, titles[g]+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// CommandSyntax returns the syntax line of every supported command, in
// table order (for documentation and `econb do -h`).
func CommandSyntax() []string {
	var out []string
	for _, c := range commandTable {
		out = append(out, c.syntax)
	}
	return out
}

// command runs one (non-block) statement: expands macros, echoes it, then
// runs it with its prefixes.
func (s *Session) command(l Line, els []stmt) error {
	text, err := s.expand(l.Text)
	if err != nil {
		return s.wrap(l, l.Text, err)
	}
	if s.nest == 0 {
		s.echo(l.Text) // as written, macros unexpanded, as Stata's log shows it
	}
	if err := s.prefixed(l, text, els); err != nil {
		return s.wrap(l, text, err)
	}
	return nil
}

// expand substitutes the macros of a command.
func (s *Session) expand(text string) (string, error) {
	x := &expander{
		m: s.m,
		eval: func(exp string) (string, error) {
			v, err := s.evalScalar(exp)
			if err != nil {
				return "", err
			}
			if v.isStr {
				return v.str, nil
			}
			return formatMacroNumber(v.num), nil
		},
		ext: func(fn string) (string, error) { return extendedFunction(fn, s.m, s.varLabel, s.varType) },
	}
	return x.Expand(text)
}

func (s *Session) varLabel(v string) (string, error) {
	if !s.data.Has(v) {
		return "", unknownVar(v, s.data.Names())
	}
	return s.data.Label(v), nil
}

func (s *Session) varType(v string) (string, error) {
	c, err := s.data.Col(v)
	if err != nil {
		return "", unknownVar(v, s.data.Names())
	}
	switch c.Kind() {
	case frame.Float:
		return "double", nil
	case frame.Int:
		return "long", nil
	}
	return "strL", nil
}

// byPrefix is by varlist [(varlist)]: or bysort.
type byPrefix struct {
	vars, within []string
	sort         bool
}

// prefixed strips the prefixes quietly, noisily, capture, by, bysort and
// eststo, and runs the command under them.
func (s *Session) prefixed(l Line, text string, els []stmt) error {
	var p prefixes
	var by *byPrefix
	var eststo *string
	for {
		w := firstWord(text)
		rest := strings.TrimSpace(text[len(w):])
		switch {
		case w == "":
			return fmt.Errorf("unrecognized command: %q is not a Stata command: %w", clip(text, 40), errUnrecognized)
		case p.set(w):
		case w == "by" || abbrev(w, "bysort", 3):
			head, cmd, ok := cutColon(rest)
			if !ok {
				return syntaxErr(w, "no \":\" after the variables", "by varlist [(varlist)]: command")
			}
			b, err := s.parseBy(head, w != "by")
			if err != nil {
				return err
			}
			by, rest = b, cmd
		case w == "eststo" && strings.Contains(rest, ":"):
			head, cmd, ok := cutColon(rest)
			if !ok || strings.ContainsAny(head, " \t") {
				return s.run(l, text, nil, els)
			}
			name := strings.TrimSpace(head)
			eststo, rest = &name, cmd
		default:
			if p != (prefixes{}) {
				return s.withPrefixes(p, func() error { return s.eststoRun(l, text, by, eststo, els) })
			}
			return s.eststoRun(l, text, by, eststo, els)
		}
		text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
	}
}

// cutColon splits "a b (c): rest" at the first top-level colon.
func cutColon(s string) (head, rest string, ok bool) {
	at := -1
	scanTop(s, func(i int) bool {
		if s[i] == ':' {
			at = i
			return false
		}
		return true
	})
	if at < 0 {
		return "", "", false
	}
	return strings.TrimSpace(s[:at]), strings.TrimSpace(s[at+1:]), true
}

// parseBy reads "varlist [(varlist)]" (and ", sort") of a by prefix.
func (s *Session) parseBy(head string, sortIt bool) (*byPrefix, error) {
	main, opts := splitComma(head)
	if strings.TrimSpace(opts) == "sort" {
		sortIt = true
	} else if opts != "" {
		return nil, syntaxErr("by", fmt.Sprintf("option %q", opts), "by varlist [(varlist)] [, sort]: command")
	}
	b := &byPrefix{sort: sortIt}
	if k := strings.Index(main, "("); k >= 0 {
		end := strings.LastIndex(main, ")")
		if end < k {
			return nil, syntaxErr("by", "unclosed \"(\"", "by varlist [(varlist)]: command")
		}
		w, err := Varlist(s.data, main[k+1:end])
		if err != nil {
			return nil, fmt.Errorf("by: %w", err)
		}
		b.within = w
		main = main[:k]
	}
	v, err := Varlist(s.data, main)
	if err != nil {
		return nil, fmt.Errorf("by: %w", err)
	}
	if len(v) == 0 {
		return nil, syntaxErr("by", "no variables", "by varlist [(varlist)]: command")
	}
	b.vars = v
	return b, nil
}

// eststoRun runs a command, storing its estimates under eststo's name.
func (s *Session) eststoRun(l Line, text string, by *byPrefix, eststo *string, els []stmt) error {
	if err := s.run(l, text, by, els); err != nil {
		return err
	}
	if eststo != nil {
		if s.e == nil {
			return fmt.Errorf("eststo: the command stored no estimates: %w", ErrState)
		}
		return s.store(*eststo, true)
	}
	return nil
}

// run dispatches a command without prefixes.
func (s *Session) run(l Line, text string, by *byPrefix, els []stmt) error {
	name := firstWord(text)
	args := strings.TrimSpace(text[len(name):])
	if name == "" {
		return fmt.Errorf("unrecognized command: %q is not a Stata command: %w", clip(text, 40), errUnrecognized)
	}
	spec := lookup(name)
	if spec == nil {
		return fmt.Errorf("unrecognized command: %s is not in the subset of Stata that econb runs. Supported: %s. The options of each: econb do -h and lib/stata/doc.go: %w", name, Supported(), errUnrecognized)
	}
	c := &cmdCall{Line: l, Text: text, Name: name, Args: args, By: by, els: els}
	if by != nil {
		if !spec.by {
			return fmt.Errorf("by: %s does not take by/bysort in econb (generate, replace, egen, keep and drop do): %w", spec.name, ErrUnsupported)
		}
		codes, err := s.applyBy(by)
		if err != nil {
			return err
		}
		c.codes = codes
	}
	return spec.run(s, c)
}

// applyBy sorts the data for bysort (or checks the order for by) and
// returns the by-group of each row.
func (s *Session) applyBy(b *byPrefix) ([]int32, error) {
	keys := append(append([]string(nil), b.vars...), b.within...)
	if b.sort {
		g, err := s.data.Sort(keys...)
		if err != nil {
			return nil, fmt.Errorf("bysort: %w", err)
		}
		s.data = g.WithNotes(nil)
	} else {
		ok, err := s.data.IsSorted(keys...)
		if err != nil {
			return nil, fmt.Errorf("by: %w", err)
		}
		if !ok {
			return nil, fmt.Errorf("by %s: not sorted; sort %s first, or write bysort: %w", strings.Join(keys, " "), strings.Join(keys, " "), ErrState)
		}
	}
	return groupCodes(s.data, b.vars)
}

// groupCodes gives each row the code of its combination of vars (a
// missing value is a group of its own, as Stata's by).
func groupCodes(f *frame.Frame, vars []string) ([]int32, error) {
	n := f.Len()
	codes := make([]int32, n)
	for _, v := range vars {
		c, _, err := f.Codes(v)
		if err != nil {
			return nil, err
		}
		next := map[[2]int32]int32{}
		for r := 0; r < n; r++ {
			k := [2]int32{codes[r], int32(c[r])}
			id, ok := next[k]
			if !ok {
				id = int32(len(next))
				next[k] = id
			}
			codes[r] = id
		}
	}
	return codes, nil
}

// ---- programming commands

func (s *Session) cmdLocal(c *cmdCall) error  { return s.defineMacro(c, s.m.locals, "local") }
func (s *Session) cmdGlobal(c *cmdCall) error { return s.defineMacro(c, s.m.globals, "global") }

// defineMacro runs local/global: name [= exp | : fn | text], ++name, --name.
func (s *Session) defineMacro(c *cmdCall, m map[string]string, cmd string) error {
	a := c.Args
	if strings.HasPrefix(a, "++") || strings.HasPrefix(a, "--") {
		if cmd != "local" {
			return fmt.Errorf("global %s: ++ and -- work on locals: %w", a, ErrSyntax)
		}
		_, err := s.m.increment(strings.TrimSpace(a[2:]), a[0] == '+')
		return err
	}
	name := firstWord(a)
	if name == "" || !validName(name) && !(len(name) <= 32 && name[0] >= '0' && name[0] <= '9') {
		return syntaxErr(cmd, fmt.Sprintf("%q is not a macro name", clip(a, 30)), "name [= exp | : function | text]")
	}
	rest := a[len(name):]
	t := strings.TrimSpace(rest)
	var v string
	switch {
	case strings.HasPrefix(t, "="):
		val, err := s.evalScalar(t[1:])
		if err != nil {
			return fmt.Errorf("%s %s =: %w", cmd, name, err)
		}
		v = formatMacroNumber(val.num)
		if val.isStr {
			v = val.str
		}
	case strings.HasPrefix(t, ":"):
		r, err := extendedFunction(strings.TrimSpace(t[1:]), s.m, s.varLabel, s.varType)
		if err != nil {
			return fmt.Errorf("%s %s: %w", cmd, name, err)
		}
		v = r
	default:
		v = unquote(t)
	}
	if len(v) > maxMacro {
		return fmt.Errorf("%s %s: the value is longer than %d bytes: %w", cmd, name, maxMacro, ErrMacro)
	}
	if v == "" {
		delete(m, name)
		return nil
	}
	m[name] = v
	return nil
}

func (s *Session) cmdScalar(c *cmdCall) error {
	a := strings.TrimSpace(c.Args)
	if w := firstWord(a); abbrev(w, "define", 2) && strings.Contains(a, "=") && w != "" && !strings.HasPrefix(strings.TrimSpace(a[len(w):]), "=") {
		a = strings.TrimSpace(a[len(w):])
	}
	switch w := firstWord(a); {
	case w == "drop":
		for _, n := range strings.Fields(a[len(w):]) {
			if n == "_all" {
				s.scalars = map[string]float64{}
				continue
			}
			if _, ok := s.scalars[n]; !ok {
				return fmt.Errorf("scalar drop: scalar %s not found: %w", n, ErrState)
			}
			delete(s.scalars, n)
		}
		return nil
	case w == "list" || w == "dir":
		names := make([]string, 0, len(s.scalars))
		for k := range s.scalars {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			s.printf("%12s = %s\n", k, defaultNumber(s.scalars[k]))
		}
		return nil
	}
	name, exp, ok := strings.Cut(a, "=")
	name = strings.TrimSpace(name)
	if !ok || !validName(name) {
		return syntaxErr("scalar", fmt.Sprintf("%q is not name = exp", clip(a, 40)), "[define] name = exp")
	}
	v, err := s.evalScalar(exp)
	if err != nil {
		return fmt.Errorf("scalar %s: %w", name, err)
	}
	if v.isStr {
		return fmt.Errorf("scalar %s: string scalars are not supported; use a local macro: local %s %s: %w", name, name, strings.TrimSpace(exp), ErrUnsupported)
	}
	s.scalars[name] = v.num
	return nil
}

// cmdIf runs the one-line "if exp command" (and its else).
func (s *Session) cmdIf(c *cmdCall) error {
	exp, rest := exprPrefix(c.Args)
	if exp == "" || rest == "" {
		return syntaxErr("if", "no command after the condition", "if exp command | if exp { ... }")
	}
	ok, err := s.truth(exp)
	if err != nil {
		return fmt.Errorf("if: %w", err)
	}
	if ok {
		return s.prefixed(c.Line, rest, nil)
	}
	if c.els != nil {
		return s.loopBody(c.els)
	}
	return nil
}

// exprPrefix splits "exp command" where the expression ends: the first
// place where two operands meet without an operator.
func exprPrefix(s string) (exp, rest string) {
	toks, err := exprTokens(s)
	if err != nil || len(toks) == 0 {
		return "", ""
	}
	pos := 0
	for i, t := range toks {
		at := strings.Index(s[pos:], t.text)
		if at < 0 {
			return "", ""
		}
		start := pos + at
		if i > 0 && operand(toks[i-1]) && operand(t) {
			return strings.TrimSpace(s[:start]), strings.TrimSpace(s[start:])
		}
		pos = start + len(t.text)
	}
	return strings.TrimSpace(s), ""
}

func (s *Session) cmdContinue(c *cmdCall) error {
	if s.nest == 0 {
		return fmt.Errorf("continue: not inside a loop: %w", ErrSyntax)
	}
	if strings.Contains(c.Args, "break") {
		return errBreak
	}
	return errContinue
}

func (s *Session) cmdExit(c *cmdCall) error {
	a := strings.TrimSpace(c.Args)
	main, _ := splitComma(a)
	if main != "" && main != "0" {
		return fmt.Errorf("exit %s: the do-file stopped with return code %s: %w", main, main, ErrState)
	}
	return errExit
}

// cmdSet accepts the settings that change nothing in econb.
func (s *Session) cmdSet(c *cmdCall) error {
	f := strings.Fields(c.Args)
	if len(f) == 0 {
		return syntaxErr("set", "nothing to set", "set more off")
	}
	switch f[0] {
	case "more", "linesize", "seed", "matsize", "maxvar", "rmsg", "trace", "graphics", "emptycells", "scheme", "output", "niceness", "segmentsize", "dp":
		return nil
	case "type":
		if len(f) == 2 && f[1] == "double" {
			return nil
		}
		return fmt.Errorf("set type %s: econb stores every number as a double (set type double): %w", strings.Join(f[1:], " "), ErrUnsupported)
	case "varabbrev":
		if len(f) == 2 && f[1] == "on" {
			return nil
		}
		return fmt.Errorf("set varabbrev %s: econb always accepts unique abbreviations of variable names: %w", strings.Join(f[1:], " "), ErrUnsupported)
	}
	return fmt.Errorf("set %s is not supported (econb accepts set more, linesize, seed, matsize, maxvar, type double, varabbrev on, which change nothing here): %w", f[0], ErrUnsupported)
}
