package stata

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/panel"
)

// value is the value of a scalar expression: a number or a string.
type value struct {
	num   float64
	str   string
	isStr bool
}

// scalarSource is the Source a scalar expression (display, if, local =,
// scalar =) reads: the data's variables (a variable is its first
// observation, as Stata's display x shows x[1]) and the scalars, which a
// variable of the same name hides, as in Stata.
type scalarSource struct {
	f       *frame.Frame
	n       int
	scalars map[string]float64
}

func (s *Session) scalarSource() *scalarSource {
	sc := make(map[string]float64, len(s.scalars)+1)
	for k, v := range s.scalars {
		sc[k] = v
	}
	sc["_rc"] = float64(s.rc)
	n := s.data.Len()
	if n == 0 {
		n = 1
	}
	return &scalarSource{f: s.data, n: n, scalars: sc}
}

func (x *scalarSource) Len() int { return x.n }

func (x *scalarSource) Names() []string {
	names := x.f.Names()
	var sc []string
	for k := range x.scalars {
		if !x.f.Has(k) {
			sc = append(sc, k)
		}
	}
	sort.Strings(sc)
	return append(names, sc...)
}

func (x *scalarSource) Numeric(name string) ([]float64, bool) {
	if x.f.Len() > 0 {
		if v, ok := x.f.Numeric(name); ok {
			return v, true
		}
		if x.f.Has(name) {
			return nil, false
		}
	}
	v, ok := x.scalars[name]
	if !ok {
		return nil, false
	}
	col := make([]float64, x.n)
	for i := range col {
		col[i] = v
	}
	return col, true
}

func (x *scalarSource) Text(name string) ([]int32, []string, bool) {
	if x.f.Len() == 0 {
		return nil, nil, false
	}
	return x.f.Text(name)
}

func (x *scalarSource) Panel() *panel.Index {
	if x.f.Len() == 0 {
		return nil
	}
	return x.f.Panel()
}

// evalScalar evaluates a scalar expression after substituting e(), r(),
// _b[] and _se[].
func (s *Session) evalScalar(text string) (value, error) {
	t, err := s.resolve(text, false)
	if err != nil {
		return value{}, err
	}
	if strings.TrimSpace(t) == "" {
		return value{}, fmt.Errorf("no expression: %w", ErrSyntax)
	}
	node, err := expr.Parse(t)
	if err != nil {
		return value{}, err
	}
	src := s.scalarSource()
	p, err := expr.Compile(node, src, expr.Options{Src: t})
	if err != nil {
		return value{}, err
	}
	mask := make([]bool, src.n)
	mask[0] = true
	c := p.RunMask(mask)
	if c.Type == expr.String {
		return value{str: c.Str[0], isStr: true}, nil
	}
	return value{num: c.Num[0]}, nil
}

// truth evaluates a condition (if, while): true unless it is zero; a
// string is an error.
func (s *Session) truth(cond string) (bool, error) {
	v, err := s.evalScalar(cond)
	if err != nil {
		return false, err
	}
	if v.isStr {
		return false, fmt.Errorf("%s is a string, not a condition; compare it: %s == \"...\": %w", cond, cond, expr.ErrType)
	}
	return v.num != 0, nil
}

// resolve substitutes the results a command may refer to in its text,
// outside string literals: e(name) and r(name) (the last estimation and
// r-class command: numbers, or quoted strings such as e(cmd)), _b[name]
// and _se[name] (coefficients and standard errors of the last estimates,
// by their Stata names: _b[L.sagg]), c(N) and c(k); with scalars also the
// scalars that no variable hides (for gen, replace and the other data
// commands, which read the data directly).
func (s *Session) resolve(text string, scalars bool) (string, error) {
	if !strings.ContainsAny(text, "([") && !scalars {
		return text, nil
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '`' && i+1 < len(text) && text[i+1] == '"':
			end := matchCompound(text[i:])
			if end < 0 {
				b.WriteString(text[i:])
				return b.String(), nil
			}
			b.WriteString(text[i : i+end+2])
			i += end + 2
		case c == '"':
			end := strings.IndexByte(text[i+1:], '"')
			if end < 0 {
				b.WriteString(text[i:])
				return b.String(), nil
			}
			b.WriteString(text[i : i+end+2])
			i += end + 2
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9':
			j := i
			for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '.') {
				j++
			}
			if j < len(text) && (text[j] == 'e' || text[j] == 'E') {
				k := j + 1
				if k < len(text) && (text[k] == '+' || text[k] == '-') {
					k++
				}
				if k < len(text) && text[k] >= '0' && text[k] <= '9' {
					for k < len(text) && text[k] >= '0' && text[k] <= '9' {
						k++
					}
					j = k
				}
			}
			b.WriteString(text[i:j])
			i = j
		case isNameByte(c):
			j := i
			for j < len(text) && isNameByte(text[j]) {
				j++
			}
			id := text[i:j]
			prevDot := i > 0 && text[i-1] == '.'
			next := byte(0)
			if j < len(text) {
				next = text[j]
			}
			switch {
			case (id == "e" || id == "r" || id == "c") && next == '(' && !prevDot:
				end := strings.IndexByte(text[j:], ')')
				if end < 0 {
					return "", fmt.Errorf("%s( has no closing parenthesis: %w", id, ErrSyntax)
				}
				lit, err := s.result(id, strings.TrimSpace(text[j+1:j+end]))
				if err != nil {
					return "", err
				}
				b.WriteString(lit)
				i = j + end + 1
			case (id == "_b" || id == "_se" || id == "_coef") && next == '[':
				end := strings.IndexByte(text[j:], ']')
				if end < 0 {
					return "", fmt.Errorf("%s[ has no closing bracket: %w", id, ErrSyntax)
				}
				lit, err := s.coefficient(id, strings.TrimSpace(text[j+1:j+end]))
				if err != nil {
					return "", err
				}
				b.WriteString(lit)
				i = j + end + 1
			case id == "_rc" && !s.data.Has(id) && next != '(' && !prevDot:
				b.WriteString(strconv.Itoa(s.rc))
				i = j
			default:
				if v, ok := s.scalars[id]; scalars && ok && !s.data.Has(id) && next != '(' && !prevDot {
					b.WriteString(literal(v))
				} else {
					b.WriteString(id)
				}
				i = j
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// literal writes a number as an expression literal.
func literal(v float64) string {
	if math.IsNaN(v) {
		return "."
	}
	t := strconv.FormatFloat(v, 'g', -1, 64)
	if v < 0 {
		return "(" + t + ")"
	}
	return t
}

// quoteLiteral writes a string as an expression literal.
func quoteLiteral(v string) string {
	if strings.Contains(v, "\"") {
		return "`\"" + v + "\"'"
	}
	return "\"" + v + "\""
}

// result is e(name), r(name) or c(name) as a literal.
func (s *Session) result(class, name string) (string, error) {
	switch class {
	case "c":
		switch name {
		case "N":
			return strconv.Itoa(s.data.Len()), nil
		case "k":
			return strconv.Itoa(len(s.data.Names())), nil
		case "pi":
			return literal(math.Pi), nil
		case "rc":
			return strconv.Itoa(s.rc), nil
		}
		return "", fmt.Errorf("c(%s) is not available; econb has c(N), c(k), c(pi), c(rc): %w", name, ErrUnsupported)
	case "r":
		if v, ok := s.r[name]; ok {
			return literal(v), nil
		}
		return ".", nil
	}
	if name == "sample" {
		return "", fmt.Errorf("e(sample) is not available in econb; restrict with the same if/in as the estimation command, or keep the rows where every model variable is not missing: %w", ErrUnsupported)
	}
	if s.e == nil {
		return ".", nil
	}
	if v, ok := eStrings(s.e)[name]; ok {
		return quoteLiteral(v), nil
	}
	if v, ok := eScalars(s.e.Result)[name]; ok {
		return literal(v), nil
	}
	return ".", nil
}

// coefficient is _b[name] or _se[name] of the last estimates.
func (s *Session) coefficient(kind, name string) (string, error) {
	if s.e == nil {
		return "", fmt.Errorf("%s[%s]: no estimates yet; run an estimation command first: %w", kind, name, ErrState)
	}
	r := s.e.Result
	for i, n := range r.Names {
		if n == name {
			if kind == "_se" {
				return literal(r.SE[i]), nil
			}
			return literal(r.Coef[i]), nil
		}
	}
	return "", fmt.Errorf("%s[%s]: the last estimates (%s) have no coefficient %s; they have %s: %w", kind, name, s.e.Cmd, name, strings.Join(r.Names, " "), frame.ErrUnknownColumn)
}
