package formula

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

// Token kinds.
const (
	EOF        Kind = iota
	Name            // a column or function name, bare or `quoted`
	Number          // digits
	Tilde           // ~
	Plus            // +
	Minus           // -
	Pipe            // |
	Colon           // :
	Comma           // ,
	LParen          // (
	RParen          // )
	Caret           // ^ (combined fixed effects a^b)
	InlineExpr      // I(…): Text is the expression inside the parentheses, Pos that of the I
)

var kindText = [...]string{EOF: "end of formula", Name: "name", Number: "number", Tilde: `"~"`,
	Plus: `"+"`, Minus: `"-"`, Pipe: `"|"`, Colon: `":"`, Comma: `","`, LParen: `"("`, RParen: `")"`, Caret: `"^"`, InlineExpr: "I()"}

func (k Kind) String() string {
	if int(k) < len(kindText) {
		return kindText[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Token is one lexeme. Pos is its byte offset in the source; Text is the
// name without its backquotes, or the digits.
type Token struct {
	Kind Kind
	Text string
	Pos  int
}

// describe names the token for an error message: `"abc"`, `")"`.
func (t Token) describe() string {
	switch t.Kind {
	case Name, Number:
		return fmt.Sprintf("%q", t.Text)
	}
	return t.Kind.String()
}

// Lexer splits a formula into tokens, one call to Next at a time.
type Lexer struct {
	src string
	pos int
}

// NewLexer returns a lexer over src.
func NewLexer(src string) *Lexer { return &Lexer{src: src} }

var punct = map[byte]Kind{'~': Tilde, '+': Plus, '-': Minus, '|': Pipe, ':': Colon, ',': Comma, '(': LParen, ')': RParen, '^': Caret}

// Next returns the next token, or an *Error wrapping ErrSyntax for a
// character that cannot start a token or an unclosed backquote. After the
// end it keeps returning EOF.
func (l *Lexer) Next() (Token, error) {
	for l.pos < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if !unicode.IsSpace(r) {
			break
		}
		l.pos += size
	}
	start := l.pos
	if start >= len(l.src) {
		return Token{Kind: EOF, Pos: start}, nil
	}
	c := l.src[start]
	if k, ok := punct[c]; ok {
		l.pos++
		return Token{Kind: k, Text: string(c), Pos: start}, nil
	}
	if c >= '0' && c <= '9' {
		for l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '9' {
			l.pos++
		}
		return Token{Kind: Number, Text: l.src[start:l.pos], Pos: start}, nil
	}
	if c == '`' {
		for i := start + 1; i < len(l.src); i++ {
			if l.src[i] == '`' {
				if i == start+1 {
					return Token{}, &Error{Src: l.src, Pos: start, Msg: "empty quoted name ``", Err: ErrSyntax}
				}
				name := l.src[start+1 : i]
				if !utf8.ValidString(name) {
					return Token{}, &Error{Src: l.src, Pos: start, Msg: "quoted name is not valid UTF-8", Err: ErrSyntax}
				}
				l.pos = i + 1
				return Token{Kind: Name, Text: name, Pos: start}, nil
			}
		}
		return Token{}, &Error{Src: l.src, Pos: start, Msg: "unclosed quoted name (missing the closing \"`\")", Err: ErrSyntax}
	}
	r, size := utf8.DecodeRuneInString(l.src[start:])
	if r == utf8.RuneError && size <= 1 {
		return Token{}, &Error{Src: l.src, Pos: start, Msg: "invalid UTF-8 byte in formula", Err: ErrSyntax}
	}
	if !isNameRune(r, true) {
		return Token{}, &Error{Src: l.src, Pos: start, Msg: unexpectedChar(r), Err: ErrSyntax}
	}
	for l.pos < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if !isNameRune(r, false) {
			break
		}
		l.pos += size
	}
	if l.src[start:l.pos] == "I" {
		if open := l.skipSpace(l.pos); open < len(l.src) && l.src[open] == '(' {
			return l.inline(start, open)
		}
	}
	return Token{Kind: Name, Text: l.src[start:l.pos], Pos: start}, nil
}

// skipSpace returns the offset of the first non-space byte from i.
func (l *Lexer) skipSpace(i int) int {
	for i < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// inline lexes I(expr) as one token: the expression runs to the matching
// ")", skipping parentheses inside strings and backquoted names, so that
// "|", "~" and "^" inside it belong to the expression (package expr), not
// to the formula.
func (l *Lexer) inline(start, open int) (Token, error) {
	depth := 0
	for i := open; i < len(l.src); i++ {
		switch l.src[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos = i + 1
				return Token{Kind: InlineExpr, Text: l.src[open+1 : i], Pos: start}, nil
			}
		case '"', '`':
			end := strings.IndexByte(l.src[i+1:], l.src[i])
			if end < 0 {
				i = len(l.src)
				break
			}
			i += end + 1
		}
	}
	return Token{}, &Error{Src: l.src, Pos: open, Msg: "unclosed \"(\"", Err: ErrSyntax}
}

// unexpectedChar explains a character that starts no token, pointing at the
// operator users most likely meant.
func unexpectedChar(r rune) string {
	switch r {
	case '*':
		return `unexpected "*": write the product as x:z and list x and z as their own terms if wanted`
	case '=':
		return `unexpected "=": the IV part is written endo ~ inst1 + inst2, after a "|"`
	}
	return fmt.Sprintf("unexpected character %q", r)
}

// isNameRune reports whether r may appear in a bare name (first: at its
// start). Names start with a letter or "_" and go on with letters, digits,
// "_" and ".".
func isNameRune(r rune, first bool) bool {
	if r == '_' || unicode.IsLetter(r) {
		return true
	}
	return !first && (r == '.' || unicode.IsDigit(r))
}
