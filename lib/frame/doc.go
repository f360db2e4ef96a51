// Package frame is econb's data layer: typed, columnar data frames read
// from CSV, Excel, Stata .dta and Parquet files or gota DataFrames, the
// dataset verbs an applied economist runs in Stata before estimating
// (keep, drop, generate, replace, egen, collapse, merge, append, reshape,
// xtset, winsorizing), each reporting what it did in Stata's words, and a
// content-addressed cache of intermediate frames.
//
// # The store
//
// A Frame is an ordered set of equally long named Columns. A column is
// Float (float64; Stata double), Int (int64 with a validity bitmap; Stata
// byte, int, long) or String (dictionary-encoded: int32 codes into a slice
// of distinct strings; Stata str#, strL). A column may carry a variable
// label (Stata label variable) and value labels (label values, as read
// from .dta files). Columns and frames are immutable once a reader or verb
// has returned them: a verb returns a new Frame that shares every column
// it did not change, so keeping a variable, renaming one or adding one
// costs nothing for the others. New, FromMap, FromColumns and the Add
// methods build a frame in place and are for constructing one.
//
// # Missing values
//
// One policy everywhere, Stata's: a cell read from text is missing when it
// is empty, "NA", "NaN", "nan", "." (Stata's system missing), ".a" to ".z"
// (Stata's extended missing values) or "<nil>" (gota), surrounding spaces
// ignored (IsMissing). A missing number is NaN in a Float column and a
// cleared validity bit in an Int column; a missing string is code -1 (the
// empty string is missing, as Stata's ""). Stata's . and .a-.z in .dta
// files and nulls in Parquet files are missing too.
//
// "Inf", "-Inf" and "infinity" cells are read as ±Inf, not as missing, and
// the reader notes how many there are and the line of the first (Stata has
// no infinity: replace them with missing or drop those rows before
// estimating). A number too large for a float64 ("1e400") is an error
// naming the column, the row and the line: it says it overflows, not that
// the cell is not numeric.
//
// # Column types from text
//
// A CSV (or Excel, or AddText) column is Int when every non-missing cell is
// an integer that fits int64, Float when every one is a number
// (strconv.ParseFloat's syntax, surrounding spaces allowed), String
// otherwise. Numbers are parsed with a fast decimal parser (Clinger's exact
// fast path and the Eisel-Lemire algorithm, strconv for the rest) whose
// results equal strconv.ParseFloat's bit for bit (tested on tables,
// random strings and a fuzz target).
//
// # Readers and writers
//
//   - ReadCSV, ReadCSVWith(path, CSVOptions): delimiter detection (',' ';'
//     tab '|'), encoding detection (UTF-8, UTF-8 with a byte-order mark,
//     UTF-16 with one, else GB18030, the superset of GBK that Chinese
//     yearbook files use), quoted fields, LF, CRLF and CR line ends, a
//     decimal-comma option (and a hint when a text column looks like one);
//     ReadInfo says which were used. The file is parsed in parallel chunks
//     straight into typed columns. Errors name the line: a row with the
//     wrong number of fields, an empty file ("no header row"), an empty or
//     duplicated column name. A column name may contain spaces; write it in
//     backticks in a formula (`GDP per capita`).
//   - ReadXLSX(path, XLSXOptions): a sheet, optionally a cell range
//     ("Sheet1!A3:F200"), the first row as the header.
//   - ReadDTA, ReadDTAWith: Stata formats 113-115 and 117-119 with variable
//     and value labels; WriteDTA writes format 118.
//   - ReadParquet, WriteParquet: Parquet files (nulls as missing), the fast
//     columnar format for large data.
//   - WriteCSV; FromDataFrame and (*Frame).DataFrame convert gota
//     DataFrames in one pass per column.
//
// # Verbs and their reports
//
// Every verb returns (*Frame, error); the new frame's Notes() hold the
// verb's report as Stata prints it: "(12 observations deleted)", "(522
// missing values generated)", "(3 real changes made, 1 to missing)", the
// merge table, "(note: variable x was int64, now float64)", xtset's panel
// description, how many units and rows Balance dropped and why. Readers
// note the shape, delimiter, encoding and line ends. Errors name the
// column, row or key and what to do, with "did you mean" for misspelt
// names (lib/internal/suggest), and wrap a sentinel (ErrUnknownColumn,
// ErrNotUnique, ...) for errors.Is.
//
//   - categories: Codes (a column's sorted levels and each row's level,
//     a copy), CodesView (the same, computed once per column and shared,
//     for estimators that only read fixed effects and cluster codes);
//   - inspect: Describe, Summarize (detail: Stata's percentiles, skewness,
//     kurtosis), Tabulate (one- and two-way), List; String and HTML show a
//     frame (first and last rows, types, labels, missing counts, shape);
//   - change: KeepVars, DropVars, KeepRows, DropRows, KeepRowsWith, Rename,
//     SetLabel, Sort (gsort's -x), GenerateFloat, Generate, ReplaceFloat,
//     WithColumn, Egen (by-group statistics), Collapse, Winsorize;
//   - combine: Merge (1:1, m:1, 1:m with _merge, keep(), assert(),
//     keepusing()), Append, ReshapeWide, ReshapeLong;
//   - panel: XTSet, Gaps, Balance, PanelIndex.
//
// Stata's sort order is kept: numeric missing values sort last (after
// every number) and the empty string first; by-groups treat a missing
// value as a group of its own, as Stata's by does.
//
// # Expressions
//
// *Frame satisfies lib/expr's Source (Len, Names, Numeric, Text, Panel):
// Numeric gives a numeric column as shared []float64 with NaN for missing
// (an Int column converted once), Text a text column's codes and
// dictionary, Panel the declared panel as a lib/panel index. The
// expression front end produces a []float64 or a []bool mask and calls
// GenerateFloat, ReplaceFloat, KeepRows, DropRows or KeepRowsWith (which
// reports rows dropped because the condition was missing).
//
// # The cache
//
// Every frame read from a file carries a lineage Key: a hash of the file's
// bytes (xxhash64), the reader and its options, and FormatVersion; every
// verb extends it with its name and arguments (a column or mask argument by
// its hash). A Cache (a directory, $ECONB_HOME/cache by default) stores and
// loads frames by key in a raw columnar file, so a notebook that re-runs
// every cell reloads intermediate frames instead of recomputing them, and
// can never read stale data: change one byte of the input, an option or an
// argument and the key changes. Cache.ReadCSV hashes the file and parses it
// only on a miss; Cache.Memo caches any step under a key you extend.
//
// Rows are numbered from 1 in messages, counting data rows (a CSV's header
// is not a row, so row r is line r+1 of a file without blank lines).
package frame
