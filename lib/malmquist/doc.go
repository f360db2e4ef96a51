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
// cells (UnbalancedError). Options.CommonDMUs instead uses, for each pair
// of periods, only the DMUs present in both (technologies included), as
// Benchmarking::malmquist does; the result says so in Notes. Periods that
// are not equally spaced (2003, 2004, 2006) are an error (GapError) unless
// Options.AllowGaps; a common step other than 1 gets a note.
//
// Data enter through FromFrame (a lib/frame.Frame, with its missing-value
// policy: a missing input or output is an error naming the DMU, period and
// column, since DEA has no missing-value treatment).
//
// # Other frontiers (Options.Frontier)
//
// With S_t the sequential technology (all periods up to t), G the global
// one (all periods) and B_t the biennial one (periods t-1 and t), all CRS:
//
//	sequential (Shestalova 2003):  the formulas above with S in place of the period technologies;
//	                               techch >= 1 since S_{t-1} ⊆ S_t
//	global (Pastor & Lovell 2005): tfpch = D_G(x_t)/D_G(x_{t-1})  (circular: levels = D_G(x_t)/D_G(x_first))
//	biennial (Pastor, Asmild & Lovell 2011): tfpch = D_B(x_t)/D_B(x_{t-1}) with B = B_t (never infeasible)
//
// effch is the own-period efficiency change (against S for sequential) and
// techch = tfpch/effch the best-practice gap change of the global and
// biennial indices; pech and sech use the own technology under VRS.
//
// # Bad outputs: the Malmquist-Luenberger index
//
// With Data.Bad (or Options.Directional) the distances are directional
// distance functions β = D(x, y, b; g) of dea.Directional, bad outputs
// weakly disposable, direction g = (0, y, −b) by default (Options.Direction).
// Entering 1/(1+β) in place of D gives exactly
//
//	ML = sqrt( (1+β_t(t))/(1+β_t(t+1)) · (1+β_{t+1}(t))/(1+β_{t+1}(t+1)) )   (Chung, Färe & Grosskopf 1997)
//	MLEFFCH = (1+β_t(t))/(1+β_{t+1}(t+1)),  MLTECH = ML/MLEFFCH
//
// and, with the global frontier, Oh's (2010) global ML index (GML =
// (1+β_G(t))/(1+β_G(t+1))). Without bad outputs and in direction (0, y),
// β = 1/D_o − 1, so ML equals the output Malmquist index. The additive
// Luenberger indicator (Chambers, Färe & Grosskopf 1996) is reported beside
// (Result.Luenberger, arithmetic means). Cross-period directional LPs can
// be infeasible (the equality on the bad outputs cannot be met): they are
// listed in Result.Infeasible, their indices are NaN and left out of the
// means, and a note says how many; the global and biennial frontiers
// avoid them.
//
// # Bootstrap
//
// Bootstrap adds the Simar & Wilson (1999) bivariate smoothed bootstrap of
// tfpch, effch and techch (boot.go): bias-corrected indices, intervals and
// significance, for each DMU, period mean and the overall mean,
// reproducible from a seed on any number of cores; TextProgress draws its
// progress. Package figure (lib/malmquist/figure) draws the annual means
// with their intervals.
//
// Every LP runs over the frame of its technology (see lib/dea). Frames are
// built one goroutine per technology (sequential technologies in order,
// each from the previous frame and the new period), then the evaluations
// run in fixed chunks on all workers (clones of the technologies), so the
// results do not depend on the number of workers. Options.Plain solves one
// dense LP over all DMUs per distance instead (the benchmark baseline);
// both agree to 1e-9.
//
// References:
//
//	Färe, Grosskopf, Norris & Zhang (1994), Productivity growth, technical progress and
//	  efficiency change in industrialized countries, AER 84(1):66-83.
//	Coelli (1996), A Guide to DEAP Version 2.1, CEPA Working Paper 96/08.
//	Bogetoft & Otto (2011), Benchmarking with DEA, SFA, and R, Springer.
//	Shestalova (2003), Sequential Malmquist indices of productivity growth, JPA 19:211-226.
//	Pastor & Lovell (2005), A global Malmquist productivity index, Economics Letters 88:266-271.
//	Pastor, Asmild & Lovell (2011), The biennial Malmquist productivity change index, Socio-Economic Planning Sciences 45:10-15.
//	Chung, Färe & Grosskopf (1997), Productivity and undesirable outputs: a directional distance function approach, J. Environmental Management 51:229-240.
//	Oh (2010), A global Malmquist-Luenberger productivity index, JPA 34:183-197.
//	Chambers, Färe & Grosskopf (1996), Productivity growth in APEC countries, Pacific Economic Review 1:181-190.
//	Simar & Wilson (1999), Estimating and bootstrapping Malmquist indices, EJOR 115:459-471.
package malmquist
