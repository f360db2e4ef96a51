package formula

import "github.com/econb/econb/lib/expr"

// Expand returns the term with every lag range split into single lags, in
// order: l(x, 1:2):z gives l(x,1):z and l(x,2):z. Terms without ranges come
// back as they are. i() calls are kept; their dummies depend on the data.
func (t Term) Expand() []Term {
	out := []Term{{}}
	for _, e := range t.Factors {
		alts := expandExpr(e)
		next := make([]Term, 0, len(out)*len(alts))
		for _, prefix := range out {
			for _, a := range alts {
				fs := append(append([]Expr(nil), prefix.Factors...), a)
				next = append(next, Term{Factors: fs})
			}
		}
		out = next
	}
	return out
}

func expandExpr(e Expr) []Expr {
	c, ok := e.(*Call)
	if !ok {
		return []Expr{e}
	}
	var out []Expr
	for _, arg := range c.Arg.Expand() {
		for k := c.Lo; k <= c.Hi; k++ {
			out = append(out, &Call{Fn: c.Fn, Arg: arg, Lo: k, Hi: k, Offset: c.Offset})
		}
	}
	return out
}

// maxWidth bounds the number of columns one term may expand to.
const maxWidth = 10000

// width returns the number of terms t.Expand returns (for a multiple-
// estimation term, the most columns one of its models has), saturating at
// maxWidth+1 so that nested ranges cannot overflow or blow up.
func (t Term) width() int {
	w := 1
	for _, e := range t.Factors {
		switch e := e.(type) {
		case *Call:
			w = min(w*min(e.Arg.width()*(e.Hi-e.Lo+1), maxWidth+1), maxWidth+1)
		case *Multi:
			most := 0
			for _, alt := range e.Alts {
				sum := 0
				for _, a := range alt {
					sum = min(sum+a.width(), maxWidth+1)
				}
				most = max(most, sum)
			}
			if e.Kind == MultiMVSW || e.Kind == MultiCSW || e.Kind == MultiCSW0 {
				most = min(most*len(e.Alts), maxWidth+1) // cumulative: up to all at once
			}
			w = min(w*most, maxWidth+1)
		}
	}
	return w
}

// ExpandTerms expands every term of ts (see Term.Expand).
func ExpandTerms(ts []Term) []Term {
	var out []Term
	for _, t := range ts {
		out = append(out, t.Expand()...)
	}
	return out
}

// Columns returns the data columns a term reads, in order of appearance,
// each once.
func (t Term) Columns() []*Var {
	var out []*Var
	seen := map[string]bool{}
	add := func(v *Var) {
		if !seen[v.Name] {
			seen[v.Name] = true
			out = append(out, v)
		}
	}
	var walk func(Term)
	walk = func(t Term) {
		for _, e := range t.Factors {
			switch e := e.(type) {
			case *Var:
				add(e)
			case *Call:
				walk(e.Arg)
			case *Inline:
				for _, v := range expr.Columns(e.Node) {
					add(&Var{Name: v.Name, Offset: v.Offset})
				}
			case *Combine:
				for _, v := range e.Vars {
					add(v)
				}
			case *Multi:
				for _, alt := range e.Alts {
					for _, a := range alt {
						walk(a)
					}
				}
			}
		}
	}
	walk(t)
	return out
}

// NeedsPanel returns the first lag, lead or difference call in t, or nil.
// A lag inside I() is returned as the formula call it equals (L.x as
// l(x, 1), D.x as d(x)), at its position.
func (t Term) NeedsPanel() *Call {
	for _, e := range t.Factors {
		switch e := e.(type) {
		case *Call:
			if e.Fn == FuncLag || e.Fn == FuncLead || e.Fn == FuncDiff {
				return e
			}
			if inner := e.Arg.NeedsPanel(); inner != nil {
				return inner
			}
		case *Inline:
			switch n := expr.NeedsPanel(e.Node).(type) {
			case *expr.Lag:
				return &Call{Fn: FuncLag, Lo: n.Lo, Hi: n.Hi, Offset: n.Offset}
			case *expr.Diff:
				return &Call{Fn: FuncDiff, Offset: n.Offset}
			}
		case *Multi:
			for _, alt := range e.Alts {
				for _, a := range alt {
					if c := a.NeedsPanel(); c != nil {
						return c
					}
				}
			}
		}
	}
	return nil
}

// Node returns the expression of package expr that computes term t, a
// product of factors without i() (nil if t has one, or is a multiple-
// estimation term or a combined fixed effect): x:z is x*z, l(x, k) the
// node of Stata's Lk.x, d(x) of D.x, log(x) of ln(x), I(e) the node of e.
// Positions are those of the formula, so that expr's errors point into it.
func (t Term) Node() expr.Node {
	var out expr.Node
	for _, e := range t.Factors {
		n := factorNode(e)
		if n == nil {
			return nil
		}
		if out == nil {
			out = n
		} else {
			out = &expr.Binary{Op: expr.OpMul, X: out, Y: n, Offset: e.Pos()}
		}
	}
	return out
}

func factorNode(e Expr) expr.Node {
	switch e := e.(type) {
	case *Var:
		return &expr.Var{Name: e.Name, Offset: e.Offset}
	case *Inline:
		return e.Node
	case *Call:
		if e.Fn == FuncDummy {
			return nil
		}
		arg := e.Arg.Node()
		if arg == nil {
			return nil
		}
		switch e.Fn {
		case FuncLag:
			return &expr.Lag{X: arg, Lo: e.Lo, Hi: e.Hi, Offset: e.Offset, Form: expr.Formula}
		case FuncLead:
			return &expr.Lag{X: arg, Lo: -e.Lo, Hi: -e.Hi, Offset: e.Offset, Form: expr.Formula}
		case FuncDiff:
			return &expr.Diff{X: arg, Order: 1, Season: 1, Offset: e.Offset, Form: expr.Formula}
		}
		return &expr.Call{Func: string(e.Fn), Args: []expr.Node{arg}, Offset: e.Offset}
	}
	return nil
}
