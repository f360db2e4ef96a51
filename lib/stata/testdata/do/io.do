* io.do: files. save/use round trip, merge and append with .dta files,
* export delimited then import delimited gives back the same numbers,
* preserve/restore, replace rules for existing files.
version 16
import delimited provs.csv, clear
save provs, replace
assert _N == 3
import delimited cities.csv, clear
* merge m:1: BJ and HB match (4 rows), SN is master only (2), GD using only (1)
merge m:1 prov using provs
assert _N == 7
count if _merge == 3
assert r(N) == 4
count if _merge == 1
assert r(N) == 2
count if _merge == 2
assert r(N) == 1
import delimited cities.csv, clear
merge m:1 prov using provs.dta, keep(match) nogenerate
assert _N == 4
assert region == "east" if prov == "BJ"
* append
import delimited cities.csv, clear
save cities, replace
append using cities
assert _N == 12
* use with a varlist and if
use city gdp if gdp > 40 & !missing(gdp) using cities, clear
assert _N == 3
* export delimited writes the exact numbers: 1/3 comes back as 1/3
import delimited cities.csv, clear
generate double third = gdp / 3
export delimited using roundtrip.csv, replace
import delimited roundtrip.csv, clear
assert third == gdp / 3
assert missing(third) == missing(gdp)
* export a subset
export delimited city gdp using subset.csv if year == 2004, replace
import delimited subset.csv, clear
assert _N == 3
* preserve / restore
preserve
keep in 1
assert _N == 1
restore
assert _N == 3
* a changed dataset is not replaced without clear (Stata r(4))
generate one = 1
capture use cities
assert _rc == 4
* an existing file is not overwritten without replace (Stata r(602))
capture save cities
assert _rc == 602
capture export delimited using subset.csv
assert _rc == 602
use cities, clear
assert _N == 6
* import excel: the sheet written by the test (a title row above the header)
import excel cities.xlsx, sheet("Sheet1") cellrange(A2:E8) firstrow clear
assert _N == 6
assert gdp == 120 if city == "Beijing" & year == 2005
* log using: the log of what follows is written when it is closed
log using session.log, replace text
display "logged line"
log close
capture log using session.log
assert _rc == 602
