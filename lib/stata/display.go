package stata

import (
	"fmt"
	"strconv"
	"strings"
)

// display runs Stata's display: strings, expressions (with an optional
// %fmt before each), and the directives _newline[(#)] (_n), _col(#),
// _skip(#), _dup(#), _continue (_c) and as text|result|error|input.
func (s *Session) display(args string) error {
	text, err := s.resolve(args, false)
	if err != nil {
		return err
	}
	items, err := displayItems(text)
	if err != nil {
		return err
	}
	var b strings.Builder
	col := 0 // characters since the last newline
	write := func(t string) {
		b.WriteString(t)
		if k := strings.LastIndexByte(t, '\n'); k >= 0 {
			col = len(t) - k - 1
		} else {
			col += len([]rune(t))
		}
	}
	format := ""
	dup := 1
	newline := true
	for _, it := range items {
		switch it.kind {
		case itemString:
			write(strings.Repeat(it.text, dup))
			dup = 1
		case itemFormat:
			format = it.text
		case itemDirective:
			switch it.text {
			case "_n", "_newline":
				write(strings.Repeat("\n", max(it.arg, 1)))
			case "_col", "_column":
				if it.arg-1 > col {
					write(strings.Repeat(" ", it.arg-1-col))
				}
			case "_skip":
				write(strings.Repeat(" ", it.arg))
			case "_dup":
				dup = it.arg
			case "_c", "_continue":
				newline = false
			case "as":
			}
		case itemExpr:
			v, err := s.evalScalar(it.text)
			if err != nil {
				return err
			}
			var t string
			if v.isStr {
				t = v.str
				if format != "" {
					t, err = formatString(format, v.str)
				}
			} else {
				t, err = formatNumber(format, v.num)
			}
			if err != nil {
				return err
			}
			format = ""
			write(strings.Repeat(t, dup))
			dup = 1
		}
	}
	out := b.String()
	if newline {
		out += "\n"
	}
	if !s.quietNow() {
		s.write(out)
	}
	return nil
}

type itemKind int

const (
	itemString itemKind = iota
	itemFormat
	itemDirective
	itemExpr
)

type displayItem struct {
	kind itemKind
	text string
	arg  int
}

// displayItems splits display's arguments. An expression runs as long as
// operators join its operands: "N = " e(N) is a string and an
// expression, "a" + "b" one expression, 2 + 2 one expression.
func displayItems(s string) ([]displayItem, error) {
	toks, err := exprTokens(s)
	if err != nil {
		return nil, err
	}
	var items []displayItem
	var cur []token
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if len(cur) == 1 && cur[0].kind == tokString {
			items = append(items, displayItem{kind: itemString, text: cur[0].value})
		} else {
			var b strings.Builder
			for _, t := range cur {
				b.WriteString(t.text)
				b.WriteByte(' ')
			}
			items = append(items, displayItem{kind: itemExpr, text: strings.TrimSpace(b.String())})
		}
		cur = nil
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == tokFormat:
			flush()
			items = append(items, displayItem{kind: itemFormat, text: t.text})
			continue
		case t.kind == tokName && isDirective(directiveName(t.text)):
			flush()
			name := directiveName(t.text)
			it := displayItem{kind: itemDirective, text: name}
			if arg := t.text[len(name):]; arg != "" {
				v, err := strconv.Atoi(strings.TrimSpace(arg[1 : len(arg)-1]))
				if err != nil || v < 0 || v > 1000 {
					return nil, fmt.Errorf("display %s: the argument must be an integer from 0 to 1000: %w", t.text, ErrSyntax)
				}
				it.arg = v
			} else if name == "_col" || name == "_column" || name == "_skip" || name == "_dup" {
				return nil, fmt.Errorf("display %s needs a number: %s(#): %w", name, name, ErrSyntax)
			}
			items = append(items, it)
			continue
		case t.kind == tokName && t.text == "as" && i+1 < len(toks) && toks[i+1].kind == tokName && isStyle(toks[i+1].text):
			flush()
			i++
			continue
		}
		if len(cur) > 0 && operand(cur[len(cur)-1]) && operand(t) {
			flush()
		}
		cur = append(cur, t)
	}
	flush()
	return items, nil
}

// directiveName is the name part of a token such as _col(10).
func directiveName(t string) string {
	if k := strings.IndexByte(t, '('); k >= 0 {
		return t[:k]
	}
	return t
}

func isDirective(w string) bool {
	switch w {
	case "_n", "_newline", "_col", "_column", "_skip", "_dup", "_c", "_continue":
		return true
	}
	return false
}

func isStyle(w string) bool {
	switch w {
	case "text", "txt", "result", "res", "error", "err", "input", "inp":
		return true
	}
	return false
}

type tokKind int

const (
	tokString tokKind = iota // "..." (value: the contents)
	tokNumber
	tokName  // a name, with a following (...) call or [...] subscript in the same token
	tokGroup // (...)
	tokOp
	tokFormat // %9.3f
)

type token struct {
	kind  tokKind
	text  string // as written
	value string // a string's contents
}

// operand reports whether t can end an expression (a value).
func operand(t token) bool { return t.kind != tokOp }

// exprTokens splits an argument list into expression tokens.
func exprTokens(s string) ([]token, error) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '`' && i+1 < len(s) && s[i+1] == '"':
			end := matchCompound(s[i:])
			if end < 0 {
				return nil, fmt.Errorf("unclosed compound quote `\": %w", ErrSyntax)
			}
			out = append(out, token{kind: tokString, text: s[i : i+end+2], value: s[i+2 : i+end]})
			i += end + 2
		case c == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote in %q: %w", clip(s, 60), ErrSyntax)
			}
			out = append(out, token{kind: tokString, text: s[i : i+end+2], value: s[i+1 : i+1+end]})
			i += end + 2
		case c == '%':
			j := i + 1
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '"' {
				j++
			}
			out = append(out, token{kind: tokFormat, text: s[i:j]})
			i = j
		case c == '(' || c == '[':
			end := matchBracket(s, i)
			if end < 0 {
				return nil, fmt.Errorf("unbalanced %q in %q: %w", string(c), clip(s, 60), ErrSyntax)
			}
			if c == '[' && len(out) > 0 && out[len(out)-1].kind == tokName {
				out[len(out)-1].text += s[i : end+1]
			} else {
				out = append(out, token{kind: tokGroup, text: s[i : end+1]})
			}
			i = end + 1
		case c >= '0' && c <= '9' || c == '.' && (i+1 >= len(s) || s[i+1] >= '0' && s[i+1] <= '9' || s[i+1] == ' ' || s[i+1] == ')'):
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				j = k
			}
			out = append(out, token{kind: tokNumber, text: s[i:j]})
			i = j
		case isNameByte(c):
			j := i
			for j < len(s) && (isNameByte(s[j]) || s[j] == '.' && j+1 < len(s) && isNameByte(s[j+1]) && tsPrefix(s[i:j])) {
				j++
			}
			t := token{kind: tokName, text: s[i:j]}
			if j < len(s) && s[j] == '(' {
				end := matchBracket(s, j)
				if end < 0 {
					return nil, fmt.Errorf("unbalanced \"(\" in %q: %w", clip(s, 60), ErrSyntax)
				}
				t.text = s[i : end+1]
				j = end + 1
			}
			out = append(out, t)
			i = j
		default:
			j := i + 1
			if j < len(s) && (s[j] == '=' && strings.IndexByte("=!~<>", c) >= 0) {
				j++
			}
			out = append(out, token{kind: tokOp, text: s[i:j]})
			i = j
		}
	}
	return out, nil
}

// tsPrefix reports whether w is a time-series operator prefix (L, L2, D,
// LD, F, S12) so that "L.x" is one name token.
func tsPrefix(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if !strings.ContainsRune("LlFfDdSs0123456789", c) {
			return false
		}
	}
	return w[0] != '0' && !(w[0] >= '1' && w[0] <= '9')
}

// matchBracket returns the index of the bracket closing s[i], or -1.
func matchBracket(s string, i int) int {
	depth := 0
	inq := false
	for j := i; j < len(s); j++ {
		c := s[j]
		if inq {
			if c == '"' {
				inq = false
			}
			continue
		}
		switch c {
		case '"':
			inq = true
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
