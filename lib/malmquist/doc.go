// Package malmquist computes the Färe-Grosskopf-Norris-Zhang (1994)
// Malmquist productivity index exactly as DEAP 2.1 prints it.
//
// For DMU i and adjacent periods t-1, t, with D_s the CRS distance against
// the technology of period s (lib/dea: Shephard output distance for output
// orientation, Farrell input efficiency for input orientation) and V_s the
// VRS distance against the own period:
//
//	effch  = D_t(x_t) / D_{t-1}(x_{t-1})
//	techch = sqrt( D_{t-1}(x_t)/D_t(x_t) * D_{t-1}(x_{t-1})/D_t(x_{t-1}) )
//	tfpch  = effch * techch
//	pech   = V_t(x_t) / V_{t-1}(x_{t-1})
//	sech   = effch / pech
//
// (x_t stands for (x_it, y_it).) Values above 1 mean improvement in both
// orientations. DEAP never solves a cross-period VRS LP: techch uses CRS
// distances only, so effch, techch and tfpch do not depend on the
// orientation; only pech and sech do. The index of pair (t-1, t) is
// labelled with the later period.
//
// Per period DEAP prints the DISTANCES SUMMARY: D_{t-1}(x_t), D_t(x_t),
// D_{t+1}(x_t) (CRS) and V_t(x_t), undefined cells as 0.000, with
// arithmetic means; all Malmquist means are geometric: per period over
// DMUs, per DMU over periods, and overall as the geometric mean of the
// period means (equal to the mean over all DMU-periods in a balanced
// panel). Result also carries the cumulative levels used in growth
// accounting: level = 1 in a DMU's first period, level_t = level_{t-1} *
// index_t, for tfpch (TFP), techch (TC) and effch (EC).
//
// DEAP requires a balanced panel; Compute reports the missing (DMU, period)
// cells. Options.CommonDMUs instead uses, for each pair of periods, only
// the DMUs present in both (technologies included), as
// Benchmarking::malmquist does; the result says so in Notes.
//
// Every LP runs over the frame of its technology (see lib/dea). Frames are
// built one goroutine per period, then the evaluations run in chunks on
// all workers (clones of the technologies). Options.Plain solves one dense
// LP over all DMUs per distance instead (the benchmark baseline); both
// agree to 1e-9.
//
// References:
//
//	Färe, Grosskopf, Norris & Zhang (1994), Productivity growth, technical progress and
//	  efficiency change in industrialized countries, AER 84(1):66-83.
//	Coelli (1996), A Guide to DEAP Version 2.1, CEPA Working Paper 96/08.
//	Bogetoft & Otto (2011), Benchmarking with DEA, SFA, and R, Springer.
package malmquist
