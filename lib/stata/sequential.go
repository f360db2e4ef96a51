package stata

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/frame"
)

// Stata's replace works row by row in the current sort order: when the
// expression (or the if condition) reads the variable being replaced in an
// earlier row, x[_n-1], it reads the value already replaced. This is how
// do-files accumulate: a capital stock by perpetual inventory,
//
//	by city: replace k = (1-0.096)*k[_n-1] + inv if _n > 1
//
// or a chained price index. lib/expr evaluates whole columns at once, so a
// plain evaluation would read the old values. sequentialReplace evaluates
// such a replace in waves: a row whose earlier rows are final is computed
// in the wave after theirs. Wave d holds the rows whose chain of x[_n-k]
// references is d long; a panel of T periods needs at most T waves, each
// one pass over the data. The result equals Stata's row-by-row loop bit
// for bit (the same operations on the same numbers).

// seqBuffer is the name under which the new values of the replaced
// variable are read; no Stata variable can have this name (it is too long
// and starts with two underscores and a dot-free digit run).
const seqBuffer = "__econb_replace_new_values_0"

// maxSeqWork bounds rows × waves of a sequential replace.
const maxSeqWork = 500_000_000

// readsEarlierRows parses the expression and condition of "replace name =
// exp if cond" and reports whether either reads name in an earlier row,
// name[_n-k] with k ≥ 1. A subscript of name that is neither _n ± k nor _N
// is an error: Stata would mix new and old values in a way econb does not
// reproduce.
func readsEarlierRows(name, exp, cond string) (bool, error) {
	seq := false
	for _, text := range []string{exp, cond} {
		if text == "" {
			continue
		}
		n, err := expr.Parse(text)
		if err != nil {
			return false, nil // the ordinary path reports it
		}
		var bad error
		expr.Walk(n, func(x expr.Node) bool {
			if bad != nil {
				return true
			}
			// Stata's L.x in "replace x = ... L.x" reads the lagged row as
			// already replaced too; econb evaluates time-series operators
			// on the old column, so say how to write it instead of giving
			// a different answer.
			var lagged expr.Node
			switch t := x.(type) {
			case *expr.Lag:
				if t.Lo > 0 || t.Hi > 0 {
					lagged = t.X
				}
			case *expr.Diff:
				lagged = t.X
			}
			if v, ok := lagged.(*expr.Var); ok && v.Name == name {
				bad = fmt.Errorf("replace %s: %s reads %s in an earlier period, which Stata's replace sees already replaced; econb does so for %s[_n-1] only: sort by panel and time and write bysort id (time): replace %s = ... %s[_n-1] ...: %w",
					name, x, name, name, name, name, ErrUnsupported)
				return true
			}
			s, ok := x.(*expr.Subscript)
			if !ok {
				return true
			}
			v, ok := s.X.(*expr.Var)
			if !ok || v.Name != name {
				return true
			}
			k, ok := rowOffset(s.Row)
			switch {
			case ok && k < 0:
				seq = true
			case ok, isBuiltin(s.Row, "_N"):
				// the current or a later row, or the last: old values
			default:
				bad = fmt.Errorf("replace %s: %s[%s] reads %s in another row; econb replaces row by row as Stata does only for %s[_n-k] (earlier rows) and %s[_n+k]; compute it into a new variable first: %w",
					name, name, s.Row, name, name, name, ErrUnsupported)
			}
			return true
		})
		if bad != nil {
			return false, bad
		}
	}
	return seq, nil
}

func isBuiltin(n expr.Node, name string) bool {
	b, ok := n.(*expr.Builtin)
	return ok && b.Name == name
}

// rowOffset reads _n, _n-k and _n+k (k an integer constant) as the offset
// 0, -k, k.
func rowOffset(n expr.Node) (int, bool) {
	if isBuiltin(n, "_n") {
		return 0, true
	}
	b, ok := n.(*expr.Binary)
	if !ok || (b.Op != expr.OpAdd && b.Op != expr.OpSub) || !isBuiltin(b.X, "_n") {
		return 0, false
	}
	num, ok := b.Y.(*expr.Number)
	if !ok || num.Value != math.Trunc(num.Value) || math.Abs(num.Value) > 1e9 {
		return 0, false
	}
	k := int(num.Value)
	if b.Op == expr.OpSub {
		k = -k
	}
	return k, true
}

// overlay is a frame with one more numeric column, the buffer of new
// values, for the waves of a sequential replace.
type overlay struct {
	*frame.Frame
	x []float64
}

func (o overlay) Names() []string { return append(o.Frame.Names(), seqBuffer) }

func (o overlay) Numeric(name string) ([]float64, bool) {
	if name == seqBuffer {
		return o.x, true
	}
	return o.Frame.Numeric(name)
}

// sequentialReplace runs "replace col = exp [if] [in]" row by row in
// Stata's sense (see the comment at the top of this file).
func sequentialReplace(f *frame.Frame, col *frame.Column, exp string, q qualifiers, by []int32) (*frame.Frame, error) {
	name := col.Name()
	if !col.IsNumeric() {
		return nil, fmt.Errorf("replace %s: %s is a string; econb replaces row by row (reading %s[_n-1]) only numeric variables: %w", name, name, name, ErrUnsupported)
	}
	n := f.Len()
	old, _ := f.Numeric(name)
	buf := append([]float64(nil), old...)
	// The rows of "in": the waves run over them; if goes into the value.
	var inMask []bool
	if q.In != "" {
		sel, err := selectRows("replace", f, qualifiers{In: q.In}, by)
		if err != nil {
			return nil, err
		}
		inMask = sel.Mask
	}
	node, err := expr.Parse(exp)
	if err != nil {
		return nil, fmt.Errorf("replace: %w", err)
	}
	offsets := map[int]bool{}
	retarget := func(root expr.Node) {
		expr.Walk(root, func(x expr.Node) bool {
			if s, ok := x.(*expr.Subscript); ok {
				if v, ok := s.X.(*expr.Var); ok && v.Name == name {
					if k, ok := rowOffset(s.Row); ok && k < 0 {
						s.X = &expr.Var{Name: seqBuffer, Offset: v.Offset}
						offsets[-k] = true
					}
				}
			}
			return true
		})
	}
	retarget(node)
	src := exp
	if q.If != "" {
		cond, err := expr.Parse(q.If)
		if err != nil {
			return nil, fmt.Errorf("replace if: %w", err)
		}
		retarget(cond)
		// if's rule: a missing condition is true, as cond(., a, b) gives a
		node = &expr.Call{Func: "cond", Args: []expr.Node{cond, node, &expr.Var{Name: name}}}
		src = ""
	}
	prog, err := expr.Compile(node, overlay{f, buf}, expr.Options{Src: src, By: by})
	if err != nil {
		return nil, fmt.Errorf("replace: %w", err)
	}
	if prog.Type() != expr.Numeric {
		return nil, fmt.Errorf("replace %s: type mismatch: %s is numeric and the expression is a string: %w", name, name, frame.ErrType)
	}
	depth, waves := seqDepths(n, by, offsets, inMask)
	if int64(n)*int64(waves) > maxSeqWork {
		return nil, fmt.Errorf("replace %s: %s[_n-k] chains %d rows deep over %d rows; econb computes such a replace in one pass per link (%d passes), too many: compute the recursion by groups (by id:) or with sum(): %w",
			name, name, waves, n, waves, ErrUnsupported)
	}
	mask := make([]bool, n)
	for d := 0; d < waves; d++ {
		any := false
		for r := range mask {
			mask[r] = depth[r] == d
			any = any || mask[r]
		}
		if !any {
			continue
		}
		c := prog.RunMask(mask)
		for r, m := range mask {
			if m {
				buf[r] = c.Num[r]
			}
		}
	}
	g, err := f.ReplaceFloat(name, buf, inMask)
	if err != nil {
		return nil, fmt.Errorf("replace: %w", err)
	}
	return g, nil
}

// seqDepths gives each row its wave: -1 outside the rows replaced (in
// range), else 1 + the largest wave of the rows it reads through
// x[_n-k] (0 when it reads none that are replaced); and the number of
// waves. Rows count within the by-group in row order, as x[_n-k] does.
func seqDepths(n int, by []int32, offsets map[int]bool, in []bool) ([]int, int) {
	depth := make([]int, n)
	// position of each row within its group, and the rows of each group
	pos := make([]int, n)
	members := map[int32][]int{}
	for r := 0; r < n; r++ {
		g := int32(0)
		if by != nil {
			g = by[r]
		}
		pos[r] = len(members[g])
		members[g] = append(members[g], r)
	}
	waves := 0
	for r := 0; r < n; r++ {
		if in != nil && !in[r] {
			depth[r] = -1
			continue
		}
		g := int32(0)
		if by != nil {
			g = by[r]
		}
		rows := members[g]
		d := 0
		for k := range offsets {
			if p := pos[r] - k; p >= 0 {
				if prev := depth[rows[p]]; prev >= 0 && prev+1 > d {
					d = prev + 1
				}
			}
		}
		depth[r] = d
		if d+1 > waves {
			waves = d + 1
		}
	}
	return depth, waves
}
