package stata

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/internal/suggest"
)

// ErrSyntax is wrapped by errors about how a command is written.
var ErrSyntax = errors.New("stata: invalid syntax")

// syntaxErr reports a malformed command, restating its syntax.
func syntaxErr(cmd, msg, syntax string) error {
	return fmt.Errorf("%s: %s; the syntax is: %s %s: %w", cmd, msg, cmd, syntax, ErrSyntax)
}

// scanTop calls f for each byte of s outside quotes ("…", `"…"') and
// brackets ((…), […], {…}), with its position; f returns false to stop.
func scanTop(s string, f func(i int) bool) {
	depth := 0
	inq := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inq:
			if c == '"' {
				inq = false
			}
			continue
		case c == '"':
			inq = true
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
			continue
		case c == ')' || c == ']' || c == '}':
			depth--
			continue
		}
		if depth == 0 && !f(i) {
			return
		}
	}
}

// splitComma splits a command's arguments at the first comma outside
// quotes and brackets: "x y if z, by(a)" → "x y if z", "by(a)".
func splitComma(s string) (main, opts string) {
	at := -1
	scanTop(s, func(i int) bool {
		if s[i] == ',' {
			at = i
			return false
		}
		return true
	})
	if at < 0 {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:at]), strings.TrimSpace(s[at+1:])
}

// keywordAt finds the first top-level occurrence of the word kw ("if",
// "in", "using") in s: surrounded by spaces or at the start.
func keywordAt(s, kw string) int {
	at := -1
	scanTop(s, func(i int) bool {
		if strings.HasPrefix(s[i:], kw) && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			end := i + len(kw)
			if end == len(s) || s[end] == ' ' || s[end] == '\t' {
				at = i
				return false
			}
		}
		return true
	})
	return at
}

// qualifiers are a command's "if exp" and "in range".
type qualifiers struct {
	If string // the expression after if, "" for none
	In string // the range after in, "" for none
}

// cutQualifiers removes "if exp" and "in range" from the end of s (in
// either order), as Stata's syntax allows them after the varlist or
// expression.
func cutQualifiers(s string) (string, qualifiers) {
	var q qualifiers
	for {
		i, j := keywordAt(s, "if"), keywordAt(s, "in")
		switch {
		case i >= 0 && (j < 0 || i > j):
			q.If = strings.TrimSpace(s[i+2:])
			s = strings.TrimSpace(s[:i])
		case j >= 0:
			q.In = strings.TrimSpace(s[j+2:])
			s = strings.TrimSpace(s[:j])
		default:
			return s, q
		}
	}
}

// option is one of a command's options: name, or name(arg).
type option struct {
	Name string
	Arg  string
	Has  bool // written with parentheses
}

// options is a command's option list, in order.
type options []option

// parseOptions reads "keep(match master) nogenerate by(a b)".
func parseOptions(s string) (options, error) {
	var out options
	s = strings.TrimSpace(s)
	for s != "" {
		i := 0
		for i < len(s) && (isNameByte(s[i])) {
			i++
		}
		if i == 0 {
			return nil, fmt.Errorf("option list: unexpected %q", s)
		}
		o := option{Name: s[:i]}
		s = strings.TrimLeft(s[i:], " \t")
		if strings.HasPrefix(s, "(") {
			depth, end := 0, -1
			for k := 0; k < len(s) && end < 0; k++ {
				switch s[k] {
				case '(':
					depth++
				case ')':
					depth--
					if depth == 0 {
						end = k
					}
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("option %s: unclosed \"(\"", o.Name)
			}
			o.Arg, o.Has = strings.TrimSpace(s[1:end]), true
			s = strings.TrimLeft(s[end+1:], " \t,")
		}
		out = append(out, o)
	}
	return out, nil
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// take returns the option called name (or any of its accepted
// abbreviations, Stata-style: the shortest is given as min letters) and
// removes it from o.
func (o *options) take(name string, min int) (option, bool) {
	for i, x := range *o {
		if len(x.Name) >= min && len(x.Name) <= len(name) && strings.HasPrefix(name, x.Name) {
			*o = append((*o)[:i], (*o)[i+1:]...)
			return x, true
		}
	}
	return option{}, false
}

// flag reports whether option name (no argument) was given.
func (o *options) flag(name string, min int) bool {
	_, ok := o.take(name, min)
	return ok
}

// arg returns the argument of option name(arg) ("" when absent).
func (o *options) arg(name string, min int) string {
	x, _ := o.take(name, min)
	return x.Arg
}

// rest is an error naming the options left over, if any.
func (o options) rest(cmd string) error {
	if len(o) == 0 {
		return nil
	}
	names := make([]string, len(o))
	for i, x := range o {
		names[i] = x.Name
	}
	return fmt.Errorf("%s: option %s not allowed: %w", cmd, strings.Join(names, ", "), ErrSyntax)
}

// Varlist expands a Stata variable list against f's columns, in order:
// names, wildcards (dyear* matches dyear2004 ...; ? one character; * alone
// all variables), ranges (x1-x5: every column from x1 to x5 in the frame's
// order) and unique abbreviations (gd for gdp when no other column starts
// with gd), as Stata's varlist does. A name that matches nothing is an
// error with "did you mean".
func Varlist(f *frame.Frame, spec string) ([]string, error) {
	names := f.Names()
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	toks := strings.Fields(spec)
	for k := 0; k < len(toks); k++ {
		tok := toks[k]
		// "x1 - x5" written with spaces, as Stata allows.
		if k+2 < len(toks) && toks[k+1] == "-" {
			tok = tok + "-" + toks[k+2]
			k += 2
		}
		switch {
		case strings.ContainsAny(tok, "*?~"):
			pat := strings.ReplaceAll(tok, "~", "?")
			n := 0
			for _, c := range names {
				if ok, _ := filepath.Match(pat, c); ok {
					add(c)
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("variable %s not found: no variable matches the wildcard: %w", tok, frame.ErrUnknownColumn)
			}
		case strings.Contains(tok, "-") && !f.Has(tok):
			a, b, _ := strings.Cut(tok, "-")
			ia, ib := index(names, a), index(names, b)
			if ia < 0 || ib < 0 {
				missing := a
				if ia >= 0 {
					missing = b
				}
				return nil, unknownVar(missing, names)
			}
			if ia > ib {
				return nil, fmt.Errorf("variable range %s: %s comes after %s in the dataset; write %s-%s: %w", tok, a, b, b, a, ErrSyntax)
			}
			for _, c := range names[ia : ib+1] {
				add(c)
			}
		default:
			if f.Has(tok) {
				add(tok)
				continue
			}
			var cands []string
			for _, c := range names {
				if strings.HasPrefix(c, tok) {
					cands = append(cands, c)
				}
			}
			switch len(cands) {
			case 1:
				add(cands[0])
			case 0:
				return nil, unknownVar(tok, names)
			default:
				return nil, fmt.Errorf("%s ambiguous abbreviation: it could be %s: %w", tok, strings.Join(cands, ", "), frame.ErrUnknownColumn)
			}
		}
	}
	return out, nil
}

func index(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// unknownVar is Stata's "variable x not found", with the closest name.
func unknownVar(name string, names []string) error {
	msg := fmt.Sprintf("variable %s not found", name)
	if s, ok := suggest.Closest(name, names); ok {
		msg += fmt.Sprintf("; did you mean %s?", s)
	}
	return fmt.Errorf("%s: %w", msg, frame.ErrUnknownColumn)
}

// inRange turns Stata's "in range" (#, #/#, f, l, negative counts from the
// end) into 0-based rows [lo, hi) of a frame of n rows.
func inRange(spec string, n int) (lo, hi int, err error) {
	bound := func(s string) (int, error) {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "f", "first":
			return 1, nil
		case "l", "last":
			return n, nil
		}
		v, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return 0, fmt.Errorf("in %s: %q is not an observation number (use #, #/#, f or l): %w", spec, s, ErrSyntax)
		}
		if v < 0 {
			v = n + 1 + v
		}
		return v, nil
	}
	a, b, isRange := strings.Cut(spec, "/")
	first, err := bound(a)
	if err != nil {
		return 0, 0, err
	}
	last := first
	if isRange {
		if last, err = bound(b); err != nil {
			return 0, 0, err
		}
	}
	if first < 1 || last > n || first > last {
		return 0, 0, fmt.Errorf("in %s: observation numbers out of range (the data have %d observations): %w", spec, n, ErrSyntax)
	}
	return first - 1, last, nil
}

// assignment splits "[type] newvar = exp" into the name and the expression
// (a storage type such as double, float, byte, str20 is accepted and
// ignored: econb stores numbers as doubles and strings as strings).
func assignment(cmd, s, syntax string) (name, exp string, err error) {
	lhs, rhs, ok := strings.Cut(s, "=")
	if !ok || strings.HasPrefix(rhs, "=") {
		return "", "", syntaxErr(cmd, "no \"=\" after the variable name", syntax)
	}
	f := strings.Fields(lhs)
	switch {
	case len(f) == 2 && isStorageType(f[0]):
		name = f[1]
	case len(f) == 1:
		name = f[0]
	default:
		return "", "", syntaxErr(cmd, fmt.Sprintf("%q before \"=\" is not a variable name", strings.TrimSpace(lhs)), syntax)
	}
	if !validName(name) {
		return "", "", fmt.Errorf("%s: %q is not a valid variable name (letters, digits and _, not starting with a digit): %w", cmd, name, ErrSyntax)
	}
	exp = strings.TrimSpace(rhs)
	if exp == "" {
		return "", "", syntaxErr(cmd, "no expression after \"=\"", syntax)
	}
	return name, exp, nil
}

func isStorageType(s string) bool {
	switch s {
	case "byte", "int", "long", "float", "double", "strL":
		return true
	}
	if strings.HasPrefix(s, "str") {
		_, err := strconv.Atoi(s[3:])
		return err == nil
	}
	return false
}

// validName reports whether s is a Stata variable name.
func validName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}
