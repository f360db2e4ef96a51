* xtivreg2.do: xtivreg2 ..., fe on EmplUK (Arellano & Bond 1991; plm's
* EmplUK), lib/ivgmm cases.json cases empluk_fe_2sls_cluster and
* empluk_fe_gmm2s_cluster_timedummies (R, emulating xtivreg2; tolerance
* 1e-8 relative for coefficients and SEs, 1e-6 for statistics). The lags
* come from xtset and L. here, where the reference used the columns
* l1_lwage, l2_lwage; i.year is absorbed as xtivreg2's year effects.
version 16
import delimited empluk.csv, clear
xtset firm year
xtivreg2 lemp lcap (lwage = L.lwage L2.lwage), fe cluster(firm) endog(lwage)
assert e(N) == 751 & e(N_g) == 140 & e(N_clust) == 140
assert abs(_b[lwage] / -0.786084221307382 - 1) < 1e-8
assert abs(_b[lcap] / 0.6273114470963214 - 1) < 1e-8
assert abs(_se[lwage] / 0.25243259852809274 - 1) < 1e-8
assert abs(_se[lcap] / 0.05981189407958994 - 1) < 1e-8
assert abs(e(j) / 0.42912362874061394 - 1) < 1e-6
assert abs(e(idstat) / 18.66704829766669 - 1) < 1e-6
assert abs(e(cdf) / 47.73918474540038 - 1) < 1e-6
assert abs(e(widstat) / 9.955005513669935 - 1) < 1e-6
assert abs(e(estat) / 1.6181215693322593 - 1) < 1e-6
assert abs(e(rmse) / 0.12494694257543182 - 1) < 1e-6
xtivreg2 lemp i.year (lwage lcap = L(1/2).lwage L(1/2).lcap), fe cluster(firm) gmm2s
assert e(N) == 751
assert abs(_b[lwage] / -0.789848913126942 - 1) < 1e-8
assert abs(_b[lcap] / 0.6992634104994065 - 1) < 1e-8
assert abs(_se[lwage] / 0.3068935559102593 - 1) < 1e-8
assert abs(_se[lcap] / 0.0713767991761085 - 1) < 1e-8
assert abs(e(j) / 0.7333266717669477 - 1) < 1e-6
assert abs(e(idstat) / 13.300842489520326 - 1) < 1e-6
assert abs(e(widstat) / 3.6567230295592212 - 1) < 1e-6
* xtreg, fe is least squares with the firm dummies (the within estimator
* and LSDV give the same slopes and, with xtreg's degrees of freedom N-K-G,
* the same iid standard errors): tolerance 1e-9 relative
xtreg lemp lwage lcap, fe
scalar b_w = _b[lwage]
scalar se_w = _se[lwage]
scalar b_k = _b[lcap]
regress lemp lwage lcap i.firm
assert abs(_b[lwage] / b_w - 1) < 1e-9 & abs(_b[lcap] / b_k - 1) < 1e-9
assert abs(_se[lwage] / se_w - 1) < 1e-9
