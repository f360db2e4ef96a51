// Package nb is econb's notebook language: the one import a cell needs.
//
//	import "github.com/econb/econb/kernel/nb"
//
// It gives a cell datasets with Stata's verbs, estimation in fixest's
// formulas with Stata's options, publication tables and plots, and the
// notebook's plumbing: showing anything as one MIME bundle, saving it for
// the replication, literate checks, and stopping the cell with one clean
// message on an error. The library (lib/) stays free of notebook
// machinery; nb turns its errors into cell stops.
//
// # A cell beside Stata and R
//
//	nb                                              Stata                                   R / fixest
//	d := nb.Use("data/cities.csv")                  import delimited data/cities.csv        d <- fread("data/cities.csv")
//	d = d.Gen("lgdp = ln(gdp) if year > 2003")      gen lgdp = ln(gdp) if year > 2003       d[year > 2003, lgdp := log(gdp)]
//	d = d.Egen("m = mean(gdp), by(city)")           bysort city: egen m = mean(gdp)         d[, m := mean(gdp, na.rm=TRUE), by = city]
//	d = d.Merge("m:1 prov", nb.Use("prov.csv"))     merge m:1 prov using prov               d <- merge(d, prov, by = "prov", all.x = TRUE)
//	d = d.Keep("if year >= 2004")                   keep if year >= 2004                    d <- d[year >= 2004]
//	d = d.Xtset("city year")                        xtset city year                         (panel.id = ~city + year)
//	m := d.GMM("tfp ~ str | city + year |           xtivreg2 tfp str i.year (sagg =         feols(tfp ~ str | city + year |
//	     sagg ~ l(sagg, 1:2)", nb.Cluster("city"))     L.sagg L2.sagg), fe gmm2s cluster(city)   sagg ~ l(sagg, 1:2), d, cluster = ~city)
//	nb.Save(nb.Table(m1, m2, m3), "table1")         esttab m1 m2 m3 using table1.tex        etable(m1, m2, m3, tex = TRUE)
//	nb.Coefplot(m1, m2)                             coefplot m1 m2                          coefplot(list(m1, m2))
//
// # Datasets
//
// A *Data is a lib/frame Frame (typed, columnar: numbers as float64 or
// int64, text dictionary-coded) and the content key of how it was made.
// Every verb returns a new *Data; the arguments are written as in Stata
// after the command's name (package lib/stata reads them, the same engine
// the do-file front end runs), so variable lists take wildcards and ranges,
// expressions take Stata's functions and operators, and if/in qualifiers and
// options work as in Stata. What a verb did is printed in Stata's words:
// "(12 observations deleted)", "(522 missing values generated)", the merge
// table. Missing values follow Stata's rules everywhere; where Stata is
// silent about a trap (a condition x > 5 is true where x is missing), nb
// says so and gives the fix.
//
// Reading: Use (.csv with the delimiter and encoding detected, .xlsx,
// .dta, .parquet), UseSheet, FromGota, FromFrame. Inspecting: Describe,
// Summarize, Tab, List, Count, Assert. Changing: Gen, Replace, Egen, Keep,
// Drop, Sort, Rename, Label, Winsor, Collapse, Reshape. Combining: Merge,
// Append. Panels: Xtset, Balance. A *Data shows as an HTML table (first
// and last rows, types, labels, missing counts); Gota and Frame hand it to
// other code.
//
// GoNB re-runs every declaration of earlier cells in each cell, so a
// dataset declared with var d = nb.Use(...)... is rebuilt in every cell. A
// verb's notes are therefore printed only the first time the kernel
// computes that result, and a step that took long is stored in the frame
// cache ($ECONB_HOME/cache) under its content key and reloaded instead of
// recomputed; one byte of input or one argument changed gives a new key,
// so the cache is never stale. ECONB_NO_CACHE=1 turns it off.
//
// # Estimation
//
// d.Reg (OLS), d.IV (2SLS), d.GMM (two-step GMM), d.LIML, d.CUE take a
// formula (lib/formula: fixest's syntax, with fixed effects after the first
// "|" and the IV part last; l(), f(), d() need Xtset; sw(), csw() and several
// dependent variables fit several models) and options: the covariance
// (Robust, Cluster with one or two variables, HAC, DriscollKraay, IID),
// Small, weights (AW, PW, FW), Endog (the C test), Fuller, Ivregress
// (ivregress's conventions), Center, ARSet (Anderson-Rubin confidence set),
// Panel, If (Stata's if: the estimation sample), With (any lib/ivgmm
// option; Options hands nb's options to library functions). The result,
// *Models, shows as ivreg2's output for one model or a table of several;
// Coef, SE, N and E (Stata's e() scalars: N_clust, widstat, j, cstat, ...)
// read it.
//
// # Output
//
// Show displays anything; Printf prints text that keeps its place among
// them. Table and Coefplot make the regression table and the coefficient
// plot of any models; Compare sets them beside a published table; SumStats
// and Tidy make summary and plain tables; d.Line plots variables over
// another.
// Save writes tables (LaTeX, HTML, Markdown, CSV), figures (SVG, PNG) and
// datasets (CSV) into build/replication/{tables,figures,data} (or
// $ECONB_REPLICATION_DIR, set by econb replicate). Assert, Equal and Near
// are the literate checks: each prints what it checked, or stops the cell.
//
// # Do-files
//
// Do and DoFile run Stata do-files in a cell on the same engine (lib/stata):
// the log prints as Stata's, and the result gives the final dataset (Data)
// and the stored estimates (Est), which Table accepts.
//
// # Errors
//
// A verb that fails stops the cell with one message (no goroutine dump):
// the call that failed, what went wrong, where (the column with "did you
// mean", the row, the term with a caret) and the fix, shown as an HTML box,
// and the cell is marked failed so that Run All stops there, as a do-file
// stops at its first error. Check and Must do the same for any error.
package nb
