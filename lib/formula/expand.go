package formula

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

// width returns the number of terms t.Expand returns, saturating at
// maxWidth+1 so that nested ranges cannot overflow or blow up.
func (t Term) width() int {
	w := 1
	for _, e := range t.Factors {
		if c, ok := e.(*Call); ok {
			w = min(w*min(c.Arg.width()*(c.Hi-c.Lo+1), maxWidth+1), maxWidth+1)
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
	var walk func(Term)
	walk = func(t Term) {
		for _, e := range t.Factors {
			switch e := e.(type) {
			case *Var:
				if !seen[e.Name] {
					seen[e.Name] = true
					out = append(out, e)
				}
			case *Call:
				walk(e.Arg)
			}
		}
	}
	walk(t)
	return out
}

// NeedsPanel returns the first lag, lead or difference call in t, or nil.
func (t Term) NeedsPanel() *Call {
	for _, e := range t.Factors {
		if c, ok := e.(*Call); ok {
			if c.Fn == FuncLag || c.Fn == FuncLead || c.Fn == FuncDiff {
				return c
			}
			if inner := c.Arg.NeedsPanel(); inner != nil {
				return inner
			}
		}
	}
	return nil
}
