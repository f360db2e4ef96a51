package formula

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/expr"
)

// funcAliases maps the names other software uses to ours, for hints.
var funcAliases = map[string]string{
	"lag": "l(x, k)", "lead": "f(x, k)", "diff": "d(x)", "ln": "log(x)", "factor": "i(var)",
	"l": "l(x, k)", "f": "f(x, k)", "d": "d(x)", "as.factor": "i(var)",
}

// maxLag bounds |k| in l(x, k) and f(x, k), and maxRange the number of lags
// one call may ask for; both are far beyond any panel and keep expansion cheap.
const (
	maxLag   = 1000
	maxRange = 100
)

// Parse parses src into a Formula. The error, if any, is an *Error wrapping
// ErrSyntax or ErrUnknownFunction; only the first error is reported.
func Parse(src string) (*Formula, error) {
	p := &parser{src: src}
	lx := NewLexer(src)
	for {
		t, err := lx.Next()
		if err != nil {
			return nil, err
		}
		p.toks = append(p.toks, t)
		if t.Kind == EOF {
			break
		}
	}
	return p.parseFormula()
}

// MustParse is Parse for formulas written in code; it panics on an error.
func MustParse(src string) *Formula {
	f, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return f
}

type parser struct {
	src     string
	toks    []Token
	i       int
	part    string // the part being parsed, for errors
	inMulti bool   // inside the arguments of sw() and friends
}

func (p *parser) peek() Token { return p.toks[p.i] }

func (p *parser) next() Token {
	t := p.toks[p.i]
	if t.Kind != EOF {
		p.i++
	}
	return t
}

// errorAt returns a syntax error at t in the current part. When t is a
// name right after another name, separated by blanks only, the hint says
// how to write a column name with spaces instead.
func (p *parser) errorAt(t Token, hint, format string, args ...any) error {
	if name, ok := p.spacedName(t); ok {
		hint = fmt.Sprintf("a column name with spaces goes in backticks: `%s`", name)
		if p.part != PartResponse {
			hint = fmt.Sprintf("join terms with \"+\", or write a column name with spaces in backticks: `%s`", name)
		}
	}
	return &Error{Src: p.src, Pos: t.Pos, Part: p.part, Msg: fmt.Sprintf(format, args...), Hint: hint, Err: ErrSyntax}
}

// spacedName returns the run of blank-separated bare names that t is part
// of ("log wage" for the token "wage" of log wage ~ x), when t is a name
// and follows another.
func (p *parser) spacedName(t Token) (string, bool) {
	k := -1
	for i, u := range p.toks {
		if u.Pos == t.Pos && u.Kind == t.Kind {
			k = i
			break
		}
	}
	bare := func(i int) bool {
		u := p.toks[i]
		return u.Kind == Name && u.Pos+len(u.Text) <= len(p.src) && p.src[u.Pos:u.Pos+len(u.Text)] == u.Text
	}
	blanks := func(i int) bool { // only blanks between tokens i and i+1
		a, b := p.toks[i], p.toks[i+1]
		gap := p.src[a.Pos+len(a.Text) : b.Pos]
		return gap != "" && strings.Trim(gap, " \t") == ""
	}
	if k < 1 || !bare(k) || !bare(k-1) || !blanks(k-1) {
		return "", false
	}
	lo, hi := k-1, k
	for lo > 0 && bare(lo-1) && blanks(lo-1) {
		lo--
	}
	for hi+1 < len(p.toks) && bare(hi+1) && blanks(hi) {
		hi++
	}
	return p.src[p.toks[lo].Pos : p.toks[hi].Pos+len(p.toks[hi].Text)], true
}

// unexpected reports t where something else was expected.
func (p *parser) unexpected(t Token, want string) error {
	if t.Kind == EOF {
		return p.errorAt(t, "", "unexpected end of formula")
	}
	if want == "" {
		return p.errorAt(t, "", "unexpected %s", t.describe())
	}
	return p.errorAt(t, "expected "+want, "unexpected %s", t.describe())
}

// Formula = Response "~" Terms [ "|" Part ] [ "|" Part ] EOF
func (p *parser) parseFormula() (*Formula, error) {
	f := &Formula{Src: p.src, Const: true, IVPos: -1}
	pipes := 0
	for _, t := range p.toks {
		if t.Kind == Pipe {
			pipes++
		}
	}
	if pipes > 2 {
		return nil, &Error{Src: p.src, Pos: -1, Msg: fmt.Sprintf(`too many "|" parts (%d)`, pipes+1),
			Hint: "the syntax is: " + Syntax, Err: ErrSyntax}
	}
	p.part = PartResponse
	if t := p.peek(); t.Kind == Tilde {
		return nil, p.errorAt(t, "the syntax is: "+Syntax, "missing the response before \"~\"")
	}
	resp, err := p.parseProduct()
	if err != nil {
		return nil, err
	}
	if m, ok := resp.Factors[0].(*Multi); ok {
		if err := p.checkResponses(m); err != nil {
			return nil, err
		}
	} else if hasDummy(resp) || resp.width() != 1 {
		return nil, &Error{Src: p.src, Pos: resp.Pos(), Part: p.part, Err: ErrSyntax,
			Msg: fmt.Sprintf("%s is not one variable", resp.String()), Hint: "the response is one column, as in y, log(y) or d(y)"}
	}
	f.Response = resp
	switch t := p.peek(); t.Kind {
	case Tilde:
		p.next()
	case Plus:
		return nil, p.errorAt(t, "the response is one variable; the syntax is: "+Syntax, "unexpected %s after the response", t.describe())
	case EOF:
		return nil, p.errorAt(t, "the syntax is: "+Syntax, "missing \"~\" and the regressors after the response")
	default:
		return nil, p.errorAt(t, "expected \"~\" after the response; the syntax is: "+Syntax, "unexpected %s", t.describe())
	}
	p.part = PartRegressors
	if f.Regressors, f.Const, err = p.parseTerms(true); err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind == Tilde {
		return nil, p.errorAt(t, "write the IV part after a \"|\": y ~ x | endo ~ z", "unexpected second \"~\"")
	}
	for part := 2; p.peek().Kind == Pipe; part++ {
		pipe := p.next()
		p.part = ""
		if f.HasIV() {
			return nil, p.errorAt(pipe, "the syntax is: "+Syntax, "the IV part (endo ~ inst) must be the last part")
		}
		if p.partHasTilde() {
			if err := p.parseIV(f); err != nil {
				return nil, err
			}
			continue
		}
		if part == 3 {
			return nil, p.errorAt(p.peek(), "the syntax is: "+Syntax,
				"expected the IV part (endogenous ~ instruments) after the fixed effects")
		}
		if p.peek().Kind != EOF {
			p.part = PartFixedEffects
		}
		if f.FixedEffects, err = p.parseFixedEffects(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); t.Kind != EOF {
		if t.Kind == Tilde {
			return nil, p.errorAt(t, "the syntax is: "+Syntax, "unexpected second \"~\" in the IV part")
		}
		return nil, p.unexpected(t, `"+" or "|"`)
	}
	if f.countModels() > maxModels {
		return nil, tooManyModels(f)
	}
	return f, nil
}

// partHasTilde reports whether a "~" comes before the next "|" or the end.
func (p *parser) partHasTilde() bool {
	for _, t := range p.toks[p.i:] {
		switch t.Kind {
		case Tilde:
			return true
		case Pipe, EOF:
			return false
		}
	}
	return false
}

// Part = Terms "~" Terms   (the IV part: endogenous ~ instruments)
func (p *parser) parseIV(f *Formula) error {
	var err error
	p.part = PartEndogenous
	if t := p.peek(); t.Kind == Tilde {
		return p.errorAt(t, "the syntax is: "+Syntax, "missing the endogenous regressors before \"~\"")
	}
	if f.Endogenous, _, err = p.parseTerms(false); err != nil {
		return err
	}
	for _, t := range f.Endogenous {
		if m, ok := t.Factors[0].(*Multi); ok {
			return &Error{Src: p.src, Pos: m.Offset, Part: p.part, Err: ErrSyntax,
				Msg:  fmt.Sprintf("%s() among the endogenous regressors", m.Kind),
				Hint: "multiple estimation applies to the response, regressors, instruments and fixed effects"}
		}
	}
	tilde := p.next() // partHasTilde guarantees a "~" here, or an error above
	if tilde.Kind != Tilde {
		return p.unexpected(tilde, `"+" or "~"`)
	}
	f.IVPos = tilde.Pos
	p.part = PartInstruments
	f.Instruments, _, err = p.parseTerms(false)
	return err
}

// Part = Terms   (the fixed-effects part: column names joined by "+")
func (p *parser) parseFixedEffects() ([]Term, error) {
	terms, _, err := p.parseTerms(false)
	if err != nil {
		return nil, err
	}
	if err := p.checkFixedEffects(terms); err != nil {
		return nil, err
	}
	return terms, nil
}

// checkFixedEffects reports a fixed effect that is not a column name, a
// combination a^b of them, or a multiple-estimation term of those.
func (p *parser) checkFixedEffects(terms []Term) error {
	for _, t := range terms {
		switch e := t.Factors[0].(type) {
		case *Multi:
			for _, alt := range e.Alts {
				if err := p.checkFixedEffects(alt); err != nil {
					return err
				}
			}
			continue
		case *Var, *Combine:
			if len(t.Factors) == 1 {
				continue
			}
		}
		return &Error{Src: p.src, Pos: t.Pos(), Part: p.part, Err: ErrSyntax,
			Msg:  fmt.Sprintf("%s is not a column name", t.String()),
			Hint: "fixed effects are column names joined by \"+\", as in | firm + year"}
	}
	return nil
}

// checkResponses checks a multiple-estimation response: c(y1, y2) or
// sw(y1, y2), each one variable.
func (p *parser) checkResponses(m *Multi) error {
	if m.Kind != MultiC && m.Kind != MultiSW {
		return &Error{Src: p.src, Pos: m.Offset, Part: p.part, Err: ErrSyntax,
			Msg: fmt.Sprintf("%s() in the response", m.Kind), Hint: "several responses are written c(y1, y2) or sw(y1, y2)"}
	}
	for _, alt := range m.Alts {
		if len(alt) != 1 || hasDummy(alt[0]) || alt[0].width() != 1 {
			return &Error{Src: p.src, Pos: alt[0].Pos(), Part: p.part, Err: ErrSyntax,
				Msg:  fmt.Sprintf("%s is not one variable", joinTerms(alt)),
				Hint: "each response is one column, as in c(y1, log(y2))"}
		}
	}
	return nil
}

func joinTerms(ts []Term) string {
	var b strings.Builder
	writeTerms(&b, ts)
	return b.String()
}

// Terms = [ "-" ] Item { ( "+" | "-" ) Item }
// Item  = "0" | "1" | Product
//
// constOK allows the constant items (regressors only); cons reports whether
// the constant is kept.
func (p *parser) parseTerms(constOK bool) (terms []Term, cons bool, err error) {
	cons = true
	var setConst *Token // the item that set the constant, to report conflicts
	total := 0          // columns the terms expand to
	for first := true; ; first = false {
		sep := p.peek()
		minus := false
		switch {
		case !first && sep.Kind == Plus:
			p.next()
		case sep.Kind == Minus:
			p.next()
			minus = true
		case !first:
			return terms, cons, nil
		}
		t := p.peek()
		if t.Kind == Number {
			if !constOK {
				return nil, false, p.errorAt(t, "0 and 1 set the constant among the regressors; here only names may stand", "unexpected number %s", t.Text)
			}
			keep := t.Text == "1"
			if t.Text != "0" && t.Text != "1" {
				return nil, false, p.errorAt(t, "only 0 (no constant) and 1 (constant) may stand as terms", "unexpected number %s", t.Text)
			}
			if minus {
				if keep = !keep; keep {
					return nil, false, p.errorAt(t, "write 0 or -1 to drop the constant", "unexpected \"-0\"")
				}
			}
			if setConst != nil && keep != cons {
				return nil, false, p.errorAt(t, "keep one of them", "%s conflicts with the earlier %s", constText(t, minus), setConst.Text)
			}
			p.next()
			tc := t
			setConst, cons = &tc, keep
			continue
		}
		if minus {
			return nil, false, p.errorAt(sep, "\"-\" only removes the constant (-1); to drop a term, leave it out", "unexpected \"-\" before %s", t.describe())
		}
		term, err := p.parseProduct()
		if err != nil {
			return nil, false, err
		}
		if total += term.width(); total > maxWidth {
			return nil, false, &Error{Src: p.src, Pos: term.Pos(), Part: p.part, Err: ErrSyntax,
				Msg: "too many columns", Hint: fmt.Sprintf("the terms of a part expand to at most %d columns", maxWidth)}
		}
		terms = append(terms, term)
	}
}

// Product = Factor { ":" Factor } | Name "^" Name { "^" Name }   (the second among the fixed effects only)
func (p *parser) parseProduct() (Term, error) {
	var term Term
	for {
		e, err := p.parseFactor()
		if err != nil {
			return Term{}, err
		}
		if t := p.peek(); t.Kind == Caret {
			if e, err = p.parseCombine(e, t); err != nil {
				return Term{}, err
			}
		}
		term.Factors = append(term.Factors, e)
		if m, ok := e.(*Multi); ok && (len(term.Factors) > 1 || p.peek().Kind == Colon) {
			return Term{}, p.errorAt(Token{Pos: m.Offset}, "write the products inside it: "+m.Kind+"(x:z, w:z)",
				"%s() in a product", m.Kind)
		}
		if p.peek().Kind != Colon {
			return term, nil
		}
		p.next()
	}
}

// parseCombine parses the rest of a combined fixed effect a^b^c after its
// first column.
func (p *parser) parseCombine(first Expr, caret Token) (Expr, error) {
	v, ok := first.(*Var)
	if p.part != PartFixedEffects || !ok {
		return nil, p.errorAt(caret, "combined fixed effects a^b go among the fixed effects, after \"|\"; for a power, write I(x^2)",
			"unexpected \"^\"")
	}
	c := &Combine{Vars: []*Var{v}}
	for p.peek().Kind == Caret {
		p.next()
		t := p.next()
		if t.Kind != Name || p.peek().Kind == LParen {
			return nil, p.unexpected(t, "a column name after \"^\"")
		}
		c.Vars = append(c.Vars, &Var{Name: t.Text, Offset: t.Pos})
	}
	return c, nil
}

// Factor = Name | Call | Multi | "I(" expr ")"
func (p *parser) parseFactor() (Expr, error) {
	t := p.next()
	switch t.Kind {
	case Name:
		if p.peek().Kind == LParen {
			if isMulti(t.Text) || t.Text == MultiC && p.part == PartResponse {
				return p.parseMulti(t)
			}
			return p.parseCall(t)
		}
		return &Var{Name: t.Text, Offset: t.Pos}, nil
	case InlineExpr:
		return p.parseInline(t)
	case Number:
		return nil, p.errorAt(t, "expected a column name", "unexpected number %s", t.Text)
	}
	return nil, p.unexpected(t, "a column name")
}

// Call = Func "(" Product [ "," Lags ] ")"
func (p *parser) parseCall(name Token) (Expr, error) {
	fi := -1
	var names []string
	for i, f := range funcs {
		names = append(names, string(f.name))
		if string(f.name) == name.Text {
			fi = i
		}
	}
	if fi < 0 {
		hint := "the functions are l(x, k), f(x, k), d(x), log(x), i(var)"
		if name.Text == MultiC {
			hint = "c(y1, y2) lists several responses, left of \"~\"; alternatives among the regressors are sw(a, b); " + hint
		} else if s, ok := funcAliases[strings.ToLower(name.Text)]; ok {
			hint = fmt.Sprintf("did you mean %s? %s", s, hint)
		} else if s := Suggest(name.Text, names); s != "" {
			hint = fmt.Sprintf("did you mean %s()? %s", s, hint)
		}
		return nil, &Error{Src: p.src, Pos: name.Pos, Part: p.part, Msg: fmt.Sprintf("unknown function %q", name.Text),
			Hint: hint, Err: ErrUnknownFunction}
	}
	fn := funcs[fi]
	open := p.next() // "("
	c := &Call{Fn: fn.name, Offset: name.Pos}
	if fn.name == FuncDummy {
		t := p.next()
		if t.Kind == EOF {
			return nil, p.errorAt(open, "", "unclosed \"(\"")
		}
		if t.Kind != Name || p.peek().Kind == LParen {
			return nil, p.errorAt(t, "i() takes a column name, as in i(region)", "unexpected %s in i()", t.describe())
		}
		c.Arg = Term{Factors: []Expr{&Var{Name: t.Text, Offset: t.Pos}}}
	} else {
		arg, err := p.parseProduct()
		if err != nil {
			return nil, p.unclosed(open, err)
		}
		if hasDummy(arg) {
			return nil, p.errorAt(name, "use i(var) as a term or a factor x:i(var) of its own", "i() inside %s()", fn.name)
		}
		c.Arg = arg
	}
	if fn.lags {
		c.Lo, c.Hi = 1, 1
		if p.peek().Kind == Comma {
			p.next()
			var err error
			if c.Lo, c.Hi, err = p.parseLags(fn.syntax); err != nil {
				return nil, p.unclosed(open, err)
			}
		}
	} else if t := p.peek(); t.Kind == Comma {
		return nil, p.errorAt(t, fmt.Sprintf("%s() takes one argument: %s", fn.name, fn.syntax), "unexpected \",\"")
	}
	if t := p.next(); t.Kind != RParen {
		if t.Kind == EOF {
			return nil, p.errorAt(open, "", "unclosed \"(\"")
		}
		return nil, p.errorAt(t, "expected \")\" to close "+fn.syntax, "unexpected %s", t.describe())
	}
	return c, nil
}

// unclosed turns an "unexpected end" inside a call into an "unclosed (" at
// the parenthesis, which is where the fix goes.
func (p *parser) unclosed(open Token, err error) error {
	if e, ok := err.(*Error); ok && e.Pos == len(p.src) && e.Err == ErrSyntax {
		return p.errorAt(open, "", "unclosed \"(\"")
	}
	return err
}

// Lags = Int [ ":" Int ]
func (p *parser) parseLags(syntax string) (lo, hi int, err error) {
	if lo, err = p.parseInt(syntax); err != nil {
		return 0, 0, err
	}
	hi = lo
	if p.peek().Kind == Colon {
		colon := p.next()
		if hi, err = p.parseInt(syntax); err != nil {
			return 0, 0, err
		}
		if hi < lo {
			return 0, 0, p.errorAt(colon, "write the smaller lag first", "empty lag range %d:%d", lo, hi)
		}
		if hi-lo >= maxRange {
			return 0, 0, p.errorAt(colon, fmt.Sprintf("at most %d lags per call", maxRange), "lag range %d:%d is too long", lo, hi)
		}
	}
	return lo, hi, nil
}

// Int = [ "-" ] digits
func (p *parser) parseInt(syntax string) (int, error) {
	t := p.next()
	sign := 1
	if t.Kind == Minus {
		sign = -1
		t = p.next()
	}
	if t.Kind != Number {
		if t.Kind == EOF {
			return 0, p.unexpected(t, "")
		}
		return 0, p.errorAt(t, "expected a whole number, as in "+syntax, "unexpected %s", t.describe())
	}
	n, err := strconv.Atoi(t.Text)
	if err != nil || n > maxLag {
		return 0, p.errorAt(t, fmt.Sprintf("lags go up to %d", maxLag), "lag %s is too large", t.Text)
	}
	return sign * n, nil
}

// hasDummy reports whether term contains an i() call at any depth.
func hasDummy(term Term) bool {
	for _, e := range term.Factors {
		if c, ok := e.(*Call); ok && (c.Fn == FuncDummy || hasDummy(c.Arg)) {
			return true
		}
	}
	return false
}

// constText is the text of a constant item as written: "0", "1", "-1".
func constText(t Token, minus bool) string {
	if minus {
		return "-" + t.Text
	}
	return t.Text
}

func isMulti(name string) bool {
	switch name {
	case MultiSW, MultiSW0, MultiCSW, MultiCSW0, MultiMVSW:
		return true
	}
	return false
}

// Multi = Kind "(" Terms { "," Terms } ")"
func (p *parser) parseMulti(name Token) (Expr, error) {
	open := p.next() // "("
	if p.inMulti {
		return nil, p.errorAt(name, "list the combinations in one call", "%s() inside another multiple-estimation call", name.Text)
	}
	p.inMulti = true
	defer func() { p.inMulti = false }()
	m := &Multi{Kind: name.Text, Offset: name.Pos}
	for {
		terms, _, err := p.parseTerms(false)
		if err != nil {
			return nil, p.unclosed(open, err)
		}
		m.Alts = append(m.Alts, terms)
		switch t := p.next(); t.Kind {
		case Comma:
			continue
		case RParen:
			return m, nil
		case EOF:
			return nil, p.errorAt(open, "", "unclosed \"(\"")
		default:
			return nil, p.unexpected(t, `"," or ")"`)
		}
	}
}

// parseInline parses I(expr) with package expr, moving its positions and
// errors into the formula.
func (p *parser) parseInline(t Token) (Expr, error) {
	start := strings.IndexByte(p.src[t.Pos:], '(') + t.Pos + 1
	n, err := expr.Parse(t.Text)
	if err != nil {
		var ee *expr.Error
		if !errors.As(err, &ee) {
			return nil, err
		}
		e := &Error{Src: p.src, Pos: t.Pos, Part: p.part, Msg: ee.Msg, Hint: ee.Hint, Err: ErrSyntax}
		if ee.Pos >= 0 {
			e.Pos = start + ee.Pos
		}
		if errors.Is(err, expr.ErrUnknownFunction) {
			e.Err = ErrUnknownFunction
		}
		if ee.Msg == "empty expression" {
			e.Pos, e.Msg, e.Hint = t.Pos, "empty I()", "write the expression inside, as in I(x^2)"
		}
		return nil, e
	}
	expr.Shift(n, start)
	if len(expr.Expand(n)) > 1 {
		return nil, p.errorAt(t, "write a lag list as its own term, l(x, 1:2)", "I(%s) stands for several columns", n)
	}
	return &Inline{Node: n, Offset: t.Pos}, nil
}
