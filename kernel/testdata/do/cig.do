* cig.do: the cigarette demand of reference case cigsw95_2sls_robust_small
* (shared/refs/ivgmm/cases.json: R 4.2.2, AER::ivreg + sandwich HC1 =
* ivreg2 robust small) on ../fit/cigsw95.csv, as a do-file.
import delimited ../fit/cigsw95.csv, clear
ivreg2 lpacks lrincome (lrprice = tdiff rtax), robust small endog(lrprice)
estimates store iv
quietly regress lpacks lrprice lrincome, robust
export delimited state lpacks using out.csv, replace
