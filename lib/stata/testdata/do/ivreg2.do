* ivreg2.do: ivreg2 (SSC) on Card (1995) (lib/ivgmm cases.json, cases
* card_overid_2sls_robust and card_overid_gmm2s_cluster_age; the CSV was
* exported by Stata with ~8 digits, so the tolerance is 1e-6 relative for
* coefficients and standard errors, 1e-5 for statistics, as cases.json says).
version 16
import delimited card.csv, clear
ivreg2 lwage exper expersq black south (educ = nearc2 nearc4), first robust endog(educ)
assert e(N) == 3010
assert abs(_b[educ] / 0.2403153190327482 - 1) < 1e-6
assert abs(_b[expersq] / -0.0024098637244484 - 1) < 1e-6
assert abs(_b[_cons] / 1.998076542659363 - 1) < 1e-6
assert abs(_se[educ] / 0.0402514362147288 - 1) < 1e-6
assert abs(_se[south] / 0.0259705727741509 - 1) < 1e-6
assert abs(e(j) / 1.864712064638993 - 1) < 1e-5
assert abs(e(idstat) / 40.07919463212782 - 1) < 1e-5
assert abs(e(cdf) / 19.68298484786327 - 1) < 1e-5
assert abs(e(widstat) / 20.42000777158254 - 1) < 1e-5
assert abs(e(estat) / 26.99331658566836 - 1) < 1e-5
assert abs(e(arf) / 27.85140644476052 - 1) < 1e-5
assert abs(e(F) / 80.93661568458887 - 1) < 1e-5
ivreg2 lwage exper expersq black south (educ = nearc2 nearc4), gmm2s cluster(age)
assert e(N_clust) == 11
assert abs(_b[educ] / 0.2342529080526559 - 1) < 1e-6
assert abs(_se[educ] / 0.0207322396908906 - 1) < 1e-6
assert abs(_se[exper] / 0.0417366608447112 - 1) < 1e-6
assert abs(e(j) / 1.994628483631879 - 1) < 1e-5
assert abs(e(widstat) / 15.48759693481651 - 1) < 1e-5
