package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/ivgmm"
)

func init() {
	register(&command{
		name:    "fit",
		summary: "fit an OLS / IV / GMM model written as a formula to a CSV file",
		run:     runFit,
	})
}

const fitSynopsis = `--data FILE.csv --formula "y ~ x | fe | endo ~ z" [--panel ENTITY,TIME]
       [--estimator ols|2sls|gmm2s] [--vce iid|robust|cluster:VAR] [--small] [--endog VAR,...] [--json]`

// runFit is `econb fit`: it reads the CSV, builds the model from the
// formula and prints ivgmm's text summary, or its JSON with --json.
func runFit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fit", fitSynopsis, stderr)
	data := fs.String("data", "", "CSV file with a header row (missing: empty, NA, NaN or .)")
	form := fs.String("formula", "", `model formula, e.g. "tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)"`)
	panelFlag := fs.String("panel", "", "ENTITY,TIME columns of the panel, needed by l(), f() and d() (Stata xtset)")
	est := fs.String("estimator", "2sls", "ols, 2sls or gmm2s (ivreg2 gmm2s)")
	vce := fs.String("vce", "iid", "iid (Stata unadjusted), robust, or cluster:VAR")
	small := fs.Bool("small", false, "small-sample corrections and t/F statistics (Stata small)")
	endog := fs.String("endog", "", "VAR,... endogenous regressors to test for exogeneity (ivreg2 endog())")
	asJSON := fs.Bool("json", false, "print the result as one JSON object instead of the text summary")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" || *form == "" {
		return fmt.Errorf("%w: --data and --formula are required", errUsage)
	}
	opt := ivgmm.Options{Small: *small}
	switch strings.ToLower(*est) {
	case "ols":
		opt.Estimator = ivgmm.OLS
	case "2sls", "tsls", "iv":
		opt.Estimator = ivgmm.TSLS
	case "gmm2s", "gmm":
		opt.Estimator = ivgmm.GMM2S
	default:
		return fmt.Errorf("%w: --estimator %q: use ols, 2sls or gmm2s", errUsage, *est)
	}
	kind, cvar, _ := strings.Cut(*vce, ":")
	switch strings.ToLower(kind) {
	case "iid", "unadjusted":
		opt.VCE = ivgmm.IID()
	case "robust":
		opt.VCE = ivgmm.Robust()
	case "cluster":
		if cvar == "" {
			return fmt.Errorf("%w: --vce cluster needs the variable: --vce cluster:VAR", errUsage)
		}
		opt.VCE = ivgmm.ClusterBy(cvar)
	default:
		return fmt.Errorf("%w: --vce %q: use iid, robust or cluster:VAR", errUsage, *vce)
	}
	if *panelFlag != "" {
		ent, tim, ok := strings.Cut(*panelFlag, ",")
		if !ok || ent == "" || tim == "" || strings.Contains(tim, ",") {
			return fmt.Errorf("%w: --panel %q: give ENTITY,TIME, e.g. --panel city,year", errUsage, *panelFlag)
		}
		opt.Panel = ivgmm.PanelBy(strings.TrimSpace(ent), strings.TrimSpace(tim))
	}
	if *endog != "" {
		for _, v := range strings.Split(*endog, ",") {
			opt.Endog = append(opt.Endog, strings.TrimSpace(v))
		}
	}
	fr, err := frame.ReadCSV(*data)
	if err != nil {
		return err
	}
	res, err := ivgmm.FitFrame(*form, fr, opt)
	if err != nil {
		return err
	}
	if !*asJSON {
		_, err := fmt.Fprintln(stdout, res.String())
		return err
	}
	b, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encoding the result: %w", err)
	}
	_, err = fmt.Fprintf(stdout, "%s\n", b)
	return err
}
