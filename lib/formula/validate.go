package formula

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/expr"
)

// Validate checks f against the columns of a data set, before any data is
// read. panel tells whether a panel index (entity, time) will be set. It
// reports the first of, in this order:
//   - a column that does not exist (ErrUnknownColumn, with the closest name);
//   - l(), f() or d() without a panel index (ErrNoPanel);
//   - a term listed twice in a part (ErrDuplicate);
//   - a variable in two roles: the response on the right-hand side, a
//     regressor that is also endogenous, an instrument or a fixed effect
//     (ErrConflict);
//   - fewer excluded instruments than endogenous regressors
//     (ErrUnderidentified; i() terms count as at least one column here,
//     and package design checks again with the data's levels).
func Validate(f *Formula, columns []string, panel bool) error {
	if f.HasMulti() {
		for _, g := range Expand(f) {
			if err := Validate(g, columns, panel); err != nil {
				return err
			}
		}
		return nil
	}
	known := make(map[string]bool, len(columns))
	for _, c := range columns {
		known[c] = true
	}
	for _, pt := range f.parts() {
		for _, t := range pt.terms {
			for _, v := range t.Columns() {
				if !known[v.Name] {
					return &Error{Src: f.Src, Pos: v.Offset, Part: pt.name, Err: ErrUnknownColumn,
						Msg: fmt.Sprintf("unknown column %q", v.Name), Hint: didYouMean(v.Name, columns)}
				}
			}
			if c := t.NeedsPanel(); c != nil && !panel {
				return &Error{Src: f.Src, Pos: c.Offset, Part: pt.name, Err: ErrNoPanel,
					Msg:  panelUser(f.Src, c) + " needs a panel index",
					Hint: "set the entity and time columns (ivgmm.Panel(\"city\", \"year\"); econb fit --panel city,year)"}
			}
		}
	}
	if err := f.checkRoles(); err != nil {
		return err
	}
	endog, instr := ExpandTerms(f.Endogenous), ExpandTerms(f.Instruments)
	ne, ni := len(endog), len(instr)
	for _, t := range instr {
		if hasDummy(t) {
			return nil // the count depends on the data's levels
		}
	}
	if ne > ni {
		return Underidentified(f, names(endog), names(instr))
	}
	return nil
}

// Underidentified returns the ErrUnderidentified error of f for the given
// expanded endogenous and instrument column names.
func Underidentified(f *Formula, endog, instr []string) error {
	pos := f.IVPos
	if len(f.Instruments) > 0 {
		pos = f.Instruments[0].Pos()
	}
	return &Error{Src: f.Src, Pos: pos, Part: PartInstruments, Err: ErrUnderidentified,
		Msg: fmt.Sprintf("underidentified: %s but %s", count(len(endog), "endogenous regressor", endog),
			count(len(instr), "excluded instrument", instr)),
		Hint: "each endogenous regressor needs at least one instrument of its own"}
}

// panelUser names a lag, lead or difference as written: l() for the
// formula's functions, the Stata operator (L.x) inside I().
func panelUser(src string, c *Call) string {
	if rest, ok := strings.CutPrefix(src[min(c.Offset, len(src)):], string(c.Fn)); ok && strings.HasPrefix(strings.TrimLeft(rest, " \t\r\n"), "(") {
		return string(c.Fn) + "()"
	}
	end := c.Offset
	for end < len(src) && src[end] != '.' {
		end++
	}
	return src[c.Offset:min(end+1, len(src))] + " (a time-series operator)"
}

func count(n int, what string, names []string) string {
	s := fmt.Sprintf("%d %s", n, what)
	if n != 1 {
		s += "s"
	}
	if n > 0 {
		s += " (" + strings.Join(names, ", ") + ")"
	}
	return s
}

func names(ts []Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

type part struct {
	name  string
	terms []Term
}

// parts lists f's terms part by part, in source order.
func (f *Formula) parts() []part {
	return []part{
		{PartResponse, []Term{f.Response}},
		{PartRegressors, f.Regressors},
		{PartFixedEffects, f.FixedEffects},
		{PartEndogenous, f.Endogenous},
		{PartInstruments, f.Instruments},
	}
}

// checkRoles reports a term listed twice, or a variable in two roles. Terms
// are compared after expansion by their canonical names, so l(x, 1:2) and
// l(x, 2) collide.
func (f *Formula) checkRoles() error {
	type seen struct {
		part, name string
		pos        int
	}
	roles := map[string]seen{}
	for _, pt := range f.parts() {
		for _, t := range pt.terms {
			for _, e := range t.Expand() {
				name := e.String()
				key := canonicalKey(e)
				prev, dup := roles[key]
				if !dup {
					roles[key] = seen{pt.name, name, t.Pos()}
					continue
				}
				err := &Error{Src: f.Src, Pos: t.Pos(), Part: pt.name}
				what := name
				if prev.name != name {
					what = fmt.Sprintf("%s is %s, which", name, prev.name) // l(x,0) is x
				}
				switch {
				case prev.part == pt.name:
					err.Err, err.Msg, err.Hint = ErrDuplicate, fmt.Sprintf("%s is listed twice", what), "list each term once"
					if prev.name != name {
						err.Msg = fmt.Sprintf("%s is already listed", what)
					}
				default:
					err.Err = ErrConflict
					err.Msg = fmt.Sprintf("%s is already %s", what, roleName(prev.part))
					err.Hint = conflictHint(prev.part, pt.name)
				}
				return err
			}
		}
	}
	return nil
}

// canonicalKey identifies the column an expanded term computes: the
// canonical text of its expression (expr.Canonical: l(x, 0) and I(x) are
// x, l(x, 1) is L.x), or its own canonical text for a term without one
// (i(), a combined fixed effect).
func canonicalKey(t Term) string {
	if n := t.Node(); n != nil {
		return expr.Canonical(n).String()
	}
	return t.String()
}

// roleName names one variable of a part: "response", "a regressor", …
func roleName(part string) string {
	switch part {
	case PartResponse:
		return "the response"
	case PartRegressors:
		return "a regressor"
	case PartFixedEffects:
		return "a fixed effect"
	case PartEndogenous:
		return "an endogenous regressor"
	}
	return "an instrument"
}

func conflictHint(first, second string) string {
	switch {
	case first == PartRegressors && second == PartInstruments:
		return "an exogenous regressor is its own instrument already; list it only among the regressors"
	case first == PartRegressors && second == PartEndogenous:
		return "list an endogenous regressor only left of the IV \"~\", not among the regressors"
	case first == PartEndogenous && second == PartInstruments:
		return "an endogenous regressor cannot instrument itself"
	case first == PartResponse:
		return "the response cannot also explain itself"
	}
	return "use each variable in one role"
}
