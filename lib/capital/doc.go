// Package capital builds capital stocks by the perpetual-inventory method
// and real output from volume indices, as Chinese regional studies do.
//
// # Perpetual inventory
//
//	K_t = (1 − δ) K_{t−1} + I_t / P_t,    t = 1, …, n−1
//
// with I_t nominal investment, P_t its price deflator (base period = 1) and
// δ = 9.6 % by default (Zhang, Wu & Zhang 2004). The initial stock K_0
// (the stock at the end of the first period, which already contains the
// first investment) is
//
//	Zhang:     K_0 = (I_0/P_0) / 10 %
//	Harberger: K_0 = (I_0/P_0) / (g + δ)
//
// with g the growth rate of real investment: given, or the geometric mean
// growth over the first GrowthYears periods. Zhang's rule with δ = 9.6 %
// reproduces the stocks of R package CHNCapitalStock (Pu Chen) for the
// provinces, e.g. Beijing K_2021 = 38866.56 and K_2022 = 40271.14 (100
// million yuan at 1952 prices), the check in this package's tests.
//
// # Deflators and real output
//
// Chinese yearbooks publish indices with the previous year = 100. Chain
// turns them into a fixed-base index (base period = 1):
//
//	P_base = 1,   P_t = P_{t−1} · idx_t / 100   (t > base),
//	P_{t−1} = P_t / (idx_t / 100)               (t ≤ base)
//
// A chained volume index of investment gives the implicit deflator
// P_t = I_t / (I_base · V_t) with V the chained volume index, and a GDP index
// (previous year = 100) gives real GDP at base-period prices,
// Y_t = GDP_base · V_t (RealFromIndex). An index below 10 (a fall of more
// than 90% in a year) is an error: it is a growth ratio (1.05) given for
// an index (105), which Chain would otherwise turn into nonsense.
//
// # References
//
// Zhang Jun, Wu Guiying & Zhang Jipeng (2004), 中国省际物质资本存量估算:
// 1952—2000, 经济研究 2004(10), 35–44; English version: Zhang, J. (2008),
// Journal of Chinese Economic and Business Studies 6(2), 177–196.
// Harberger, A. (1978), "Perspectives on capital and technology in less
// developed countries", in Artis & Nobay (eds.), Contemporary Economic
// Analysis, Croom Helm.
// Chen, P., CHNCapitalStock 0.1.1 (R package, CRAN).
package capital
