package formula

import "fmt"

// maxModels bounds the number of models one formula expands to.
const maxModels = 1000

// HasMulti reports whether f has a multiple-estimation term (sw(), csw(),
// sw0(), csw0(), mvsw(), or c() in the response).
func (f *Formula) HasMulti() bool { return len(f.multiSites()) > 0 }

// site is one multiple-estimation term of a formula.
type site struct {
	part  string
	idx   int // index of the term in its part
	multi *Multi
	alts  [][]Term // its models, filled by Expand
}

// multiSites lists the multiple-estimation terms in expansion order:
// response, regressors, endogenous, instruments, fixed effects — the
// order of pyfixest, which rewrites y ~ x | fe | endo ~ inst as
// y ~ x + [endo ~ inst] | fe before expanding from the left.
func (f *Formula) multiSites() []site {
	var out []site
	for _, pt := range []part{
		{PartResponse, []Term{f.Response}}, {PartRegressors, f.Regressors}, {PartEndogenous, f.Endogenous},
		{PartInstruments, f.Instruments}, {PartFixedEffects, f.FixedEffects},
	} {
		for i, t := range pt.terms {
			if len(t.Factors) == 1 {
				if m, ok := t.Factors[0].(*Multi); ok {
					out = append(out, site{part: pt.name, idx: i, multi: m})
				}
			}
		}
	}
	return out
}

// models lists the sums of terms a multiple-estimation term stands for, one
// per model, as fixest's stepwise functions define them (and pyfixest's
// _expand_first_multiple_estimation builds them): sw(a, b) gives a, b;
// sw0 adds an empty first step; csw(a, b) gives a, a + b; csw0 adds an
// empty first step; mvsw(a, b, c) gives the empty step and every
// combination by size, in order: a, b, c, a + b, a + c, b + c, a + b + c.
func (m *Multi) models() [][]Term {
	switch m.Kind {
	case MultiSW0:
		return append([][]Term{nil}, m.Alts...)
	case MultiCSW, MultiCSW0:
		var out [][]Term
		if m.Kind == MultiCSW0 {
			out = append(out, nil)
		}
		var acc []Term
		for _, alt := range m.Alts {
			acc = append(acc[:len(acc):len(acc)], alt...)
			out = append(out, acc)
		}
		return out
	case MultiMVSW:
		out := [][]Term{nil}
		n := len(m.Alts)
		for r := 1; r <= n; r++ {
			idx := make([]int, r)
			for i := range idx {
				idx[i] = i
			}
			for {
				var sum []Term
				for _, k := range idx {
					sum = append(sum, m.Alts[k]...)
				}
				out = append(out, sum)
				i := r - 1
				for i >= 0 && idx[i] == n-r+i {
					i--
				}
				if i < 0 {
					break
				}
				idx[i]++
				for j := i + 1; j < r; j++ {
					idx[j] = idx[j-1] + 1
				}
			}
		}
		return out
	}
	return m.Alts // sw, c
}

// count returns the number of models m stands for, saturating above
// maxModels, without listing them (mvsw of n arguments stands for 2^n).
func (m *Multi) count() int {
	n := len(m.Alts)
	switch m.Kind {
	case MultiSW0, MultiCSW0:
		return n + 1
	case MultiMVSW:
		if n >= 20 {
			return maxModels + 1
		}
		return min(1<<n, maxModels+1)
	}
	return n
}

// countModels returns the number of models f expands to, saturating above
// maxModels.
func (f *Formula) countModels() int {
	n := 1
	for _, s := range f.multiSites() {
		n = min(n*s.multi.count(), maxModels+1)
	}
	return n
}

// Expand returns the models of a formula with multiple-estimation terms
// (Parse admits at most 1,000), in pyfixest's order: the first such term in the formula (response, then
// regressors, instruments, fixed effects) varies slowest.
//
//	c(y1, y2) ~ csw(x1, x2) | sw(fe1, fe2)
//
// gives y1 ~ x1 | fe1, y1 ~ x1 | fe2, y1 ~ x1 + x2 | fe1, y1 ~ x1 + x2 | fe2,
// then the same four with y2. A formula without them comes back alone.
// Each model keeps the source text and positions of f, so that its errors
// point into what was written.
func Expand(f *Formula) []*Formula {
	sites := f.multiSites()
	if len(sites) == 0 {
		return []*Formula{f}
	}
	for k := range sites {
		sites[k].alts = sites[k].multi.models()
	}
	var out []*Formula
	choice := make([]int, len(sites))
	for {
		out = append(out, f.model(sites, choice))
		i := len(sites) - 1
		for ; i >= 0; i-- {
			if choice[i]++; choice[i] < len(sites[i].alts) {
				break
			}
			choice[i] = 0
		}
		if i < 0 {
			return out
		}
	}
}

// model returns f with each multiple-estimation term replaced by the sum
// choice selects.
func (f *Formula) model(sites []site, choice []int) *Formula {
	g := *f
	pick := func(name string, terms []Term) []Term {
		var out []Term
		for i, t := range terms {
			replaced := false
			for k, s := range sites {
				if s.part == name && s.idx == i {
					out = append(out, s.alts[choice[k]]...)
					replaced = true
				}
			}
			if !replaced {
				out = append(out, t)
			}
		}
		return out
	}
	if r := pick(PartResponse, []Term{f.Response}); len(r) == 1 {
		g.Response = r[0]
	}
	g.Regressors = pick(PartRegressors, f.Regressors)
	g.Endogenous = pick(PartEndogenous, f.Endogenous)
	g.Instruments = pick(PartInstruments, f.Instruments)
	g.FixedEffects = pick(PartFixedEffects, f.FixedEffects)
	return &g
}

// tooManyModels is the error for a formula that expands to more than
// maxModels models.
func tooManyModels(f *Formula) error {
	return &Error{Src: f.Src, Pos: -1, Err: ErrSyntax, Msg: fmt.Sprintf("too many models (more than %d)", maxModels),
		Hint: "multiple estimation multiplies the models of each sw(), csw() and mvsw(); split the formula"}
}
