// Package ivgmm estimates linear models with endogenous regressors as
// Stata's ivreg2, xtivreg2 and ivregress do: OLS, two-stage least squares
// (2SLS), two-step efficient GMM (gmm2s), LIML, Fuller's LIML, k-class and
// CUE, with iid, heteroskedasticity-robust, one- and two-way cluster-robust,
// kernel-robust (HAC, AC, Kiefer), Driscoll-Kraay and cluster-and-kernel
// covariances, Stata's weights and small-sample option, absorbed fixed
// effects, and ivreg2's identification and specification diagnostics.
//
// # Use
//
//	res, err := ivgmm.FitFrame("tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)", fr, ivgmm.Options{
//		Estimator: ivgmm.GMM2S,                     // gmm2s
//		VCE:       ivgmm.ClusterBy("city"),         // cluster(city)
//		Panel:     ivgmm.PanelBy("city", "year"),   // xtset city year
//		Small:     false,                           // small
//	})
//
// is Stata's
//
//	xtset city year
//	xtivreg2 tfp str gov i.year (sagg = L.sagg L2.sagg), fe gmm2s cluster(city)
//
// FitFormula takes a gota DataFrame instead of a frame.Frame. The matrix
// path Fit(d *Data, opt) takes the columns as slices; its cluster codes
// go with the covariance, ClusterOn("city", codes). FromFrame returns the
// Data and the options resolved for it, so that Fit(d, o) is FitFrame.
//
//	Options field           values                                Stata (ivreg2 / ivregress)
//	Estimator               OLS, TSLS, GMM2S, LIML, KClass, CUE   regress/xtreg fe, (default) 2sls, gmm2s, liml, kclass(), cue
//	Fuller                  α (with LIML)                         fuller(α)
//	KClass                  κ (with KClass)                       kclass(κ)
//	VCE                     IID() (nil), Robust(),                (default) vce(unadjusted), robust,
//	                        ClusterBy("v"), ClusterBy("a", "b"),  cluster(v), cluster(a b),
//	                        HAC(k, bw), AC(k, bw),                robust bw(bw) kernel(k), bw(bw) kernel(k),
//	                        DriscollKraay(k, bw), Kiefer(),       dkraay(bw) [kernel(k)], kiefer,
//	                        ClusterKernel("id", k, bw),           cluster(id t) bw(bw) kernel(k),
//	                        ClusterOn("v", ids), ClusterOn2(...)  (matrix path)
//	Panel                   PanelBy("id", "t"), TimeBy("t")       xtset id t, tsset t (PanelOn, TimeOn: matrix path)
//	Weights                 AWeight("w"), PWeight, FWeight,       [aweight=w], [pweight=w], [fweight=w],
//	                        IWeight (WeightsOn: matrix path)      [iweight=w]
//	Small                   true                                  small
//	Center                  true (GMM2S, CUE)                     center
//	Convention              IVReg2 (default), IVRegress           ivreg2 / ivregress (see below)
//	Endog                   []string{"x"}                         endog(x)
//	DofMinus, SDofMinus     ints                                  dofminus(), sdofminus()
//	ARGrid, ARLevel         Grid(lo, hi, n), 0.95                 Anderson-Rubin confidence set
//
// # Covariance
//
// A VCE is a value, one type per kind. It owns what depends on the
// covariance: the score covariance S of the moment conditions z_i u_i (for
// the estimate's VCE, the GMM weight, the J and C statistics, the
// Stock-Wright S, the first-stage Wald tests and the Kleibergen-Paap
// statistics), its scale (N-dofminus or N) and the small-sample factor
// and degrees of freedom. IID() has closed forms (σ²Z'Z/N); every other
// kind supplies only its meat Σ_units s s' (s_i = u_i ⊗ z_i) and its
// degrees-of-freedom rules (unclustered, or clustered with M clusters),
// and the sandwich code serves it everywhere (vce.go). The kinds:
//
//	Robust()                  Σ_i s_i s_i'                                    /(N−dofminus)      vce_robust.go
//	ClusterBy("v")            Σ_g S_g S_g',  S_g = Σ_{i∈g} s_i                /N, M              vce_cluster.go
//	ClusterBy("a", "b")       S(a) + S(b) − S(a∩b)                            /N, M = min(Ma,Mb) vce_cluster.go
//	HAC(k, bw)                Σ s s' + Σ_τ k(τ/bw) Σ (s_t s_{t−τ}' + ·')      /(N−dofminus)      vce_hac.go
//	AC(k, bw), Kiefer()       σ̂_0 Z'Z + Σ_τ k(τ/bw) (σ̂_τ Z_t'Z_{t−τ} + ·')   /N                 vce_hac.go
//	DriscollKraay(k, bw)      the HAC sum over time of h_t = Σ_{i∈t} s_i      /N, M = T          vce_hac.go
//	ClusterKernel(id, k, bw)  S(id) + S_DriscollKraay − S_HAC(within id)      /N, M = min(M, T)  vce_hac.go
//
// (Cameron, Gelbach and Miller 2011 for two-way clusters; Thompson 2011
// for cluster and kernel.) The kernels and bandwidths are ivreg2's
// (kernel.go; livreg2 m_omega and m_calckw): lag windows use lags
// 1..floor(bw), spectral windows every lag; ivreg2's bw is lags + 1, so
// ivregress's vce(hac bartlett 12) is HAC(Bartlett, 13). The time order
// comes from Options.Panel (timeindex.go): a lag pairs two rows of one
// entity τ periods apart, both in the sample (a gap drops the pairs
// across it). ivreg2's bw(auto) (Newey-West 1994 selection) is not
// implemented.
//
// # Weights
//
// Weights enter once, in the sample (newSample, weights.go): aweight and
// pweight are normalized to sum to N (Stata), fweight and iweight are
// not (N = Σw, floor(Σw) for iweight); rows with a missing or zero weight
// are dropped and counted. Every column (the constant too) is multiplied
// by √w_i after the within transformation, which is weighted (x − Σ_g
// w x/Σ_g w, as xtivreg2): every estimator and statistic is then the
// unweighted one on the transformed rows, and every meat sees the scores
// s_i = w_i u_i z_i of ivreg2's m_omega. With fweight and iweight a row
// stands for w_i observations, so the robust meat is Σ w_i u_i² z_i z_i'
// (one factor 1/√w_i per score). pweights imply Robust(). Kernel
// covariances refuse fweight and iweight, as ivreg2 does.
//
// # Conventions: ivreg2 and ivregress
//
// Options.Convention picks whose rules apply where the two commands
// differ (testdata/ivgmm/CONVENTIONS.md has the table, with formulas and
// the fixtures that prove each): with IVRegress, gmm's VCE is the
// sandwich N·A⁻¹(C'W S₂ W C)A⁻¹ with S₂ from the second-step residuals
// (ivreg2: N·A⁻¹ with the first-step S); wmatrix(unadjusted) uses the
// centred σ² = Σ(u − ū)²/N; Center centres S₂ too (with weights at the
// unweighted mean of u z, which does not cancel at the estimate). 2SLS
// and LIML covariances, the small-sample factors and the model test are
// the same in both (ivregress reports the Wald chi2, Result.ModelChi2,
// and F with small).
//
// # Model
//
//	y = X1 β1 + X2 β2 + u,    E[Z'u] = 0,    Z = [X2, Z1]
//
// X1 (K1 columns) are the endogenous regressors, X2 (K2) the included
// exogenous regressors (with the constant), Z1 (L1) the excluded
// instruments; K = K1+K2, L = K2+L1. Fixed effects are absorbed by the
// within transformation (package panel) before estimation; the constant is
// then absorbed too and not reported, as xtivreg2 does.
//
// # Computation
//
// One pass forms the Gram matrix of W = [X2, Z1, X1, y]; every estimate
// is then a function of its upper-triangular factor R (W'W = R'R) plus a
// few passes over the residuals. With Z = Q Rzz, the fit lives in the
// orthonormal coordinates of the instruments: C = Q'X (L×K) and cy = Q'y
// are blocks of R, 2SLS is the small least-squares problem min ‖C b − cy‖
// (Householder QR), and with S̃ = Rzz⁻ᵀ S Rzz⁻¹
//
//	gmm2s:  b = (C'S̃⁻¹C)⁻¹ C'S̃⁻¹cy,   V = N (C'S̃⁻¹C)⁻¹,   J = N ḡ'S̃⁻¹ḡ
//
// No explicit inverse of an ill-conditioned matrix is formed. R comes
// from a Cholesky factorization of the Gram matrix when the column-scaled
// Gram matrix is well conditioned (2-norm condition number ≤ 1e6, every
// 1−R² of a column on the previous ones ≥ 1e-6); otherwise from Householder
// QR of the data, and OLS then adds iterative refinement of the augmented
// system with compensated residuals (Björck 1967). This gives ≥ 13
// correct digits on the NIST StRD Longley and Wampler problems and 7.6 on
// Filip (see TestNIST). A column whose distance to the span of the earlier
// ones is below 1e-11 of its norm is collinear: a regressor is "omitted
// because of collinearity", an excluded instrument dropped, both reported.
//
// # Numbers that do not exist, and extreme units
//
// Fit never returns a finite-looking number where none exists (issue 13):
//
//   - a variable holding ±Inf is an error naming it and its first row
//     (ErrNonFinite; Stata has no infinity), not a silently dropped row;
//   - a model with no residual degrees of freedom, N ≤ K + dofminus, is an
//     error (ErrNoDF): it fits exactly, its standard errors are 0/0;
//   - an exact fit with residual degrees of freedom (RSS ≤ 1e-28·y'y,
//     residuals at rounding level) keeps its coefficients and standard
//     errors (zero up to rounding) but reports no z, p, interval, model
//     test or overidentification statistic (NaN; printed "." as Stata
//     does), with a note (Result.Notes);
//   - a standard error whose variance is not positive is NaN with a note;
//     non-finite estimates are an error. Text output prints every NaN or
//     ±Inf as "." and JSON as null.
//
// Results are equivariant to the units of the variables: multiplying y by
// s_y and a regressor by s_j multiplies its coefficient and SE by s_y/s_j
// and leaves every test statistic unchanged (TestReferenceCasesRescaled,
// the reference cases rescaled by 2^±40, 10^±3, to about 1e±300 and
// 2^±1000). Two mechanisms give it: small positive definite matrices are
// inverted after equilibration by powers of two (spdInverse), so that
// their condition checks do not depend on units; and when a column's mean
// square leaves [2^-400, 2^400] (a response of 1e300, a regressor of
// 1e-300, whose squares over- or underflow), Fit refits on a copy of the
// data with every variable multiplied by a power of two and scales the
// results back, exactly (scale.go), with a note. An RSS beyond float64's
// range after scaling back is reported in the note.
//
// Cost is linear in the rows: one Gram pass, the within transformation
// (two to five passes per column for one FE or two, exact), and a
// few blocked passes for residuals and score covariances; nothing of size
// rows² or groups². From 32,768 rows on, these passes run on every core
// (par.go): the columns are compacted and demeaned one per goroutine, and
// each sum over rows is formed, as in the serial code, from per-block sums
// of 1,024 rows added in block order, so the results are the same bits
// whatever the number of cores (TestFitCoresBitIdentical). Memory is one
// demeaned copy of the used columns plus a handful of row vectors recycled
// within a fit. At 1.6 M rows x 11 columns
// the live heap is about 0.25 GB above the input data; Go's default
// GOGC=100 lets the peak RSS reach about twice the live heap, GOGC=50 or a
// GOMEMLIMIT keeps it near the live size (see BenchmarkLarge).
//
// # Conventions (ivreg2 / xtivreg2; see testdata/ivgmm/CONVENTIONS.md)
//
// dofminus is the number of groups of the first fixed effect (the panel
// unit of xtivreg2 fe) plus Options.DofMinus; further fixed effects count
// as G−1 dummy regressors in K and L (xtivreg2 fe with i.year); sdofminus
// (Options.SDofMinus) is counted like extra regressors.
//
//	σ² = RSS/(N−dofminus);                    small: RSS/(N−K−dofminus)
//	S (iid)     = σ² Z'Z/N
//	S (robust)  = Σ u²zz'/(N−dofminus)
//	S (cluster) = Σ_g (Σ_i∈g u z)(·)'/N        (dofminus does not enter)
//	V (2SLS)    = (X'PzX)⁻¹ X'Z(Z'Z)⁻¹ [N S] (Z'Z)⁻¹Z'X (X'PzX)⁻¹
//	small:  V × (N−dofminus)/(N−K−dofminus), or (N−1)/(N−K)·M/(M−1) with clusters
//	df of t and F with small: N−K−dofminus, or M−1 with clusters
//
// LIML is the k-class estimator b = (X'(I−κM_Z)X)⁻¹X'(I−κM_Z)y with κ the
// smallest root λ of det(W'M_X2 W − κW'M_Z W) = 0, W = [y, X1]; Fuller's
// modified LIML uses κ = λ − α/(N−L) and KClass a given κ. The iid VCE is
// σ²(X'(I−κM_Z)X)⁻¹ and the robust/cluster/kernel VCE the sandwich with
// the projected regressors P_Z X in the meat, as Stata's ivregress liml
// and ivreg2 fuller() (TestLIMLStata, TestFullerStata). After k-class
// estimators ivreg2 evaluates Sargan at the k-class residuals, and
// Hansen's J as the efficient-GMM J with S from them.
//
// gmm2s takes S from the 2SLS residuals (first step) and uses the same S
// for V and J. CUE minimizes J(b) = N ḡ(b)'S(b)⁻¹ḡ(b) with S at b itself
// (Hansen, Heaton and Yaron 1996), from the gmm2s estimate, by BFGS and
// Newton polishing (cue.go); V = N (X'Z S⁻¹ Z'X)⁻¹ and J = J(b̂) at the
// CUE estimate. Under IID() CUE is LIML.
//
// # Diagnostics (one Test type; Reason when one does not apply)
//
//   - Hansen J (robust/cluster; after 2SLS it is the J of gmm2s, as ivreg2)
//     or Sargan (iid), df L1−K1 (Hansen 1982; Sargan 1958).
//   - Underidentification: Kleibergen-Paap rk LM (robust/cluster;
//     Kleibergen and Paap 2006, ivreg2's ranktest), scaled (N−dofminus)/N
//     without clusters; Anderson canonical-correlation LM (iid),
//     (N−dofminus)·λmin; df L1−K1+1.
//   - Weak identification: Cragg-Donald Wald F = λmin/(1−λmin)·(N−L−dofminus)/L1
//     (λ squared canonical correlations of X1 and Z1 partialled on X2) and
//     the Kleibergen-Paap rk Wald F, with the Stock-Yogo (2005) critical values.
//   - First stage per endogenous regressor: the F test of the excluded
//     instruments (robust/cluster as the VCE), the Sanderson-Windmeijer
//     (2016) and Angrist-Pischke (2009) conditional F (df L1−K1+1), the
//     partial and Shea (1997) R².
//   - Weak-instrument-robust tests of β1 = 0: Anderson-Rubin (1949) Wald
//     (F and chi2) and the Stock-Wright (2000) LM S statistic; with
//     Options.ARGrid the Anderson-Rubin confidence set of the one
//     endogenous regressor, the AR test inverted over the grid and
//     reported as found: an interval, disjoint intervals, unbounded or
//     empty (Dufour 1997; arset.go).
//   - endog(): the C statistic J_r − J_u, J_r of the model with the tested
//     regressors moved into the instruments and J_u of the original model
//     with the matching block of the same S (Hayashi 2000, ivreg2).
//   - R² centred/uncentred/within, RSS, RMSE, the model F as ivreg2 reports it.
//
// References: Baum, Schaffer and Stillman (2003, 2007), "Instrumental
// variables and GMM: estimation and testing", Stata Journal 3(1), 7(4);
// Schaffer (2010), xtivreg2; Kleibergen and Paap (2006), J. Econometrics
// 133; Stock and Yogo (2005); Sanderson and Windmeijer (2016), J.
// Econometrics 190; Björck (1967), BIT 7; Newey and West (1987),
// Econometrica 55; Andrews (1991), Econometrica 59; Driscoll and Kraay
// (1998), REStat 80; Kiefer (1980), J. Econometrics 14; Cameron, Gelbach
// and Miller (2011), JBES 29; Thompson (2011), JFE 99; Fuller (1977),
// Econometrica 45; Hansen, Heaton and Yaron (1996), JBES 14; Dufour
// (1997), Econometrica 65; Stata [R] ivregress (Methods and formulas).
package ivgmm
