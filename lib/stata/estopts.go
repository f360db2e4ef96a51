package stata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/ivgmm"
)

var estOptionList = map[string]string{
	"regress":   "robust, vce(robust | cluster var | unadjusted), cluster(var), noconstant",
	"xtreg":     "fe, robust (= cluster(panelvar), as xtreg), vce(robust | cluster var | conventional), cluster(var)",
	"ivregress": "vce(unadjusted | robust | cluster var | hac kernel #), wmatrix(same), small, first, noconstant, center",
	"ivreg2":    "gmm2s, liml, cue, fuller(#), kclass(#), robust, cluster(var [var2]), bw(#), kernel(name), dkraay(#), kiefer, small, first, ffirst, endog(varlist), center, noconstant, dofminus(#), sdofminus(#)",
	"xtivreg2":  "fe and ivreg2's: gmm2s, liml, cue, fuller(#), kclass(#), robust, cluster(var [var2]), bw(#), kernel(name), dkraay(#), kiefer, small, first, ffirst, endog(varlist), center, dofminus(#), sdofminus(#)",
}

// estOptions turns the command's options into ivgmm options (removing
// those it reads from e.opts) and returns the fixed effects of fe.
func (s *Session) estOptions(e *estCall) (ivgmm.Options, []string, error) {
	var o ivgmm.Options
	cmd := e.cmd
	o.Estimator = ivgmm.TSLS
	entity, tvar, panel := s.data.PanelVars()
	switch {
	case panel:
		o.Panel = ivgmm.PanelBy(entity, tvar)
	case s.tsTime != "":
		o.Panel = ivgmm.TimeBy(s.tsTime)
	}
	var fe []string
	if cmd == "xtreg" || cmd == "xtivreg2" {
		if !panel {
			return o, nil, fmt.Errorf("%s: the data are not xtset; run xtset panelvar timevar first: %w", cmd, ErrState)
		}
		if !e.opts.flag("fe", 2) {
			what := "re"
			for _, x := range e.opts {
				what = x.Name
			}
			return o, nil, fmt.Errorf("%s: econb estimates the fixed-effects (within) model only: add , fe (not %s): %w", cmd, what, ErrUnsupported)
		}
		fe = append(fe, entity)
	}
	switch e.wkind {
	case "":
	case "aweight", "aw":
		o.Weights = ivgmm.AWeight(e.wvar)
	case "pweight", "pw":
		o.Weights = ivgmm.PWeight(e.wvar)
	case "fweight", "fw":
		o.Weights = ivgmm.FWeight(e.wvar)
	case "iweight", "iw":
		o.Weights = ivgmm.IWeight(e.wvar)
	case "weight":
		return o, nil, fmt.Errorf("%s: give the weight's kind: [aweight=%s], [pweight=...] or [fweight=...]: %w", cmd, e.wvar, ErrSyntax)
	}
	if e.wvar != "" && !validName(e.wvar) {
		return o, nil, fmt.Errorf("%s: the weight must be a variable, not %q (generate it first): %w", cmd, e.wvar, ErrUnsupported)
	}
	op := &e.opts
	switch cmd {
	case "regress", "xtreg":
		o.Estimator = ivgmm.OLS
		o.Small = true
		vce, err := s.vceOption(cmd, op, entity)
		if err != nil {
			return o, nil, err
		}
		o.VCE = vce
	case "ivregress":
		o.Convention = ivgmm.IVRegress
		switch e.method {
		case "liml":
			o.Estimator = ivgmm.LIML
		case "gmm":
			o.Estimator = ivgmm.GMM2S
		}
		vce, err := s.vceOption(cmd, op, entity)
		if err != nil {
			return o, nil, err
		}
		if w, ok := op.take("wmatrix", 2); ok {
			if e.method != "gmm" {
				return o, nil, fmt.Errorf("ivregress %s: wmatrix() goes with gmm: %w", e.method, ErrSyntax)
			}
			wv, err := s.vceSpec(cmd, "wmatrix", w.Arg)
			if err != nil {
				return o, nil, err
			}
			if vce != nil && vce.String() != wv.String() {
				return o, nil, fmt.Errorf("ivregress gmm: wmatrix(%s) with vce(%s): econb uses one covariance for the weight matrix and the standard errors; give the same in both: %w", w.Arg, vce.Stata(), ErrUnsupported)
			}
			vce = wv
		}
		if vce == nil && e.method == "gmm" {
			vce = ivgmm.Robust() // ivregress gmm's default wmatrix(robust)
		}
		o.VCE = vce
		o.Small = op.flag("small", 5)
		op.flag("first", 3)
		o.Center = op.flag("center", 6)
		if op.flag("igmm", 4) {
			return o, nil, fmt.Errorf("ivregress gmm, igmm: iterated GMM is not supported (econb has two-step gmm and ivreg2's cue): %w", ErrUnsupported)
		}
	case "ivreg2", "xtivreg2":
		switch {
		case op.flag("gmm2s", 4):
			o.Estimator = ivgmm.GMM2S
		case op.flag("liml", 4):
			o.Estimator = ivgmm.LIML
		case op.flag("cue", 3):
			o.Estimator = ivgmm.CUE
		}
		if x, ok := op.take("fuller", 6); ok {
			a, err := strconv.ParseFloat(x.Arg, 64)
			if err != nil || a <= 0 {
				return o, nil, fmt.Errorf("%s: fuller(#) takes a positive number: %w", cmd, ErrSyntax)
			}
			o.Estimator, o.Fuller = ivgmm.LIML, a
		}
		if x, ok := op.take("kclass", 6); ok {
			k, err := strconv.ParseFloat(x.Arg, 64)
			if err != nil || k < 0 {
				return o, nil, fmt.Errorf("%s: kclass(#) takes a number ≥ 0: %w", cmd, ErrSyntax)
			}
			o.Estimator, o.KClass = ivgmm.KClass, k
		}
		robust := op.flag("robust", 1)
		var clust []string
		if x, ok := op.take("cluster", 2); ok {
			clust = strings.Fields(x.Arg)
			if len(clust) == 0 || len(clust) > 2 {
				return o, nil, fmt.Errorf("%s: cluster() takes one or two variables: %w", cmd, ErrSyntax)
			}
		}
		bw, kernel := 0.0, ivgmm.Bartlett
		if x, ok := op.take("bw", 2); ok {
			v, err := strconv.ParseFloat(x.Arg, 64)
			if err != nil || v <= 0 {
				return o, nil, fmt.Errorf("%s: bw(#) takes a positive number (bw(auto) is not supported): %w", cmd, ErrUnsupported)
			}
			bw = v
		}
		hasKernel := false
		if x, ok := op.take("kernel", 3); ok {
			k, err := ivgmm.ParseKernel(x.Arg)
			if err != nil {
				return o, nil, fmt.Errorf("%s: kernel(%s): %w", cmd, x.Arg, err)
			}
			kernel, hasKernel = k, true
		}
		dk := 0.0
		if x, ok := op.take("dkraay", 2); ok {
			v, err := strconv.ParseFloat(x.Arg, 64)
			if err != nil || v <= 0 {
				return o, nil, fmt.Errorf("%s: dkraay(#) takes a positive bandwidth: %w", cmd, ErrSyntax)
			}
			dk = v
		}
		kiefer := op.flag("kiefer", 3)
		switch {
		case kiefer:
			o.VCE = ivgmm.Kiefer()
		case dk > 0:
			o.VCE = ivgmm.DriscollKraay(kernel, dk)
		case len(clust) == 2 && bw > 0:
			if clust[1] != tvar {
				return o, nil, fmt.Errorf("%s: cluster(%s %s) with bw(): the second variable must be the time variable %s: %w", cmd, clust[0], clust[1], tvar, ErrSyntax)
			}
			o.VCE = ivgmm.ClusterKernel(clust[0], kernel, bw)
		case len(clust) > 0:
			o.VCE = ivgmm.ClusterBy(clust[0], clust[1:]...)
		case bw > 0 && robust:
			o.VCE = ivgmm.HAC(kernel, bw)
		case bw > 0:
			o.VCE = ivgmm.AC(kernel, bw)
		case robust:
			o.VCE = ivgmm.Robust()
		case hasKernel:
			return o, nil, fmt.Errorf("%s: kernel() needs bw(#): %w", cmd, ErrSyntax)
		}
		o.Small = op.flag("small", 5)
		op.flag("first", 3)
		op.flag("ffirst", 3)
		o.Center = op.flag("center", 6)
		if x, ok := op.take("endog", 4); ok {
			vars, _, err := s.terms(fieldsTop(x.Arg), false)
			if err != nil {
				return o, nil, fmt.Errorf("%s: endog(): %w", cmd, err)
			}
			for _, v := range vars {
				o.Endog = append(o.Endog, canonicalTerm(v))
			}
		}
		for _, d := range []struct {
			name string
			dst  *int
		}{{"dofminus", &o.DofMinus}, {"sdofminus", &o.SDofMinus}} {
			if x, ok := op.take(d.name, len(d.name)); ok {
				v, err := strconv.Atoi(x.Arg)
				if err != nil || v < 0 {
					return o, nil, fmt.Errorf("%s: %s(#) takes an integer ≥ 0: %w", cmd, d.name, ErrSyntax)
				}
				*d.dst = v
			}
		}
		for _, bad := range []string{"partial", "orthog", "redundant", "gmm", "b0", "wmatrix", "smatrix", "savefirst", "rf"} {
			if x, ok := op.take(bad, len(bad)); ok {
				return o, nil, fmt.Errorf("%s: option %s() is not supported: %w", cmd, x.Name, ErrUnsupported)
			}
		}
	}
	return o, fe, nil
}

// canonicalTerm writes a formula term as the formula names its column:
// l(x, 1) → l(x,1) (no spaces), for endog().
func canonicalTerm(t string) string { return strings.ReplaceAll(t, " ", "") }

// vceOption reads robust, cluster() and vce() of regress, xtreg and
// ivregress; nil when none is given (the default).
func (s *Session) vceOption(cmd string, op *options, entity string) (ivgmm.VCE, error) {
	var v ivgmm.VCE
	if op.flag("robust", 1) {
		v = ivgmm.Robust()
		if cmd == "xtreg" {
			v = ivgmm.ClusterBy(entity) // xtreg, fe robust is clustered by panel
		}
	}
	if x, ok := op.take("cluster", 2); ok {
		f := strings.Fields(x.Arg)
		if len(f) != 1 {
			return nil, fmt.Errorf("%s: cluster() takes one variable (two-way clustering: ivreg2 cluster(a b)): %w", cmd, ErrUnsupported)
		}
		v = ivgmm.ClusterBy(f[0])
	}
	if x, ok := op.take("vce", 3); ok {
		vv, err := s.vceSpec(cmd, "vce", x.Arg)
		if err != nil {
			return nil, err
		}
		if cmd == "xtreg" && vv == ivgmm.Robust() {
			vv = ivgmm.ClusterBy(entity)
		}
		v = vv
	}
	return v, nil
}

// vceSpec reads the argument of vce() or wmatrix().
func (s *Session) vceSpec(cmd, opt, arg string) (ivgmm.VCE, error) {
	f := strings.Fields(arg)
	if len(f) == 0 {
		return nil, fmt.Errorf("%s: %s() is empty: %w", cmd, opt, ErrSyntax)
	}
	switch w := strings.ToLower(f[0]); {
	case abbrev(w, "robust", 1), w == "hc1":
		return ivgmm.Robust(), nil
	case abbrev(w, "unadjusted", 2), w == "ols", abbrev(w, "conventional", 4):
		return ivgmm.IID(), nil
	case abbrev(w, "cluster", 2):
		if len(f) != 2 {
			return nil, fmt.Errorf("%s: %s(cluster var) takes one variable: %w", cmd, opt, ErrSyntax)
		}
		return ivgmm.ClusterBy(f[1]), nil
	case w == "hac":
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("%s: %s(hac kernel #lags): %w", cmd, opt, ErrSyntax)
		}
		k, err := ivgmm.ParseKernel(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %s(%s): %w", cmd, opt, arg, err)
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("%s: %s(hac %s #lags): give the lags (automatic lag selection is not supported): %w", cmd, opt, f[1], ErrUnsupported)
		}
		lags, err := strconv.Atoi(f[2])
		if err != nil || lags < 0 {
			return nil, fmt.Errorf("%s: %s(hac %s %s): the lags are an integer ≥ 0: %w", cmd, opt, f[1], f[2], ErrSyntax)
		}
		return ivgmm.HAC(k, float64(lags+1)), nil
	}
	return nil, fmt.Errorf("%s: %s(%s) is not supported; econb has robust, cluster var, unadjusted and hac kernel #: %w", cmd, opt, arg, ErrUnsupported)
}
