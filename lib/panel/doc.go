// Package panel indexes panel data by (entity, time) and transforms its
// columns: lags, leads and differences that respect gaps in time, the
// within transformation for one or several absorbed fixed effects, and the
// removal of singleton groups.
//
// # Index
//
// NewIndex takes one entity label and one integer period per row. Entities
// are coded 0..NumEntities-1 in order of first appearance, periods
// 0..NumPeriods-1 in increasing order of time. A duplicate (entity, time)
// pair is an error that names both rows. NewIndexCodes takes the entities
// already coded, and NewIndexRanked the periods too (as a data frame
// memoizes both); it keeps the caller's slices when they are already in
// the index's coding, which sorted panel data are, so a 2-million-row
// index costs one pass and a grid of int32.
//
// # Lags, leads, differences
//
// Lag(x, k)[r] is x at the row of the same entity whose time is
// time[r]-k, or NaN when that row does not exist, as Stata's L. operator
// (and plm::lag, fixest's l()) treat a gap: the lag of 2006 is 2005, never
// 2004. k < 0 is a lead (Stata F.). Diff(x) = x - Lag(x, 1) (Stata D.).
//
// # Within transformation
//
// For fixed effects D = [D_1 ... D_F] (group indicator matrices) the within
// transformation is the residual maker M_D x = x - D(D'D)⁻D'x. With one
// fixed effect it is the group demeaning x_i - mean_g(i)(x). With two
// fixed effects whose cells are balanced (every (g1, g2) cell holds the
// same number of rows) it is exact in two passes:
//
//	x_i - mean_g1(i)(x) - mean_g2(i)(x) + mean(x)
//
// With two fixed effects on an unbalanced panel where one of them has few
// groups (at most 2,000: years, say), it is still exact, by
// Frisch-Waugh-Lovell: demean within the large FE, then remove the
// projection on the small FE's demeaned indicators, whose G×G normal
// matrix S'M_B S is formed once per Demeaner (five passes per column).
//
// Otherwise Demeaner uses alternating projections (the method of
// Gauss-Seidel / Guimarães-Portugal 2010, reghdfe's MAP) with Irons-Tuck
// acceleration (as fixest; Irons and Tuck 1969, Ramière and Helfer 2015):
// one sweep applies M_1 ... M_F in turn, and the iteration stops when the
// largest change of an element is below Tol times the scale of the column
// (its largest absolute value), so that the tolerance does not depend on
// the units. A column that has not converged after MaxIter sweeps is an
// error (ErrNotConverged), never a silent approximation. A Demeaner's
// Worker demeans on another goroutine with its own scratch space, to the
// same bits, so that columns can be transformed in parallel.
//
// # Singletons
//
// A group with one observation is perfectly fitted by its own fixed
// effect and carries no information about the slopes. xtivreg2 drops
// singleton panels before demeaning; with several fixed effects the rule
// is applied until no singleton remains (reghdfe, Correia 2015), since
// dropping a row can make another group a singleton.
//
// References: Baum, Schaffer and Stillman (2007), xtivreg2.ado 1.0.17;
// Correia (2015), "Singletons, cluster-robust standard errors and fixed
// effects"; Bergé (2018), fixest's demeaning algorithm.
package panel
