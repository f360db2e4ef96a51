package stata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/frame"
)

const mergeSyntax = "1:1|m:1|1:m varlist [, keep(results) assert(results) keepusing(varlist) generate(newvar) nogenerate]"

// Merge is Stata's merge: "1:1|m:1|1:m varlist [, options]" joins the
// using frame on the key variables. Options: keep() and assert() with
// results master (1), using (2), match (3) (also their numbers and the
// abbreviations mas, us, mat); keepusing(varlist); generate(newvar);
// nogenerate. The note is Stata's merge table. In a do-file the using frame
// comes from "using file".
func Merge(f *frame.Frame, args string, using *frame.Frame) (*frame.Frame, error) {
	main, opts := splitComma(args)
	kind, keyspec, _ := strings.Cut(strings.TrimSpace(main), " ")
	switch kind {
	case "1:1", "m:1", "1:m":
	case "m:m":
		return nil, fmt.Errorf("merge m:m: not supported — it pairs rows by their order within each key, which is almost never what is wanted (Stata's manual says so too); use joinby or make the key unique: %w", ErrSyntax)
	default:
		return nil, syntaxErr("merge", fmt.Sprintf("%q is not 1:1, m:1 or 1:m", kind), mergeSyntax)
	}
	if using == nil {
		return nil, syntaxErr("merge", "no using data", mergeSyntax)
	}
	keys, err := Varlist(f, keyspec)
	if err != nil {
		return nil, fmt.Errorf("merge: key: %w", err)
	}
	if len(keys) == 0 {
		return nil, syntaxErr("merge", "no key variables", mergeSyntax)
	}
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	var mo frame.MergeOptions
	if mo.Keep, err = mergeResults(o.arg("keep", 4)); err != nil {
		return nil, err
	}
	if mo.Assert, err = mergeResults(o.arg("assert", 6)); err != nil {
		return nil, err
	}
	if s := o.arg("keepusing", 5); s != "" {
		if mo.KeepUsing, err = Varlist(using, s); err != nil {
			return nil, fmt.Errorf("merge: keepusing(): %w", err)
		}
	}
	mo.Generate = o.arg("generate", 3)
	mo.NoGenerate = o.flag("nogenerate", 5)
	if err := o.rest("merge"); err != nil {
		return nil, err
	}
	return f.Merge(kind, keys, using, mo)
}

// mergeResults reads merge's keep() or assert() list.
func mergeResults(s string) ([]frame.MergeResult, error) {
	var out []frame.MergeResult
	for _, w := range strings.Fields(s) {
		switch {
		case w == "1" || strings.HasPrefix("master", w) && len(w) >= 3:
			out = append(out, frame.MasterOnly)
		case w == "2" || strings.HasPrefix("using", w) && len(w) >= 2:
			out = append(out, frame.UsingOnly)
		case w == "3" || strings.HasPrefix("match", w) && len(w) >= 3:
			out = append(out, frame.Matched)
		default:
			return nil, fmt.Errorf("merge: %q is not a merge result (master, using, match or 1, 2, 3): %w", w, ErrSyntax)
		}
	}
	return out, nil
}

// Append is Stata's append: the rows of using after f's, columns matched
// by name (a column in one only is missing in the other's rows).
func Append(f, using *frame.Frame) (*frame.Frame, error) { return f.Append(using) }

const collapseSyntax = "clist [if] [in] [, by(varlist)]"

// Collapse is Stata's collapse: "(stat) varlist [(stat) ...] [if] [in] [,
// by(varlist)]", stat one of mean, sum, sd, min, max, count, median, first,
// last, firstnm, lastnm, p1-p99; "newvar=var" renames. Without a (stat) the
// mean is taken, as in Stata.
func Collapse(f *frame.Frame, args string) (*frame.Frame, error) {
	main, opts := splitComma(args)
	clist, q := cutQualifiers(main)
	if clist == "" {
		return nil, syntaxErr("collapse", "no variables", collapseSyntax)
	}
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("collapse: %w", err)
	}
	by, err := Varlist(f, o.arg("by", 2))
	if err != nil {
		return nil, fmt.Errorf("collapse: by(): %w", err)
	}
	o.flag("fast", 4) // fast only skips preserve in Stata
	if err := o.rest("collapse"); err != nil {
		return nil, err
	}
	// Variable lists in the clist take wildcards and ranges, as Stata's.
	var toks []string
	for _, tok := range strings.Fields(clist) {
		if strings.HasPrefix(tok, "(") || strings.Contains(tok, "=") || !strings.ContainsAny(tok, "*?~-") {
			toks = append(toks, tok)
			continue
		}
		vars, err := Varlist(f, tok)
		if err != nil {
			return nil, fmt.Errorf("collapse: %w", err)
		}
		toks = append(toks, vars...)
	}
	aggs, err := frame.ParseAggs(strings.Join(toks, " "))
	if err != nil {
		return nil, fmt.Errorf("collapse: %w", err)
	}
	g := f
	var notes []string
	if q.If != "" || q.In != "" {
		sel, err := selectRows("collapse", f, q, nil)
		if err != nil {
			return nil, err
		}
		if g, err = f.KeepRows(sel.Mask); err != nil {
			return nil, fmt.Errorf("collapse: %w", err)
		}
		notes = sel.Notes
	}
	h, err := g.Collapse(aggs, by...)
	if err != nil {
		return nil, fmt.Errorf("collapse: %w", err)
	}
	return withNotes(h, notes, nil), nil
}

const reshapeSyntax = "long|wide stubnames, i(varlist) j(varname)"

// Reshape is Stata's reshape: "long stubs, i(varlist) j(varname)" or
// "wide stubs, i(varlist) j(varname)".
func Reshape(f *frame.Frame, args string) (*frame.Frame, error) {
	main, opts := splitComma(args)
	dir, stubspec, _ := strings.Cut(strings.TrimSpace(main), " ")
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("reshape: %w", err)
	}
	ispec, j := o.arg("i", 1), o.arg("j", 1)
	if err := o.rest("reshape"); err != nil {
		return nil, err
	}
	if ispec == "" || j == "" {
		return nil, syntaxErr("reshape", "i() and j() are required", reshapeSyntax)
	}
	i, err := Varlist(f, ispec)
	if err != nil {
		return nil, fmt.Errorf("reshape: i(): %w", err)
	}
	stubs := strings.Fields(stubspec)
	if len(stubs) == 0 {
		return nil, syntaxErr("reshape", "no stub names", reshapeSyntax)
	}
	switch dir {
	case "long":
		return f.ReshapeLong(stubs, i, j)
	case "wide":
		return f.ReshapeWide(stubs, i, j)
	}
	return nil, syntaxErr("reshape", fmt.Sprintf("%q is neither long nor wide", dir), reshapeSyntax)
}

const winsorSyntax = "varlist [, cuts(# #) by(varlist) replace suffix(str) trim]"

// Winsor2 is the user-written winsor2 (Lian Yujun), the usual way to
// winsorize in Stata: "varlist [, cuts(1 99) by(varlist) replace
// suffix(_w) trim]".
func Winsor2(f *frame.Frame, args string) (*frame.Frame, error) {
	main, opts := splitComma(args)
	vars, err := Varlist(f, main)
	if err != nil {
		return nil, fmt.Errorf("winsor2: %w", err)
	}
	if len(vars) == 0 {
		return nil, syntaxErr("winsor2", "no variables", winsorSyntax)
	}
	o, err := parseOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("winsor2: %w", err)
	}
	var wo frame.WinsorOptions
	if cuts := strings.Fields(o.arg("cuts", 3)); len(cuts) > 0 {
		if len(cuts) != 2 {
			return nil, syntaxErr("winsor2", "cuts() takes two percentiles", winsorSyntax)
		}
		lo, err1 := strconv.ParseFloat(cuts[0], 64)
		hi, err2 := strconv.ParseFloat(cuts[1], 64)
		if err1 != nil || err2 != nil {
			return nil, syntaxErr("winsor2", "cuts() takes two numbers", winsorSyntax)
		}
		wo.Lo, wo.Hi = lo, hi
	}
	if s := o.arg("by", 2); s != "" {
		if wo.By, err = Varlist(f, s); err != nil {
			return nil, fmt.Errorf("winsor2: by(): %w", err)
		}
	}
	wo.Replace = o.flag("replace", 7)
	wo.Suffix = o.arg("suffix", 6)
	wo.Trim = o.flag("trim", 4)
	if err := o.rest("winsor2"); err != nil {
		return nil, err
	}
	return f.Winsorize(vars, wo)
}
