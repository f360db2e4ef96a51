package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/econb/econb/kernel/internal/fileout"
	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/montecarlo"
	"github.com/econb/econb/lib/synth"
)

func init() {
	register(&command{
		name:    "montecarlo",
		summary: "Monte Carlo study of the paper's design on synthetic panels (bias, RMSE, coverage)",
		run:     runMonteCarlo,
	})
}

// runMonteCarlo implements `econb montecarlo --reps N --seed S [--workers K]
// [--json] [--models paper|all] [DGP knobs] [--out FILE [--replace]]`. The
// --out path is checked before the study runs and the file moved into
// place only once written whole (kernel/internal/fileout).
func runMonteCarlo(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("montecarlo", "--reps N [--seed S] [--workers K] [--json] [--models paper|all] [--out FILE [--replace]] [DGP knobs]", stderr)
	reps := fs.Int("reps", 0, "number of replications (required)")
	seed := fs.Uint64("seed", 1, "study seed: replication r draws its panel from (seed, r) alone")
	workers := fs.Int("workers", 0, "replications run in parallel (default: every core)")
	asJSON := fs.Bool("json", false, "write the summaries, truth and timing as JSON instead of tables")
	models := fs.String("models", "paper", "paper: IV-GMM for the nine SAGG cells and Table 1's 2SLS (48 fits a replication); all: also 2SLS by region and FE-OLS (108)")
	out := fs.String("out", "", "also write every replication's fits as JSON to this file")
	d := synth.Default()
	fs.Float64Var(&d.Kappa, "kappa", d.Kappa, "endogeneity: feedback of the TFP shock on agglomeration (DGP Kappa)")
	fs.Float64Var(&d.NoiseOutput, "noise-output", 0, "log sd of measurement error in recorded real output (DGP NoiseOutput)")
	fs.Float64Var(&d.NoiseCapital, "noise-capital", 0, "log sd of measurement error in recorded investment (DGP NoiseCapital)")
	fs.Float64Var(&d.NoiseLabour, "noise-labour", 0, "log sd of measurement error in recorded employment (DGP NoiseLabour)")
	fs.Float64Var(&d.Rho, "rho", d.Rho, "persistence of agglomeration, AR(1) coefficient: instrument strength (DGP Rho)")
	fs.IntVar(&d.Years, "years", d.Years, fmt.Sprintf("years of each panel, 3..%d (DGP Years)", synth.MaxYears))
	cities := fs.String("cities", "101,99,61", "cities in the east, central and west (DGP Cities)")
	replace := fileout.ReplaceFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *reps < 1 {
		return fmt.Errorf("%w: --reps N is required (N ≥ 1)", errUsage)
	}
	var err error
	if d.Cities, err = parseCities(*cities); err != nil {
		return err
	}
	cfg := montecarlo.Config{DGP: d, Reps: *reps, Seed: *seed, Workers: *workers}
	switch *models {
	case "paper":
		cfg.Models = montecarlo.PaperModels()
	case "all":
		cfg.Models = montecarlo.DefaultModels()
	default:
		return fmt.Errorf("%w: --models %q: use paper or all", errUsage, *models)
	}
	outs := fileout.New(replace())
	defer outs.Abort()
	if err := outs.Add("--out", *out); err != nil {
		return err
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	last := time.Time{}
	cfg.Progress = func(done, total int) {
		if now := time.Now(); done == total || now.Sub(last) >= time.Second {
			last = now
			el := now.Sub(start).Seconds()
			fmt.Fprintf(stderr, "econb montecarlo: %d/%d replications, %.1f s, about %.0f s left\n", done, total, el, el/float64(done)*float64(total-done))
		}
	}
	fmt.Fprintf(stderr, "econb montecarlo: %d replications of %d cities x %d years, %d models each, %d workers (truth first: a %dx panel)\n",
		cfg.Reps, d.N(), d.Years, len(cfg.Models), cfg.Workers, chen.ImpliedScale)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := montecarlo.Run(ctx, cfg)
	if err != nil && st == nil {
		return err
	}
	if *out != "" {
		if werr := outs.Write("--out", func(w io.Writer) error { return st.WriteJSON(w, true) }); werr != nil {
			return werr
		}
		if werr := outs.Commit(); werr != nil {
			return werr
		}
	}
	if *asJSON {
		if werr := st.WriteJSON(stdout, false); werr != nil {
			return werr
		}
		return err
	}
	for _, est := range []ivgmm.Estimator{ivgmm.GMM2S, ivgmm.TSLS, ivgmm.OLS} {
		if tab, terr := st.SAGGTable(est); terr == nil {
			fmt.Fprintln(stdout, tab)
		}
	}
	lc, gc := st.Correlations()
	fmt.Fprintln(stdout, "Correlation across cities of the Malmquist TFP with the true TFP (mean over replications):")
	fmt.Fprintln(stdout, "  year   level   growth")
	for t := 1; t < len(lc); t++ {
		fmt.Fprintf(stdout, "  %4d  %6.3f  %6.3f\n", d.FirstYear+t, lc[t], gc[t])
	}
	ts := st.TimeSplit()
	n := float64(len(st.Reps))
	ms := func(x time.Duration) float64 { return x.Seconds() * 1000 / n }
	fmt.Fprintf(stdout, "\nTime: %.1f s wall for %d replications (%.1f ms each per worker); per replication: generate %.1f ms, "+
		"variables (capital, LQ, controls) %.1f ms, Malmquist %.1f ms, %d fits %.1f ms\n",
		st.Wall.Seconds(), len(st.Reps), st.Wall.Seconds()*1000/n*float64(cfg.Workers), ms(ts.Generate), ms(ts.Variables),
		ms(ts.Malmquist), len(cfg.Models), ms(ts.Fits))
	return err
}

// parseCities reads "east,central,west" city counts.
func parseCities(s string) ([3]int, error) {
	var c [3]int
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return c, fmt.Errorf("%w: --cities %q: give three counts, east,central,west (e.g. 101,99,61)", errUsage, s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return c, fmt.Errorf("%w: --cities %q: %q is not a positive count", errUsage, s, p)
		}
		c[i] = n
	}
	return c, nil
}
