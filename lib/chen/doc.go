// Package chen is the replication pipeline of Rui Chen, "The Impact of
// Producer Services Agglomeration on Total Factor Productivity": from the
// city panel CSV (lib/citypanel layout; the synthetic stand-in
// notebooks/data/synth_cities.csv or a researcher's yearbook data) to the
// regression frame of the paper's Tables 1-3, the tables' model
// specifications as data, the paper's printed numbers beside ours
// (lib/chen/paper holds them, the one copy), the DGP truth of the
// synthetic panel, and the export convention of the replication notebooks.
//
// # Pipeline (Load, Build)
//
//	CSV ─ citypanel.Read ─ citypanel.Build ─┬─ K  perpetual inventory (lib/capital, δ = 9.6 %)
//	                                         ├─ L  emp_total, Y real GDP at first-year prices
//	                                         ├─ SAGG total / high / low (lib/lq location quotients)
//	                                         └─ STR GOV PGDP FDI H ROAD POP (controls)
//	(K, L; Y) ─ malmquist.Compute (output-oriented DEA, CRS) ─ cumulative levels
//	                                         TFP, TC (techch), EC (effch), first year = 1
//
// The cumulative levels are the paper's dependent variables: the level of
// 2004 is the 2003 level (= 1) times the 2004 index, and so on (the paper's
// "TE" is DEAP's techch, "EC" its effch; TFP = TC · EC).
//
// # The regression frame (Data.Frame, Data.DataFrame)
//
// One row per city and year, in citypanel.Panel.Records order, columns
//
//	city province region year                       keys (text, except year)
//	tfp tc ec                                       cumulative Malmquist levels (not after BuildVars)
//	sagg_total sagg_high sagg_low                   location quotients
//	str gov pgdp fdi h road pop                     controls (pop = ln population)
//	capital labour rgdp                             DEA inputs and output
//	tfp_true                                        only after AddTrueTFP or SetTrueTFP (synthetic panel)
//
// ready for ivgmm.FitFrame / ivgmm.FitFormula with the panel (city, year).
//
// # The model (Spec)
//
//	TFP_it = β·SAGG_it + γ'W_it + city_i + year_t + u_it,   SAGG instrumented by SAGG_i,t−1, SAGG_i,t−2
//
// Stata: xtivreg2 tfp str gov pgdp fdi h road pop i.year (sagg = L.sagg L2.sagg), fe robust gmm2s.
// The two lags leave 2005-2017: 261 cities × 13 years = 3393 observations
// (East 101 cities / 1313, Central 99 / 1287, West 61 / 793). Table1,
// Table2 and Table3 list the paper's columns; Spec.Formula writes each
// as an econb formula, Data.Fit estimates it (Data.FitAll and a Fitter
// build each sample's frame once for many specs).
//
// # Standard errors
//
// The paper reports heteroskedasticity-robust standard errors. The
// cumulated Malmquist index carries its DEA approximation errors forward
// (a random walk within each city), so the residuals of the full chain are
// serially correlated and robust standard errors understate the
// uncertainty; the recovery checks cluster by city (Recover with
// ivgmm.ClusterBy("city")), and the notebooks show both.
//
// # The truth of the synthetic panel (Truth, ComputeTruth)
//
// The synthetic panel's DGP (lib/synth) takes Table 2's regional SAGG
// effects and Table 1's controls as structural coefficients; Table 1's
// national SAGG effects are implied: ImpliedNational fits the paper's
// Table 1 model (Spec, Data.Fit, lib/ivgmm FE 2SLS) on the true TFP of a
// 40-fold panel without feedback. ComputeTruth assembles both with the
// printed numbers; Truth is the file notebooks/data/synth_truth.json,
// written (WriteJSON, WriteCSV; `econb synth --truth`) and read
// (LoadTruth) by the same type.
//
// References: Chen (paper in shared/paper; its tables in lib/chen/paper); Zhang, Wu and Zhang (2004) for
// the capital stock; Färe, Grosskopf, Norris and Zhang (1994) and Coelli
// (1996, DEAP 2.1) for the Malmquist index; Baum, Schaffer and Stillman
// (2007) and Schaffer (2010) for ivreg2 / xtivreg2.
package chen
