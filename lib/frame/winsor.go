package frame

import (
	"fmt"
	"strings"
)

// WinsorOptions configure Winsorize (after the user-written winsor2,
// the command applied economists use).
type WinsorOptions struct {
	// Lo and Hi are the percentiles to cut at; 0, 0 means 1 and 99
	// (winsor2's cuts(1 99)).
	Lo, Hi float64
	// By computes the percentiles within groups (winsor2 by()).
	By []string
	// Replace overwrites the columns; otherwise new columns var+Suffix are
	// made (winsor2 replace / suffix()).
	Replace bool
	// Suffix of the new columns; "" is "_w".
	Suffix string
	// Trim sets the values beyond the cuts to missing instead of the cut
	// values (winsor2 trim).
	Trim bool
}

// Winsorize replaces the values of each column below its Lo-th percentile
// by that percentile and those above the Hi-th by that one (or, with Trim,
// by missing), the percentiles computed as Stata's _pctile / summarize,
// detail do (see pctile), over the non-missing values, within By groups
// when given. Missing values stay missing. The notes give, per column, the
// cut values (one group) and how many values were changed at each end.
func (f *Frame) Winsorize(vars []string, opt WinsorOptions) (*Frame, error) {
	lo, hi := opt.Lo, opt.Hi
	if lo == 0 && hi == 0 {
		lo, hi = 1, 99
	}
	if !(lo >= 0 && lo < hi && hi <= 100) {
		return nil, argErr("winsorize cuts %g and %g: give 0 <= lo < hi <= 100", lo, hi)
	}
	suffix := opt.Suffix
	if suffix == "" {
		suffix = "_w"
	}
	bycols, err := f.colsOf(opt.By)
	if err != nil {
		return nil, err
	}
	g := groupBy(f.n, bycols)
	h := f
	var notes []string
	for _, v := range vars {
		c, err := f.Col(v)
		if err != nil {
			return nil, err
		}
		if !c.IsNumeric() {
			return nil, &Error{Column: v, Err: ErrNotNumeric, Msg: fmt.Sprintf("cannot winsorize %s: it is a string column", v)}
		}
		x := c.Floats()
		segs, off := segments(x, g)
		plo, phi := make([]float64, g.ngroups), make([]float64, g.ngroups)
		for k := range g.ngroups {
			s := segs[off[k]:off[k+1]]
			plo[k], phi[k] = pctile(s, max(lo, 1e-12)), pctile(s, hi)
			if lo == 0 && len(s) > 0 {
				plo[k] = s[0]
			}
		}
		out := make([]float64, f.n)
		nlo, nhi := 0, 0
		for r, val := range x {
			k := g.codes[r]
			switch {
			case val != val:
			case val < plo[k]:
				nlo++
				val = plo[k]
				if opt.Trim {
					val = nan
				}
			case val > phi[k]:
				nhi++
				val = phi[k]
				if opt.Trim {
					val = nan
				}
			}
			out[r] = val
		}
		name := v
		if !opt.Replace {
			name = v + suffix
		}
		nc := NewFloatColumn(name, out)
		nc.label = c.label
		if opt.Replace {
			h, err = h.WithColumn(nc)
		} else {
			if err := checkNewName(h, name); err != nil {
				return nil, err
			}
			h, err = h.WithColumn(nc)
		}
		if err != nil {
			return nil, err
		}
		verb := "winsorized"
		if opt.Trim {
			verb = "trimmed"
		}
		cuts := ""
		if g.ngroups == 1 {
			cuts = fmt.Sprintf(" at p%g = %.6g and p%g = %.6g", lo, plo[0], hi, phi[0])
		} else {
			cuts = fmt.Sprintf(" at p%g and p%g within %s", lo, hi, strings.Join(opt.By, " "))
		}
		notes = append(notes, fmt.Sprintf("(%s: %s %s%s; %s below, %s above)", name, plural(nlo+nhi, "value", "values"), verb, cuts, commas(nlo), commas(nhi)))
	}
	out := f.derive(f.n, append([]*Column(nil), h.cols...), "winsorize", vars, lo, hi, opt.By, opt.Replace, suffix, opt.Trim)
	out.notes = notes
	return out, nil
}
