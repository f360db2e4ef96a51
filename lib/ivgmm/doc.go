// Package ivgmm estimates linear models with endogenous regressors as
// Stata's ivreg2 and xtivreg2 do: OLS, two-stage least squares (2SLS),
// two-step efficient GMM (gmm2s) and LIML, with iid, heteroskedasticity-robust or
// cluster-robust covariance, Stata's small-sample option, absorbed fixed
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
//	Estimator               OLS, TSLS, GMM2S, LIML                regress/xtreg fe, (default) 2sls, gmm2s, liml
//	VCE                     IID() (nil), Robust(),                (default) vce(unadjusted), robust,
//	                        ClusterBy("v"), ClusterOn("v", ids)   cluster(v)
//	Panel                   PanelBy("id", "t")                    xtset id t
//	Small                   true                                  small
//	Endog                   []string{"x"}                         endog(x)
//	DofMinus, SDofMinus     ints                                  dofminus(), sdofminus()
//	IvregressGMM            true                                  ivregress gmm's VCE (see below)
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
// and the sandwich code serves it everywhere (vce.go). A further kind —
// kernel-robust (HAC) and Driscoll-Kraay covariances, which read the time
// order from Options.Panel, or two-way clusters with ivreg2's M =
// min(M1, M2) — is one more type with a meat. Weights belong to the
// sample (newSample), which would hand weighted scores to every meat.
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
// Cost is linear in the rows: one Gram pass, the within transformation
// (two to five passes per column for one FE or two, exact), and a
// few blocked passes for residuals and score covariances; nothing of size
// rows² or groups². Memory is one demeaned copy of the used columns plus a
// handful of row vectors recycled within a fit. At 1.6 M rows x 11 columns
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
// smallest root of det(W'M_X2 W − κW'M_Z W) = 0, W = [y, X1]; its iid VCE
// is σ²(X'(I−κM_Z)X)⁻¹ and its robust/cluster VCE the sandwich with the
// projected regressors P_Z X in the meat, as Stata's ivregress liml
// (TestLIMLStata). The identification and overidentification tests do not
// depend on the estimator and are the same as after 2SLS.
//
// gmm2s takes S from the 2SLS residuals (first step) and uses the same S
// for V and J. Options.IvregressGMM switches to Stata ivregress gmm's
// sandwich VCE, with S re-estimated from the second-step residuals.
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
//     (F and chi2) and the Stock-Wright (2000) LM S statistic.
//   - endog(): the C statistic J_r − J_u, J_r of the model with the tested
//     regressors moved into the instruments and J_u of the original model
//     with the matching block of the same S (Hayashi 2000, ivreg2).
//   - R² centred/uncentred/within, RSS, RMSE, the model F as ivreg2 reports it.
//
// References: Baum, Schaffer and Stillman (2003, 2007), "Instrumental
// variables and GMM: estimation and testing", Stata Journal 3(1), 7(4);
// Schaffer (2010), xtivreg2; Kleibergen and Paap (2006), J. Econometrics
// 133; Stock and Yogo (2005); Sanderson and Windmeijer (2016), J.
// Econometrics 190; Björck (1967), BIT 7.
package ivgmm
