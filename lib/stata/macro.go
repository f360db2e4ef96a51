package stata

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrMacro is wrapped by errors of macro expansion and definition.
var ErrMacro = errors.New("stata: macro error")

// maxMacro bounds a macro's value and an expanded command (bytes), so that
// a loop doubling a macro stops with an error instead of eating the memory.
const maxMacro = 1 << 20

// maxNesting bounds nested macro references (`a`b`c””).
const maxNesting = 64

// macros are the do-file's local and global macros ([P] macro).
type macros struct {
	locals  map[string]string
	globals map[string]string
}

func newMacros() *macros {
	return &macros{locals: map[string]string{}, globals: map[string]string{}}
}

// expander expands one command's macros; eval evaluates `=exp'; ext runs
// an extended function `:fn'.
type expander struct {
	m    *macros
	eval func(exp string) (string, error)
	ext  func(fn string) (string, error)
}

// Expand substitutes the macros of text as Stata does before it runs a
// command: `name' is the local macro, $name and ${name} the global, nested
// references expand from the inside (`a`i”), `=exp' is the value of the
// expression and `:fn' an extended function. An undefined macro is empty.
// Compound quotes `"..."' are text, not macros.
func (x *expander) Expand(text string) (string, error) {
	var b strings.Builder
	if err := x.expandInto(&b, text, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (x *expander) expandInto(b *strings.Builder, s string, depth int) error {
	for i := 0; i < len(s); {
		if b.Len() > maxMacro {
			return fmt.Errorf("the command is longer than %d bytes after macro expansion: %w", maxMacro, ErrMacro)
		}
		c := s[i]
		switch {
		case c == '`' && i+1 < len(s) && s[i+1] == '"':
			b.WriteString("`\"")
			i += 2
		case c == '`':
			v, next, err := x.reference(s, i, depth)
			if err != nil {
				return err
			}
			b.WriteString(v)
			i = next
		case c == '$':
			v, next, ok := x.global(s, i, depth)
			if !ok {
				b.WriteByte('$')
				i++
				continue
			}
			b.WriteString(v)
			i = next
		default:
			b.WriteByte(c)
			i++
		}
	}
	return nil
}

// reference expands the local macro reference starting at s[i] == '`' and
// returns its value and the index after its closing quote.
func (x *expander) reference(s string, i, depth int) (string, int, error) {
	if depth >= maxNesting {
		return "", 0, fmt.Errorf("macro references nested more than %d deep: %w", maxNesting, ErrMacro)
	}
	var name strings.Builder
	j := i + 1
	for {
		if j >= len(s) {
			return "", 0, fmt.Errorf("the macro reference %q has no closing ' (Stata's local macros are written `name'): %w", clip(s[i:], 40), ErrMacro)
		}
		c := s[j]
		switch {
		case c == '\'':
			v, err := x.value(name.String(), depth)
			return v, j + 1, err
		case c == '`' && !(j+1 < len(s) && s[j+1] == '"'):
			v, next, err := x.reference(s, j, depth+1)
			if err != nil {
				return "", 0, err
			}
			name.WriteString(v)
			j = next
		case c == '$':
			v, next, ok := x.global(s, j, depth+1)
			if !ok {
				name.WriteByte('$')
				j++
				continue
			}
			name.WriteString(v)
			j = next
		default:
			name.WriteByte(c)
			j++
		}
		if name.Len() > maxMacro {
			return "", 0, fmt.Errorf("macro name too long: %w", ErrMacro)
		}
	}
}

// value is what the reference `inner' stands for.
func (x *expander) value(inner string, depth int) (string, error) {
	switch {
	case strings.HasPrefix(inner, "="):
		if x.eval == nil {
			return "", fmt.Errorf("`%s': expressions in macros are not available here: %w", inner, ErrMacro)
		}
		return x.eval(inner[1:])
	case strings.HasPrefix(inner, ":"):
		if x.ext == nil {
			return "", fmt.Errorf("`%s': extended macro functions are not available here: %w", inner, ErrMacro)
		}
		return x.ext(strings.TrimSpace(inner[1:]))
	case strings.HasPrefix(inner, "++") || strings.HasPrefix(inner, "--"):
		name := strings.TrimSpace(inner[2:])
		v, err := x.m.increment(name, inner[:1] == "+")
		return v, err
	case strings.HasSuffix(inner, "++") || strings.HasSuffix(inner, "--"):
		name := strings.TrimSpace(inner[:len(inner)-2])
		old := x.m.locals[name]
		_, err := x.m.increment(name, inner[len(inner)-1] == '+')
		return old, err
	}
	return x.m.locals[strings.TrimSpace(inner)], nil
}

// global expands $name or ${name} at s[i] == '$'; ok is false when no
// name follows (a literal $).
func (x *expander) global(s string, i, depth int) (string, int, bool) {
	if i+1 < len(s) && s[i+1] == '{' {
		end := strings.IndexByte(s[i+2:], '}')
		if end < 0 {
			return "", 0, false
		}
		inner := s[i+2 : i+2+end]
		if strings.Contains(inner, "`") && depth < maxNesting {
			var b strings.Builder
			if x.expandInto(&b, inner, depth+1) == nil {
				inner = b.String()
			}
		}
		return x.m.globals[strings.TrimSpace(inner)], i + 3 + end, true
	}
	j := i + 1
	for j < len(s) && (isNameByte(s[j])) && j-i <= 32 {
		j++
	}
	if j == i+1 || s[i+1] >= '0' && s[i+1] <= '9' {
		return "", 0, false
	}
	return x.m.globals[s[i+1:j]], j, true
}

// increment adds or subtracts 1 from a local macro holding an integer
// (local ++i; `++i').
func (m *macros) increment(name string, up bool) (string, error) {
	if !validName(name) {
		return "", fmt.Errorf("%q is not a macro name: %w", name, ErrMacro)
	}
	v := 0
	if s := strings.TrimSpace(m.locals[name]); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return "", fmt.Errorf("local %s is %q, not an integer; ++ and -- count: %w", name, s, ErrMacro)
		}
		v = n
	}
	if up {
		v++
	} else {
		v--
	}
	m.locals[name] = strconv.Itoa(v)
	return m.locals[name], nil
}

// words splits text into Stata's words: blank-separated, with "..." and
// `"..."' keeping blanks inside one word (the quotes removed).
func words(text string) []string {
	var out []string
	s := strings.TrimSpace(text)
	for s != "" {
		switch {
		case strings.HasPrefix(s, "`\""):
			end := matchCompound(s)
			if end < 0 {
				out = append(out, s[2:])
				return out
			}
			out = append(out, s[2:end])
			s = strings.TrimSpace(s[end+2:])
		case s[0] == '"':
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				out = append(out, s[1:])
				return out
			}
			out = append(out, s[1:1+end])
			s = strings.TrimSpace(s[end+2:])
		default:
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				out = append(out, s)
				return out
			}
			out = append(out, s[:end])
			s = strings.TrimSpace(s[end:])
		}
	}
	return out
}

// matchCompound returns the index of the "' closing the compound quote
// that s starts with, or -1.
func matchCompound(s string) int {
	depth := 0
	for i := 0; i+1 < len(s); i++ {
		switch {
		case s[i] == '`' && s[i+1] == '"':
			depth++
			i++
		case s[i] == '"' && s[i+1] == '\'':
			depth--
			if depth == 0 {
				return i
			}
			i++
		}
	}
	return -1
}

// unquote removes one level of outer quotes, "..." or `"..."', as local
// does when it stores a quoted string.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "`\"") && strings.HasSuffix(s, "\"'") && len(s) >= 4 && matchCompound(s) == len(s)-2:
		return s[2 : len(s)-2]
	case len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' && !strings.Contains(s[1:len(s)-1], "\""):
		return s[1 : len(s)-1]
	}
	return s
}

// extendedFunction runs the extended macro functions econb knows: word
// count, word # of, list sizeof|uniq|sort, variable label, type and
// piece-free helpers; others are an error naming them.
func extendedFunction(fn string, m *macros, label func(v string) (string, error), vtype func(v string) (string, error)) (string, error) {
	f := strings.Fields(fn)
	if len(f) == 0 {
		return "", fmt.Errorf("empty extended macro function after \":\": %w", ErrMacro)
	}
	rest := func(k int) string { return afterWords(fn, k) }
	switch {
	case len(f) >= 2 && f[0] == "word" && f[1] == "count":
		return strconv.Itoa(len(words(rest(2)))), nil
	case len(f) >= 3 && f[0] == "word" && f[2] == "of":
		k, err := strconv.Atoi(f[1])
		if err != nil || k < 1 {
			return "", fmt.Errorf(": word %s of: the word number must be a positive integer: %w", f[1], ErrMacro)
		}
		w := words(rest(3))
		if k > len(w) {
			return "", nil
		}
		return w[k-1], nil
	case len(f) == 3 && f[0] == "list":
		w := words(m.locals[f[2]])
		switch f[1] {
		case "sizeof":
			return strconv.Itoa(len(w)), nil
		case "uniq":
			seen := map[string]bool{}
			var out []string
			for _, x := range w {
				if !seen[x] {
					seen[x] = true
					out = append(out, x)
				}
			}
			return strings.Join(out, " "), nil
		case "sort":
			out := append([]string(nil), w...)
			slices.Sort(out)
			return strings.Join(out, " "), nil
		}
	case len(f) == 3 && (f[0] == "variable" || f[0] == "var") && (f[1] == "label" || f[1] == "lab"):
		return label(f[2])
	case len(f) == 2 && f[0] == "type":
		return vtype(f[1])
	}
	return "", fmt.Errorf("extended macro function \":%s\" is not supported; econb has : word count, : word # of, : list sizeof|uniq|sort, : variable label, : type: %w", clip(fn, 40), ErrUnsupported)
}
