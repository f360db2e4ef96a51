* ivregress.do: Stata 13's ivregress on hsng (lib/ivgmm cases.json,
* cases hsng_2sls_robust_small, hsng_2sls_cluster_small, hsng_gmm_robust;
* Stata printed 12 significant digits). Tolerance 1e-7 relative.
version 16
import delimited hsng.csv, clear
ivregress 2sls rent pcturban (hsngval = faminc i.region), vce(robust) small
assert e(N) == 50
assert abs(_b[hsngval] / 0.00223983298 - 1) < 1e-7
assert abs(_b[pcturban] / 0.08151596819 - 1) < 1e-7
assert abs(_b[_cons] / 120.70651454 - 1) < 1e-7
assert abs(_se[hsngval] / 0.0006931182971051898 - 1) < 1e-7
assert abs(_se[_cons] / 15.734804232497677 - 1) < 1e-7
assert abs(e(r2) / 0.59888201833 - 1) < 1e-7
assert abs(e(F) / 21.141192271 - 1) < 1e-7
ivregress 2sls rent pcturban (hsngval = faminc i.region), vce(cluster division_id) small
assert e(N_clust) == 9
assert abs(_se[hsngval] / 0.00041601868465739386 - 1) < 1e-7
assert abs(_se[pcturban] / 0.5742556081881396 - 1) < 1e-7
assert abs(e(F) / 138.21462427 - 1) < 1e-7
ivregress gmm rent pcturban (hsngval = faminc i.region), wmatrix(robust)
assert abs(_b[hsngval] / 0.00146432787 - 1) < 1e-7
assert abs(_b[pcturban] / 0.76154815601 - 1) < 1e-7
assert abs(_se[hsngval] / 0.0004472705279718314 - 1) < 1e-7
assert abs(e(j) / 6.8364006463 - 1) < 1e-7
assert e(jdf) == 3
assert abs(e(chi2) / 112.09228768 - 1) < 1e-7
* an if qualifier restricts the sample only
ivregress 2sls rent pcturban (hsngval = faminc) if region != "West", vce(robust)
assert e(N) == 37
