package expr

import (
	"math"
	"slices"
	"strings"

	"github.com/econb/econb/lib/internal/suggest"
)

// funcDef is a function of the language.
type funcDef struct {
	minArgs, maxArgs int // maxArgs -1: any number
	syntax           string
	compile          func(c *compiler, n *Call, args []value) (value, error)
}

func (f *funcDef) arity() string {
	words := []string{"no arguments", "one argument", "two arguments", "three arguments", "four arguments"}
	switch {
	case f.maxArgs < 0:
		return "at least " + words[f.minArgs]
	case f.minArgs == f.maxArgs:
		return words[f.minArgs]
	}
	return strings.Fields(words[f.minArgs])[0] + " to " + words[f.maxArgs]
}

// funcs are the functions, by name; funcAlias maps Stata's other names of
// the same functions ([FN]) to theirs.
var (
	funcs     map[string]*funcDef
	funcAlias = map[string]string{"ln": "log", "mi": "missing", "strupper": "upper", "strlower": "lower",
		"strtrim": "trim", "strltrim": "ltrim", "strrtrim": "rtrim", "strofreal": "string"}
)

func init() {
	unary := func(syntax, reason string, k func(dst, x []float64) int) *funcDef {
		return &funcDef{1, 1, syntax, func(c *compiler, n *Call, a []value) (value, error) {
			if err := c.wantTypes(n, a, Numeric); err != nil {
				return value{}, err
			}
			return c.apply1Note(n, reason, a[0], k), nil
		}}
	}
	binary := func(syntax, reason string, k kernel2) *funcDef {
		return &funcDef{2, 2, syntax, func(c *compiler, n *Call, a []value) (value, error) {
			if err := c.wantTypes(n, a, Numeric, Numeric); err != nil {
				return value{}, err
			}
			return c.apply2(n, reason, a[0], a[1], k), nil
		}}
	}
	funcs = map[string]*funcDef{
		"log":   unary("ln(x) or log(x)", "log of a non-positive value", kLog),
		"log10": unary("log10(x)", "log of a non-positive value", kUnary(log10Fn)),
		"exp":   unary("exp(x)", "result too large", kUnary(math.Exp)),
		"sqrt":  unary("sqrt(x)", "square root of a negative value", kUnary(sqrtFn)),
		"abs":   unary("abs(x)", "", kUnary(math.Abs)),
		"floor": unary("floor(x)", "", kUnary(math.Floor)),
		"ceil":  unary("ceil(x)", "", kUnary(math.Ceil)),
		"int":   unary("int(x)", "", kUnary(math.Trunc)),
		"sign":  unary("sign(x)", "", kUnary(signFn)),
		"mod":   binary("mod(x, y)", "mod(x, 0)", kBinary(modFn)),
		"round": {1, 2, "round(x) or round(x, y)", func(c *compiler, n *Call, a []value) (value, error) {
			if len(a) == 1 {
				a = append(a, numConst(1))
			}
			if err := c.wantTypes(n, a, Numeric, Numeric); err != nil {
				return value{}, err
			}
			return c.apply2(n, "", a[0], a[1], kBinary(roundFn)), nil
		}},
		"min":     {1, -1, "min(x1, x2, …)", minMax(math.Min)},
		"max":     {1, -1, "max(x1, x2, …)", minMax(math.Max)},
		"cond":    {3, 4, "cond(x, a, b[, c])", compileCond},
		"missing": {1, -1, "missing(x1, x2, …)", compileMissing},
		"inlist":  {2, -1, "inlist(z, a, b, …)", compileInlist},
		"inrange": {3, 3, "inrange(z, a, b)", compileInrange},
		"strlen": {1, 1, "strlen(s)", func(c *compiler, n *Call, a []value) (value, error) {
			if err := c.wantTypes(n, a, String); err != nil {
				return value{}, err
			}
			return c.strToNum(a[0], func(s string) float64 { return float64(len(s)) }), nil
		}},
		"upper":  strUnary("upper(s)", upperASCII),
		"lower":  strUnary("lower(s)", lowerASCII),
		"trim":   strUnary("trim(s)", func(s string) string { return strings.Trim(s, " ") }),
		"ltrim":  strUnary("ltrim(s)", func(s string) string { return strings.TrimLeft(s, " ") }),
		"rtrim":  strUnary("rtrim(s)", func(s string) string { return strings.TrimRight(s, " ") }),
		"substr": {3, 3, "substr(s, n1, n2)", compileSubstr},
		"real": {1, 1, "real(s)", func(c *compiler, n *Call, a []value) (value, error) {
			if err := c.wantTypes(n, a, String); err != nil {
				return value{}, err
			}
			return c.strToNum(a[0], realFn), nil
		}},
		"string": {1, 1, "string(x)", func(c *compiler, n *Call, a []value) (value, error) {
			if err := c.wantTypes(n, a, Numeric); err != nil {
				return value{}, err
			}
			return c.numToStr(a[0], formatG9), nil
		}},
	}
}

// lookupFunc returns the function called name (or an alias of it).
func lookupFunc(name string) (*funcDef, bool) {
	if canon, ok := funcAlias[name]; ok {
		name = canon
	}
	f, ok := funcs[name]
	return f, ok
}

// FuncNames returns the names of the functions, aliases included, sorted.
func FuncNames() []string {
	names := make([]string, 0, len(funcs)+len(funcAlias))
	for k := range funcs {
		names = append(names, k)
	}
	for k := range funcAlias {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func closestFunc(name string) (string, bool) { return suggest.Closest(name, FuncNames()) }

// wantTypes checks the types of a call's arguments.
func (c *compiler) wantTypes(n *Call, args []value, types ...Type) error {
	for i, t := range types {
		if i < len(args) && args[i].typ != t {
			return c.errAt(n.Args[i], ErrType, "the syntax is "+funcs[canonical(n.Func)].syntax,
				"type mismatch: %s() takes %s as argument %d, and %s is %s", n.Func, t.article(), i+1, n.Args[i], args[i].typ.article())
		}
	}
	return nil
}

func canonical(name string) string {
	if c, ok := funcAlias[name]; ok {
		return c
	}
	return name
}

// sameType checks that the arguments from index from on all have type t.
func (c *compiler) sameType(n *Call, args []value, from int, t Type, what string) error {
	for i := from; i < len(args); i++ {
		if args[i].typ != t {
			return c.errAt(n.Args[i], ErrType, "the syntax is "+funcs[canonical(n.Func)].syntax,
				"type mismatch: %s, and %s is %s", what, n.Args[i], args[i].typ.article())
		}
	}
	return nil
}

// minMax compiles min() and max(), which ignore missing values and are
// missing only when every argument is ([FN] min(), max()).
func minMax(pick func(a, b float64) float64) func(*compiler, *Call, []value) (value, error) {
	k := func(dst, x, y []float64) int {
		x, y = x[:len(dst)], y[:len(dst)]
		for i := range dst {
			a, b := x[i], y[i]
			switch {
			case a != a:
				dst[i] = b
			case b != b:
				dst[i] = a
			default:
				dst[i] = pick(a, b)
			}
		}
		return 0
	}
	return func(c *compiler, n *Call, args []value) (value, error) {
		if err := c.sameType(n, args, 0, Numeric, n.Func+"() takes numbers"); err != nil {
			return value{}, err
		}
		acc := args[0]
		for _, a := range args[1:] {
			acc = c.apply2(n, "", acc, a, k)
		}
		return acc, nil
	}
}

// compileCond: cond(x, a, b[, c]) is a if x is true and not missing, b if x
// is false (0), c if x is missing, and a if x is missing and c is not given
// ([FN] cond()). x > 2 is never missing, so c applies only to an x that is
// a number or a column.
func compileCond(c *compiler, n *Call, args []value) (value, error) {
	if err := c.wantTypes(n, args, Numeric); err != nil {
		return value{}, err
	}
	t := args[1].typ
	if err := c.sameType(n, args, 2, t, "cond()'s a, b and c are all numbers or all strings"); err != nil {
		return value{}, err
	}
	x := args[0]
	if x.konst { // pick the branch now
		switch {
		case x.num != x.num && len(args) == 4:
			return args[3], nil
		case x.num != 0: // true, or missing without c
			return args[1], nil
		}
		return args[2], nil
	}
	pick := func(v float64) int {
		switch {
		case v != v && len(args) == 4:
			return 3
		case v != 0:
			return 1
		}
		return 2
	}
	xr := x.reg
	regs := make([]int, len(args))
	for i := 1; i < len(args); i++ {
		regs[i] = c.reg(args[i])
	}
	if t == String {
		r := c.p.newStr()
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.sdst(r, lo, hi)
			for i, v := range w.num[xr][:len(d)] {
				d[i] = w.str[regs[pick(v)]][i]
			}
			w.str[r] = d
		})
		return value{typ: String, reg: r}, nil
	}
	r := c.p.newNum()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		for i, v := range w.num[xr][:len(d)] {
			d[i] = w.num[regs[pick(v)]][i]
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

// compileMissing: missing(x1, x2, …) is 1 if any argument is missing (NaN,
// or "" for a string), 0 otherwise ([FN] missing()).
func compileMissing(c *compiler, n *Call, args []value) (value, error) {
	var regs []int
	var isStr []bool
	any := false
	for _, a := range args {
		if a.konst {
			any = any || a.typ == Numeric && a.num != a.num || a.typ == String && a.str == ""
			continue
		}
		regs, isStr = append(regs, a.reg), append(isStr, a.typ == String)
	}
	if any || len(regs) == 0 {
		return numConst(b2f(any)), nil
	}
	r := c.p.newNum()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		for i := range d {
			m := false
			for k, reg := range regs {
				if isStr[k] {
					m = m || w.str[reg][i] == ""
				} else {
					v := w.num[reg][i]
					m = m || v != v
				}
			}
			d[i] = b2f(m)
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

// compileInlist: inlist(z, a, b, …) is 1 if z equals one of the others
// (missing equals missing, [U] 12.2.1), 0 otherwise ([FN] inlist()).
func compileInlist(c *compiler, n *Call, args []value) (value, error) {
	t := args[0].typ
	if err := c.sameType(n, args, 1, t, "inlist()'s arguments are all numbers or all strings"); err != nil {
		return value{}, err
	}
	acc := value{}
	for i, a := range args[1:] {
		var eq value
		if t == String {
			eq = c.compareStr(OpEq, args[0], a)
		} else {
			eq = c.apply2(n, "", args[0], a, binaryKernel[OpEq])
		}
		if i == 0 {
			acc = eq
		} else {
			acc = c.apply2(n, "", acc, eq, kOr)
		}
	}
	return acc, nil
}

// compileInrange: inrange(z, a, b) is 1 if it is known that a ≤ z ≤ b, by
// these ordered rules of [FN] inrange(): z missing gives 0; a and b both
// missing give 1; a missing gives z ≤ b; b missing gives a ≤ z; otherwise
// a ≤ z ≤ b. For strings "" stands for missing.
func compileInrange(c *compiler, n *Call, args []value) (value, error) {
	t := args[0].typ
	if err := c.sameType(n, args, 1, t, "inrange()'s arguments are all numbers or all strings"); err != nil {
		return value{}, err
	}
	zr, ar, br := c.reg(args[0]), c.reg(args[1]), c.reg(args[2])
	r := c.p.newNum()
	if t == String {
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.dst(r, lo, hi)
			z, a, b := w.str[zr], w.str[ar], w.str[br]
			for i := range d {
				d[i] = b2f(inrange(z[i] == "", a[i] == "", b[i] == "", a[i] <= z[i], z[i] <= b[i]))
			}
			w.num[r] = d
		})
		return value{typ: Numeric, reg: r}, nil
	}
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		z, a, b := w.num[zr], w.num[ar], w.num[br]
		for i := range d {
			d[i] = b2f(inrange(z[i] != z[i], a[i] != a[i], b[i] != b[i], a[i] <= z[i], z[i] <= b[i]))
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}, nil
}

func inrange(zMiss, aMiss, bMiss, aLEz, zLEb bool) bool {
	switch {
	case zMiss:
		return false
	case aMiss && bMiss:
		return true
	case aMiss:
		return zLEb
	case bMiss:
		return aLEz
	}
	return aLEz && zLEb
}

// strUnary is a string function of one string.
func strUnary(syntax string, f func(string) string) *funcDef {
	return &funcDef{1, 1, syntax, func(c *compiler, n *Call, a []value) (value, error) {
		if err := c.wantTypes(n, a, String); err != nil {
			return value{}, err
		}
		return c.strToStr(a[0], f), nil
	}}
}

// strToStr applies f to every row's string, or once per distinct value
// when x is a text column as stored.
func (c *compiler) strToStr(x value, f func(string) string) value {
	if x.konst {
		return strConst(f(x.str))
	}
	r, xr := c.p.newStr(), x.reg
	if x.text != nil {
		mapped, missing := make([]string, len(x.text.dict)), f("")
		for k, s := range x.text.dict {
			mapped[k] = f(s)
		}
		codes := x.text.codes
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.sdst(r, lo, hi)
			gather(d, mapped, codes[lo:hi], missing)
			w.str[r] = d
		})
		return value{typ: String, reg: r}
	}
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.sdst(r, lo, hi)
		for i, s := range w.str[xr][:len(d)] {
			d[i] = f(s)
		}
		w.str[r] = d
	})
	return value{typ: String, reg: r}
}

// strToNum is strToStr for functions from strings to numbers.
func (c *compiler) strToNum(x value, f func(string) float64) value {
	if x.konst {
		return numConst(f(x.str))
	}
	r, xr := c.p.newNum(), x.reg
	if x.text != nil {
		mapped, missing := make([]float64, len(x.text.dict)), f("")
		for k, s := range x.text.dict {
			mapped[k] = f(s)
		}
		codes := x.text.codes
		c.p.emit(r, func(w *worker, lo, hi int) {
			d := w.dst(r, lo, hi)
			gather(d, mapped, codes[lo:hi], missing)
			w.num[r] = d
		})
		return value{typ: Numeric, reg: r}
	}
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		for i, s := range w.str[xr][:len(d)] {
			d[i] = f(s)
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}
}

// numToStr applies f, a function from numbers to strings, per row.
func (c *compiler) numToStr(x value, f func(float64) string) value {
	if x.konst {
		return strConst(f(x.num))
	}
	r, xr := c.p.newStr(), x.reg
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.sdst(r, lo, hi)
		for i, v := range w.num[xr][:len(d)] {
			d[i] = f(v)
		}
		w.str[r] = d
	})
	return value{typ: String, reg: r}
}

// concat is string + string ([U] 13.2.2 String operators).
func (c *compiler) concat(x, y value) value {
	if x.konst && y.konst {
		return strConst(x.str + y.str)
	}
	r, xr, yr := c.p.newStr(), c.reg(x), c.reg(y)
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.sdst(r, lo, hi)
		a, b := w.str[xr], w.str[yr]
		for i := range d {
			d[i] = a[i] + b[i]
		}
		w.str[r] = d
	})
	return value{typ: String, reg: r}
}

// compareStr compares strings bytewise; "" (missing) sorts first. A text
// column against a constant is compared once per distinct value.
func (c *compiler) compareStr(op Op, x, y value) value {
	cmp := func(a, b string) bool {
		switch op {
		case OpEq:
			return a == b
		case OpNe:
			return a != b
		case OpLt:
			return a < b
		case OpGt:
			return a > b
		case OpLe:
			return a <= b
		}
		return a >= b
	}
	switch {
	case x.konst && y.konst:
		return numConst(b2f(cmp(x.str, y.str)))
	case y.konst:
		return c.strToNum(x, func(s string) float64 { return b2f(cmp(s, y.str)) })
	case x.konst:
		return c.strToNum(y, func(s string) float64 { return b2f(cmp(x.str, s)) })
	}
	r, xr, yr := c.p.newNum(), x.reg, y.reg
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.dst(r, lo, hi)
		a, b := w.str[xr], w.str[yr]
		for i := range d {
			d[i] = b2f(cmp(a[i], b[i]))
		}
		w.num[r] = d
	})
	return value{typ: Numeric, reg: r}
}

// compileSubstr: substr(s, n1, n2) is the substring of s starting at byte
// n1 for n2 bytes; n1 < 0 counts from the end; n2 missing takes the rest
// ([FN] substr()).
func compileSubstr(c *compiler, n *Call, args []value) (value, error) {
	if err := c.wantTypes(n, args, String, Numeric, Numeric); err != nil {
		return value{}, err
	}
	if args[0].konst && args[1].konst && args[2].konst {
		return strConst(substr(args[0].str, args[1].num, args[2].num)), nil
	}
	sr, ar, br := c.reg(args[0]), c.reg(args[1]), c.reg(args[2])
	r := c.p.newStr()
	c.p.emit(r, func(w *worker, lo, hi int) {
		d := w.sdst(r, lo, hi)
		s, a, b := w.str[sr], w.num[ar], w.num[br]
		for i := range d {
			d[i] = substr(s[i], a[i], b[i])
		}
		w.str[r] = d
	})
	return value{typ: String, reg: r}, nil
}

func substr(s string, n1, n2 float64) string {
	if n1 != n1 || n1 == 0 || math.Abs(n1) > 1e15 {
		return ""
	}
	start := int(n1) - 1
	if n1 < 0 {
		start = len(s) + int(n1)
	}
	if start < 0 || start >= len(s) {
		return ""
	}
	end := len(s)
	if n2 == n2 {
		if n2 < 1 {
			return ""
		}
		if n2 < float64(end-start) {
			end = start + int(n2)
		}
	}
	return s[start:end]
}

func upperASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

func lowerASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r - 'A' + 'a'
		}
		return r
	}, s)
}
