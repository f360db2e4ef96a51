package formula

import (
	"strconv"
	"strings"

	"github.com/econb/econb/lib/expr"
)

// Part names used in errors and by Formula.Terms.
const (
	PartResponse     = "response"
	PartRegressors   = "regressors"
	PartFixedEffects = "fixed effects"
	PartEndogenous   = "endogenous"
	PartInstruments  = "instruments"
)

// Syntax restates the shape of a formula; errors about the shape quote it.
const Syntax = "y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2"

// Formula is a parsed model formula. Positions (Pos fields) are byte offsets
// into Src; they are ignored by Equal.
type Formula struct {
	Src          string // the text that was parsed
	Response     Term
	Regressors   []Term
	Const        bool // false when "0" or "-1" was given (with fixed effects the estimator absorbs it anyway)
	FixedEffects []Term
	Endogenous   []Term
	Instruments  []Term
	IVPos        int // byte offset of the IV part's "~", or -1 without an IV part
}

// HasIV reports whether the formula has an IV part.
func (f *Formula) HasIV() bool { return f.IVPos >= 0 }

// Term is one additive term: a product of one or more factors (x:z has two).
type Term struct {
	Factors []Expr
}

// Pos is the byte offset of the term's first factor.
func (t Term) Pos() int {
	if len(t.Factors) == 0 {
		return -1
	}
	return t.Factors[0].Pos()
}

// String returns the canonical text of the term (no spaces: "l(x,1:2):z").
func (t Term) String() string {
	var b strings.Builder
	for i, e := range t.Factors {
		if i > 0 {
			b.WriteByte(':')
		}
		e.write(&b)
	}
	return b.String()
}

// Expr is a factor of a term: a *Var, a *Call or an *Inline; among the
// fixed effects also a *Combine; and a *Multi standing alone as a term.
type Expr interface {
	Pos() int
	write(b *strings.Builder)
}

// Var is a column name.
type Var struct {
	Name   string
	Offset int // byte offset in Src
}

// Pos implements Expr.
func (v *Var) Pos() int { return v.Offset }

func (v *Var) write(b *strings.Builder) { b.WriteString(quoteName(v.Name)) }

// Func names a formula function.
type Func string

// The formula functions. The functions of one number after FuncDummy are
// those of package expr, with Stata's missing-value rules.
const (
	FuncLag   Func = "l"
	FuncLead  Func = "f"
	FuncDiff  Func = "d"
	FuncLog   Func = "log"
	FuncDummy Func = "i"
	FuncExp   Func = "exp"
	FuncSqrt  Func = "sqrt"
	FuncAbs   Func = "abs"
	FuncLog10 Func = "log10"
	FuncFloor Func = "floor"
	FuncCeil  Func = "ceil"
	FuncInt   Func = "int"
	FuncRound Func = "round"
	FuncSign  Func = "sign"
)

// funcs lists the functions with their syntax, for errors.
var funcs = []struct {
	name   Func
	syntax string
	lags   bool // takes a ", k" or ", k1:k2" argument
}{
	{FuncLag, "l(x, k) or l(x, k1:k2)", true},
	{FuncLead, "f(x, k) or f(x, k1:k2)", true},
	{FuncDiff, "d(x)", false},
	{FuncLog, "log(x)", false},
	{FuncDummy, "i(var)", false},
	{FuncExp, "exp(x)", false},
	{FuncSqrt, "sqrt(x)", false},
	{FuncAbs, "abs(x)", false},
	{FuncLog10, "log10(x)", false},
	{FuncFloor, "floor(x)", false},
	{FuncCeil, "ceil(x)", false},
	{FuncInt, "int(x)", false},
	{FuncRound, "round(x)", false},
	{FuncSign, "sign(x)", false},
}

// Call is a function applied to a product: l(x, 1:2), log(x), i(region).
type Call struct {
	Fn     Func
	Arg    Term
	Lo, Hi int // the lag range for l and f (Lo == Hi for one lag); 0 otherwise
	Offset int // byte offset of the function name
}

// Pos implements Expr.
func (c *Call) Pos() int { return c.Offset }

func (c *Call) write(b *strings.Builder) {
	b.WriteString(string(c.Fn))
	b.WriteByte('(')
	b.WriteString(c.Arg.String())
	if c.Fn == FuncLag || c.Fn == FuncLead {
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(c.Lo))
		if c.Hi != c.Lo {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(c.Hi))
		}
	}
	b.WriteByte(')')
}

// Inline is fixest's I(expr): any expression of package expr as one
// regressor, named by its canonical text, as I(x^2) or I(log(a)*b).
// Positions in Node are byte offsets into the formula.
type Inline struct {
	Node   expr.Node
	Offset int // byte offset of the I
}

// Pos implements Expr.
func (n *Inline) Pos() int { return n.Offset }

func (n *Inline) write(b *strings.Builder) {
	b.WriteString("I(")
	b.WriteString(n.Node.String())
	b.WriteByte(')')
}

// Combine is a combined fixed effect, fixest's a^b: one fixed effect whose
// groups are the observed combinations of the levels of its columns (a
// firm-year effect, say).
type Combine struct {
	Vars []*Var
}

// Pos implements Expr.
func (c *Combine) Pos() int { return c.Vars[0].Offset }

func (c *Combine) write(b *strings.Builder) {
	for i, v := range c.Vars {
		if i > 0 {
			b.WriteByte('^')
		}
		v.write(b)
	}
}

// The kinds of multiple estimation (fixest's stepwise functions, and c()
// for several responses).
const (
	MultiSW   = "sw"   // sw(a, b): one model with a, one with b
	MultiSW0  = "sw0"  // sw0(a, b): also one with neither
	MultiCSW  = "csw"  // csw(a, b): cumulative: a, then a + b
	MultiCSW0 = "csw0" // csw0(a, b): also one with neither first
	MultiMVSW = "mvsw" // mvsw(a, b): every combination: none, a, b, a + b
	MultiC    = "c"    // c(y1, y2): several responses (the response only)
)

// Multi is a multiple-estimation term: Alts are its arguments, each a sum
// of terms. It stands alone as a term; Expand turns the formula into one
// formula per model.
type Multi struct {
	Kind   string
	Alts   [][]Term
	Offset int // byte offset of the function name
}

// Pos implements Expr.
func (m *Multi) Pos() int { return m.Offset }

func (m *Multi) write(b *strings.Builder) {
	b.WriteString(m.Kind)
	b.WriteByte('(')
	for i, alt := range m.Alts {
		if i > 0 {
			b.WriteString(", ")
		}
		writeTerms(b, alt)
	}
	b.WriteByte(')')
}

// String returns the canonical text of the formula: single spaces around
// "~", "+" and "|", terms in their canonical form, "0 +" first when the
// constant is dropped. Parse(f.String()) equals f.
func (f *Formula) String() string {
	var b strings.Builder
	b.WriteString(f.Response.String())
	b.WriteString(" ~ ")
	switch {
	case !f.Const:
		b.WriteString("0")
		if len(f.Regressors) > 0 {
			b.WriteString(" + ")
		}
	case len(f.Regressors) == 0:
		b.WriteString("1")
	}
	writeTerms(&b, f.Regressors)
	if len(f.FixedEffects) > 0 {
		b.WriteString(" | ")
		writeTerms(&b, f.FixedEffects)
	}
	if f.HasIV() {
		b.WriteString(" | ")
		writeTerms(&b, f.Endogenous)
		b.WriteString(" ~ ")
		writeTerms(&b, f.Instruments)
	}
	return b.String()
}

func writeTerms(b *strings.Builder, ts []Term) {
	for i, t := range ts {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(t.String())
	}
}

// Equal reports whether f and g are the same model, ignoring positions and
// the source text.
func (f *Formula) Equal(g *Formula) bool {
	if f == nil || g == nil {
		return f == g
	}
	return termEqual(f.Response, g.Response) && f.Const == g.Const && f.HasIV() == g.HasIV() &&
		termsEqual(f.Regressors, g.Regressors) && termsEqual(f.FixedEffects, g.FixedEffects) &&
		termsEqual(f.Endogenous, g.Endogenous) && termsEqual(f.Instruments, g.Instruments)
}

func termsEqual(a, b []Term) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !termEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

func termEqual(a, b Term) bool {
	if len(a.Factors) != len(b.Factors) {
		return false
	}
	for i := range a.Factors {
		if !exprEqual(a.Factors[i], b.Factors[i]) {
			return false
		}
	}
	return true
}

func exprEqual(a, b Expr) bool {
	switch a := a.(type) {
	case *Var:
		b, ok := b.(*Var)
		return ok && a.Name == b.Name
	case *Call:
		b, ok := b.(*Call)
		return ok && a.Fn == b.Fn && a.Lo == b.Lo && a.Hi == b.Hi && termEqual(a.Arg, b.Arg)
	case *Inline:
		b, ok := b.(*Inline)
		return ok && expr.Equal(a.Node, b.Node)
	case *Combine:
		b, ok := b.(*Combine)
		if !ok || len(a.Vars) != len(b.Vars) {
			return false
		}
		for i := range a.Vars {
			if a.Vars[i].Name != b.Vars[i].Name {
				return false
			}
		}
		return true
	case *Multi:
		b, ok := b.(*Multi)
		if !ok || a.Kind != b.Kind || len(a.Alts) != len(b.Alts) {
			return false
		}
		for i := range a.Alts {
			if !termsEqual(a.Alts[i], b.Alts[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// quoteName returns name as written in a formula: bare when it lexes as one
// name, in backquotes otherwise.
func quoteName(name string) string {
	if isBareName(name) {
		return name
	}
	return "`" + name + "`"
}

func isBareName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !isNameRune(r, i == 0) {
			return false
		}
	}
	return true
}
