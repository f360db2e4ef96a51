* ivopts.do: weights, kernel covariances, tsset and wmatrix() against Stata
* 13's ivregress on linearmodels' simulated data (lib/ivgmm/testdata/
* ivopts/stata-iv-simulated-results.txt; b and t printed at %13.12g).
* Tolerance 1e-9 relative.
version 16
import delimited simulated-data.csv, clear
tsset time
ivregress 2sls y_kernel x3 x4 x5 (x1 = z1 z2) [aweight=weights], vce(hac bartlett 12) small
assert abs(_b[x1] / .62737642248 - 1) < 1e-9
assert abs(_b[x3] / .55205900729 - 1) < 1e-9
assert abs(_b[_cons] / 1.1085969139 - 1) < 1e-9
assert abs((_b[x1] / _se[x1]) / 1.7579675253 - 1) < 1e-9
assert abs((_b[x3] / _se[x3]) / 4.9561816891 - 1) < 1e-9
assert abs(e(rss) / 1106.7479488 - 1) < 1e-9
assert abs(e(F) / 480.38360026 - 1) < 1e-9
ivregress gmm y_clustered x3 x4 x5 (x1 = z1 z2), wmatrix(cluster cluster_id) center
assert abs(_b[x1] / .47194118909 - 1) < 1e-9
assert abs((_b[x1] / _se[x1]) / 1.8266890784 - 1) < 1e-9
assert abs((_b[_cons] / _se[_cons]) / 24.115405812 - 1) < 1e-9
assert abs(e(j) / .40736456674 - 1) < 1e-9
assert abs(e(chi2) / 3788.6832729 - 1) < 1e-9
