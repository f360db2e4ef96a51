package expr

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

// Token kinds.
const (
	TokEOF    Kind = iota
	TokName        // a column or function name, bare or `quoted`
	TokNumber      // 1, 2.5, .5, 1e-3
	TokStr         // "text" or `"text"'
	TokDot         // . (the missing value)
	TokTSOp        // a time-series operator prefix with its dot: L. L2. F. D. S. LD. L(1/2).
	TokPlus        // +
	TokMinus       // -
	TokStar        // *
	TokSlash       // /
	TokCaret       // ^
	TokNot         // ! or ~
	TokEq          // ==
	TokNe          // != or ~=
	TokLt          // <
	TokGt          // >
	TokLe          // <=
	TokGe          // >=
	TokAnd         // &
	TokOr          // |
	TokLParen      // (
	TokRParen      // )
	TokLBrack      // [
	TokRBrack      // ]
	TokComma       // ,
	TokAssign      // = (an error in an expression; kept to explain it)
)

var kindText = [...]string{TokEOF: "end of expression", TokName: "name", TokNumber: "number", TokStr: "string",
	TokDot: `"."`, TokTSOp: "time-series operator", TokPlus: `"+"`, TokMinus: `"-"`, TokStar: `"*"`, TokSlash: `"/"`,
	TokCaret: `"^"`, TokNot: `"!"`, TokEq: `"=="`, TokNe: `"!="`, TokLt: `"<"`, TokGt: `">"`, TokLe: `"<="`, TokGe: `">="`,
	TokAnd: `"&"`, TokOr: `"|"`, TokLParen: `"("`, TokRParen: `")"`, TokLBrack: `"["`, TokRBrack: `"]"`, TokComma: `","`,
	TokAssign: `"="`}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindText) {
		return kindText[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Token is one lexeme. Pos is its byte offset in the source. Text is the
// name without backquotes, the string without quotes, the digits of a
// number, or the operator letters of a TSOp without the dot ("L2", "L(1/2)").
type Token struct {
	Kind Kind
	Text string
	Pos  int
	Num  float64 // the value of a TokNumber
}

// describe names the token for an error message.
func (t Token) describe() string {
	switch t.Kind {
	case TokName, TokNumber:
		return fmt.Sprintf("%q", t.Text)
	case TokStr:
		return fmt.Sprintf("string %q", t.Text)
	case TokTSOp:
		return fmt.Sprintf("%q", t.Text+".")
	}
	return t.Kind.String()
}

// Lexer splits an expression into tokens, one call to Next at a time.
type Lexer struct {
	src string
	pos int
}

// NewLexer returns a lexer over src.
func NewLexer(src string) *Lexer { return &Lexer{src: src} }

// Next returns the next token, or an *Error wrapping ErrSyntax. After the
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
		return Token{Kind: TokEOF, Pos: start}, nil
	}
	c := l.src[start]
	tok := func(k Kind, n int) (Token, error) {
		l.pos += n
		return Token{Kind: k, Text: l.src[start:l.pos], Pos: start}, nil
	}
	next := byte(0)
	if start+1 < len(l.src) {
		next = l.src[start+1]
	}
	switch c {
	case '+':
		return tok(TokPlus, 1)
	case '-':
		return tok(TokMinus, 1)
	case '*':
		return tok(TokStar, 1)
	case '/':
		return tok(TokSlash, 1)
	case '^':
		return tok(TokCaret, 1)
	case '(':
		return tok(TokLParen, 1)
	case ')':
		return tok(TokRParen, 1)
	case '[':
		return tok(TokLBrack, 1)
	case ']':
		return tok(TokRBrack, 1)
	case ',':
		return tok(TokComma, 1)
	case '!', '~':
		if next == '=' {
			return tok(TokNe, 2)
		}
		return tok(TokNot, 1)
	case '=':
		if next == '=' {
			return tok(TokEq, 2)
		}
		return tok(TokAssign, 1)
	case '<':
		if next == '=' {
			return tok(TokLe, 2)
		}
		return tok(TokLt, 1)
	case '>':
		if next == '=' {
			return tok(TokGe, 2)
		}
		return tok(TokGt, 1)
	case '&', '|':
		if next == c {
			op := string([]byte{c})
			return Token{}, errorAt(l.src, start, ErrSyntax, "Stata writes "+op+" for the logical operator",
				"unexpected %q", op+op)
		}
		if c == '&' {
			return tok(TokAnd, 1)
		}
		return tok(TokOr, 1)
	case '"':
		end := indexByteFrom(l.src, start+1, '"')
		if end < 0 {
			return Token{}, errorAt(l.src, start, ErrSyntax, "", "unclosed string (missing the closing '\"')")
		}
		l.pos = end + 1
		return l.validString(start, l.src[start+1:end])
	case '`':
		if next == '"' {
			return l.compoundString(start)
		}
		return l.quotedName(start)
	case '.':
		if next >= '0' && next <= '9' {
			return l.number(start)
		}
		if isNameStart(next) {
			end := start + 1
			for end < len(l.src) && isNameByte(l.src[end]) {
				end++
			}
			return Token{}, errorAt(l.src, start, ErrSyntax,
				"write . for a missing value; extended missing values .a to .z are not supported",
				"unexpected %q", l.src[start:end])
		}
		return tok(TokDot, 1)
	}
	if c >= '0' && c <= '9' {
		return l.number(start)
	}
	if end, ok := scanTSOp(l.src, start); ok {
		l.pos = end + 1 // past the dot
		return Token{Kind: TokTSOp, Text: l.src[start:end], Pos: start}, nil
	}
	r, size := utf8.DecodeRuneInString(l.src[start:])
	if r == utf8.RuneError && size <= 1 {
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "invalid UTF-8 byte in expression")
	}
	if !isNameRune(r, true) {
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "unexpected character %q", r)
	}
	for l.pos < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if !isNameRune(r, false) {
			break
		}
		l.pos += size
	}
	return Token{Kind: TokName, Text: l.src[start:l.pos], Pos: start}, nil
}

func (l *Lexer) validString(start int, s string) (Token, error) {
	if !utf8.ValidString(s) {
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "string is not valid UTF-8")
	}
	return Token{Kind: TokStr, Text: s, Pos: start}, nil
}

// compoundString lexes Stata's compound quotes `"…"', which may nest and
// may hold plain double quotes.
func (l *Lexer) compoundString(start int) (Token, error) {
	depth := 0
	for i := start; i+1 < len(l.src); i++ {
		switch {
		case l.src[i] == '`' && l.src[i+1] == '"':
			depth++
			i++
		case l.src[i] == '"' && l.src[i+1] == '\'':
			depth--
			if depth == 0 {
				l.pos = i + 2
				return l.validString(start, l.src[start+2:i])
			}
			i++
		}
	}
	return Token{}, errorAt(l.src, start, ErrSyntax, "", "unclosed compound string (missing the closing \"')")
}

// quotedName lexes a `quoted name` (any column name, as in package formula).
func (l *Lexer) quotedName(start int) (Token, error) {
	end := indexByteFrom(l.src, start+1, '`')
	switch {
	case end < 0:
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "unclosed quoted name (missing the closing \"`\")")
	case end == start+1:
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "empty quoted name ``")
	}
	name := l.src[start+1 : end]
	if !utf8.ValidString(name) {
		return Token{}, errorAt(l.src, start, ErrSyntax, "", "quoted name is not valid UTF-8")
	}
	l.pos = end + 1
	return Token{Kind: TokName, Text: name, Pos: start}, nil
}

// number lexes digits [ "." digits ] [ ("e"|"E") [sign] digits ], or "." digits …
func (l *Lexer) number(start int) (Token, error) {
	i := start
	digits := func() {
		for i < len(l.src) && l.src[i] >= '0' && l.src[i] <= '9' {
			i++
		}
	}
	digits()
	if i < len(l.src) && l.src[i] == '.' {
		i++
		digits()
	}
	if i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E') {
		j := i + 1
		if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
			j++
		}
		if j < len(l.src) && l.src[j] >= '0' && l.src[j] <= '9' {
			i = j
			digits()
		}
	}
	text := l.src[start:i]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || v >= missingFrom {
		return Token{}, errorAt(l.src, start, ErrSyntax, "Stata's largest number is about 8.99e+307", "number %s is too large", text)
	}
	l.pos = i
	if i < len(l.src) && isNameByte(l.src[i]) {
		return Token{}, errorAt(l.src, i, ErrSyntax, "", "unexpected %q after the number %s", l.src[i:i+1], text)
	}
	return Token{Kind: TokNumber, Text: text, Pos: start, Num: v}, nil
}

// missingFrom is 2^1023, where Stata's missing values begin: every number
// at least that large in absolute value is missing (c(maxdouble) is the
// largest double below it, 8.9884656743e+307; [U] 12.2.1).
const missingFrom = 0x1p1023

// scanTSOp reports whether a time-series operator prefix starts at i, as
// in L.x, L2.x, F.x, D.x, S12.x, LD.x, L(1/2).x (letters in either case),
// and returns the offset of its dot. The prefix must be followed by the
// dot and the start of a name.
func scanTSOp(s string, i int) (dot int, ok bool) {
	j := i
	for j < len(s) {
		switch s[j] {
		case 'L', 'l', 'F', 'f', 'D', 'd', 'S', 's':
		default:
			goto end
		}
		j++
		if j < len(s) && s[j] == '(' {
			k := j + 1
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == '/' || s[k] == '-' || s[k] == ' ') {
				k++
			}
			if k >= len(s) || s[k] != ')' {
				return 0, false
			}
			j = k + 1
			continue
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
end:
	if j == i || j+1 >= len(s) || s[j] != '.' {
		return 0, false
	}
	if c := s[j+1]; !isNameStart(c) && c != '`' && c != '(' && c < utf8.RuneSelf {
		return 0, false
	}
	if r, _ := utf8.DecodeRuneInString(s[j+1:]); r >= utf8.RuneSelf && !isNameRune(r, true) {
		return 0, false
	}
	return j, true
}

func indexByteFrom(s string, from int, c byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isNameByte(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// isNameRune reports whether r may appear in a bare name (first: at its
// start). Names start with a letter or "_" and go on with letters, digits
// and "_", as Stata's variable names; other column names are written in
// backquotes.
func isNameRune(r rune, first bool) bool {
	if r == '_' || unicode.IsLetter(r) {
		return true
	}
	return !first && unicode.IsDigit(r)
}
