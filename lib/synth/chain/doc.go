// Package chain holds the end-to-end check of the synthetic city panel:
// CSV → lib/citypanel (capital stock, location quotients, controls) →
// lib/malmquist TFP → lib/ivgmm FE IV-GMM, compared with the truth of
// lib/synth. It has no code of its own, only tests, so that lib/synth's
// own tests do not depend on the estimator packages.
package chain
