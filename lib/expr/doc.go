// Package expr is econb's expression language: the right-hand side of
// Stata's generate and replace, the condition of keep if, display's
// argument, and the terms of a model formula (package formula builds its
// l(x, 1), d(x), log(x) and I(…) terms as these nodes). One parser, one
// set of nodes and one evaluator serve all of them, so
//
//	gen ly = ln(y)        then   ly ~ x
//	                      and    log(y) ~ x
//
// give the same numbers bit for bit, and Stata's L.x is the formula's
// l(x, 1) (Equal nodes).
//
// # Grammar
//
// Operators bind in Stata's order of evaluation, from first to last
// ([U] 13.2.5): ! (or ~), ^, - (negation), /, *, - (subtraction), +,
// != (or ~=), >, <, <=, >=, ==, &, |. Operators of one level group to the
// left, except ^, which groups to the right (2^3^2 is 2^9). So -2^2 is -4
// (the Stata FAQ "The use of macros with the power operator"), -a*b is
// (-a)*b, !x==1 is (!x)==1, and a+b-c is a+(b-c) (the same number, up to
// rounding in the last bit).
//
//	Expr      = Binary(0)
//	Binary(p) = Prefix { BinOp Binary(q) }       BinOp of precedence ≥ p; q = its precedence + 1 (^: its own)
//	BinOp     = "|" | "&" | "==" | ">=" | "<=" | "<" | ">" | "!=" | "~=" | "+" | "-" | "*" | "/" | "^"
//	Prefix    = "-" Binary(prec ^) | ( "!" | "~" ) Binary(prec ! + 1) | Postfix
//	Postfix   = Primary [ "[" Expr "]" ]         subscript, on a column name: x[_n-1]
//	Primary   = Number | String | "." | Name | Call | TSOp Operand | "(" Expr ")"
//	Call      = Name "(" [ Expr { "," Expr } ] ")"
//	TSOp      = ( ( "L" | "F" | "D" | "S" ) [ digits | "(" Int [ "/" Int ] ")" ] )+ "."   any case; no space before the dot
//	Operand   = Name | "(" Expr ")" | TSOp Operand
//	Number    = digits [ "." digits ] [ Exp ] | "." digits [ Exp ]      Exp = ( "e" | "E" ) [ "+" | "-" ] digits
//	String    = '"' { any but '"' } '"' | "`\"" { any } "\"'"           (Stata's compound quotes nest)
//	Name      = letter { letter | digit | "_" } | "`" { any but "`" } "`"   (letters include "_")
//
// "." alone is the missing value; .a to .z (Stata's extended missing
// values) are an error. _n, _N and _pi are Stata's system variables: the
// row number and the number of rows (within the by-group, Options.By) and
// π. The parser keeps only the first error, which points into the source
// with a caret, and never panics or recurses without bound (FuzzParse).
//
// # Lags, leads and differences
//
// Stata's time-series operators and the formula's functions are the same
// nodes (Lag, Diff):
//
//	L.x  Lk.x   l(x), l(x, k)    x k periods earlier within the panel entity
//	F.x  Fk.x   f(x), f(x, k)    x k periods later (a lag of -k)
//	D.x  Dk.x   d(x)             x - L.x, applied k times
//	Sk.x                         x - Lk.x (seasonal difference)
//	LD.x                         L.(D.x): operators apply from the right
//	L(1/2).x    (formula l(x, 1:2))  a lag list: several columns; Expand splits it
//
// They follow the panel index of the Source (package panel): a lag that
// reaches a period the entity does not have — across a gap in time, or
// before its first period — is missing, as Stata's L. after xtset. Without
// a panel they are an error (ErrNoPanel), as Stata's "time variable not
// set". They apply to a column name (Stata) or, as an extension that the
// formula's l(log(x), 1) needs, to a parenthesised expression: L.(ln(x)).
// x[exp] is x in row exp (row order, 1-based, within the by-group),
// missing outside the rows: Stata's x[_n-1] under the current sort order.
//
// # Missing values
//
// Missing is NaN for numbers and "" for strings, and follows Stata's rules
// exactly; each rule is a test citing the manual (eval_test.go):
//
//   - Arithmetic with a missing operand is missing, and so is an
//     impossible operation: division by zero, 0 to a negative power, a
//     negative number to a fractional power ([U] 13.2.1). A result at
//     least 2^1023 ≈ 8.99e+307 in absolute value is missing: Stata's
//     largest number is c(maxdouble) ([U] 12.2.1). Functions outside
//     their domain give missing, never an error: ln(0), sqrt(-1)
//     ([FN] Mathematical functions).
//   - Missing is larger than every number and equal to itself
//     ([U] 12.2.1: all numbers < .): x > 5 is true where x is missing,
//     . == . is true, and comparisons are 0 or 1, never missing
//     ([U] 13.2.3). Write x > 5 & !missing(x) to exclude missing values.
//   - & | ! treat 0 as false and every other value, missing included, as
//     true, and return 0 or 1 ([U] 13.2.4; N. J. Cox, "True and false in
//     Stata", Stata FAQ, rule 2; W. Gould, "Logical expressions and missing
//     values", Stata FAQ): . & 1 is 1, !. is 0.
//   - cond(x, a, b[, c]) is c where x is missing (a without c); x > 2 is
//     never missing, so only a number or a column reaches c ([FN] cond()).
//   - min() and max() ignore missing arguments and are missing only when
//     all are ([FN] min()). missing(x, …) is 1 when any argument is
//     missing. inlist(z, …) tests equality, so inlist(., .) is 1.
//     inrange(z, a, b) applies [FN]'s ordered rules: missing z gives 0; a
//     missing means no lower bound, b missing no upper bound.
//   - The string missing value is "": "" + "a" is "a", and "" sorts first.
//
// An evaluation reports how many values are missing (Column.Missing, for
// Stata's "(N missing values generated)") and, per operation that made
// missing values out of non-missing operands, how many rows and the first
// (Column.Notes: "ln(y): log of a non-positive value on 2 rows (first:
// row 1)"), so that no missing value arrives silently.
//
// Results are float64: Stata's generate double. (Stata's default storage
// type float keeps about 7 digits; its numbers then differ from these in
// the 8th digit.)
//
// # Functions
//
// Numbers: ln(x) = log(x), log10(x), exp(x), sqrt(x), abs(x), sign(x),
// floor(x), ceil(x), int(x) (toward 0), round(x[, y]) (x in units of y,
// halves away from zero; y = 0 returns x), mod(x, y) (x - y*floor(x/y);
// mod(x, 0) is missing), min(x1, …), max(x1, …). Logic: cond(x, a, b[, c]),
// missing(x1, …) (mi), inlist(z, a, …), inrange(z, a, b). Strings (bytes,
// as Stata's str functions; ASCII case mapping): strlen(s), substr(s, n1,
// n2) (n1 < 0 counts from the end; n2 = . takes the rest), upper(s) =
// strupper(s), lower(s), trim(s) = strtrim(s), ltrim(s), rtrim(s), real(s)
// (the number, or missing), string(x) = strofreal(x) (Stata's default
// %9.0g: up to 7 significant digits, string(12345678) is "1.23e+07").
// + concatenates strings. Mixing a string and a number is a type mismatch
// (ErrType), as Stata's r(109).
//
// # Evaluation
//
// Compile checks an expression against a Source (its columns, their
// types, the panel) and compiles it to a straight-line program of column
// operations; Program.Run evaluates it over chunks of 1,024 rows, every
// operation on a chunk before the next chunk, so that intermediate values
// stay in cache, with the rows split among GOMAXPROCS workers. Constant
// parts are folded once. The operands of lags are materialized as whole
// columns first (once per distinct operand). Text columns are read as
// dictionary codes, and string functions and comparisons with a constant
// run once per distinct value. Eval is Parse, Compile and Run; Constant
// evaluates an expression without columns (Stata's display 2+2).
//
// References: StataCorp, Stata User's Guide [U] 12.2.1 Missing values,
// 13 Functions and expressions; Stata Functions Reference Manual [FN];
// [TS] tsvarlist; Bergé, fixest's formula functions.
package expr
