// Package frame turns tabular data — a gota DataFrame, a CSV file, or a
// plain map of float columns — into typed columns for estimation, with one
// missing-value policy and errors that name the column, the row and the
// value.
//
// # Missing values
//
// A cell is missing when it is empty, "NA", "NaN", "." (Stata's missing), or
// a gota NA element; missing numbers become NaN. Estimators drop (and count)
// the rows where a variable they use is NaN.
//
// # Numeric and text columns
//
// A column whose non-missing cells all parse as numbers (strconv.ParseFloat,
// surrounding spaces allowed) is numeric; gota Int, Float and Bool series
// are numeric (true = 1). Any other column is text: it can still define
// fixed effects, clusters, panel entities and i() dummies (Codes, Strings),
// but Float reports ErrNotNumeric with the first bad row and value.
//
// Rows are numbered from 1 in errors, counting data rows (a CSV's header is
// not a row, so row r is line r+1 of the file).
package frame
