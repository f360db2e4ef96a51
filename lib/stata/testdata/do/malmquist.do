* malmquist.do: the econb extension command on DEAP 2.1's example EG4
* (Coelli 1996; lib/malmquist/testdata/deap_eg4*.txt): output-oriented
* Malmquist index, year 2. DEAP prints 3 decimals, so the tolerance is
* 0.0005. tfpch of firms 1-5: 1.000 1.500 1.333 0.750 1.200; effch:
* 0.750 1.125 1.000 0.562 0.900; techch 1.333 for all.
version 16
import delimited deap_eg4.csv, clear
malmquist x = y, dmu(dmu) period(period) orient(out) indices(tfpch techch effch)
assert abs(tfpch - 1.000) < 0.0005 if dmu == 1 & period == 2
assert abs(tfpch - 1.500) < 0.0005 if dmu == 2 & period == 2
assert abs(tfpch - 1.333) < 0.0005 if dmu == 3 & period == 2
assert abs(tfpch - 0.750) < 0.0005 if dmu == 4 & period == 2
assert abs(tfpch - 1.200) < 0.0005 if dmu == 5 & period == 2
assert abs(effch - 0.562) < 0.0005 if dmu == 4 & period == 2
assert abs(techch - 1.333) < 0.0005 if period == 2
assert missing(tfpch) if period == 1
* the cumulative levels: 1 in the first period, then the product
assert tfp == 1 & tc == 1 & ec == 1 if period == 1
assert abs(tfp - tfpch) < 1e-12 if period == 2
