package expr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Limits that keep every input cheap to parse: nesting depth, |k| of a lag
// and the length of a lag list.
const (
	maxDepth = 500
	maxLag   = 1000
	maxRange = 100
)

// Parse parses src into a Node. The error, if any, is an *Error wrapping
// ErrSyntax, ErrUnknownFunction or ErrArgs; only the first error is
// reported. Lag lists (L(1/2).x) parse; Expand splits them.
func Parse(src string) (Node, error) {
	p := &parser{src: src}
	lx := NewLexer(src)
	for {
		t, err := lx.Next()
		if err != nil {
			return nil, err
		}
		p.toks = append(p.toks, t)
		if t.Kind == TokEOF {
			break
		}
	}
	if p.toks[0].Kind == TokEOF {
		return nil, errorAt(src, 0, ErrSyntax, "", "empty expression")
	}
	n, err := p.parseBinary(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind != TokEOF {
		return nil, p.unexpected(t, "an operator")
	}
	return n, nil
}

// MustParse is Parse for expressions written in code; it panics on an error.
func MustParse(src string) Node {
	n, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return n
}

type parser struct {
	src   string
	toks  []Token
	i     int
	depth int
}

func (p *parser) peek() Token { return p.toks[p.i] }

func (p *parser) next() Token {
	t := p.toks[p.i]
	if t.Kind != TokEOF {
		p.i++
	}
	return t
}

func (p *parser) errorAt(t Token, hint, format string, args ...any) error {
	return errorAt(p.src, t.Pos, ErrSyntax, hint, format, args...)
}

// unexpected reports t where something else was expected.
func (p *parser) unexpected(t Token, want string) error {
	switch t.Kind {
	case TokEOF:
		return p.errorAt(t, "", "unexpected end of expression")
	case TokAssign:
		return p.errorAt(t, "write == to test equality", "unexpected \"=\"")
	}
	if want == "" {
		return p.errorAt(t, "", "unexpected %s", t.describe())
	}
	return p.errorAt(t, "expected "+want, "unexpected %s", t.describe())
}

// binaryOp maps a token to its binary operator.
var binaryOp = map[Kind]Op{TokOr: OpOr, TokAnd: OpAnd, TokEq: OpEq, TokGe: OpGe, TokLe: OpLe, TokLt: OpLt, TokGt: OpGt,
	TokNe: OpNe, TokPlus: OpAdd, TokMinus: OpSub, TokStar: OpMul, TokSlash: OpDiv, TokCaret: OpPow}

// Binary(p) = Prefix { op Binary(q) }
//
// Precedence climbing over Stata's order of evaluation ([U] 13.2.5): an
// operator binds only when its precedence is at least p; its right operand
// takes operators of higher precedence (q = prec+1), or of the same one for
// ^, which groups to the right.
func (p *parser) parseBinary(minPrec int) (Node, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorAt(p.peek(), "simplify it or generate intermediate columns", "expression nested too deeply")
	}
	defer func() { p.depth-- }()
	x, err := p.parsePrefix()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		op, ok := binaryOp[t.Kind]
		if !ok || opPrec[op] < minPrec {
			return x, nil
		}
		p.next()
		q := opPrec[op] + 1
		if op == OpPow {
			q = opPrec[op]
		}
		y, err := p.parseBinary(q)
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: op, X: x, Y: y, Offset: t.Pos}
	}
}

// Prefix = "-" Binary(prec(^)) | ("!" | "~") Binary(prec(!)+1) | Postfix
//
// Negation binds below ^ (-2^2 is -4, [U] 13.2.5) and above the other
// operators; ! binds tightest of all.
func (p *parser) parsePrefix() (Node, error) {
	t := p.peek()
	switch t.Kind {
	case TokMinus, TokNot:
		p.next()
		op, q := OpNeg, opPrec[OpPow]
		if t.Kind == TokNot {
			op, q = OpNot, opPrec[OpNot]+1
		}
		x, err := p.parseBinary(q)
		if err != nil {
			return nil, err
		}
		return &Unary{Op: op, X: x, Offset: t.Pos}, nil
	case TokPlus:
		return nil, p.errorAt(t, "remove the \"+\"", "unexpected unary \"+\"")
	}
	return p.parsePostfix()
}

// Postfix = Primary [ "[" Binary(0) "]" ]   (a subscript, on a column name only)
func (p *parser) parsePostfix() (Node, error) {
	x, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind == TokLBrack {
		v, ok := x.(*Var)
		if !ok {
			return nil, p.errorAt(t, "subscripts apply to a column name, as in x[_n-1]", "unexpected \"[\"")
		}
		p.next()
		row, err := p.parseBinary(0)
		if err != nil {
			return nil, p.unclosed(t, err)
		}
		if c := p.next(); c.Kind != TokRBrack {
			if c.Kind == TokEOF {
				return nil, p.errorAt(t, "", "unclosed \"[\"")
			}
			return nil, p.unexpected(c, `"]"`)
		}
		return &Subscript{X: v, Row: row, Offset: t.Pos}, nil
	}
	return x, nil
}

// Primary = Number | String | "." | Name | Call | TSOp Operand | "(" Binary(0) ")"
func (p *parser) parsePrimary() (Node, error) {
	t := p.next()
	switch t.Kind {
	case TokNumber:
		return &Number{Value: t.Num, Offset: t.Pos}, nil
	case TokStr:
		return &Text{Value: t.Text, Offset: t.Pos}, nil
	case TokDot:
		return &Missing{Offset: t.Pos}, nil
	case TokName:
		if p.peek().Kind == TokLParen {
			return p.parseCall(t)
		}
		if reserved[t.Text] && p.src[t.Pos] != '`' {
			return &Builtin{Name: t.Text, Offset: t.Pos}, nil
		}
		return &Var{Name: t.Text, Offset: t.Pos}, nil
	case TokTSOp:
		return p.parseTSOp(t)
	case TokLParen:
		x, err := p.parseBinary(0)
		if err != nil {
			return nil, p.unclosed(t, err)
		}
		if c := p.next(); c.Kind != TokRParen {
			if c.Kind == TokEOF {
				return nil, p.errorAt(t, "", "unclosed \"(\"")
			}
			return nil, p.unexpected(c, `")" or an operator`)
		}
		return x, nil
	}
	return nil, p.unexpected(t, "a number, a string, a column name or \"(\"")
}

// unclosed turns an "unexpected end" inside brackets into an "unclosed (" at
// the bracket, which is where the fix goes.
func (p *parser) unclosed(open Token, err error) error {
	if e, ok := err.(*Error); ok && e.Pos == len(p.src) && e.Err == ErrSyntax && strings.HasPrefix(e.Msg, "unexpected end") {
		return p.errorAt(open, "", "unclosed %s", open.Kind)
	}
	return err
}

// Call = Name "(" [ Binary(0) { "," Binary(0) } ] ")"
//
// The formula's l(x[, k]), f(x[, k]) and d(x) become Lag and Diff nodes,
// the same nodes as Stata's L.x and D.x.
func (p *parser) parseCall(name Token) (Node, error) {
	open := p.next()
	var args []Node
	if p.peek().Kind != TokRParen {
		for {
			a, err := p.parseBinary(0)
			if err != nil {
				return nil, p.unclosed(open, err)
			}
			args = append(args, a)
			if p.peek().Kind != TokComma {
				break
			}
			p.next()
		}
	}
	if c := p.next(); c.Kind != TokRParen {
		if c.Kind == TokEOF {
			return nil, p.errorAt(open, "", "unclosed \"(\"")
		}
		return nil, p.unexpected(c, `"," or ")"`)
	}
	switch name.Text {
	case "l", "f", "d":
		return p.formulaLag(name, args)
	}
	fn, ok := lookupFunc(name.Text)
	if !ok {
		return nil, unknownFunction(p.src, name)
	}
	if len(args) < fn.minArgs || fn.maxArgs >= 0 && len(args) > fn.maxArgs {
		return nil, errorAt(p.src, name.Pos, ErrArgs, "the syntax is "+fn.syntax,
			"%s() takes %s, not %d", name.Text, fn.arity(), len(args))
	}
	return &Call{Func: name.Text, Args: args, Offset: name.Pos}, nil
}

// formulaLag builds the node of the formula spellings l(x), l(x, k),
// f(x), f(x, k) and d(x).
func (p *parser) formulaLag(name Token, args []Node) (Node, error) {
	syntax := map[string]string{"l": "l(x, k)", "f": "f(x, k)", "d": "d(x)"}[name.Text]
	if len(args) == 0 || len(args) > 2 || name.Text == "d" && len(args) > 1 {
		return nil, errorAt(p.src, name.Pos, ErrArgs, "the syntax is "+syntax, "%s() takes %s, not %d arguments",
			name.Text, map[bool]string{true: "one argument", false: "one or two arguments"}[name.Text == "d"], len(args))
	}
	if name.Text == "d" {
		return &Diff{X: args[0], Order: 1, Season: 1, Offset: name.Pos, Form: Formula}, nil
	}
	k := 1
	if len(args) == 2 {
		v, ok := intLiteral(args[1])
		if !ok || math.Abs(v) > maxLag {
			return nil, errorAt(p.src, args[1].Pos(), ErrArgs,
				fmt.Sprintf("the lag is a whole number from -%d to %d, as in %s", maxLag, maxLag, syntax), "bad lag %s", args[1])
		}
		k = int(v)
	}
	if name.Text == "f" {
		k = -k
	}
	return &Lag{X: args[0], Lo: k, Hi: k, Offset: name.Pos, Form: Formula}, nil
}

// intLiteral returns the value of an integer literal, possibly negated.
func intLiteral(n Node) (float64, bool) {
	sign := 1.0
	if u, ok := n.(*Unary); ok && u.Op == OpNeg {
		sign, n = -1, u.X
	}
	num, ok := n.(*Number)
	if !ok || num.Value != math.Trunc(num.Value) {
		return 0, false
	}
	return sign * num.Value, true
}

// TSOp Operand, Operand = Name | "(" Binary(0) ")" | TSOp Operand
//
// The operator letters apply from the right: LD.x is L.(D.x). Lk is a lag
// of k periods, Fk a lead, Dk the k-th difference, Sk the difference with
// the value k periods earlier (seasonal); a missing k is 1. L(a/b) and
// F(a/b) are lag lists.
func (p *parser) parseTSOp(t Token) (Node, error) {
	ops, err := p.tsOps(t)
	if err != nil {
		return nil, err
	}
	// Each operator is a level of the tree (and of its canonical text, L.D.x).
	if p.depth += len(ops); p.depth > maxDepth {
		return nil, p.errorAt(t, "simplify it or generate intermediate columns", "expression nested too deeply")
	}
	defer func() { p.depth -= len(ops) }()
	var x Node
	if n := p.peek(); n.Kind == TokLParen {
		p.next()
		inner, err := p.parseBinary(0)
		if err != nil {
			return nil, p.unclosed(n, err)
		}
		if c := p.next(); c.Kind != TokRParen {
			if c.Kind == TokEOF {
				return nil, p.errorAt(n, "", "unclosed \"(\"")
			}
			return nil, p.unexpected(c, `")"`)
		}
		x = inner
	} else if n.Kind == TokTSOp { // D.L.x is D.(L.x), as DL.x
		p.next()
		inner, err := p.parseTSOp(n)
		if err != nil {
			return nil, err
		}
		x = inner
	} else {
		n := p.next()
		if n.Kind != TokName || reserved[n.Text] && p.src[n.Pos] != '`' || p.peek().Kind == TokLParen {
			return nil, p.errorAt(n, "time-series operators apply to a column name, as in L.x", "unexpected %s after %s", n.describe(), t.describe())
		}
		x = &Var{Name: n.Text, Offset: n.Pos}
	}
	for i := len(ops) - 1; i >= 0; i-- {
		o := ops[i]
		switch o.letter {
		case 'L', 'F':
			sign := 1
			if o.letter == 'F' {
				sign = -1
			}
			x = &Lag{X: x, Lo: sign * o.lo, Hi: sign * o.hi, Offset: t.Pos}
		case 'D':
			x = &Diff{X: x, Order: o.lo, Season: 1, Offset: t.Pos}
		case 'S':
			x = &Diff{X: x, Order: 1, Season: o.lo, Offset: t.Pos}
		}
	}
	return x, nil
}

type tsOp struct {
	letter byte
	lo, hi int
}

// tsOps splits the letters of a TSOp token ("L2D", "L(1/2)") into operators.
func (p *parser) tsOps(t Token) ([]tsOp, error) {
	s := t.Text
	var ops []tsOp
	bad := func(format string, args ...any) error {
		return errorAt(p.src, t.Pos, ErrSyntax, "write L.x, L2.x, F.x, D.x, S12.x or L(1/2).x", format, args...)
	}
	lists := 0
	for i := 0; i < len(s); {
		o := tsOp{letter: strings.ToUpper(s[i : i+1])[0], lo: 1, hi: 1}
		i++
		switch {
		case i < len(s) && s[i] == '(':
			end := strings.IndexByte(s[i:], ')') + i
			a, b, ok := strings.Cut(strings.ReplaceAll(s[i+1:end], " ", ""), "/")
			if !ok {
				b = a
			}
			lo, err1 := strconv.Atoi(a)
			hi, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || abs(lo) > maxLag || abs(hi) > maxLag {
				return nil, bad("bad operator list %s", s[i-1:end+1])
			}
			if abs(hi-lo) >= maxRange {
				return nil, bad("operator list %s is too long (at most %d lags)", s[i-1:end+1], maxRange)
			}
			if o.letter != 'L' && o.letter != 'F' {
				return nil, bad("%c() lists are not supported", o.letter)
			}
			o.lo, o.hi = lo, hi
			lists++
			i = end + 1
		case i < len(s) && s[i] >= '0' && s[i] <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			k, err := strconv.Atoi(s[i:j])
			if err != nil || k > maxLag {
				return nil, bad("operator %s is too large (at most %d)", s[i-1:j], maxLag)
			}
			if k == 0 && (o.letter == 'D' || o.letter == 'S') {
				return nil, bad("%c0 is not a difference", o.letter)
			}
			o.lo, o.hi = k, k
			i = j
		}
		ops = append(ops, o)
	}
	if lists > 1 {
		return nil, bad("only one operator may have a list")
	}
	return ops, nil
}

func abs(k int) int { return max(k, -k) }

// unknownFunction explains an unknown function name, suggesting the
// closest one or the Stata spelling of a common alias.
func unknownFunction(src string, name Token) error {
	hint := "see the functions in package expr's documentation"
	if alt, ok := funcAliases[strings.ToLower(name.Text)]; ok {
		hint = "did you mean " + alt + "?"
	} else if s, ok := closestFunc(name.Text); ok {
		hint = fmt.Sprintf("did you mean %s()?", s)
	}
	return errorAt(src, name.Pos, ErrUnknownFunction, hint, "unknown function %s()", name.Text)
}

// funcAliases maps names from other software to ours, for hints.
var funcAliases = map[string]string{
	"lag": "L.x or l(x, k)", "lead": "F.x or f(x, k)", "diff": "D.x or d(x)", "ifelse": "cond(c, a, b)",
	"if_else": "cond(c, a, b)", "where": "cond(c, a, b)", "is.na": "missing(x)", "isnull": "missing(x)",
	"isna": "missing(x)", "pow": "x^y", "power": "x^y", "nchar": "strlen(s)", "len": "strlen(s)",
	"toupper": "upper(s)", "tolower": "lower(s)", "substring": "substr(s, start, length)",
	"as.numeric": "real(s)", "as.character": "string(x)", "str": "string(x)", "ceiling": "ceil(x)",
	"trunc": "int(x)", "fabs": "abs(x)", "log2": "ln(x)/ln(2)", "i": "i.x in a varlist, or i(x) in a formula",
}
