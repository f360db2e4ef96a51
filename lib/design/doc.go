// Package design evaluates a parsed formula (package formula) on a data
// frame (package frame) and an optional panel index (package panel): the
// response, the regressors, the endogenous regressors and the excluded
// instruments as named float columns, and integer codes for the fixed
// effects and the cluster variable. Package ivgmm turns a Design into its
// Data.
//
// # One evaluator
//
// Every term is evaluated by package expr, the evaluator of Stata-style
// generate and replace: the factors of a term other than i() become one
// expression (formula.Term.Node: x:l(z,1) is x*L.z, d(log(y)) is
// D.(ln(y)), I(e) is e) compiled against the frame (Source) and run over
// all rows at once. So a column made with generate and the same term in a
// formula are equal bit for bit (TestGenerateEqualsFormula). The product
// with i()'s dummies, which are 0, 1 or missing, is taken here.
//
// # Names
//
// Columns are named by the canonical text of their term (formula.Term.String):
// x, log(x), x:z, l(sagg,1) and l(sagg,2) for l(sagg, 1:2), I(x^2), and
// region::south for the dummy of level "south" in i(region). The constant
// is not a column; Const says whether the model has one.
//
// # Fixed effects
//
// A fixed effect is coded by its column's sorted levels (frame.Codes); a
// combined fixed effect a^b by the observed (a, b) pairs in sorted order
// (fixest's ^).
//
// # Missing values
//
// Missing cells are NaN, and so are lags that reach outside the panel or
// across a gap in time (panel.Index.LagRows), the dummies of i(v) where v
// is missing, and whatever Stata's rules make missing inside I() (a
// division by zero). A row whose fixed-effect or cluster variable is
// missing gets a NaN response, so the estimator drops it and counts it with
// the other incomplete rows. Nothing is dropped here, but Sample tells the
// estimator which rows are complete and counts the others by reason
// ("3 observations: missing l(sagg,2)").
//
// These are errors, positioned in the formula (*formula.Error): an unknown
// or non-numeric column, a term with no value on any row (l(x, 5) on a
// 3-period panel), a formula function outside its domain (log() of a
// non-positive value, sqrt() of a negative one; ErrDomain, naming the
// first row and its value), i() of a variable with one level, a type
// mismatch inside I(), and fewer excluded instruments than endogenous
// regressors once i() has been expanded. A missing or non-integer panel
// time, or a missing entity, is an error naming the row.
//
// # Multiple estimation
//
// BuildAll builds one Design per model of a formula with sw(), csw(), c()
// and friends (formula.Expand), computing the panel index and the codes of
// the fixed effects once; Build of such a formula is ErrMulti.
//
// # Speed
//
// Nothing is copied that need not be. A bare variable (x, not log(x)) is
// the frame's column itself (frame.FloatView), the codes of a fixed
// effect or the cluster variable are the frame's, computed once per column
// (frame.CodesView), and the panel index is built from the codes of the
// entity and the time columns (panel.NewIndexRanked: no label is hashed,
// and with data sorted by entity the index shares the codes); the
// response and the codes are copied only when a missing fixed effect or
// cluster variable must be marked in them. A Design's columns and codes
// are therefore read-only: the frame's columns are immutable, and
// package ivgmm only reads them. Other terms are one pass of the
// evaluator each. BenchmarkBuild measures the paper's formula at 1.6
// million rows.
package design
