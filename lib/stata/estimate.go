package stata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/ivgmm"
)

// The estimation commands translate Stata's syntax into an econb formula
// and lib/ivgmm options, fit with ivgmm.FitFrame (the engine of d.IV,
// d.GMM, ... in a notebook and of econb fit), and name the coefficients
// as Stata does:
//
//	regress y x1 x2 [if] [in] [weight] [, robust vce(cluster c) noconstant]
//	    y ~ x1 + x2                                   OLS, small (t, F, HC1)
//	xtreg y x1 i.year [if] [in] [weight], fe [robust | vce(cluster c)]
//	    y ~ x1 | id + year                             OLS within, small; robust = cluster(id)
//	ivregress 2sls|liml|gmm y x1 (d = z1 z2) [...] [, vce() wmatrix() small first noconstant center]
//	    y ~ x1 | d ~ z1 + z2                           ivregress's conventions
//	ivreg2 y x1 (d = z1 z2) [...] [, gmm2s liml cue fuller(#) kclass(#) robust cluster(a [b])
//	       bw(#) kernel(k) dkraay(#) kiefer small first endog() center dofminus(#) sdofminus(#)]
//	xtivreg2 y x1 i.year (d = L.d L2.d) [...], fe [ivreg2's options]
//	    y ~ x1 | id + year | d ~ l(d, 1) + l(d, 2)
//
// Factor variables i.x are dummies i(x) (base: the smallest level), or,
// after fe, an absorbed fixed effect: the other coefficients and every
// statistic are those of the dummies (ivgmm counts further fixed effects
// as dummies, as xtivreg2 does), only the dummies' own coefficients are
// not listed. Time-series operators L., Lk., L(a/b)., F., D. apply to
// names, wildcards and ranges: L(1/2).sagg is l(sagg, 1:2). An if or in
// qualifier restricts the estimation sample only: lags still read the
// rows outside it, as in Stata.

// estCall is a parsed estimation command.
type estCall struct {
	cmd    string // regress, xtreg, ivregress, ivreg2, xtivreg2
	method string // ivregress: 2sls, liml, gmm
	dep    string
	exog   []string
	endog  []string
	instr  []string
	q      qualifiers
	wkind  string
	wvar   string
	opts   options
}

var weightRe = regexp.MustCompile(`\[\s*(aweight|aw|pweight|pw|fweight|fw|iweight|iw|weight)\s*=\s*([^\]]*)\]`)

// parseEstimation reads "depvar [indepvars] [(endog = instr)] [if] [in]
// [weight] [, options]".
func parseEstimation(cmd, args string) (*estCall, error) {
	c := &estCall{cmd: cmd}
	main, opts := splitComma(args)
	if m := weightRe.FindStringSubmatchIndex(main); m != nil {
		c.wkind = main[m[2]:m[3]]
		c.wvar = strings.TrimSpace(main[m[4]:m[5]])
		main = strings.TrimSpace(main[:m[0]] + " " + main[m[1]:])
	} else if strings.Contains(main, "[") && regexp.MustCompile(`(^|\s)\[`).MatchString(main) {
		return nil, fmt.Errorf("%s: the weight must be [aweight=var], [pweight=var], [fweight=var] or [iweight=var]: %w", cmd, ErrSyntax)
	}
	body, q := cutQualifiers(main)
	c.q = q
	if cmd == "ivregress" {
		m := firstWord(body)
		switch m {
		case "2sls", "liml", "gmm":
			c.method = m
		case "":
			return nil, syntaxErr(cmd, "no estimator", "2sls|liml|gmm depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight] [, options]")
		default:
			return nil, fmt.Errorf("ivregress %s: the estimator is 2sls, liml or gmm: %w", m, ErrSyntax)
		}
		body = strings.TrimSpace(body[len(m):])
	}
	// the (endog = instruments) group
	group := -1
	for i := 0; i < len(body); i++ {
		if body[i] != '(' || (i > 0 && body[i-1] != ' ' && body[i-1] != '\t') {
			continue
		}
		end := matchBracket(body, i)
		if end < 0 {
			return nil, fmt.Errorf("%s: unbalanced parenthesis in %q: %w", cmd, body, ErrSyntax)
		}
		if strings.Contains(body[i:end], "=") {
			if group >= 0 {
				return nil, fmt.Errorf("%s: give one (endogenous = instruments) group: %w", cmd, ErrSyntax)
			}
			group = i
			inner := body[i+1 : end]
			lhs, rhs, _ := strings.Cut(inner, "=")
			c.endog, c.instr = fieldsTop(lhs), fieldsTop(rhs)
			body = strings.TrimSpace(body[:i] + " " + body[end+1:])
			i = -1
			continue
		}
		i = end
	}
	toks := fieldsTop(body)
	if len(toks) == 0 {
		return nil, syntaxErr(cmd, "no dependent variable", estSyntax[cmd])
	}
	c.dep, c.exog = toks[0], toks[1:]
	if group >= 0 && len(c.endog) == 0 {
		return nil, fmt.Errorf("%s: no endogenous variable before \"=\" in the parenthesis: %w", cmd, ErrSyntax)
	}
	var err error
	if c.opts, err = parseOptions(opts); err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	if (cmd == "regress" || cmd == "xtreg") && group >= 0 {
		return nil, fmt.Errorf("%s has no instruments: use ivregress 2sls or ivreg2 for (endogenous = instruments): %w", cmd, ErrSyntax)
	}
	return c, nil
}

var estSyntax = map[string]string{
	"regress":   "depvar [indepvars] [if] [in] [weight] [, robust vce(robust|cluster var) noconstant]",
	"xtreg":     "depvar [indepvars] [if] [in] [weight], fe [robust vce(robust|cluster var)]",
	"ivregress": "2sls|liml|gmm depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight] [, vce() wmatrix() small first noconstant center]",
	"ivreg2":    "depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight] [, options]",
	"xtivreg2":  "depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight], fe [options]",
}

// fieldsTop splits s at blanks outside parentheses: "L.(x y) z" gives
// "L.(x y)", "z".
func fieldsTop(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		}
		blank := (c == ' ' || c == '\t') && depth <= 0
		if blank {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

var tsOpRe = regexp.MustCompile(`^((?:[LlFfDdSs][0-9]*|[LlFfDdSs]\(\s*-?[0-9]+\s*(?:/\s*-?[0-9]+\s*)?\))+)\.(.+)$`)
var tsOneRe = regexp.MustCompile(`[LlFfDdSs](?:\(\s*-?[0-9]+\s*(?:/\s*-?[0-9]+\s*)?\)|[0-9]*)`)

// terms translates a Stata varlist with factor variables and time-series
// operators into formula terms; with absorb, i.x becomes an absorbed
// fixed effect (returned in fe).
func (s *Session) terms(toks []string, absorb bool) (terms, fe []string, err error) {
	for _, tok := range toks {
		if strings.Contains(tok, "#") {
			return nil, nil, fmt.Errorf("%s: interactions with # are not supported; generate the product (gen xz = x*z) or use i.x and separate terms: %w", tok, ErrUnsupported)
		}
		low := strings.ToLower(tok)
		switch {
		case strings.HasPrefix(low, "i."):
			vars, err := s.operandVars(tok[2:])
			if err != nil {
				return nil, nil, err
			}
			for _, v := range vars {
				if absorb {
					fe = append(fe, v)
				} else {
					terms = append(terms, "i("+v+")")
				}
			}
		case strings.HasPrefix(low, "c."):
			vars, err := s.operandVars(tok[2:])
			if err != nil {
				return nil, nil, err
			}
			terms = append(terms, vars...)
		case regexp.MustCompile(`^(?i)(ib|ibn|i\(|b[0-9]|o\.)`).MatchString(tok):
			return nil, nil, fmt.Errorf("%s: econb's factor variables are i.x with the smallest level as base; base levels (ib#.) and omitted (o.) are not supported: %w", tok, ErrUnsupported)
		default:
			m := tsOpRe.FindStringSubmatch(tok)
			if m == nil {
				vars, err := Varlist(s.data, tok)
				if err != nil {
					return nil, nil, err
				}
				terms = append(terms, vars...)
				continue
			}
			vars, err := s.operandVars(m[2])
			if err != nil {
				return nil, nil, err
			}
			ops := tsOneRe.FindAllString(m[1], -1)
			for _, v := range vars {
				ts, err := applyOps(ops, v, tok)
				if err != nil {
					return nil, nil, err
				}
				terms = append(terms, ts...)
			}
		}
	}
	return terms, fe, nil
}

// operandVars expands the operand of an operator: a varlist token or a
// parenthesized varlist.
func (s *Session) operandVars(op string) ([]string, error) {
	op = strings.TrimSpace(op)
	if strings.HasPrefix(op, "(") && strings.HasSuffix(op, ")") {
		op = op[1 : len(op)-1]
	}
	if strings.ContainsAny(op, ".()") {
		return nil, fmt.Errorf("%q: econb applies operators to variable names (L.x, i.x, L.(x y)): %w", op, ErrUnsupported)
	}
	return Varlist(s.data, op)
}

// applyOps writes the time-series operators ops (from left to right as
// written; they apply from the right) on variable v as formula terms.
func applyOps(ops []string, v, tok string) ([]string, error) {
	inner := v
	for i := len(ops) - 1; i >= 0; i-- {
		op := ops[i]
		letter := strings.ToUpper(op[:1])
		arg := op[1:]
		lo, hi := 1, 1
		list := false
		switch {
		case arg == "":
		case strings.HasPrefix(arg, "("):
			a, b, isList := strings.Cut(strings.Trim(arg, "() "), "/")
			var err1, err2 error
			lo, err1 = strconv.Atoi(strings.TrimSpace(a))
			hi = lo
			if isList {
				hi, err2 = strconv.Atoi(strings.TrimSpace(b))
				list = true
			}
			if err1 != nil || err2 != nil || lo > hi || hi-lo > 100 || lo < -1000 || hi > 1000 {
				return nil, fmt.Errorf("%s: bad operator list %s: %w", tok, op, ErrSyntax)
			}
		default:
			k, err := strconv.Atoi(arg)
			if err != nil || k > 1000 {
				return nil, fmt.Errorf("%s: bad operator %s: %w", tok, op, ErrSyntax)
			}
			lo, hi = k, k
		}
		if list && i > 0 {
			return nil, fmt.Errorf("%s: a lag list such as L(1/2). must be the first operator: %w", tok, ErrUnsupported)
		}
		switch letter {
		case "L", "F":
			fn := "l"
			if letter == "F" {
				fn = "f"
			}
			if !list {
				if lo == 0 {
					continue
				}
				inner = fmt.Sprintf("%s(%s, %d)", fn, inner, lo)
				continue
			}
			var out []string
			if lo <= 0 && hi >= 0 {
				out = append(out, inner)
			}
			a, b := lo, hi
			if a <= 0 {
				a = 1
			}
			if b >= a {
				if a == b {
					out = append(out, fmt.Sprintf("%s(%s, %d)", fn, inner, a))
				} else {
					out = append(out, fmt.Sprintf("%s(%s, %d:%d)", fn, inner, a, b))
				}
			}
			if lo < 0 {
				return nil, fmt.Errorf("%s: negative lags in a list; use F(): %w", tok, ErrUnsupported)
			}
			return out, nil
		case "D":
			if list {
				return nil, fmt.Errorf("%s: difference lists D(1/2). are not supported: %w", tok, ErrUnsupported)
			}
			for k := 0; k < lo; k++ {
				inner = "d(" + inner + ")"
			}
		default:
			return nil, fmt.Errorf("%s: seasonal differences S. are not supported: %w", tok, ErrUnsupported)
		}
	}
	return []string{inner}, nil
}

// stataName turns a coefficient name of a formula term into Stata's:
// l(x,1) → L.x, l(x,2) → L2.x, f(x,1) → F.x, d(x) → D.x, l(d(x),1) →
// LD.x, region::2 → 2.region.
func stataName(n string) string {
	if k := strings.Index(n, "::"); k > 0 && !strings.Contains(n, "(") {
		return n[k+2:] + "." + n[:k]
	}
	ops, base := "", n
	for {
		switch {
		case strings.HasPrefix(base, "d(") && strings.HasSuffix(base, ")"):
			ops += "D"
			base = base[2 : len(base)-1]
			continue
		case (strings.HasPrefix(base, "l(") || strings.HasPrefix(base, "f(")) && strings.HasSuffix(base, ")"):
			inner := base[2 : len(base)-1]
			k := strings.LastIndex(inner, ",")
			if k < 0 {
				break
			}
			lag := strings.TrimSpace(inner[k+1:])
			if _, err := strconv.Atoi(lag); err != nil {
				break
			}
			op := strings.ToUpper(base[:1])
			if lag != "1" {
				op += lag
			}
			ops += op
			base = strings.TrimSpace(inner[:k])
			continue
		}
		break
	}
	if ops == "" {
		return n
	}
	return ops + "." + base
}

// renameResult returns a copy of r whose coefficient, endogenous,
// instrument, omitted and first-stage names are Stata's.
func renameResult(r *ivgmm.Result, dep string) *ivgmm.Result {
	c := *r
	rename := func(xs []string) []string {
		if xs == nil {
			return nil
		}
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = stataName(x)
		}
		return out
	}
	c.Names = rename(r.Names)
	c.EndogNames = rename(r.EndogNames)
	c.InstrNames = rename(r.InstrNames)
	c.Omitted = rename(r.Omitted)
	c.DroppedIV = rename(r.DroppedIV)
	if r.FirstStages != nil {
		c.FirstStages = append([]ivgmm.FirstStage(nil), r.FirstStages...)
		for i := range c.FirstStages {
			c.FirstStages[i].Endog = stataName(c.FirstStages[i].Endog)
		}
	}
	if dep != "" {
		c.DepVar = dep
	}
	return &c
}

// estimate runs an estimation command.
func (s *Session) estimate(cmd string, c *cmdCall) error {
	args, err := s.resolve(c.Args, true)
	if err != nil {
		return err
	}
	e, err := parseEstimation(cmd, args)
	if err != nil {
		return err
	}
	opt, fe, err := s.estOptions(e)
	if err != nil {
		return err
	}
	if s.data.Len() == 0 {
		return fmt.Errorf("%s: no observations (no data in memory): %w", cmd, ErrState)
	}
	depTerms, _, err := s.terms([]string{e.dep}, false)
	if err != nil {
		return fmt.Errorf("%s: dependent variable: %w", cmd, err)
	}
	if len(depTerms) != 1 {
		return fmt.Errorf("%s: one dependent variable, not %q: %w", cmd, e.dep, ErrSyntax)
	}
	absorb := cmd == "xtreg" || cmd == "xtivreg2"
	exog, absorbed, err := s.terms(e.exog, absorb)
	if err != nil {
		return fmt.Errorf("%s: %w", cmd, err)
	}
	fe = append(fe, absorbed...)
	endog, _, err := s.terms(e.endog, false)
	if err != nil {
		return fmt.Errorf("%s: endogenous variables: %w", cmd, err)
	}
	instr, _, err := s.terms(e.instr, false)
	if err != nil {
		return fmt.Errorf("%s: instruments: %w", cmd, err)
	}
	data := s.data
	response := depTerms[0]
	outside := 0
	if e.q.If != "" || e.q.In != "" {
		sel, err := selectRows(cmd, data, e.q, nil)
		if err != nil {
			return err
		}
		// The sample restriction: the response is missing outside it, so
		// that lags still read the rows outside (Stata's if).
		col, _, err := eval(cmd, data, toStataTS(e.dep, depTerms[0]), nil, sel.Mask)
		if err != nil {
			return err
		}
		for _, m := range sel.Mask {
			if !m {
				outside++
			}
		}
		response = "__econb_sample_" + strconv.Itoa(len(data.Names()))
		if data, err = data.GenerateFloat(response, col.Num); err != nil {
			return fmt.Errorf("%s: %w", cmd, err)
		}
		s.println(sel.Notes...)
	}
	f := buildFormula(response, exog, fe, endog, instr, e.opts.flag("noconstant", 6))
	if err := e.opts.rest(cmd); err != nil {
		return fmt.Errorf("%w; %s's options in econb: %s", err, cmd, estOptionList[cmd])
	}
	r, err := ivgmm.FitFrame(f, data, opt)
	if err != nil {
		return fmt.Errorf("%s (econb formula %s): %w", cmd, f, err)
	}
	if outside > 0 {
		r.Dropped.Missing = max(r.Dropped.Missing-outside, 0)
	}
	r = renameResult(r, stataName(depTerms[0]))
	est := &Estimate{Cmd: cmd, Line: c.Line.Line, Text: c.Text, Formula: f, Result: r}
	s.e = est
	s.printEstimate(est, e)
	if s.opt.OnEstimate != nil {
		s.opt.OnEstimate(est)
	}
	return nil
}

// toStataTS writes a dependent variable term for expr: the Stata token
// itself when it is a plain name or uses operators (expr reads L.x, D.x).
func toStataTS(tok, term string) string {
	if strings.HasPrefix(term, "l(") || strings.HasPrefix(term, "f(") || strings.HasPrefix(term, "d(") {
		return tok
	}
	return term
}

// buildFormula assembles y ~ exog | fe | endog ~ instr.
func buildFormula(dep string, exog, fe, endog, instr []string, nocons bool) string {
	rhs := strings.Join(exog, " + ")
	switch {
	case nocons && rhs == "":
		rhs = "0"
	case nocons:
		rhs = "0 + " + rhs
	case rhs == "":
		rhs = "1"
	}
	f := dep + " ~ " + rhs
	if len(fe) > 0 {
		f += " | " + strings.Join(fe, " + ")
	}
	if len(endog) > 0 {
		f += " | " + strings.Join(endog, " + ") + " ~ " + strings.Join(instr, " + ")
	}
	return f
}

// printEstimate shows the results as ivreg2 prints them.
func (s *Session) printEstimate(e *Estimate, c *estCall) {
	if s.quietNow() {
		return
	}
	s.println(e.Result.String())
}
