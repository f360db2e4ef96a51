package expr

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/internal/suggest"
	"github.com/econb/econb/lib/panel"
)

// Type is the type of a value.
type Type int

// The types: numbers (float64, NaN for missing) and strings ("" missing).
const (
	Numeric Type = iota + 1
	String
)

func (t Type) String() string {
	switch t {
	case Numeric:
		return "numeric"
	case String:
		return "string"
	}
	return "invalid"
}

// article is "a number" or "a string", for messages.
func (t Type) article() string {
	if t == String {
		return "a string"
	}
	return "a number"
}

// Options configures Compile.
type Options struct {
	// Src is the text the node was parsed from; errors point into it with
	// a caret. Without it errors name the offending part instead.
	Src string
	// By is the by-group of each row (Stata's by varlist:), any codes, -1
	// for a row outside every group; nil means one group of all rows.
	// _n, _N and x[exp] count rows within the row's group, in row order.
	By []int32
}

// Program is a compiled expression, ready to run on its Source (whose
// columns must not change meanwhile). Runs keep their state apart, so a
// Program may run any number of times, concurrently too.
type Program struct {
	node   Node
	src    Source
	rows   int
	typ    Type
	main   *program
	stages []*program // full columns the main program reads (operands of lags), in dependency order
	notes  []noteSpec
}

// Type returns the type of the expression's value.
func (p *Program) Type() Type { return p.typ }

// noteSpec is an operation that may make missing values of non-missing
// operands.
type noteSpec struct {
	node   Node
	reason string
}

// value is a compiled operand: a register of the current program or a
// constant not yet in a register.
type value struct {
	typ   Type
	reg   int
	konst bool
	num   float64
	str   string
	// text is set when the value is a text column loaded as is, so that
	// string functions can work on its dictionary.
	text *textCol
}

type textCol struct {
	codes []int32
	dict  []string
}

func numConst(v float64) value { return value{typ: Numeric, konst: true, num: fin(v)} }
func strConst(s string) value  { return value{typ: String, konst: true, str: s} }

// compiler holds the state of one Compile call.
type compiler struct {
	src     Source
	opt     Options
	prog    *Program
	p       *program // the program being emitted
	stageOf map[string]int
	lagRows map[int][]int32
	ix      *panel.Index
	groups  *groups
}

// Compile type-checks n against the columns of s and compiles it. Errors
// are *Error values: unknown columns (with the closest name), type
// mismatches, wrong arguments, lags without a panel, lag lists.
func Compile(n Node, s Source, opt Options) (*Program, error) {
	if opt.By != nil && len(opt.By) != s.Len() {
		panic(fmt.Sprintf("expr: Compile: %d by-group codes for %d rows", len(opt.By), s.Len()))
	}
	c := &compiler{src: s, opt: opt, stageOf: map[string]int{}, lagRows: map[int][]int32{}}
	c.prog = &Program{node: n, src: s, rows: s.Len()}
	main, err := c.program(n)
	if err != nil {
		return nil, err
	}
	c.prog.main = main
	c.prog.typ = main.typ
	return c.prog, nil
}

// program compiles n into a new program whose output is n's value.
func (c *compiler) program(n Node) (*program, error) {
	saved := c.p
	c.p = &program{out: -1}
	defer func() { c.p = saved }()
	v, err := c.node(n)
	if err != nil {
		return nil, err
	}
	p := c.p
	p.typ = v.typ
	if v.konst || p.last != v.reg || p.views[v.reg] {
		v = c.copyOf(v) // the output must be a register the program writes
	}
	p.out = v.reg
	return p, nil
}

// errAt returns an error positioned at n.
func (c *compiler) errAt(n Node, sentinel error, hint, format string, args ...any) error {
	e := errorAt(c.opt.Src, n.Pos(), sentinel, hint, format, args...)
	if c.opt.Src == "" {
		e.Pos = -1
	}
	return e
}

func (c *compiler) node(n Node) (value, error) {
	switch n := n.(type) {
	case *Number:
		return numConst(n.Value), nil
	case *Text:
		return strConst(n.Value), nil
	case *Missing:
		return numConst(nan), nil
	case *Var:
		return c.load(n)
	case *Builtin:
		return c.builtin(n)
	case *Unary:
		return c.unary(n)
	case *Binary:
		return c.binary(n)
	case *Call:
		return c.call(n)
	case *Lag:
		return c.lag(n)
	case *Diff:
		return c.diff(n)
	case *Subscript:
		return c.subscript(n)
	}
	panic(fmt.Sprintf("expr: unknown node %T", n))
}

// load reads a column.
func (c *compiler) load(v *Var) (value, error) {
	if x, ok := c.src.Numeric(v.Name); ok {
		if len(x) != c.prog.rows {
			panic(fmt.Sprintf("expr: column %q has %d rows, the source %d", v.Name, len(x), c.prog.rows))
		}
		r := c.p.newNum()
		c.p.view(r, func(w *worker, lo, hi int) { w.num[r] = x[lo:hi] })
		return value{typ: Numeric, reg: r}, nil
	}
	if codes, dict, ok := c.src.Text(v.Name); ok {
		r := c.p.newStr()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.sdst(r, lo, hi)
			gather(d, dict, codes[lo:hi], "")
			w.str[r] = d
		})
		return value{typ: String, reg: r, text: &textCol{codes, dict}}, nil
	}
	hint := ""
	if s, ok := suggest.Closest(v.Name, c.src.Names()); ok {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	return value{}, c.errAt(v, ErrUnknownColumn, hint, "unknown column %q", v.Name)
}

func (c *compiler) builtin(b *Builtin) (value, error) {
	switch b.Name {
	case "_pi":
		return numConst(math.Pi), nil
	case "_N":
		if c.opt.By == nil {
			return numConst(float64(c.prog.rows)), nil
		}
		g := c.byGroups()
		r := c.p.newNum()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.dst(r, lo, hi)
			for i, k := range g.of[lo:hi] {
				if k >= 0 {
					d[i] = float64(g.size[k])
				} else {
					d[i] = nan
				}
			}
			w.num[r] = d
		})
		return value{typ: Numeric, reg: r}, nil
	}
	// _n
	r := c.p.newNum()
	if c.opt.By == nil {
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.dst(r, lo, hi)
			for i := range d {
				d[i] = float64(lo + i + 1)
			}
			w.num[r] = d
		})
		return value{typ: Numeric, reg: r}, nil
	}
	g := c.byGroups()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		for i, k := range g.rank[lo:hi] {
			if k > 0 {
				d[i] = float64(k)
			} else {
				d[i] = nan
			}
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

func (c *compiler) unary(n *Unary) (value, error) {
	x, err := c.node(n.X)
	if err != nil {
		return value{}, err
	}
	if x.typ != Numeric {
		return value{}, c.errAt(n, ErrType, "", "type mismatch: %q applies to numbers, and %s is a string", n.Op, n.X)
	}
	if n.Op == OpNot {
		return c.apply1(n, x, kNot), nil
	}
	return c.apply1(n, x, kNeg), nil
}

var binaryKernel = map[Op]kernel2{OpAdd: kAdd, OpSub: kSub, OpMul: kMul, OpDiv: kDiv, OpPow: kPow,
	OpEq: kCompare(OpEq), OpNe: kCompare(OpNe), OpLt: kCompare(OpLt), OpGt: kCompare(OpGt), OpLe: kCompare(OpLe),
	OpGe: kCompare(OpGe), OpAnd: kAnd, OpOr: kOr}

// opReason explains, per operator, how it makes missing values.
var opReason = map[Op]string{OpAdd: "result too large", OpSub: "result too large", OpMul: "result too large",
	OpDiv: "division by zero", OpPow: "negative base with a fractional power, 0 to a negative power, or too large"}

func (c *compiler) binary(n *Binary) (value, error) {
	x, err := c.node(n.X)
	if err != nil {
		return value{}, err
	}
	y, err := c.node(n.Y)
	if err != nil {
		return value{}, err
	}
	if x.typ != y.typ {
		return value{}, c.errAt(n, ErrType, "convert one side with real() or string()",
			"type mismatch: %q of %s (%s) and %s (%s)", n.Op, x.typ.article(), n.X, y.typ.article(), n.Y)
	}
	if x.typ == String {
		switch {
		case n.Op == OpAdd:
			return c.concat(x, y), nil
		case n.Op.IsComparison():
			return c.compareStr(n.Op, x, y), nil
		}
		return value{}, c.errAt(n, ErrType, "strings take + (concatenation) and comparisons",
			"type mismatch: %q applies to numbers, not strings", n.Op)
	}
	return c.apply2(n, opReason[n.Op], x, y, binaryKernel[n.Op]), nil
}

// apply1 emits a numeric kernel of one operand, folding constants.
func (c *compiler) apply1(n Node, x value, k func(dst, x []float64) int) value {
	return c.apply1Note(n, "", x, k)
}

func (c *compiler) apply1Note(n Node, reason string, x value, k func(dst, x []float64) int) value {
	if x.konst {
		var d [1]float64
		k(d[:], []float64{x.num})
		return numConst(d[0])
	}
	note := c.note(n, reason)
	r, xr := c.p.newNum(), x.reg
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		if bad := k(d, w.num[xr]); bad > 0 && note >= 0 {
			w.note(note, lo, d, w.num[xr])
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}
}

// apply2 emits a numeric kernel of two operands, folding constants.
func (c *compiler) apply2(n Node, reason string, x, y value, k kernel2) value {
	if x.konst && y.konst {
		var d [1]float64
		k(d[:], []float64{x.num}, []float64{y.num})
		return numConst(d[0])
	}
	note := c.note(n, reason)
	r, xr, yr := c.p.newNum(), c.reg(x), c.reg(y)
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		if bad := k(d, w.num[xr], w.num[yr]); bad > 0 && note >= 0 {
			w.note(note, lo, d, w.num[xr], w.num[yr])
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}
}

// note registers n as an operation whose generated missing values are
// counted, or returns -1 when reason is "" (it never generates any).
func (c *compiler) note(n Node, reason string) int {
	if reason == "" {
		return -1
	}
	c.prog.notes = append(c.prog.notes, noteSpec{node: n, reason: reason})
	return len(c.prog.notes) - 1
}

// reg returns the register of v, putting a constant into one.
func (c *compiler) reg(v value) int {
	if !v.konst {
		return v.reg
	}
	if v.typ == String {
		r := c.p.newStr()
		c.p.kstr = append(c.p.kstr, skonst{r, v.str})
		return r
	}
	r := c.p.newNum()
	c.p.knum = append(c.p.knum, konst{r, v.num})
	return r
}

// copyOf emits a copy of v into a new register.
func (c *compiler) copyOf(v value) value {
	src := c.reg(v)
	if v.typ == String {
		r := c.p.newStr()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.sdst(r, lo, hi)
			copy(d, w.str[src])
			w.str[r] = d
		})
		return value{typ: String, reg: r}
	}
	r := c.p.newNum()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		copy(d, w.num[src])
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}
}

// column returns a function giving the full column of the numeric
// expression n at run time: the source's own slice for a column name,
// otherwise a stage computed before the main program.
func (c *compiler) column(n Node) (func(w *worker) []float64, error) {
	if v, ok := n.(*Var); ok {
		if x, ok := c.src.Numeric(v.Name); ok {
			return func(*worker) []float64 { return x }, nil
		}
		if _, _, ok := c.src.Text(v.Name); ok {
			return nil, c.errAt(v, ErrType, "", "type mismatch: time-series operators apply to numeric columns, and %s is a string", v.Name)
		}
	}
	key := n.String()
	k, ok := c.stageOf[key]
	if !ok {
		st, err := c.program(n)
		if err != nil {
			return nil, err
		}
		if st.typ != Numeric {
			return nil, c.errAt(n, ErrType, "", "type mismatch: time-series operators apply to numbers, and %s is a string", n)
		}
		c.prog.stages = append(c.prog.stages, st)
		k = len(c.prog.stages) - 1
		c.stageOf[key] = k
	}
	return func(w *worker) []float64 { return w.x.cols[k] }, nil
}

// lagIndex returns, per row, the row of the same entity k periods earlier
// (-1 when that period is not observed), from the source's panel.
func (c *compiler) lagIndex(n Node, k int) ([]int32, error) {
	if c.ix == nil {
		c.ix = c.src.Panel()
		if c.ix == nil {
			return nil, c.errAt(n, ErrNoPanel,
				"declare the panel's entity and time columns first, as Stata's xtset (tsset for one series)",
				"%s needs a panel index", n)
		}
		if c.ix.Rows() != c.prog.rows {
			panic(fmt.Sprintf("expr: the panel index has %d rows, the source %d", c.ix.Rows(), c.prog.rows))
		}
	}
	rows, ok := c.lagRows[k]
	if !ok {
		rows = c.ix.LagRows(k)
		c.lagRows[k] = rows
	}
	return rows, nil
}

func (c *compiler) lag(n *Lag) (value, error) {
	if n.Lo != n.Hi {
		return value{}, c.errAt(n, ErrList, "use it in a variable list or a formula, or write the lags one by one ("+lagListHint(n)+")",
			"%s stands for %d columns, not one value", n, abs(n.Hi-n.Lo)+1)
	}
	rows, err := c.lagIndex(n, n.Lo)
	if err != nil {
		return value{}, err
	}
	if n.Lo == 0 {
		return c.node(n.X)
	}
	col, err := c.column(n.X)
	if err != nil {
		return value{}, err
	}
	r := c.p.newNum()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		gather(d, col(w), rows[lo:hi], nan)
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

func lagListHint(n *Lag) string {
	var s string
	for i, k := range n.Lags() {
		if i > 0 {
			s += ", "
		}
		s += (&Lag{X: n.X, Lo: k, Hi: k, Form: n.Form}).String()
	}
	return s
}

// diff compiles D.x as x - L.x within the panel (missing where the
// previous period is not observed), Dk.x as D.(Dk-1.x), and Sk.x as
// x - Lk.x ([TS] tsvarlist).
func (c *compiler) diff(n *Diff) (value, error) {
	rows, err := c.lagIndex(n, n.Season)
	if err != nil {
		return value{}, err
	}
	var inner Node = n.X
	if n.Order > 1 {
		d := *n
		d.Order--
		inner = &d
	}
	col, err := c.column(inner)
	if err != nil {
		return value{}, err
	}
	r := c.p.newNum()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d, x := w.dst(r, lo, hi), col(w)
		for i, s := range rows[lo:hi] {
			if s >= 0 {
				d[i] = fin(x[lo+i] - x[s])
			} else {
				d[i] = nan
			}
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

// subscript compiles x[exp]: the value of x in row exp (1-based, within the
// row's by-group), missing outside the data.
func (c *compiler) subscript(n *Subscript) (value, error) {
	row, err := c.node(n.Row)
	if err != nil {
		return value{}, err
	}
	if row.typ != Numeric {
		return value{}, c.errAt(n.Row, ErrType, "", "type mismatch: a subscript is a row number, and %s is a string", n.Row)
	}
	rr := c.reg(row)
	v := n.X.(*Var)
	var g *groups
	if c.opt.By != nil {
		g = c.byGroups()
	}
	rows := c.prog.rows
	// target maps the subscript of row lo+i to a row, or -1.
	target := func(lo, i int, k float64) int {
		if k != k || math.Abs(k) > 1e15 {
			return -1
		}
		j := int(k) // truncated toward zero
		if g == nil {
			if j < 1 || j > rows {
				return -1
			}
			return j - 1
		}
		grp := g.of[lo+i]
		if grp < 0 || j < 1 || j > int(g.size[grp]) {
			return -1
		}
		return int(g.order[int(g.start[grp])+j-1])
	}
	if x, ok := c.src.Numeric(v.Name); ok {
		r := c.p.newNum()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.dst(r, lo, hi)
			for i, k := range w.num[rr] {
				if t := target(lo, i, k); t >= 0 {
					d[i] = x[t]
				} else {
					d[i] = nan
				}
			}
			w.num[r] = d
		})
		return value{typ: Numeric, reg: r}, nil
	}
	if codes, dict, ok := c.src.Text(v.Name); ok {
		r := c.p.newStr()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.sdst(r, lo, hi)
			for i, k := range w.num[rr] {
				d[i] = ""
				if t := target(lo, i, k); t >= 0 && codes[t] >= 0 {
					d[i] = dict[codes[t]]
				}
			}
			w.str[r] = d
		})
		return value{typ: String, reg: r}, nil
	}
	_, err = c.load(v) // the unknown-column error
	return value{}, err
}

// groups are the by-groups of Options.By.
type groups struct {
	of    []int32 // dense group of each row, -1 for none
	rank  []int32 // 1-based position of each row within its group, 0 for none
	size  []int32 // rows per group
	start []int32 // offset of each group in order
	order []int32 // rows grouped, in row order within each group
}

func (c *compiler) byGroups() *groups {
	if c.groups != nil {
		return c.groups
	}
	n := len(c.opt.By)
	g := &groups{of: make([]int32, n), rank: make([]int32, n)}
	dense := map[int32]int32{}
	for r, k := range c.opt.By {
		if k < 0 {
			g.of[r] = -1
			continue
		}
		d, ok := dense[k]
		if !ok {
			d = int32(len(g.size))
			dense[k] = d
			g.size = append(g.size, 0)
		}
		g.of[r] = d
		g.size[d]++
		g.rank[r] = g.size[d]
	}
	g.start = make([]int32, len(g.size))
	for k := 1; k < len(g.size); k++ {
		g.start[k] = g.start[k-1] + g.size[k-1]
	}
	g.order = make([]int32, n)
	for r, d := range g.of {
		if d >= 0 {
			g.order[g.start[d]+g.rank[r]-1] = int32(r)
		}
	}
	c.groups = g
	return g
}

// call compiles a function call (the parser has checked the name and the
// number of arguments; nodes built in code are checked here).
func (c *compiler) call(n *Call) (value, error) {
	fn, ok := lookupFunc(n.Func)
	if !ok {
		return value{}, unknownFunction(c.opt.Src, Token{Kind: TokName, Text: n.Func, Pos: n.Offset})
	}
	if len(n.Args) < fn.minArgs || fn.maxArgs >= 0 && len(n.Args) > fn.maxArgs {
		return value{}, c.errAt(n, ErrArgs, "the syntax is "+fn.syntax, "%s() takes %s, not %d", n.Func, fn.arity(), len(n.Args))
	}
	args := make([]value, len(n.Args))
	for i, a := range n.Args {
		v, err := c.node(a)
		if err != nil {
			return value{}, err
		}
		args[i] = v
	}
	return fn.compile(c, n, args)
}

// gather sets d[i] = from[idx[i]], or missing where idx[i] < 0: a lag by
// its row index, a text column by its dictionary codes.
func gather[T any](d, from []T, idx []int32, missing T) {
	idx = idx[:len(d)]
	for i, k := range idx {
		if k >= 0 {
			d[i] = from[k]
		} else {
			d[i] = missing
		}
	}
}
