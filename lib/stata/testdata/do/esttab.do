* esttab.do: estimates store, eststo, esttab and estout (to the screen and
* to files) on hsng; the Go test checks the files' numbers against Stata's
* (hsng_2sls_robust_small, hsng_gmm_robust).
version 16
import delimited hsng.csv, clear
label variable hsngval "House value"
eststo clear
eststo iv: ivregress 2sls rent pcturban (hsngval = faminc i.region), vce(robust) small
quietly ivregress gmm rent pcturban (hsngval = faminc i.region), wmatrix(robust)
estimates store gmm
estimates dir
esttab iv gmm, b(5) se(5) star(* 0.10 ** 0.05 *** 0.01) stats(N r2 j) mtitles("2SLS" "GMM")
esttab iv gmm using table.csv, b(5) se(5) stats(N) replace
esttab iv gmm using table.tex, b(3) t(2) label replace
estout iv gmm, cells(b(star fmt(5)) se(par fmt(5))) stats(N)
estimates table iv gmm, se
estimates restore iv
assert abs(_b[hsngval] / 0.00223983298 - 1) < 1e-7
capture esttab iv gmm using table.csv
assert _rc == 602
