// Package chain holds the end-to-end checks of the synthetic city panel
// that involve the estimator packages: the true TFP recovers the DGP's
// SAGG coefficients by FE IV-GMM, and the DEA Malmquist TFP of the pipeline
// tracks the true TFP growth. The pipeline itself (CSV → lib/citypanel →
// lib/malmquist → lib/ivgmm) is lib/chen, whose TestFullChain checks the
// recovery through the Malmquist TFP. It has no code of its own, only
// tests, so that lib/synth's own tests do not depend on the estimators.
package chain
