* Table 1 of Chen, "The Impact of Producer Services Agglomeration on Total
* Factor Productivity": 2SLS and IV-GMM of city TFP on producer-services
* agglomeration (SAGG), national sample, from the raw city panel.
*
* Run from notebooks/ (relative paths are read from the working directory,
* as in Stata):
*     econb do table1.do            (or: go run ../kernel do table1.do)
*     nb.DoFile("table1.do")        in a notebook cell (12-stata-dofile)
* Every command is Stata's except malmquist, econb's extension command for
* the DEA Malmquist index (DEAP 2.1); in Stata, compute tfp with DEAP or
* a DEA package and merge it in instead. The Go notebook 06-table1 runs
* the same pipeline through lib/chen; 12-stata-dofile checks that both
* give the same numbers.

version 16
set more off
clear all

import delimited data/synth_cities.csv, clear
generate long order = _n        // the file's order: city by city, 2003-2017

* ---- Controls: STR GOV PGDP FDI H ROAD POP (lib/citypanel's definitions)
generate double str  = va_secondary / va_tertiary
generate double gov  = budget_exp / gdp
generate double pgdp = gdp / pop / 1e4          // 10,000 yuan per person
generate double fdi  = (fdi_usd * usd_cny) / gdp   // Stata divides before it multiplies
generate double h    = students / (pop * 1e4)   // students per resident
generate double road = road_area / pop          // m2 of road per person
replace pop = ln(pop)

* ---- SAGG: location quotients of producer-services employment against
*      emp_total, the national totals summed over the panel's cities
generate double emp_ps_total = emp_transport + emp_ict + emp_finance ///
                               + emp_leasing + emp_research
generate double emp_ps_high  = emp_ict + emp_finance + emp_research
generate double emp_ps_low   = emp_transport + emp_leasing
egen double nat_emp = total(emp_total), by(year)
foreach g in total high low {
    egen double nat_`g' = total(emp_ps_`g'), by(year)
    generate double sagg_`g' = (emp_ps_`g' / emp_total) * (nat_emp / nat_`g')
}

/* ---- DEA inputs and output
   capital: perpetual inventory (Zhang, Wu and Zhang 2004) of fai deflated
            by the fixed-asset price index chained to 2003 = 1;
            K(2003) = I(2003) / 10%, K(t) = (1 - 9.6%) K(t-1) + I(t)
   labour:  emp_total
   rgdp:    GDP at 2003 prices, GDP of 2003 chained with gdp_index      */
bysort city (year): generate double p_fai = 1 if _n == 1
by city: replace p_fai = p_fai[_n-1] * (fai_price_index / 100) if _n > 1
generate double inv = fai / p_fai
by city: generate double capital = inv / 0.10 if _n == 1
by city: replace capital = (1 - 0.096) * capital[_n-1] + inv if _n > 1
by city: generate double p_gdp = 1 if _n == 1
by city: replace p_gdp = p_gdp[_n-1] * (gdp_index / 100) if _n > 1
by city: generate double rgdp = p_gdp * gdp[1]
generate double labour = emp_total
sort order

* ---- TFP: DEAP's Malmquist index of (capital, labour; rgdp), cumulated
*      into levels with 2003 = 1 (econb extension command)
malmquist capital labour = rgdp, dmu(city) period(year) orient(in) generate(tfp tc ec)
assert tfp == 1 & tc == 1 & ec == 1 if year == 2003

* ---- Table 1: xtivreg2 ..., fe robust [gmm2s], SAGG instrumented by its
*      first and second lags; year effects
egen city_id = group(city)
xtset city_id year
local controls str gov pgdp fdi h road pop
foreach g in total high low {
    xtivreg2 tfp `controls' i.year (sagg_`g' = L.sagg_`g' L2.sagg_`g'), fe robust
    assert e(N) == 3393
    estimates store tsls_`g'
}
foreach g in total high low {
    quietly xtivreg2 tfp `controls' i.year (sagg_`g' = L.sagg_`g' L2.sagg_`g'), fe robust gmm2s
    assert e(N) == 3393
    estimates store gmm_`g'
}
estimates restore gmm_high
display "IV-GMM high-end SAGG: " %6.4f _b[sagg_high] " (t = " %4.2f _b[sagg_high]/_se[sagg_high] ")"

esttab tsls_* gmm_*, b(3) t(2) star(* 0.10 ** 0.05 *** 0.01)            ///
    keep(sagg_* `controls') coeflabels(sagg_total SAGG sagg_high SAGG      ///
    sagg_low SAGG str STR gov GOV pgdp PGDP fdi FDI h H road ROAD pop POP) ///
    stats(idstat widstat j N r2, labels("KP rk LM" "KP rk Wald F" "Hansen J" N R2)) ///
    mtitles("2SLS total" "2SLS high" "2SLS low" "GMM total" "GMM high" "GMM low")  ///
    title("Table 1 (synthetic panel): 2SLS and IV-GMM, national sample")
