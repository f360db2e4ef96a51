* lex.do: Stata's lexing and programming constructs ([U] 16.1.2 comments,
* [P] #delimit, [P] macro, [P] foreach, [P] forvalues, [P] while,
* [P] if, [P] capture, [P] quietly). Every expected value is derived by
* hand from those rules and asserted; a failed assert stops the test.
version 16
set more off
import delimited cities.csv, clear      // a comment after a command
/* a block comment over two lines,
   /* with a nested one */ still a comment */
generate double a = 1 + ///  the rest of this line is a comment
    2                       // continuation: a = 1 + 2
assert a == 3
gen double url = strlen("http://x")    // "//" inside a string is text
assert url == 8
#delimit ;
generate double b = a
   * 2 ;
* in this mode a star comment ends at the next semicolon ;
#d cr
assert b == 6
* macros
local x 5
local y = `x' * 2
assert `y' == 10
local name "b"
assert `name' == 6
local i 1
local v`i' hello
assert "`v`i''" == "hello"
local ++i
assert `i' == 2
local --i
assert `i' == 1
global G 7
assert $G == 7 & ${G} == 7
assert "`undefined'" == ""
local e = `=2+3' * 2
assert `e' == 10
* loops
local s 0
foreach k in 1 2 3 {
    local s = `s' + `k'
}
assert `s' == 6
local t
foreach e in x "y z" {
    local t `t'<`e'>
}
assert "`t'" == "<x><y z>"
local s 0
forvalues k = 10(-2)6 {
    local s = `s' + `k'
}
assert `s' == 24
local s 0
forvalues k = 1/3 {
    forvalues m = 1 2 to 3 {
        local s = `s' + `k' * `m'
    }
}
assert `s' == 36
local list a "b c" d
local n : word count `list'
assert `n' == 3
local w : word 2 of `list'
assert "`w'" == "b c"
local vars
foreach v of varlist gdp-pop {
    local vars `vars' `v'
}
assert "`vars'" == "gdp pop"
local s 0
foreach k of numlist 1/5 {
    if `k' == 2 continue
    if `k' == 4 continue, break
    local s = `s' + `k'
}
assert `s' == 4
local j 0
while `j' < 5 {
    local ++j
}
assert `j' == 5
if `j' == 5 {
    local branch yes
}
else {
    local branch no
}
assert "`branch'" == "yes"
if `j' == 4 local oneline no
else local oneline yes
assert "`oneline'" == "yes"
* capture and return codes ([P] error: 111 variable not found, 9
* assertion is false, 199 unrecognized command, 198 invalid syntax)
capture drop nosuchvar
assert _rc == 111
capture assert gdp > 1000
assert _rc == 9
capture noisily xtlogit gdp pop
assert _rc == 199
capture generate
assert _rc == 198
capture display "ok"
assert _rc == 0
quietly {
    generate double c = 1
    noisily display "shown inside quietly"
    display "not shown"
}
local s 0
quietly foreach k in 1 2 {
    display "not shown"
    local s = `s' + `k'
}
assert `s' == 3
scalar sc = 2.5
generate double d = sc * 2
assert d == 5
assert sc == 2.5
display `"compound "quotes" kept"'
display 1/3
display %9.3f _pi
display %12.0fc 1234567
display "N = " _N _col(20) "|" _n "next line" _skip(2) "x"
display as text "a" as result 2+2
* exit ends the do-file without an error: the next line never runs
exit
this line would be an unrecognized command
