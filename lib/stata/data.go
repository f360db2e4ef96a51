package stata

import (
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/frame"
)

// eval compiles and runs the expression text on f, for command cmd; by
// gives the by-group of each row (nil: none).
func eval(cmd string, f *frame.Frame, text string, by []int32, mask []bool) (*expr.Column, expr.Node, error) {
	n, err := expr.Parse(text)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", cmd, err)
	}
	p, err := expr.Compile(n, f, expr.Options{Src: text, By: by})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return p.RunMask(mask), n, nil
}

// selection is the rows a command's if and in qualifiers select.
type selection struct {
	Mask  []bool   // nil: every row
	Notes []string // about missing values in the if condition
}

// selectRows evaluates "if exp" (true where exp is not zero; a missing
// value counts as true, as in Stata) and "in range" on f.
func selectRows(cmd string, f *frame.Frame, q qualifiers, by []int32) (selection, error) {
	var s selection
	n := f.Len()
	if q.In != "" {
		lo, hi, err := inRange(q.In, n)
		if err != nil {
			return s, fmt.Errorf("%s: %w", cmd, err)
		}
		s.Mask = make([]bool, n)
		for r := lo; r < hi; r++ {
			s.Mask[r] = true
		}
	}
	if q.If == "" {
		return s, nil
	}
	c, node, err := eval(cmd+" if", f, q.If, by, nil)
	if err != nil {
		return s, err
	}
	if c.Type != expr.Numeric {
		return s, fmt.Errorf("%s: if %s: the condition is a string, not a number; compare it, e.g. %s == \"...\": %w", cmd, q.If, q.If, ErrSyntax)
	}
	if s.Mask == nil {
		s.Mask = make([]bool, n)
		for r := range s.Mask {
			s.Mask[r] = true
		}
	}
	for r, v := range c.Num {
		s.Mask[r] = s.Mask[r] && v != 0 // NaN != 0: missing is true
	}
	s.Notes = missingComparisonNotes(f, node, s.Mask)
	return s, nil
}

// missingComparisonNotes warns, as Stata does not, when rows were selected
// by a condition with >, >= or != on a variable that is missing on them:
// Stata compares a missing value as larger than any number, so "x > 5"
// selects the rows where x is missing.
func missingComparisonNotes(f *frame.Frame, cond expr.Node, mask []bool) []string {
	vars := map[string]bool{}
	expr.Walk(cond, func(n expr.Node) bool {
		b, ok := n.(*expr.Binary)
		if !ok || b.Op != expr.OpGt && b.Op != expr.OpGe && b.Op != expr.OpNe {
			return true
		}
		for _, side := range []expr.Node{b.X, b.Y} {
			for _, v := range expr.Columns(side) {
				vars[v.Name] = true
			}
		}
		return true
	})
	var notes []string
	for _, name := range f.Names() {
		if !vars[name] {
			continue
		}
		x, ok := f.Numeric(name)
		if !ok {
			continue
		}
		k := 0
		for r, v := range x {
			if mask[r] && math.IsNaN(v) {
				k++
			}
		}
		if k > 0 {
			notes = append(notes, fmt.Sprintf("(note: %d of the selected observations have %s missing: Stata compares a missing value as larger than any number; add & !missing(%s) to leave them out)", k, name, name))
		}
	}
	return notes
}

// withNotes returns f with extra notes after its own (the verb's).
func withNotes(f *frame.Frame, before, after []string) *frame.Frame {
	if len(before) == 0 && len(after) == 0 {
		return f
	}
	return f.WithNotes(append(append(append([]string(nil), before...), f.Notes()...), after...))
}

// exprNotes words expr's notes on operations that made missing values.
func exprNotes(c *expr.Column) []string {
	var out []string
	for _, n := range c.Notes {
		out = append(out, "(note: "+n.String()+")")
	}
	return out
}

const generateSyntax = "[type] newvar = exp [if] [in]"

// Generate is Stata's generate: "[type] newvar = exp [if] [in]". The new
// column is numeric (double) or string as the expression is; rows outside
// if/in are missing. Its notes: "(N missing values generated)" and why
// operations made missing values (log of a non-positive number, division by
// zero), and when if compared missing values.
func Generate(f *frame.Frame, args string) (*frame.Frame, error) { return generate(f, args, nil) }

// generate is Generate within by-groups (by: _n, _N and x[exp] count
// rows within each group; nil: no by).
func generate(f *frame.Frame, args string, by []int32) (*frame.Frame, error) {
	body, q := cutQualifiers(args)
	name, exp, err := assignment("generate", body, generateSyntax)
	if err != nil {
		return nil, err
	}
	if f.Has(name) {
		return nil, fmt.Errorf("generate: variable %s already defined; use replace %s = %s to change it: %w", name, name, exp, frame.ErrDuplicateName)
	}
	sel, err := selectRows("generate", f, q, by)
	if err != nil {
		return nil, err
	}
	c, _, err := eval("generate", f, exp, by, sel.Mask)
	if err != nil {
		return nil, err
	}
	var g *frame.Frame
	if c.Type == expr.String {
		codes, dict := c.Codes()
		g, err = f.Generate(frame.NewCodesColumn(name, codes, dict))
	} else {
		g, err = f.GenerateFloat(name, c.Num)
	}
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	return withNotes(g, sel.Notes, exprNotes(c)), nil
}

const replaceSyntax = "oldvar = exp [if] [in]"

// Replace is Stata's replace: "oldvar = exp [if] [in]", noting "(N real
// changes made)" (and how many became missing); an integer column that
// receives non-integers becomes double, with a note.
//
// Stata replaces row after row, so an expression that reads the variable
// in an earlier row sees its new value: "replace k = k[_n-1]*g if _n > 1"
// accumulates. Replace does the same for oldvar[_n-k] (k ≥ 1) in the
// expression and the if condition (see sequentialReplace); oldvar,
// oldvar[_n] and oldvar[_n+k] read the values before the command, as in
// Stata.
func Replace(f *frame.Frame, args string) (*frame.Frame, error) { return replace(f, args, nil) }

// replace is Replace within by-groups (nil: no by).
func replace(f *frame.Frame, args string, by []int32) (*frame.Frame, error) {
	body, q := cutQualifiers(args)
	name, exp, err := assignment("replace", body, replaceSyntax)
	if err != nil {
		return nil, err
	}
	col, err := f.Col(name)
	if err != nil {
		return nil, fmt.Errorf("replace: %w", unknownVar(name, f.Names()))
	}
	if seq, err := readsEarlierRows(name, exp, q.If); err != nil {
		return nil, err
	} else if seq {
		return sequentialReplace(f, col, exp, q, by)
	}
	sel, err := selectRows("replace", f, q, by)
	if err != nil {
		return nil, err
	}
	c, _, err := eval("replace", f, exp, by, sel.Mask)
	if err != nil {
		return nil, err
	}
	if (c.Type == expr.String) != (col.Kind() == frame.String) {
		return nil, fmt.Errorf("replace %s: type mismatch: %s is %s and the expression is %s: %w", name, name, col.Kind(), c.Type, frame.ErrType)
	}
	var g *frame.Frame
	if c.Type == expr.String {
		g, err = replaceText(f, col, c.Str, sel.Mask)
	} else {
		g, err = f.ReplaceFloat(name, c.Num, sel.Mask)
	}
	if err != nil {
		return nil, fmt.Errorf("replace: %w", err)
	}
	return withNotes(g, sel.Notes, exprNotes(c)), nil
}

// replaceText replaces a string column's values where mask is true.
func replaceText(f *frame.Frame, col *frame.Column, vals []string, mask []bool) (*frame.Frame, error) {
	n := f.Len()
	out := make([]string, n)
	changes, toMissing := 0, 0
	for r := 0; r < n; r++ {
		old := col.Text(r)
		if col.IsMissing(r) {
			old = ""
		}
		out[r] = old
		if mask != nil && !mask[r] {
			continue
		}
		if vals[r] != old {
			changes++
			if vals[r] == "" {
				toMissing++
			}
		}
		out[r] = vals[r]
	}
	miss := make([]bool, n)
	for r, s := range out {
		miss[r] = s == ""
	}
	g, err := f.WithColumn(frame.NewStringColumn(col.Name(), out, miss).WithLabel(col.Label()))
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("(%d real change%s made)", changes, plural(changes))
	if toMissing > 0 {
		note = fmt.Sprintf("(%d real change%s made, %d to missing)", changes, plural(changes), toMissing)
	}
	return g.WithNotes([]string{note}), nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

const egenSyntax = "newvar = fcn(arguments) [if] [in] [, by(varlist) p(#)]"

// Egen is Stata's egen: "newvar = fcn(arg) [if] [in] [, by(varlist)]",
// with fcn one of mean, total (sum), sd, min, max, count, median,
// pctile (with p(#)), rank, tag, first, last, firstnm, lastnm, group
// (egen id = group(varlist) [, missing]: 1, 2, ... in the sort order of
// the varlist, as Stata numbers the groups); the argument
// may be an expression (egen m = mean(ln(gdp)), by(city)). by groups rows;
// the do-file front end passes bysort's varlist as by.
func Egen(f *frame.Frame, args string) (*frame.Frame, error) {
	main, opts := splitComma(args)
	body, q := cutQualifiers(main)
	name, call, err := assignment("egen", body, egenSyntax)
	if err != nil {
		return nil, err
	}
	open := strings.Index(call, "(")
	if open <= 0 || !strings.HasSuffix(call, ")") {
		return nil, syntaxErr("egen", fmt.Sprintf("%q is not fcn(arguments)", call), egenSyntax)
	}
	fn, arg := strings.TrimSpace(call[:open]), strings.TrimSpace(call[open+1:len(call)-1])
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("egen: %w", err)
	}
	by, err := Varlist(f, o.arg("by", 2))
	if err != nil {
		return nil, fmt.Errorf("egen: by(): %w", err)
	}
	if fn == "group" {
		return egenGroup(f, name, arg, q, by, &o)
	}
	if p := o.arg("p", 1); p != "" {
		if fn != "pctile" {
			return nil, fmt.Errorf("egen: option p() goes with pctile(), not %s(): %w", fn, ErrSyntax)
		}
		fn = "pctile(" + p + ")"
	} else if fn == "pctile" {
		fn = "pctile(50)"
	}
	if err := o.rest("egen"); err != nil {
		return nil, err
	}
	if fn == "total" {
		fn = "sum"
	}
	g := f
	src := arg
	tmp := ""
	if fn != "tag" && (!f.Has(arg) || q.If != "" || q.In != "") {
		// An expression, or a variable restricted by if/in: evaluate it
		// into a temporary column, missing outside the selection.
		sel, err := selectRows("egen", f, q, nil)
		if err != nil {
			return nil, err
		}
		c, _, err := eval("egen", f, arg, nil, sel.Mask)
		if err != nil {
			return nil, err
		}
		if c.Type != expr.Numeric {
			return nil, fmt.Errorf("egen %s(%s): the argument is a string; egen's statistics need a number: %w", fn, arg, frame.ErrNotNumeric)
		}
		tmp = "__egen_" + name
		if g, err = f.GenerateFloat(tmp, c.Num); err != nil {
			return nil, fmt.Errorf("egen: %w", err)
		}
		src = tmp
	}
	if fn == "tag" {
		vars, err := Varlist(f, arg)
		if err != nil {
			return nil, fmt.Errorf("egen tag(): %w", err)
		}
		src = strings.Join(vars, " ")
	}
	h, err := g.Egen(name, fn, src, by...)
	if err != nil {
		return nil, fmt.Errorf("egen: %w", err)
	}
	if tmp != "" {
		notes := h.Notes()
		if h, err = h.DropVars(tmp); err != nil {
			return nil, err
		}
		h = h.WithNotes(notes)
	}
	return h, nil
}

// Keep is Stata's keep: "varlist" keeps variables; "if exp" / "in range"
// keeps observations, noting "(N observations deleted)".
func Keep(f *frame.Frame, args string) (*frame.Frame, error) { return keepDrop("keep", f, args) }

// Drop is Stata's drop: "varlist" drops variables; "if exp" / "in range"
// drops observations, noting "(N observations deleted)".
func Drop(f *frame.Frame, args string) (*frame.Frame, error) { return keepDrop("drop", f, args) }

func keepDrop(cmd string, f *frame.Frame, args string) (*frame.Frame, error) {
	return keepDropBy(cmd, f, args, nil)
}

// keepDropBy is keep/drop within by-groups (by: keep if _n == _N).
func keepDropBy(cmd string, f *frame.Frame, args string, by []int32) (*frame.Frame, error) {
	body, q := cutQualifiers(strings.TrimSpace(args))
	switch {
	case body != "" && (q.If != "" || q.In != ""):
		return nil, fmt.Errorf("%s: give a varlist or if/in, not both (Stata keeps or drops variables, or observations): %w", cmd, ErrSyntax)
	case body != "":
		vars, err := Varlist(f, body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cmd, err)
		}
		if cmd == "keep" {
			return f.KeepVars(vars...)
		}
		return f.DropVars(vars...)
	case q.If == "" && q.In == "":
		return nil, syntaxErr(cmd, "nothing to "+cmd, "varlist | if exp | in range")
	}
	sel, err := selectRows(cmd, f, q, by)
	if err != nil {
		return nil, err
	}
	var g *frame.Frame
	if cmd == "keep" {
		g, err = f.KeepRows(sel.Mask)
	} else {
		g, err = f.DropRows(sel.Mask)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return withNotes(g, nil, sel.Notes), nil
}

// Sort is Stata's sort (and gsort): "varlist", a "-" before a name sorting
// it in descending order.
func Sort(f *frame.Frame, args string) (*frame.Frame, error) {
	var keys []string
	for _, tok := range strings.Fields(args) {
		sign := ""
		if tok[0] == '-' || tok[0] == '+' {
			sign, tok = tok[:1], tok[1:]
		}
		vars, err := Varlist(f, tok)
		if err != nil {
			return nil, fmt.Errorf("sort: %w", err)
		}
		for _, v := range vars {
			keys = append(keys, sign+v)
		}
	}
	if len(keys) == 0 {
		return nil, syntaxErr("sort", "no variables", "varlist (gsort: -var for descending)")
	}
	return f.Sort(keys...)
}

// Rename is Stata's rename: "old new".
func Rename(f *frame.Frame, args string) (*frame.Frame, error) {
	parts := strings.Fields(args)
	if len(parts) != 2 {
		return nil, syntaxErr("rename", fmt.Sprintf("%d names given", len(parts)), "oldname newname")
	}
	if !f.Has(parts[0]) {
		return nil, fmt.Errorf("rename: %w", unknownVar(parts[0], f.Names()))
	}
	if !validName(parts[1]) {
		return nil, fmt.Errorf("rename: %q is not a valid variable name: %w", parts[1], ErrSyntax)
	}
	return f.Rename(parts[0], parts[1])
}

// Label is Stata's label variable: `varname "label"`.
func Label(f *frame.Frame, args string) (*frame.Frame, error) {
	name, label, ok := strings.Cut(strings.TrimSpace(args), " ")
	label = strings.TrimSpace(label)
	if !ok || len(label) < 2 || label[0] != '"' || label[len(label)-1] != '"' {
		return nil, syntaxErr("label variable", "no quoted label", `varname "label"`)
	}
	if !f.Has(name) {
		return nil, fmt.Errorf("label variable: %w", unknownVar(name, f.Names()))
	}
	return f.SetLabel(name, label[1:len(label)-1])
}

// Xtset is Stata's xtset: "panelvar timevar".
func Xtset(f *frame.Frame, args string) (*frame.Frame, error) {
	main, _ := splitComma(args)
	vars, err := Varlist(f, main)
	if err != nil {
		return nil, fmt.Errorf("xtset: %w", err)
	}
	if len(vars) != 2 {
		return nil, syntaxErr("xtset", fmt.Sprintf("%d variables given", len(vars)), "panelvar timevar")
	}
	return f.XTSet(vars[0], vars[1])
}

// egenGroup is egen newvar = group(varlist) [if] [in] [, missing]: the
// groups of the varlist's values numbered 1, 2, ... in their sort order;
// missing where a variable is missing (unless missing) or outside if/in.
func egenGroup(f *frame.Frame, name, arg string, q qualifiers, by []string, o *options) (*frame.Frame, error) {
	if len(by) > 0 {
		return nil, fmt.Errorf("egen group(): by() is not allowed (put the by-variables into the varlist): %w", ErrSyntax)
	}
	keepMissing := o.flag("missing", 1)
	o.flag("label", 1)
	if err := o.rest("egen"); err != nil {
		return nil, err
	}
	vars, err := Varlist(f, arg)
	if err != nil {
		return nil, fmt.Errorf("egen group(): %w", err)
	}
	if len(vars) == 0 {
		return nil, syntaxErr("egen", "group() needs variables", egenSyntax)
	}
	sel, err := selectRows("egen", f, q, nil)
	if err != nil {
		return nil, err
	}
	n := f.Len()
	skip := make([]bool, n)
	for r := range skip {
		skip[r] = sel.Mask != nil && !sel.Mask[r]
	}
	if !keepMissing {
		for _, v := range vars {
			miss, err := f.Missing(v)
			if err != nil {
				return nil, err
			}
			for r, m := range miss {
				skip[r] = skip[r] || m
			}
		}
	}
	combo, err := groupCodes(f, vars)
	if err != nil {
		return nil, err
	}
	perm, err := f.SortIndex(vars...)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	for r := range out {
		out[r] = math.NaN()
	}
	id, last := 0.0, int32(-1)
	for _, r := range perm {
		if skip[r] {
			continue
		}
		if combo[r] != last {
			id++
			last = combo[r]
		}
		out[r] = id
	}
	g, err := f.GenerateFloat(name, out)
	if err != nil {
		return nil, fmt.Errorf("egen: %w", err)
	}
	return withNotes(g, sel.Notes, nil), nil
}
