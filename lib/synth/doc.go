// Package synth generates the synthetic city panel that stands in for the
// China City Statistical Yearbook data of Chen's paper (which is
// copyrighted): 261 prefecture-level cities (101 east, 99 central, 61
// west), 2003–2017, in the CSV layout of lib/citypanel, from the
// data-generating process below. `econb synth [--seed N]` writes it; the
// default-seed panel is shipped in notebooks/data/synth_cities.csv and a
// test checks that Generate reproduces it byte for byte.
//
// All randomness comes from lib/internal/detrand (counter-based: a draw is a
// pure function of seed, stream and counter i for a city, i·4096+t for a
// city-year, t for a year), so the panel does not depend on generation
// order and is identical on every platform. N(·) below is a detrand normal
// draw (Irwin-Hall, sd 1); every draw has its own stream (generate.go).
//
// # Truth: which printed numbers it reproduces
//
// The paper's estimates cannot all be true at once: Table 1's national
// high-end effect 0.058 is not the city-weighted mix of Table 2's regional
// 0.068 / 0.032 / 0.044, and the "total" index is an employment-weighted
// mix of the high- and low-end indices (SAGG_total = w_H·SAGG_high +
// w_L·SAGG_low with w the national group shares), so its coefficient is a
// mix as well. The DGP takes, from the paper's printed tables
// (lib/chen/paper, the one copy of its numbers; Default reads them),
//
//   - Table 2's six regional SAGG effects (IV-GMM) as the structural
//     coefficients of the high- and low-end indices, which enter TFP
//     together: east 0.068 / 0.027, central 0.032 / −0.010,
//     west 0.044 / −0.012 (reproduced exactly);
//   - Table 1's IV-GMM high-end column (5) for the seven controls, common
//     to all regions: STR 0.024, GOV −0.094, PGDP 0.004, FDI −0.246,
//     H 1.130, ROAD −0.003, POP 0.128 (reproduced exactly; the regional
//     control coefficients of Table 2 are not).
//
// Table 1's national coefficients are then implied: a regression with one
// pooled index weights the regional effects by each region's identifying
// variation. The variances of the agglomeration processes (SigmaHigh,
// SigmaLow by region) were chosen so that the implied national FE-2SLS
// values come close to the printed ones: total 0.0485 (printed 0.050), high
// 0.0591 (0.058), low −0.0009 (0.001), computed by chen.ImpliedNational
// (the paper's Table 1 regression, lib/ivgmm, on the true TFP of a 40-fold
// panel without feedback; simulation s.e. about 0.0015). East dominates
// the high-end variation, central and west the low-end. The truth file
// notebooks/data/synth_truth.json (chen.Truth, written by `econb synth
// --truth`) lists paper, truth and kind of every coefficient; lib/synth
// itself knows no estimator.
//
// # The data-generating process
//
// Cities i are ordered east, central, west; r(i) is the region, t = 0..14
// the year (2003 + t), c = i·4096 + t.
//
// City size and employment (persons rounded to whole persons):
//
//	pop_it   = exp(5.85 + s_r + 0.55·N) · exp(g_i·t + 0.003·N_it)      10,000 persons, s = (0.1, 0, −0.25), g_i = 0.006 + 0.004·N
//	emp_it   = pop_it · 10⁴ · e_i · exp(ge_i·t + 0.02·N_it)             e_i = 0.11·(1.15, 0.95, 0.9)_r·exp(0.25·N), ge_i = 0.012 + 0.005·N
//
// Agglomeration (endogenous): the high- and low-end shares of urban
// employment are
//
//	ln h_it = ln 0.085 + ζH_r + aH_i + ηH_it + κ·ε_it       ζH = (0.25, −0.15, −0.10), aH_i ~ 0.35·N
//	ln l_it = ln 0.090 + ζL_r + aL_i + ηL_it + κ·ε_it       ζL = (0.05, −0.02, 0),     aL_i ~ 0.30·N
//	η_it = 0.8·η_i,t−1 + σ_r·N_it (stationary start),  σH = (0.094, 0.07, 0.07), σL = (0.082, 0.11, 0.11)
//
// capped at 0.35, with κ = 0.4 and ε_it the TFP shock below: cities with a
// positive productivity shock attract producer services in the same year,
// so FE-OLS of TFP on SAGG is biased upwards; ε is serially independent
// and η persistent, so the first and second lags are valid (up to the
// O(1/T) bias of any within estimator with predetermined instruments,
// about −0.003 nationally here) and strong instruments (first-stage KP F
// 110–640). Group employment is split into sectors with city weights
// (ICT 0.22, finance 0.50, research 0.28 | transport 0.65, leasing 0.35,
// each ·exp(0.25·N_i)) and yearly noise exp(0.05·N_it), normalised.
// SAGG_total/high/low are then computed by lib/citypanel (lib/lq) from the
// rounded employment columns, exactly as from the CSV.
//
// Investment and capital:
//
//	fai_price_index_t = 100 + π^FAI_t + 0.4·N_it (3 decimals)  π^FAI = national FAI-price inflation, %
//	real FAI_it       = 0.45·(1.08, 1, 0.95)_r·exp(0.1·N_i) · gdp_i0 · exp(gI_i·t + 0.05·N_it),  gI_i = 0.13 + 0.012·N
//	fai_it            = real FAI · chained price (10,000 yuan, whole)
//	K_it              = citypanel.CapitalStock(fai, fai_price_index): Zhang's K_0 = I_0/10 %, δ = 9.6 %
//
// Control ratios (x_it = x_i0·exp(trend·t + u_it), u AR(1) 0.7):
//
//	GOV  0.11·(0.9, 1, 1.35)_r·exp(0.25·N),  trend 0.03,  u sd 0.05  → budget_exp = GOV·gdp
//	FDI  0.03·(1.6, 0.7, 0.4)_r·exp(0.7·N),  trend −0.04, u sd 0.15 (cap 0.2) → fdi_usd = FDI·gdp/usd_cny
//	STR  1.25·(1, 1.1, 1.05)_r·exp(0.3·N),   trend −0.015, u sd 0.05  → va_secondary, va_tertiary split (1 − primary share)·gdp
//	primary share 0.13·exp(0.4·N)·exp(−0.045·t) (cap 0.3)
//	H    0.012·exp(0.9·N), trend 0.06, u sd 0.05 (in [0.0003, 0.25])  → students = H·pop·10⁴
//	ROAD 7·exp(0.35·N) m²/person, trend 0.045, u sd 0.04              → road_area = ROAD·pop
//
// The controls entering TFP are recomputed by citypanel.ControlsOf from
// the rounded CSV values (PGDP = gdp/pop/10⁴ in 10,000 yuan, POP = ln pop).
//
// TFP equation (structural; this is the truth):
//
//	TFP_it = m_i + λ_t + βH_r·SAGGhigh_it + βL_r·SAGGlow_it + Σ_k β_k·W_k,it + ε_it
//	ε_it = 0.03·N_it,   λ_t = 0.025·t + 0.008·N_t
//
// with m_i set so that TFP_i,2003 = 1: TFP is the cumulative TFP level
// with 2003 = 1, the paper's dependent variable. (m_i absorbs ε_i0 and the
// 2003 regressors; with city FE this is immaterial.)
//
// Output: constant returns Cobb-Douglas with efficiency A_it = A_i0·TFP_it,
//
//	Y_it = A_i0 · TFP_it · K_it^0.45 · emp_it^0.55        (10,000 yuan at 2003 prices)
//
// with base efficiency A_i0 ≈ exp(5.6 + 0.01·N_i), nearly common to all
// cities: the first-year GDP solves the production function with
// K_0 = fai_0/10 % and fai_0 = invRate·gdp_0,
//
//	gdp_i0 = A_i0^(1/(1−α)) · (10·invRate_i)^(α/(1−α)) · emp_i0,
//
// and A_i0 is then recomputed from the rounded CSV values so that
// Y_i0 = gdp_i0 exactly. (Regional income gaps come from employment rates
// and investment; a common A keeps the DEA frontier dense, which is what
// lets a Malmquist index track TFP.) gdp_index_t = 100·Y_t/Y_t−1 (3
// decimals), so real GDP chained from the CSV reproduces Y
// (TestProductionFunction), and
// a DEA Malmquist index on (K, emp; real GDP), cumulated from 2003,
// estimates TFP_it = A_it/A_i0: exactly if the DEA frontier were the
// Cobb-Douglas one; with DEA's piecewise-linear frontier the yearly
// Malmquist indices correlate 0.93–0.997 with the true TFP growth
// (lib/synth/chain).
//
// Nominal GDP is kept free of the current shock, so that GDP-based
// controls (PGDP, GOV, FDI, STR) are exogenous: gdp_it = P_t·A_i0·F_it·TFP*_it
// with P_t the national GDP deflator and TFP*_it the TFP equation at last
// year's agglomeration without ε_it, solved jointly with its PGDP term
// (TFP* = c/(1 − 0.004·q), q = PGDP per unit TFP*). The city's implicit
// deflator gdp/Y therefore moves with the shock, as real ones do.
//
// The national exchange rate (annual average) and inflation series are
// approximate official figures for 2003–2017 (dgp.go).
//
// # Bad output: SO2 emissions
//
// The CSV's optional column so2 (10,000 tonnes, whole tonnes) is an
// undesirable output for green TFP (the Malmquist-Luenberger index of
// lib/malmquist):
//
//	SO2_it = 1.6·10⁻⁶ · κ_r · Y_it · (k_it/500,000)^0.3 · exp(g_i·t) · θ_it^(−0.5) · exp(u_it)
//	κ = (0.8, 1.0, 1.2),   g_i = −0.04 + 0.02·N_i,   u_it = 0.6·u_i,t−1 + 0.15·N_it (stationary start)
//	k_it = K_it/emp_it (yuan per person),   θ_it = A_it / max_j A_jt
//
// with Y_it, K_it and emp_it the true output, capital and employment
// above and A_it = A_i0·TFP_it, so that θ_it is the city's true output
// efficiency against the year's best practice (1 for the best city; mean
// 0.94 in 2003, 0.89 in 2017). SO2 per unit of output is 1.6 kg per 1,000
// yuan (China's industrial SO2 intensity of 2003) for a central city with
// 500,000 yuan of capital per worker on the frontier; it is higher in the
// west (κ), in capital-intensive (heavy-industry) cities and in
// inefficient ones (a city at 81 % of best practice emits 11 % more per
// unit of output), and it falls by 4 % a year on average, at a pace that
// differs across cities. Mean so2 is 6.6 in 2003 and 14.3 in 2017 (east
// 7.8 → 16.8, central 5.9 → 13.9, west 5.7 → 10.7), maximum 84.
//
// Why this form. (1) Unit elasticity to output: SO2 is homogeneous of
// degree one in (K, L) like Y, so the joint technology of (K, L; Y, SO2)
// has constant returns, the technology the Malmquist-Luenberger index
// assumes (Chung, Färe & Grosskopf 1997; Oh 2010), as the Cobb-Douglas
// output is what lets the radial Malmquist index track TFP. With an
// elasticity below one (0.8 was proposed) large cities would be cleaner
// per unit of output and a CRS frontier would count city size as green
// productivity. (2) θ against the year's best practice, not TFP since
// 2003, so that the term measures inefficiency, not time. (3) City
// abatement paces g_i: the index measures changes in emissions, not their
// level, and without persistent differences in abatement its re-ranking
// of cities would be the shocks u alone; sd 0.02 makes the 14-year spread
// of abatement (0.28 in logs) about that of the shocks (u_2017 − u_2003:
// sd 0.27). (4) u is persistent year-to-year noise (coal quality,
// weather, statistics). The abatement trend is milder than China's (its
// SO2 intensity fell about 10 % a year over 2003–2017, mostly after the
// 2006 desulphurisation drive), so total emissions double here while
// China's fell after 2006: so2 is a stand-in for teaching the index, not
// a model of China's SO2 path.
//
// u and g come from their own detrand streams (90: u, city-year counters;
// 91: g_i, city counters), drawn after everything else, so so2 changes no
// other column: with DGP.SO2.Scale = 0 the panel has no so2 column and is
// the earlier panel byte for byte (TestSO2LeavesOtherColumns). so2 uses
// the true output and capital, so NoiseOutput and NoiseCapital leave it
// alone (NoiseLabour moves the location quotients, TFP and hence so2).
//
// # Knobs (lib/montecarlo varies them; the shipped panel uses Default)
//
//	Kappa                  κ, the feedback of the TFP shock on agglomeration: the endogeneity FE-OLS suffers from (0.4)
//	Rho                    persistence of the agglomeration processes η: the strength of the lagged instruments (0.8)
//	Cities, Years          panel size; Years 3..MaxYears (60): beyond 2017 the exchange rate is held
//	                       at its last value and inflation at its 2003–2017 mean; every draw is a
//	                       function of (city, year), so a longer panel extends a shorter one
//	NoiseOutput            measurement error of the recorded real output (0): gdp_index is built from
//	                       Y*_it = Y_it·exp(s·N_it), t ≥ 1, so real GDP chained from the CSV is Y*
//	NoiseCapital           measurement error of the recorded investment (0): fai* = fai·exp(s·N_it),
//	                       so the capital stock built from the CSV is not the true one
//	NoiseLabour            measurement error of the recorded employment (0): emp_total* = emp·exp(s·N_it),
//	                       the DEA labour input and the reference of the location quotients
//	SO2                    the SO2 process (Emission: Scale, Region, KRef, KL, Trend, TrendSD, Ineff,
//	                       Rho, Sigma as above); Scale 0 drops the so2 column
//
// The measurement errors leave the economy alone: the TFP equation and the
// production function run on the true output, capital and employment, so
// a regression on the true TFP is unaffected (except that the location
// quotients use the recorded emp_total, which the TFP equation then uses
// too), while the chain's DEA sees the recorded values.
//
// # Checks
//
// synth_test.go: the panel reproduces the shipped files byte for byte;
// without SO2 it is the shipped panel minus its so2 column, byte for byte,
// and the SO2 equation holds with the variables built from the CSV
// (so2_test.go);
// the TFP equation holds exactly with the variables citypanel builds from
// the CSV; output, capital and labour from the CSV give back the true TFP;
// the structural coefficients are the printed ones. lib/synth/chain, with
// the estimators (lib/chen, lib/ivgmm): on the default panel with the true
// TFP, FE-2SLS with lags 1-2 recovers the nine SAGG truths within two
// standard errors while FE-OLS lies 4.6-6 standard errors above them
// nationally; IV-GMM does the same on the true TFP and (lib/chen's
// TestFullChain) through the full chain capital → DEA Malmquist TFP → LQ
// → FE IV-GMM.
package synth
