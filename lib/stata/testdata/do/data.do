* data.do: the data commands on cities.csv (6 rows, hand-checkable; one
* missing gdp, Wuhan 2005). Each expected value is computed by hand in
* the comment next to its assert.
version 16
import delimited cities.csv, clear
describe
list
* generate: arithmetic with a missing operand is missing ([U] 13.2.1)
generate double pc = gdp / pop
assert pc == 10 in 1                          // 100 / 10
count if missing(pc)
assert r(N) == 1
* replace with if: missing > 60 is true ([U] 12.2.1), so 3 rows change
replace gdp = 0 if gdp > 60
count if gdp == 0
assert r(N) == 3
import delimited cities.csv, clear
* egen by a variable and with the by prefix
egen double m = mean(gdp), by(city)
assert m == 110 if city == "Beijing"          // (100 + 120) / 2
assert m == 50 if city == "Wuhan"             // the missing value is ignored
bysort city (year): egen double tot = total(gdp)
assert tot == 66 if city == "Xian"            // 30 + 36
by city: generate double first = gdp[1]
assert first == 30 if city == "Xian"
by city: generate n = _n
by city: generate N = _N
assert N == 2 & n == (year - 2003)
egen id = group(city)
assert id == 1 if city == "Beijing"           // sort order: Beijing Wuhan Xian
assert id == 3 if city == "Xian"
* Stata's row-by-row replace: a running sum within city
generate double cum = pop
by city: replace cum = cum[_n-1] + pop if _n > 1
assert cum == 21 if city == "Beijing" & year == 2005   // 10 + 11
assert cum == 11 if city == "Xian" & year == 2005      // 5 + 6
* summarize stores r(): gdp = 100 120 50 30 36 (one missing)
summarize gdp
assert r(N) == 5
assert abs(r(mean) - 67.2) < 1e-12                     // 336 / 5
assert abs(r(sd) - sqrt(1629.2)) < 1e-12               // sum of squares 6516.8 / 4
assert r(min) == 30 & r(max) == 120
summarize gdp, detail
assert r(p50) == 50
tabulate prov
tabulate prov year
* sort, gsort, keep/drop in and if
gsort -gdp
assert gdp == 120 in 1
assert missing(gdp) in 6                      // gsort puts missing last
sort city year
assert city == "Beijing" & year == 2004 in 1
keep in 1/4
assert _N == 4
drop if city == "Wuhan"
assert _N == 2
drop m tot
keep city year gdp
rename gdp output
order year
label variable output "GDP"
describe
* collapse
import delimited cities.csv, clear
collapse (mean) gdp (sum) pop, by(prov)
assert _N == 3
assert gdp == 110 & pop == 21 if prov == "BJ"
assert gdp == 50 & pop == 16 if prov == "HB"           // mean ignores the missing gdp
* reshape wide and back
import delimited cities.csv, clear
keep city year pop
reshape wide pop, i(city) j(year)
assert _N == 3
assert pop2004 == 8 & pop2005 == 8 if city == "Wuhan"
reshape long pop, i(city) j(year)
assert _N == 6
* xtset and time-series operators; tsset
import delimited cities.csv, clear
egen cid = group(city)
xtset cid year
generate double growth = gdp / L.gdp - 1
assert abs(growth - 0.2) < 1e-15 if city == "Beijing" & year == 2005   // 120 / 100 - 1
assert missing(growth) if year == 2004
generate double dpop = D.pop
assert dpop == 1 if city == "Xian" & year == 2005
* winsor2 (Lian Yujun): cuts(0 50) caps pop at its median, 8
winsor2 pop, cuts(0 50) replace
assert pop <= 8
display "rows: " _N
