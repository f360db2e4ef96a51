// Package formula parses econb's fixest-style model formulas, such as
//
//	tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg ~ l(sagg, 1:2)
//
// into a Formula, checks them against the columns of a data set
// (Validate), and prints them back in a canonical form (Formula.String).
// Evaluating a formula on data is package design's job.
//
// # Parts
//
// A formula has up to four parts, separated by "~" and "|":
//
//	response ~ regressors [ | fixed effects ] [ | endogenous ~ instruments ]
//
// The fixed-effects part and the IV part are both optional. The parts after
// the first "|" are told apart by the "~": the part that contains a "~" is
// the IV part, and it must be the last part. So "y ~ x | id" absorbs id,
// "y ~ x | endo ~ z1 + z2" is IV without fixed effects, and
// "y ~ x | id + year | endo ~ z" has both. (This is fixest's rule.)
//
// # Grammar
//
//	Formula   = Response "~" Terms [ "|" Part ] [ "|" Part ] EOF
//	Part      = Terms                  (fixed effects: no "~" in the part)
//	          | Terms "~" Terms        (IV: endogenous ~ instruments; last part only)
//	Response  = Product                (one term: y, log(y), d(y))
//	          | ( "c" | "sw" ) "(" Product { "," Product } ")"   (several responses)
//	Terms     = [ "-" ] Item { ( "+" | "-" ) Item }
//	Item      = "0" | "1" | Product | Multi   ("0" and "-1" drop the constant, "1" keeps it;
//	                                    regressors only; "-" only before "1")
//	Product   = Factor { ":" Factor }  (x:z is the elementwise product)
//	          | Name "^" Name { "^" Name }   (a combined fixed effect; fixed effects only)
//	Factor    = Name | Call | "I(" Expression ")"
//	Call      = Func "(" Product [ "," Lags ] ")"
//	Func      = "l" | "f" | "d" | "log" | "i" | "exp" | "sqrt" | "abs" | "log10"
//	          | "floor" | "ceil" | "int" | "round" | "sign"
//	Lags      = Int [ ":" Int ]
//	Multi     = ( "sw" | "sw0" | "csw" | "csw0" | "mvsw" ) "(" Terms { "," Terms } ")"
//	Int       = [ "-" ] digits
//	Name      = letter { letter | digit | "_" | "." } | "`" { any but "`" } "`"
//
// Expression is any expression of package expr (Stata's syntax: x^2,
// log(a)*b, cond(x > 0, x, 0), L.x); the I( ) runs to its matching
// parenthesis, so "|", "~" and "^" inside it belong to the expression.
//
// Spaces, tabs and newlines between tokens are ignored. Limits, far beyond
// any model: |k| ≤ 1000 in l() and f(), at most 100 lags per call, and at
// most 10,000 columns per part once ranges are expanded (nested ranges
// multiply), so that no input makes the parser slow.
//
// # Functions
//
//	l(x, k)       lag k of x within the panel (x of the same entity at time t-k);
//	              l(x) = l(x, 1); l(x, k1:k2) is the lags k1, …, k2, one regressor each;
//	              missing where t-k is not observed (a gap), like Stata's L.
//	f(x, k)       lead k: l(x, -k); f(x, k1:k2) as for l
//	d(x)          first difference x - l(x, 1) within the panel, like Stata's D.
//	log(x)        natural logarithm (Stata's ln); x must be positive
//	i(v)          dummies for the levels of the categorical v, the first
//	              (smallest) level dropped; named v::level
//	x:z           elementwise product; with i(v), one product per dummy
//
//	exp(x), sqrt(x), abs(x), log10(x), floor(x), ceil(x), int(x),
//	round(x), sign(x)
//	              package expr's functions of one number
//	I(e)          fixest's I(): the expression e of package expr as one regressor,
//	              as I(x^2), I(round(x, 0.1)), I(cond(x > 0, log(x), .))
//
// l, f and d need a panel index (entity and time); Validate reports
// ErrNoPanel without one. Functions nest (l(log(x), 1), d(log(y))), except
// i(), which takes a column name and may appear only as a factor of a term.
//
// Every function is evaluated by package expr (package design builds each
// term as an expr node, Term.Node): l(x, 1) is the node of Stata's L.x,
// d(x) of D.x, log(x) of ln(x), x:z of x*z, so that a column made by
// Stata-style generate and the same term in a formula are equal bit for
// bit. A formula function outside its domain (log of a non-positive value)
// is an error of package design naming the rows; inside I() Stata's rules
// apply (missing values, which the estimator drops and counts).
//
// # Combined fixed effects
//
// Among the fixed effects, a^b is one fixed effect whose groups are the
// observed combinations of a and b (fixest's ^): | firm^year + region.
//
// # Multiple estimation
//
// As in fixest, a formula can stand for several models (Expand lists
// them, each printable with String):
//
//	y ~ x + sw(a, b)        y ~ x + a;  y ~ x + b
//	y ~ x + sw0(a, b)       y ~ x;  y ~ x + a;  y ~ x + b
//	y ~ csw(a, b + c)       y ~ a;  y ~ a + b + c
//	y ~ csw0(a, b)          y ~ 1;  y ~ a;  y ~ a + b
//	y ~ mvsw(a, b)          y ~ 1;  y ~ a;  y ~ b;  y ~ a + b
//	c(y1, y2) ~ x           y1 ~ x;  y2 ~ x        (sw(y1, y2) too)
//	y ~ x | sw(fe1, fe2)    y ~ x | fe1;  y ~ x | fe2
//
// They may appear in the response (c, sw), the regressors, the instruments
// and the fixed effects, several at once; the first varies slowest, in the
// order response, regressors, instruments, fixed effects (pyfixest's
// expansion order: it rewrites the IV part into the regressors before
// expanding from the left; fixest's R documentation, "stepwise"). A formula
// may expand to at most 1,000 models.
//
// # Names of the generated columns
//
// Each term expands to one or more columns named by its canonical text with
// no spaces: x, log(x), l(sagg,1) and l(sagg,2) for l(sagg, 1:2), x:z,
// region::south for i(region), I(x^2) for I(x ^ 2) (the expression in
// package expr's canonical form), firm^year for a combined fixed effect.
// The constant is _cons.
//
// # Errors
//
// Every error is an *Error wrapping one of the sentinels (ErrSyntax,
// ErrUnknownColumn, …); branch with errors.Is. A positioned error prints the
// offending line with a caret under the place, names the formula part, and
// suggests the closest column name or restates the syntax:
//
//	formula: unknown column "yaer" in fixed effects (1:26); did you mean "year"?
//	 | tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)
//	 | .........................^
//
// Roles are compared on the column a term computes, not its spelling
// (expr.Canonical): l(x, 0), f(x, 0) and I(x) are x, l(x, 1) is L.x, so
// "y ~ w | x ~ l(x, 0)" is rejected like "y ~ w | x ~ x" (an endogenous
// regressor cannot instrument itself):
//
//	formula: l(x,0) is x, which is already an endogenous regressor in instruments (1:13); an endogenous regressor cannot instrument itself
//
// A name followed by another name with only blanks between (log wage ~ x)
// gets the hint that a column name with spaces goes in backticks
// (`log wage` ~ x).
//
// The column in (line:column) counts characters (runes) from 1; the dots
// count display cells, two for East Asian wide characters, so the caret
// lines up under names written in Chinese.
//
// The parser keeps only the first error, as Go's text/template and expr do,
// and never panics on any input (FuzzParse).
//
// References: fixest's formula syntax (Bergé 2018, "Efficient estimation of
// maximum likelihood models with multiple fixed-effects: the R package
// FENmlm"); expr-lang/expr and cel-go for the positioned error snippets.
package formula
