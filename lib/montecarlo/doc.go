// Package montecarlo asks how far the design of Chen's paper can be
// trusted: it draws many synthetic city panels from the documented DGP
// (lib/synth), runs the paper's full chain on each — capital stock by
// perpetual inventory → DEA Malmquist TFP, cumulated → location quotients
// → FE IV regressions (lib/chen, lib/ivgmm) — and the same regressions on
// the DGP's true TFP, and measures bias, RMSE and the coverage of the
// 95 % intervals against the known truth.
//
// # Use
//
//	st, err := montecarlo.Run(ctx, montecarlo.Config{DGP: synth.Default(), Reps: 500, Seed: 1})
//	tab, err := st.SAGGTable(ivgmm.GMM2S)   // bias / RMSE / coverage of the nine SAGG cells
//
// or from the shell: econb montecarlo --reps 500 --seed 1 [--workers K] [--json].
//
// # Replications
//
// Replication r draws the panel synth.Generate(DGP, RepSeed(Seed, r)): a
// pure function of (Seed, r), so every replication is reproducible alone
// and the study does not depend on the number of workers or the order in
// which replications finish. Each replication fits every Model: an SAGG
// cell of Tables 1-2 (national total / high / low, east / central / west
// × high / low) × estimator (IV-GMM two-step, the paper's; 2SLS; FE-OLS
// for contrast) × covariance (robust, as the paper; clustered by city) ×
// dependent variable (tfp, the chain's cumulative Malmquist level;
// tfp_true, the DGP's). The models of Table 1 are chen.Table1's; a region's
// are chen.Table2's; FE-OLS keeps the IV sample (2005-2017). It records
// every coefficient and standard error, the first-stage F, SW F and
// partial R², the Kleibergen-Paap rk LM and Wald F, Cragg-Donald F and
// Hansen J, and, per year, the correlation across cities of the log
// Malmquist level with the log true TFP (and of their growth rates). A
// replication whose panel or fit fails is kept with its error and left
// out of the summaries, which count it.
//
// Workers run replications in parallel (each with a single-threaded
// Malmquist analysis); Config.Progress is told of each one finished.
//
// # Truth and summaries
//
// The truth of a regional cell is the DGP's structural coefficient; of a
// national cell, the implied value (chen.ImpliedNational: the same
// regression on the true TFP of a 40-fold panel without feedback); of a
// control, the DGP's common coefficient. For each model and coefficient,
// Summaries gives the mean estimate, bias (mean − truth), standard
// deviation across replications, RMSE, mean standard error (its ratio to
// the SD: below 1 means the SEs are too small) and the coverage of the
// normal 95 % interval b ± 1.96·SE (xtivreg2 without small reports z
// statistics).
//
// # DGP knobs
//
// The study varies documented fields of synth.DGP: Kappa (endogeneity
// feedback of the TFP shock on agglomeration), NoiseOutput, NoiseCapital,
// NoiseLabour (measurement error in the recorded output and inputs of the
// DEA), Cities and Years (panel size; Years up to synth.MaxYears), Rho
// (persistence of agglomeration, hence the instruments' strength).
package montecarlo
