// Package stata reads Stata's command syntax and runs do-files on econb's
// engine: the data layer (lib/frame, with lib/expr for expressions), the
// estimators (lib/ivgmm), the tables (lib/report) and DEAP's Malmquist
// index (lib/malmquist). One engine, two front ends: a notebook cell writes
//
//	d = d.Gen("lgdp = ln(gdp) if year > 2003")         // kernel/nb
//
// and a do-file writes
//
//	generate lgdp = ln(gdp) if year > 2003
//
// and both end in Generate(f, "lgdp = ln(gdp) if year > 2003"). A
// Session runs a whole do-file (econb do FILE.do, nb.DoFile in a cell):
//
//	s := stata.New(stata.Options{Out: os.Stdout})
//	err := s.RunFile("table1.do")       // *Error: file, line, command
//	s.Data(); s.Estimates()             // the data in memory, estimates store
//
// # The verbs
//
// Each verb takes the frame and the command's arguments as Stata writes
// them after the command name, and returns a new frame whose Notes are
// what Stata prints ("(12 observations deleted)", "(522 missing values
// generated)", the merge table):
//
//	Generate  [type] newvar = exp [if] [in]
//	Replace   oldvar = exp [if] [in]            (row by row: x[_n-1] reads the new value)
//	Egen      newvar = fcn(arguments) [if] [in] [, by(varlist) p(#)]
//	Keep      varlist | if exp | in range        (Drop likewise)
//	Sort      varlist                            (-var sorts descending, as gsort)
//	Rename    oldname newname
//	Label     varname "label"                    (label variable)
//	Xtset     panelvar timevar
//	Collapse  (stat) varlist [(stat) ...] [if] [in] [, by(varlist)]
//	Merge     1:1|m:1|1:m varlist [, keep() assert() keepusing() generate() nogenerate]
//	Append    (the using frame)
//	Reshape   long|wide stubs, i(varlist) j(varname)
//	Winsor2   varlist [, cuts(# #) by(varlist) replace suffix() trim]
//	Summarize [varlist] [if] [in] [, detail]
//	Tabulate  var1 [var2] [if] [in] [, missing]
//	List      [varlist] [if] [in]
//	Count     [if] [in]
//	Assert    exp [if] [in]
//
// # Do-files: what econb runs
//
// Lexing is Stata's ([U] 16.1.2, [P] #delimit): a command per line, or per
// ";" after #delimit ; (#delimit cr back); "*" at the start of a command,
// "//" after a blank and "/* */" (nesting, across lines) are comments;
// "///" continues a command on the next line; "..." and `"..."' are
// strings. Then, command by command: macros are expanded (`name', $name,
// ${name}, nested references, `=exp', `:extended function'), the prefixes
// are applied, and the command runs. The first error stops the do-file.
//
//	command                 options and forms                               Stata semantics kept
//	use                     file [, clear]; [varlist] [if] [in] using file  .dta (and .parquet); changed data need clear (r(4))
//	import delimited        [using] file [, clear delimiters() encoding()   names lowercased (case(lower)); invalid names become v#
//	                        decimalseparator(,) case() varnames(1) asdouble] with the header as label; numbers are doubles
//	import excel            [using] file [, sheet() cellrange() firstrow     without firstrow the columns are A, B, C
//	                        case() clear]
//	save                    [file] [, replace]                              .dta 118; an existing file needs replace (r(602))
//	export delimited        [varlist] using file [if] [in] [, replace       numbers in their shortest exact form (a later import
//	                        delimiter()]                                    reads the same doubles); values, not value labels
//	clear                   [all]                                           all also drops estimates and scalars
//	preserve, restore       restore [, not preserve]                        one copy; restored at the end of the do-file
//	generate, replace       [type] var = exp [if] [in]; by/bysort           missing rules of [U] 12.2.1; replace x = x[_n-1]…
//	                                                                        row by row, as Stata
//	egen                    mean total sd min max count median pctile rank  by() or by/bysort prefix; group() numbers the
//	                        tag first last firstnm lastnm group             groups in sort order
//	drop, keep              varlist | if exp | in range; by/bysort          "(N observations deleted)"
//	merge                   1:1|m:1|1:m keys using file [, keep() assert()  Stata's table of results; m:m refused
//	                        keepusing() generate() nogenerate]
//	append                  using file [file ...]                           columns matched by name
//	reshape                 long|wide stubs, i() j()
//	collapse                (stat) varlist ... [if] [in] [, by()]
//	sort, gsort             varlist; gsort [-]var ...                       stable; missing sorts last
//	rename, order           old new; varlist
//	label variable          var "label"                                     tables print labels
//	xtset, tsset            panelvar timevar; tsset timevar                 tsset t alone serves bw()/vce(hac); L. needs xtset
//	winsor2                 varlist [, cuts() by() replace suffix() trim]    Lian Yujun's winsor2
//	summarize               [varlist] [if] [in] [, detail]                  r(N) r(mean) r(sd) r(min) r(max) (r(p50) ...)
//	describe, list          [varlist] [if] [in]
//	tabulate                var1 [var2] [if] [in] [, missing]
//	count                   [if] [in]                                       r(N)
//	assert                  exp [if] [in]                                   r(9) "N contradictions in M observations"
//	display                 "text" [%fmt] exp _n _col() _skip() _dup()      default format %9.0g (8 digits); e(), r(), _b[],
//	                        _continue, as text|result                       _se[], scalars, _rc
//	regress                 y x [if] [in] [weight] [, robust vce()          small-sample t and F, HC1
//	                        cluster() noconstant]
//	xtreg                   y x [...], fe [robust vce()]                    within estimator; robust = cluster(panelvar)
//	ivregress               2sls|liml|gmm y x (d = z) [...] [, vce()        ivregress's conventions (lib/ivgmm doc.go);
//	                        wmatrix() small first noconstant center]        gmm: wmatrix(robust) by default
//	ivreg2                  y x (d = z) [...] [, gmm2s liml cue fuller()    ivreg2's conventions; first-stage, weak- and
//	                        kclass() robust cluster(a [b]) bw() kernel()    under-identification, Hansen J, endog() C test
//	                        dkraay() kiefer small first ffirst endog()
//	                        center noconstant dofminus() sdofminus()]
//	xtivreg2                y x (d = z) [...], fe [ivreg2's options]        panel FE of xtset; i.year absorbed (same numbers)
//	estimates               store name | restore name | dir | table | drop | clear
//	eststo                  [name]: command | eststo [name] | eststo clear  names est1, est2, ... by default
//	esttab                  [names] [using file] [, b(#) se t z not star()  esttab's defaults: t under, * 0.05 ** 0.01
//	                        nostar stats(list, labels() fmt()) r2 ar2       *** 0.001, N; .tex .csv .html .md .txt files
//	                        noobs keep() drop() mtitles() title() label
//	                        coeflabels() addnotes() replace]
//	estout                  [names] [using file] [, cells(b(star fmt()) se(par)) starlevels() stats() ...]
//	local, global           name [= exp | : fcn | text]; local ++name       : word count, word # of, list sizeof|uniq|sort,
//	                                                                        variable label, type
//	scalar                  [define] name = exp; scalar drop; scalar list   numbers; a variable hides a scalar
//	foreach                 lname in list | of local|global|varlist|newlist|numlist list {
//	forvalues               lname = #/# | #(#)# | # # to # {
//	while, if, else         exp { ... }; if exp command; else ...           continue [, break]; exit
//	quietly, noisily,       prefixes and blocks { ... }                     capture sets _rc (Stata's return codes: 111, 198,
//	capture                                                                 199, 9, 601, 602, 4, 459 otherwise)
//	by, bysort              varlist [(varlist)]: generate|replace|egen|keep|drop   by checks the sort order, bysort sorts
//	version, set, cd, pwd,  set more/linesize/seed/type double ... change nothing; log using writes the log at log close
//	log
//	malmquist (econb)       inputs = outputs [if] [in], dmu() period()      DEAP 2.1's Malmquist index (lib/malmquist):
//	                        [orient(in|out) generate(tfp tc ec)             cumulative levels, first period = 1; indices()
//	                        indices(tfpch techch effch) replace]            the yearly tfpch, techch, effch
//
// Estimation commands translate the varlist into an econb formula (see
// estimate.go): factor variables i.x become dummies i(x) (the smallest
// level is the base) or, after fe, absorbed fixed effects; time-series
// operators L., Lk., L(a/b)., F., D., LD. become l(), f(), d(); wildcards
// (dyear*) and ranges (x1-x5) are expanded against the data. An if or in
// qualifier restricts the estimation sample only, so lags still read the
// rows outside it, as in Stata. Coefficients carry Stata's names (L.sagg,
// 2.region), and e() holds N, r2, r2_a, rmse, rss, mss, F, df_r, df_m,
// chi2, N_clust, N_g, j/jp/jdf (or sargan), idstat, cdf, widstat, rkf,
// arf, estat, cmd, depvar, vce, ...
//
// Anything else stops the do-file with an error naming the command, the
// line and the supported subset ("unrecognized command: xtlogit is not in
// the subset of Stata that econb runs. Supported: data: use, import, ...");
// an option outside the subset is an error naming it and listing the
// command's options. Nothing is skipped silently.
//
// # Differences from Stata
//
//   - Numbers are doubles everywhere (Stata's set type double; import
//     delimited asdouble). Stata's default float storage keeps about 7
//     digits, so a do-file that relies on float rounding differs there.
//   - Stata evaluates / before * ([U] 13.2.5): a*b/c is a*(b/c), in Stata
//     and in econb; write (a*b)/c for the other order.
//   - Factor variables may be strings (Stata requires numbers); # and
//     ib#. are not supported; xtreg and xtivreg2 absorb i.var instead of
//     listing the dummies' coefficients (every other number is the same).
//   - regress, xtreg, ivregress and ivreg2 all print ivreg2's layout
//     (lib/ivgmm), with regress's small-sample rules where they apply.
//   - Variable names from import delimited are lowercased (Stata's
//     default), invalid ones become v1, v2, ... with the header as label.
//   - esttab prints coefficients with a fixed number of decimals (3 by
//     default, b(#)), not esttab's a3 adaptive format.
//   - e(sample), matrices, programs (program define), tempvar/tempfile,
//     value labels (label define), string scalars and graphs are not
//     supported.
//
// References: StataCorp, Stata User's Guide [U] 12, 13, 16.1.2, 18.3
// (macros); Programming Reference [P] macro, foreach, forvalues, while,
// if, capture, quietly, #delimit; [R] regress, ivregress; [XT] xtreg;
// Baum, Schaffer and Stillman, ivreg2 and xtivreg2 (SSC); Jann, estout
// (SSC, esttab); Coelli (1996), DEAP 2.1.
package stata
