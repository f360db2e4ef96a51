package stata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/frame"
)

// ErrAssert is wrapped by a failed assert.
var ErrAssert = errors.New("stata: assertion is false")

// restrict applies the if/in qualifiers to f (f itself when there are
// none) and returns the notes about the condition.
func restrict(cmd string, f *frame.Frame, q qualifiers) (*frame.Frame, []string, error) {
	if q.If == "" && q.In == "" {
		return f, nil, nil
	}
	sel, err := selectRows(cmd, f, q, nil)
	if err != nil {
		return nil, nil, err
	}
	g, err := f.KeepRows(sel.Mask)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return g, sel.Notes, nil
}

// Summarize is Stata's summarize: "[varlist] [if] [in] [, detail]".
func Summarize(f *frame.Frame, args string) (*frame.Summary, error) {
	main, opts := splitComma(args)
	body, q := cutQualifiers(main)
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("summarize: %w", err)
	}
	detail := o.flag("detail", 1)
	if err := o.rest("summarize"); err != nil {
		return nil, err
	}
	var vars []string
	if body != "" {
		if vars, err = Varlist(f, body); err != nil {
			return nil, fmt.Errorf("summarize: %w", err)
		}
	}
	g, _, err := restrict("summarize", f, q)
	if err != nil {
		return nil, err
	}
	if len(vars) == 0 {
		for _, n := range g.Names() {
			if g.IsNumeric(n) {
				vars = append(vars, n)
			}
		}
	}
	return g.Summarize(vars, detail)
}

// Describe is Stata's describe: every variable with its type, label and
// missing count.
func Describe(f *frame.Frame) *frame.Table { return f.Describe() }

// Tabulate is Stata's tabulate: "var1 [var2] [if] [in] [, missing]".
func Tabulate(f *frame.Frame, args string) (*frame.Tabulation, error) {
	main, opts := splitComma(args)
	body, q := cutQualifiers(main)
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("tabulate: %w", err)
	}
	missing := o.flag("missing", 1)
	if err := o.rest("tabulate"); err != nil {
		return nil, err
	}
	vars, err := Varlist(f, body)
	if err != nil {
		return nil, fmt.Errorf("tabulate: %w", err)
	}
	if len(vars) < 1 || len(vars) > 2 {
		return nil, syntaxErr("tabulate", fmt.Sprintf("%d variables given", len(vars)), "var1 [var2] [if] [in] [, missing]")
	}
	g, _, err := restrict("tabulate", f, q)
	if err != nil {
		return nil, err
	}
	v2 := ""
	if len(vars) == 2 {
		v2 = vars[1]
	}
	return g.Tabulate(vars[0], v2, missing)
}

// List is Stata's list: "[varlist] [if] [in]".
func List(f *frame.Frame, args string) (*frame.Table, error) {
	main, _ := splitComma(args)
	body, q := cutQualifiers(main)
	var vars []string
	var err error
	if body != "" {
		if vars, err = Varlist(f, body); err != nil {
			return nil, fmt.Errorf("list: %w", err)
		}
	}
	g, _, err := restrict("list", f, q)
	if err != nil {
		return nil, err
	}
	return g.List(vars, 0, g.Len())
}

// Count is Stata's count: "[if] [in]", the number of observations.
func Count(f *frame.Frame, args string) (int, error) {
	body, q := cutQualifiers(strings.TrimSpace(args))
	if body != "" {
		return 0, syntaxErr("count", fmt.Sprintf("unexpected %q", body), "[if] [in]")
	}
	g, _, err := restrict("count", f, q)
	if err != nil {
		return 0, err
	}
	return g.Len(), nil
}

// Assert is Stata's assert: "exp [if] [in]" fails, saying how many
// observations contradict it, when exp is false (zero) on a selected row.
func Assert(f *frame.Frame, args string) error {
	exp, q := cutQualifiers(strings.TrimSpace(args))
	if exp == "" {
		return syntaxErr("assert", "no expression", "exp [if] [in]")
	}
	sel, err := selectRows("assert", f, q, nil)
	if err != nil {
		return err
	}
	c, _, err := eval("assert", f, exp, nil, nil)
	if err != nil {
		return err
	}
	if c.Type != expr.Numeric {
		return fmt.Errorf("assert %s: the expression is a string: %w", exp, ErrSyntax)
	}
	bad, n, first := 0, 0, -1
	for r, v := range c.Num {
		if sel.Mask != nil && !sel.Mask[r] {
			continue
		}
		n++
		if v == 0 {
			bad++
			if first < 0 {
				first = r
			}
		}
	}
	if bad > 0 {
		return fmt.Errorf("assert %s: %d contradiction%s in %d observation%s (first: row %d): %w", exp, bad, plural(bad), n, plural(n), first+1, ErrAssert)
	}
	return nil
}
