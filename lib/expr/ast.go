package expr

import (
	"math"
	"strconv"
	"strings"
)

// Node is a parsed expression. Positions (Pos) are byte offsets into the
// source; they, and the spelling of lags and leads, are ignored by Equal.
// String returns the canonical text, which parses to an Equal node.
type Node interface {
	Pos() int
	String() string
	write(b *strings.Builder)
	prec() int
}

// Op is a unary or binary operator.
type Op int

// The operators, in Stata's order of evaluation from last to first
// ([U] 13.2.5 Order of evaluation, all operators): | & == >= <= < > !=
// + (binary) - (binary) * / - (negation) ^ !.
const (
	OpOr Op = iota + 1
	OpAnd
	OpEq
	OpGe
	OpLe
	OpLt
	OpGt
	OpNe
	OpAdd // also string concatenation
	OpSub
	OpMul
	OpDiv
	OpNeg
	OpPow
	OpNot
)

var opText = [...]string{OpOr: "|", OpAnd: "&", OpEq: "==", OpGe: ">=", OpLe: "<=", OpLt: "<", OpGt: ">",
	OpNe: "!=", OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpNeg: "-", OpPow: "^", OpNot: "!"}

func (o Op) String() string {
	if o > 0 && int(o) < len(opText) {
		return opText[o]
	}
	return "Op(" + strconv.Itoa(int(o)) + ")"
}

// IsComparison reports whether o is one of == != < > <= >=.
func (o Op) IsComparison() bool { return o >= OpEq && o <= OpNe }

// precAtom is the precedence of nodes that never need parentheses.
const precAtom = 100

// Number is a numeric literal.
type Number struct {
	Value  float64
	Offset int
}

// Text is a string literal ("abc").
type Text struct {
	Value  string
	Offset int
}

// Missing is the missing value ".".
type Missing struct{ Offset int }

// Var is a column name.
type Var struct {
	Name   string
	Offset int
}

// Builtin is one of Stata's system variables: _n (the row number, within
// the by-group when there is one), _N (the number of rows, of the group),
// _pi (π).
type Builtin struct {
	Name   string
	Offset int
}

// Unary is -X (OpNeg) or !X (OpNot).
type Unary struct {
	Op     Op
	X      Node
	Offset int
}

// Binary is X op Y. Offset is that of the operator.
type Binary struct {
	Op     Op
	X, Y   Node
	Offset int
}

// Call is a function call, such as log(x), round(x, 0.1), cond(c, a, b).
// Func is the name as written (aliases such as ln are resolved when the
// expression is compiled, so that it prints as written).
type Call struct {
	Func   string
	Args   []Node
	Offset int
}

// Form records how a lag, lead or difference was written, so that it
// prints the same way: Stata's L2.x or the formula's l(x, 2).
type Form int

const (
	Stata   Form = iota // L.x, L2.x, F.x, D.x, L(1/2).x
	Formula             // l(x, 1), f(x, 2), d(x)
)

// Lag is the value of X k periods earlier within the panel entity (k < 0:
// later, a lead), missing when that period is not observed: Stata's L.x,
// Lk.x, F.x, Fk.x and the formula's l(x, k), f(x, k). Lo < Hi is a lag
// list, Stata's L(1/2).x, which stands for several columns and must be
// split with Expand before it is evaluated.
type Lag struct {
	X      Node
	Lo, Hi int
	Offset int
	Form   Form
}

// Lags lists the lags of l in order, from Lo to Hi: F(1/2).x has Lo -1
// and Hi -2, and lists -1, -2.
func (l *Lag) Lags() []int {
	step := 1
	if l.Hi < l.Lo {
		step = -1
	}
	out := make([]int, 0, abs(l.Hi-l.Lo)+1)
	for k := l.Lo; ; k += step {
		out = append(out, k)
		if k == l.Hi {
			return out
		}
	}
}

// Diff is the difference of X with its value Season periods earlier,
// applied Order times: Stata's D.x (Order 1, Season 1), D2.x (Order 2),
// S12.x (Season 12) and the formula's d(x).
type Diff struct {
	X             Node
	Order, Season int
	Offset        int
	Form          Form
}

// Subscript is X at another row, Stata's x[_n-1]: Row is evaluated per row
// (1-based, within the by-group when there is one, truncated to an
// integer), and a row outside the data (or group) gives a missing value.
type Subscript struct {
	X, Row Node
	Offset int
}

func (n *Number) Pos() int    { return n.Offset }
func (n *Text) Pos() int      { return n.Offset }
func (n *Missing) Pos() int   { return n.Offset }
func (n *Var) Pos() int       { return n.Offset }
func (n *Builtin) Pos() int   { return n.Offset }
func (n *Unary) Pos() int     { return n.Offset }
func (n *Binary) Pos() int    { return n.Offset }
func (n *Call) Pos() int      { return n.Offset }
func (n *Lag) Pos() int       { return n.Offset }
func (n *Diff) Pos() int      { return n.Offset }
func (n *Subscript) Pos() int { return n.Offset }

func (n *Number) prec() int    { return precAtom }
func (n *Text) prec() int      { return precAtom }
func (n *Missing) prec() int   { return precAtom }
func (n *Var) prec() int       { return precAtom }
func (n *Builtin) prec() int   { return precAtom }
func (n *Unary) prec() int     { return opPrec[n.Op] }
func (n *Binary) prec() int    { return opPrec[n.Op] }
func (n *Call) prec() int      { return precAtom }
func (n *Lag) prec() int       { return precAtom }
func (n *Diff) prec() int      { return precAtom }
func (n *Subscript) prec() int { return precAtom }

// opPrec is the binding power of each operator: higher binds tighter.
var opPrec = [...]int{OpOr: 1, OpAnd: 2, OpEq: 3, OpGe: 4, OpLe: 5, OpLt: 6, OpGt: 7, OpNe: 8,
	OpAdd: 9, OpSub: 10, OpMul: 11, OpDiv: 12, OpNeg: 13, OpPow: 14, OpNot: 15}

func str(n Node) string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Number) String() string    { return str(n) }
func (n *Text) String() string      { return str(n) }
func (n *Missing) String() string   { return str(n) }
func (n *Var) String() string       { return str(n) }
func (n *Builtin) String() string   { return str(n) }
func (n *Unary) String() string     { return str(n) }
func (n *Binary) String() string    { return str(n) }
func (n *Call) String() string      { return str(n) }
func (n *Lag) String() string       { return str(n) }
func (n *Diff) String() string      { return str(n) }
func (n *Subscript) String() string { return str(n) }

func (n *Number) write(b *strings.Builder) { b.WriteString(FormatNumber(n.Value)) }

// FormatNumber prints a literal as the canonical text does: fixed notation
// between 1e-4 and 1e21, exponent notation outside, with the fewest digits
// that read back exactly.
func FormatNumber(v float64) string {
	if a := math.Abs(v); a == 0 || a >= 1e-4 && a < 1e21 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func (n *Text) write(b *strings.Builder) {
	if strings.Contains(n.Value, `"`) {
		b.WriteString("`\"" + n.Value + "\"'")
		return
	}
	b.WriteString(`"` + n.Value + `"`)
}

func (n *Missing) write(b *strings.Builder) { b.WriteByte('.') }
func (n *Var) write(b *strings.Builder)     { b.WriteString(QuoteName(n.Name)) }
func (n *Builtin) write(b *strings.Builder) { b.WriteString(n.Name) }

func (n *Unary) write(b *strings.Builder) {
	b.WriteString(n.Op.String())
	if _, ok := n.X.(*Unary); ok {
		n.X.write(b)
		return
	}
	writeParen(b, n.X, n.X.prec() < opPrec[OpPow] && n.Op == OpNeg || n.X.prec() < precAtom && n.Op == OpNot)
}

func (n *Binary) write(b *strings.Builder) {
	p := opPrec[n.Op]
	right := n.Op == OpPow // ^ groups to the right
	writeParen(b, n.X, n.X.prec() < p || right && n.X.prec() == p)
	b.WriteString(n.Op.String())
	writeParen(b, n.Y, n.Y.prec() < p || !right && n.Y.prec() == p)
}

func writeParen(b *strings.Builder, n Node, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	n.write(b)
	if paren {
		b.WriteByte(')')
	}
}

func (n *Call) write(b *strings.Builder) {
	b.WriteString(n.Func)
	b.WriteByte('(')
	for i, a := range n.Args {
		if i > 0 {
			b.WriteByte(',')
		}
		a.write(b)
	}
	b.WriteByte(')')
}

func (n *Lag) write(b *strings.Builder) {
	if n.Form == Formula {
		fn, lo, hi := "l", n.Lo, n.Hi
		if lo < 0 && hi < 0 {
			fn, lo, hi = "f", -lo, -hi
		}
		b.WriteString(fn + "(")
		n.X.write(b)
		b.WriteString("," + strconv.Itoa(lo))
		if hi != lo {
			b.WriteString(":" + strconv.Itoa(hi))
		}
		b.WriteByte(')')
		return
	}
	lead := n.Lo <= 0 && n.Hi <= 0 && (n.Lo != 0 || n.Hi != 0)
	switch {
	case n.Lo != n.Hi && lead:
		b.WriteString("F(" + strconv.Itoa(-n.Lo) + "/" + strconv.Itoa(-n.Hi) + ")")
	case n.Lo != n.Hi:
		b.WriteString("L(" + strconv.Itoa(n.Lo) + "/" + strconv.Itoa(n.Hi) + ")")
	case n.Lo == 1:
		b.WriteString("L")
	case n.Lo == -1:
		b.WriteString("F")
	case lead:
		b.WriteString("F" + strconv.Itoa(-n.Lo))
	default:
		b.WriteString("L" + strconv.Itoa(n.Lo))
	}
	writeTSOperand(b, n.X)
}

func (n *Diff) write(b *strings.Builder) {
	if n.Form == Formula && n.Order == 1 && n.Season == 1 {
		b.WriteString("d(")
		n.X.write(b)
		b.WriteByte(')')
		return
	}
	switch {
	case n.Season != 1 && n.Order > 1:
		b.WriteString("S" + strconv.Itoa(n.Season))
		inner := *n
		inner.Order--
		writeTSOperand(b, &inner)
		return
	case n.Season != 1:
		b.WriteString("S" + strconv.Itoa(n.Season))
	case n.Order == 1:
		b.WriteString("D")
	default:
		b.WriteString("D" + strconv.Itoa(n.Order))
	}
	writeTSOperand(b, n.X)
}

// writeTSOperand writes the dot and operand of a Stata operator: L.x, a
// chain L.D.x, or L.(expr) for another operand (the formula's l(log(x), 1)).
func writeTSOperand(b *strings.Builder, x Node) {
	b.WriteByte('.')
	switch x := x.(type) {
	case *Var:
		x.write(b)
		return
	case *Lag:
		if x.Form == Stata { // a chain: L.D.x is L.(D.x)
			x.write(b)
			return
		}
	case *Diff:
		if x.Form == Stata && (x.Order == 1 || x.Season == 1) {
			x.write(b)
			return
		}
	}
	b.WriteByte('(')
	x.write(b)
	b.WriteByte(')')
}

func (n *Subscript) write(b *strings.Builder) {
	n.X.write(b)
	b.WriteByte('[')
	n.Row.write(b)
	b.WriteByte(']')
}

// QuoteName returns name as written in an expression: bare when it lexes
// as one name, in backquotes otherwise.
func QuoteName(name string) string {
	if isBareName(name) {
		return name
	}
	return "`" + name + "`"
}

func isBareName(s string) bool {
	if s == "" || reserved[s] {
		return false
	}
	for i, r := range s {
		if !isNameRune(r, i == 0) {
			return false
		}
	}
	return true
}

// reserved are the names that are not columns: the system variables.
var reserved = map[string]bool{"_n": true, "_N": true, "_pi": true}

// Equal reports whether a and b are the same expression, ignoring
// positions, the spelling of lags (L.x equals l(x, 1)) and of function
// aliases (ln(x) equals log(x)).
func Equal(a, b Node) bool {
	switch a := a.(type) {
	case *Number:
		b, ok := b.(*Number)
		return ok && (a.Value == b.Value || math.IsNaN(a.Value) && math.IsNaN(b.Value))
	case *Text:
		b, ok := b.(*Text)
		return ok && a.Value == b.Value
	case *Missing:
		_, ok := b.(*Missing)
		return ok
	case *Var:
		b, ok := b.(*Var)
		return ok && a.Name == b.Name
	case *Builtin:
		b, ok := b.(*Builtin)
		return ok && a.Name == b.Name
	case *Unary:
		b, ok := b.(*Unary)
		return ok && a.Op == b.Op && Equal(a.X, b.X)
	case *Binary:
		b, ok := b.(*Binary)
		return ok && a.Op == b.Op && Equal(a.X, b.X) && Equal(a.Y, b.Y)
	case *Call:
		b, ok := b.(*Call)
		if !ok || canonical(a.Func) != canonical(b.Func) || len(a.Args) != len(b.Args) {
			return false
		}
		for i := range a.Args {
			if !Equal(a.Args[i], b.Args[i]) {
				return false
			}
		}
		return true
	case *Lag:
		b, ok := b.(*Lag)
		return ok && a.Lo == b.Lo && a.Hi == b.Hi && Equal(a.X, b.X)
	case *Diff:
		b, ok := b.(*Diff)
		return ok && a.Order == b.Order && a.Season == b.Season && Equal(a.X, b.X)
	case *Subscript:
		b, ok := b.(*Subscript)
		return ok && Equal(a.X, b.X) && Equal(a.Row, b.Row)
	}
	return false
}

// Canonical returns a copy of n in one spelling per value, so that two
// expressions that compute the same column print the same: a lag or lead
// of 0 periods is its operand (l(x, 0) and F0.x are x), lags and
// differences print in Stata's form (l(x, 1) as L.x), function aliases
// take their canonical name (ln as log), and positions are zero. Equal
// expressions have equal Canonical strings.
func Canonical(n Node) Node {
	switch n := n.(type) {
	case *Number:
		return &Number{Value: n.Value}
	case *Text:
		return &Text{Value: n.Value}
	case *Missing:
		return &Missing{}
	case *Var:
		return &Var{Name: n.Name}
	case *Builtin:
		return &Builtin{Name: n.Name}
	case *Unary:
		return &Unary{Op: n.Op, X: Canonical(n.X)}
	case *Binary:
		return &Binary{Op: n.Op, X: Canonical(n.X), Y: Canonical(n.Y)}
	case *Call:
		args := make([]Node, len(n.Args))
		for i, a := range n.Args {
			args[i] = Canonical(a)
		}
		return &Call{Func: canonical(n.Func), Args: args}
	case *Lag:
		if n.Lo == 0 && n.Hi == 0 {
			return Canonical(n.X)
		}
		return &Lag{X: Canonical(n.X), Lo: n.Lo, Hi: n.Hi, Form: Stata}
	case *Diff:
		return &Diff{X: Canonical(n.X), Order: n.Order, Season: n.Season, Form: Stata}
	case *Subscript:
		return &Subscript{X: Canonical(n.X), Row: Canonical(n.Row)}
	}
	return n
}

// Walk calls fn on n and, when fn returns true, on its operands, depth first.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *Unary:
		Walk(n.X, fn)
	case *Binary:
		Walk(n.X, fn)
		Walk(n.Y, fn)
	case *Call:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *Lag:
		Walk(n.X, fn)
	case *Diff:
		Walk(n.X, fn)
	case *Subscript:
		Walk(n.X, fn)
		Walk(n.Row, fn)
	}
}

// Columns returns the columns n reads, in order of appearance, each once.
func Columns(n Node) []*Var {
	var out []*Var
	seen := map[string]bool{}
	Walk(n, func(m Node) bool {
		if v, ok := m.(*Var); ok && !seen[v.Name] {
			seen[v.Name] = true
			out = append(out, v)
		}
		return true
	})
	return out
}

// NeedsPanel returns the first lag, lead or difference in n, or nil.
func NeedsPanel(n Node) Node {
	var found Node
	Walk(n, func(m Node) bool {
		switch m.(type) {
		case *Lag, *Diff:
			if found == nil {
				found = m
			}
		}
		return found == nil
	})
	return found
}

// Expand splits every lag list in n (Stata's L(1/2).x, the formula's
// l(x, 1:2)) into single lags, giving one expression per combination in
// order: L(1/2).x gives L.x and L2.x. An expression without lists comes
// back alone.
func Expand(n Node) []Node {
	switch n := n.(type) {
	case *Lag:
		var out []Node
		for _, x := range Expand(n.X) {
			for _, k := range n.Lags() {
				out = append(out, &Lag{X: x, Lo: k, Hi: k, Offset: n.Offset, Form: n.Form})
			}
		}
		return out
	case *Diff:
		return mapExpand(Expand(n.X), func(x Node) Node { c := *n; c.X = x; return &c })
	case *Unary:
		return mapExpand(Expand(n.X), func(x Node) Node { c := *n; c.X = x; return &c })
	case *Binary:
		var out []Node
		for _, x := range Expand(n.X) {
			for _, y := range Expand(n.Y) {
				c := *n
				c.X, c.Y = x, y
				out = append(out, &c)
			}
		}
		return out
	case *Call:
		outs := [][]Node{nil}
		for _, a := range n.Args {
			var next [][]Node
			for _, prefix := range outs {
				for _, x := range Expand(a) {
					next = append(next, append(append([]Node(nil), prefix...), x))
				}
			}
			outs = next
		}
		out := make([]Node, len(outs))
		for i, args := range outs {
			c := *n
			c.Args = args
			out[i] = &c
		}
		return out
	case *Subscript:
		var out []Node
		for _, x := range Expand(n.X) {
			for _, r := range Expand(n.Row) {
				c := *n
				c.X, c.Row = x, r
				out = append(out, &c)
			}
		}
		return out
	}
	return []Node{n}
}

func mapExpand(xs []Node, fn func(Node) Node) []Node {
	out := make([]Node, len(xs))
	for i, x := range xs {
		out[i] = fn(x)
	}
	return out
}

// width is the number of expressions Expand(n) returns, saturating at
// maxWidth+1 so that nested lists cannot overflow.
func width(n Node) int {
	w := 1
	mul := func(k int) { w = min(w*min(k, maxWidth+1), maxWidth+1) }
	Walk(n, func(m Node) bool {
		if l, ok := m.(*Lag); ok {
			mul(abs(l.Hi-l.Lo) + 1)
		}
		return true
	})
	return w
}

// maxWidth bounds the number of expressions one lag list may expand to.
const maxWidth = 10000

// Shift adds delta to the position of every node of n, for an expression
// parsed out of a larger text (package formula's I(…)).
func Shift(n Node, delta int) {
	Walk(n, func(m Node) bool {
		switch m := m.(type) {
		case *Number:
			m.Offset += delta
		case *Text:
			m.Offset += delta
		case *Missing:
			m.Offset += delta
		case *Var:
			m.Offset += delta
		case *Builtin:
			m.Offset += delta
		case *Unary:
			m.Offset += delta
		case *Binary:
			m.Offset += delta
		case *Call:
			m.Offset += delta
		case *Lag:
			m.Offset += delta
		case *Diff:
			m.Offset += delta
		case *Subscript:
			m.Offset += delta
		}
		return true
	})
}
