// Package stata reads Stata's command syntax and runs the commands on
// econb's data layer (lib/frame, with lib/expr for expressions): one
// engine, two front ends. A notebook cell writes
//
//	d = d.Gen("lgdp = ln(gdp) if year > 2003")         // kernel/nb
//
// and a do-file writes
//
//	generate lgdp = ln(gdp) if year > 2003
//
// and both end in Generate(f, "lgdp = ln(gdp) if year > 2003").
//
// # Commands
//
// Each function takes the frame and the command's arguments as Stata
// writes them after the command name, and returns a new frame whose Notes
// are what Stata prints ("(12 observations deleted)", "(522 missing values
// generated)", the merge table):
//
//	Generate  [type] newvar = exp [if] [in]
//	Replace   oldvar = exp [if] [in]
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
// # Variable lists, if and in
//
// A varlist (Varlist) takes names, unique abbreviations, wildcards (dyear*,
// x?) and ranges in dataset order (x1-x5). "if exp" selects the rows where
// exp is not zero; as in Stata a missing value counts as true, and
// comparisons treat a missing value as larger than any number, so "keep if
// x > 5" keeps the rows where x is missing. Stata does so silently; econb
// adds a note naming the variable and how many rows, and the fix
// (& !missing(x)). "in range" is #, #/#, f, l or a negative count from the
// end.
//
// Errors name the command, the variable (with "did you mean") or the
// expression (with a caret under the place), and restate the syntax.
package stata
