// Package dea computes radial Data Envelopment Analysis distance functions
// and single-period efficiency scores with its own small LP solver.
//
// # Technology and distances
//
// n observed DMUs with inputs x_j in R^m_+ and outputs y_j in R^s_+ span
// the technology
//
//	T = {(x, y) : x >= sum_j lambda_j x_j, y <= sum_j lambda_j y_j, lambda >= 0, C(lambda)}
//
// with C empty (CRS), sum lambda = 1 (VRS) or sum lambda <= 1 (NIRS). For an
// observation (x0, y0), possibly of another period:
//
//	input:  theta = min { t : (t x0, y0) in T }         (Farrell input efficiency)
//	output: phi   = max { p : (x0, p y0) in T },  D = 1/phi  (Shephard output distance)
//
// Distance returns theta or 1/phi, DEAP 2.1's "te" columns: at most 1 for
// an observation of the technology's own period, possibly above 1 across
// periods. Under CRS theta = 1/phi. Cross-period VRS LPs can be infeasible
// (ErrInfeasible).
//
// # LP solver
//
// Each LP is solved in envelopment form, with its rows scaled so that the
// evaluated observation is all ones (this makes results invariant to the
// units of every variable), by a dense revised simplex (simplex.go) that
// keeps the r x r basis inverse explicitly (r = m + s (+1) rows): Dantzig
// pricing with the Harris two-pass ratio test, switching to Bland's rule
// after a run of degenerate pivots (Bland's rule cannot cycle), a hard
// iteration cap (ErrNumerical), periodic reinversion, and a final check of
// primal feasibility, dual feasibility and equal primal and dual objectives
// on a fresh inverse. gonum's lp.Simplex is not used: it has no iteration
// cap and was seen to cycle on degenerate VRS DEA problems.
//
// # Speed: the frame
//
// A DMU that lies inside the technology spanned by the other DMUs can be
// dropped without changing T. The frame (Technology.Frame) is a generating
// subset found as in Dulá's BuildHull: DMUs are visited in order of a
// productivity proxy and tested against the current frame F by an
// output-oriented LP; a DMU outside T(F) yields, through the LP duals, a
// hyperplane separating it from T(F), and the DMU with the most negative
// reduced cost on that hyperplane (necessarily outside T(F)) joins F. On exit
// every DMU lies in T(F), so every distance computed over F equals the one
// over all n DMUs (Ali 1993), while each LP prices only |F| columns.
//
// Optimal bases are cached (warm.go): the hyperplane of a verified optimal
// basis does not depend on the evaluated observation, so a cached basis
// that is primal feasible for a new observation is optimal for it; Distance
// tries the basis of the previous LP and the one with the best duality
// bound by solving one r x r system, and only builds and pivots the LP when
// neither fits. LocalityOrder sorts a batch so that neighbours share bases.
// Technology.Plain switches all of this off (every DMU a column, cold
// starts): the textbook baseline the benchmarks compare against.
//
// # Single-period efficiency
//
// Efficiency reproduces DEAP 2.1's single-period run: CRS and VRS technical
// efficiency, scale efficiency CRS/VRS and the irs/drs column (NIRS score
// equal to VRS score means decreasing returns), with lambdas, peers, slacks
// and projected values of the chosen model; slacks from the radial LP (DEAP
// method 3), by maximising the sum of slacks with the radial score fixed
// (two-stage, DEAP method 4) or by DEAP's default multi-stage method
// (Coelli 1998, multistage.go). EfficiencyReport prints DEAP's tables
// (checked line by line against DEAP's EG1 output).
//
// # Other single-period models (Evaluate)
//
// Data (FromFrame reads it from a lib/frame.Frame, with lib/frame's
// missing-value policy: a missing cell is an error naming the DMU and
// column) goes through Evaluate with a Model:
//
//	Radial    DEAP's run above (te; crste, vrste, scale, irs/drs)
//	SBM       Tone (2001) slacks-based measure; with bad outputs Tone (2004)
//	Super     Andersen & Petersen (1993) radial super-efficiency
//	SuperSBM  Tone (2002) super-SBM (SBM for inefficient DMUs)
//	Cost      cost, technical and allocative efficiency with input prices (DEAP cost-DEA)
//	DDF       directional distance function, bad outputs weakly disposable
//
// The LPs of sbm.go are written out there; Directional (directional.go)
// documents the technology with bad outputs. Bootstrap adds the Simar &
// Wilson (1998) smoothed bootstrap of radial scores (boot.go):
// bias-corrected scores and intervals, reproducible from a seed on any
// number of cores.
//
// Every model runs over a generating subset (frame) of its technology:
// membership tests (Directional.Frame) or the radial frame of the
// technology of inputs and bad outputs (SBM, cost), so results equal those
// of LPs over all DMUs; Options.Plain switches that off. The tests compare
// each model with an independent dense tableau simplex (oracle_test.go) on
// random data, with Benchmarking::sdea (super-efficiency, Charnes et al.
// 1981 data) and with DEAP's printed EG1.
//
// References:
//
//	Charnes, Cooper & Rhodes (1978), EJOR 2:429-444 (CRS).
//	Banker, Charnes & Cooper (1984), Management Science 30:1078-1092 (VRS).
//	Färe, Grosskopf & Lovell (1994), Production Frontiers, CUP (NIRS, scale).
//	Coelli (1996), A Guide to DEAP Version 2.1, CEPA WP 96/08.
//	Ali (1993), Streamlined computation for DEA, EJOR 64:61-67.
//	Dulá (2011), An algorithm for data envelopment analysis, INFORMS J. Computing 23:284-296.
//	Bland (1977), New finite pivoting rules for the simplex method, Math. OR 2:103-107.
//	Harris (1973), Pivot selection methods of the Devex LP code, Math. Programming 5:1-28.
//	Coelli (1998), A multi-stage methodology for the solution of orientated DEA models, ORL 23:143-149.
//	Andersen & Petersen (1993), A procedure for ranking efficient units in DEA, Management Science 39:1261-1264.
//	Tone (2001), A slacks-based measure of efficiency in DEA, EJOR 130:498-509.
//	Tone (2002), A slacks-based measure of super-efficiency in DEA, EJOR 143:32-41.
//	Tone (2004), Dealing with undesirable outputs in DEA: a slacks-based measure (SBM) approach, NAPW III, Toronto.
//	Färe, Grosskopf, Lovell & Pasurka (1989), Multilateral productivity comparisons when some outputs are undesirable, REStat 71:90-98.
//	Chambers, Chung & Färe (1996), Benefit and distance functions, JET 70:407-419.
//	Simar & Wilson (1998), Sensitivity analysis of efficiency scores: how to bootstrap in nonparametric frontier models, Management Science 44:49-61.
//	Silverman (1986), Density Estimation for Statistics and Data Analysis, Chapman & Hall.
package dea
