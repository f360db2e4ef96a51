// Package design evaluates a parsed formula (package formula) on a data
// frame (package frame) and an optional panel index (package panel): the
// response, the regressors, the endogenous regressors and the excluded
// instruments as named float columns, and integer codes for the fixed
// effects and the cluster variable. Package ivgmm turns a Design into its
// Data.
//
// # Names
//
// Columns are named by the canonical text of their term (formula.Term.String):
// x, log(x), x:z, l(sagg,1) and l(sagg,2) for l(sagg, 1:2), and
// region::south for the dummy of level "south" in i(region). The constant
// is not a column; Const says whether the model has one.
//
// # Missing values
//
// Missing cells are NaN, and so are lags that reach outside the panel or
// across a gap in time (panel.Index.Lag), and the dummies of i(v) where v is
// missing. A row whose fixed-effect or cluster variable is missing gets a
// NaN response, so the estimator drops it and counts it with the other
// incomplete rows. Nothing is dropped here.
//
// These are errors, positioned in the formula (*formula.Error): an unknown
// or non-numeric column, a term with no value on any row (l(x, 5) on a
// 3-period panel), log() of a non-positive value, i() of a variable with one
// level, and fewer excluded instruments than endogenous regressors once
// i() has been expanded. A missing or non-integer panel time, or a missing
// entity, is an error naming the row.
package design
