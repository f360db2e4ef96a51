package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

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

const fitSynopsis = `--data FILE.csv --formula "y ~ x | fe | endo ~ z" [--panel ENTITY,TIME | --time VAR]
       [--estimator ols|2sls|gmm2s|liml|cue|fuller:A|kclass:K] [--weights KIND:VAR]
       [--vce iid|robust|cluster:A[,B]|hac:KERNEL:LAGS|ac:KERNEL:LAGS|dkraay:LAGS[:KERNEL]|kiefer|cluster-hac:A:KERNEL:LAGS]
       [--small] [--center] [--convention ivreg2|ivregress] [--endog VAR,...] [--ar-set LO:HI[:N[:LEVEL]]] [--json] [--cache]

Stata equivalents: --estimator fuller:1 is ivreg2 fuller(1), kclass:K kclass(K);
--weights aweight:w is [aweight=w] (also pweight, fweight, iweight);
--vce cluster:firm,year is cluster(firm year) (two-way, M = min(M1, M2));
--vce hac:bartlett:12 is ivregress vce(hac bartlett 12), i.e. ivreg2 robust bw(13)
  kernel(bartlett): ivreg2's bw() is LAGS + 1 (kernels: bartlett, parzen, qs,
  truncated, thann, thamm, daniell, tent); hac:KERNEL:LAGS needs --time or --panel;
--vce ac:KERNEL:LAGS is ivreg2 bw(LAGS+1) kernel(KERNEL) without robust;
--vce dkraay:LAGS is ivreg2 dkraay(LAGS+1) (Driscoll-Kraay; Bartlett unless :KERNEL);
--vce kiefer is ivreg2 kiefer; --vce cluster-hac:id:bartlett:2 is ivreg2
  cluster(id t) bw(3) kernel(bartlett); --time t is tsset t;
--convention ivregress follows official ivregress (gmm's VCE from the second-step
  residuals, centred sigma^2 in the unadjusted weight, Wald chi2 model test);
  the default is ivreg2; --center is ivregress/ivreg2 center (gmm2s and cue only).`

// runFit is `econb fit`: it reads the CSV, builds the model from the
// formula and prints ivgmm's text summary, or its JSON with --json.
func runFit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fit", fitSynopsis, stderr)
	data := fs.String("data", "", "CSV file with a header row (missing: empty, NA, NaN or .)")
	form := fs.String("formula", "", `model formula, e.g. "tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)"`)
	panelFlag := fs.String("panel", "", "ENTITY,TIME columns of the panel, needed by l(), f() and d() and kernel covariances (Stata xtset)")
	timeFlag := fs.String("time", "", "VAR: the time column of a time series, for kernel covariances (Stata tsset)")
	est := fs.String("estimator", "2sls", "ols, 2sls, gmm2s (gmm), liml, cue, fuller:A (ivreg2 fuller(A)) or kclass:K (ivreg2 kclass(K))")
	vce := fs.String("vce", "iid", "iid (Stata unadjusted), robust, cluster:A[,B], hac:KERNEL:LAGS, ac:KERNEL:LAGS, dkraay:LAGS[:KERNEL], kiefer or cluster-hac:A:KERNEL:LAGS (LAGS = ivreg2 bw() - 1)")
	weights := fs.String("weights", "", "KIND:VAR with KIND aweight, pweight, fweight or iweight (Stata [KIND=VAR])")
	small := fs.Bool("small", false, "small-sample corrections and t/F statistics (Stata small)")
	center := fs.Bool("center", false, "centre the moments of the GMM weight (ivregress gmm center; gmm2s and cue only)")
	convention := fs.String("convention", "ivreg2", "ivreg2 (default) or ivregress: whose conventions to follow where they differ")
	endog := fs.String("endog", "", "VAR,... endogenous regressors to test for exogeneity (ivreg2 endog())")
	arSet := fs.String("ar-set", "", "LO:HI[:N[:LEVEL]]: Anderson-Rubin confidence set of the one endogenous regressor over N (201) grid points at LEVEL (0.95)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object instead of the text summary")
	useCache := fs.Bool("cache", false, "keep the parsed --data file in the frame cache ($ECONB_HOME/cache) and load it from there while the file is unchanged (its bytes are hashed each time), so that a re-fit skips parsing")
	decComma := fs.Bool("decimal-comma", false, decimalCommaUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	defer cachePuts.Wait()
	if *data == "" || *form == "" {
		return fmt.Errorf("%w: --data and --formula are required, e.g. econb fit --data panel.csv --formula \"y ~ x | id | d ~ z\"", errUsage)
	}
	opt := ivgmm.Options{Small: *small, Center: *center}
	if err := parseEstimator(*est, &opt); err != nil {
		return err
	}
	if err := parseVCE(*vce, &opt); err != nil {
		return err
	}
	if err := parseWeights(*weights, &opt); err != nil {
		return err
	}
	switch strings.ToLower(*convention) {
	case "ivreg2", "":
	case "ivregress":
		opt.Convention = ivgmm.IVRegress
	default:
		return fmt.Errorf("%w: --convention %q: use ivreg2 or ivregress", errUsage, *convention)
	}
	if *panelFlag != "" && *timeFlag != "" {
		return fmt.Errorf("%w: give --panel ENTITY,TIME or --time VAR, not both", errUsage)
	}
	if *panelFlag != "" {
		ent, tim, ok := strings.Cut(*panelFlag, ",")
		if !ok || ent == "" || tim == "" || strings.Contains(tim, ",") {
			return fmt.Errorf("%w: --panel %q: give ENTITY,TIME, e.g. --panel city,year", errUsage, *panelFlag)
		}
		opt.Panel = ivgmm.PanelBy(strings.TrimSpace(ent), strings.TrimSpace(tim))
	}
	if *timeFlag != "" {
		opt.Panel = ivgmm.TimeBy(strings.TrimSpace(*timeFlag))
	}
	if *endog != "" {
		for _, v := range strings.Split(*endog, ",") {
			opt.Endog = append(opt.Endog, strings.TrimSpace(v))
		}
	}
	if *arSet != "" {
		if err := parseARSet(*arSet, &opt); err != nil {
			return err
		}
	}
	if err := checkFitOptions(&opt, *vce); err != nil {
		return err
	}
	read := readData
	if *useCache {
		read = readCached
	}
	fr, in, err := read("fit", *data, *decComma, stderr)
	if err != nil {
		return err
	}
	if err := checkColumnsOf(fr, *data, []string{"--panel", "--time", "--vce", "--weights"}, fitColumns(&opt, *vce)); err != nil {
		return err
	}
	res, err := ivgmm.FitFrame(*form, fr, opt)
	if err != nil {
		return in.explain(err)
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

// cachePuts waits for the frame-cache writes readCached started (a process
// must not exit halfway through one: it would leave a temporary file).
var cachePuts sync.WaitGroup

// readCached is readData through the frame cache (lib/frame's Cache, in
// $ECONB_HOME/cache): the file is hashed, and a frame stored under its key
// (bytes, reader options, format version) is loaded instead of parsing
// the file; on a miss the file is parsed by readData and stored while the
// command goes on (runFit waits for it). A cached frame whose file
// had text columns that look like decimal-comma numbers is parsed again,
// so that readData prints its note as on the first run.
func readCached(cmd, path string, decimalComma bool, stderr io.Writer) (*frame.Frame, *csvInput, error) {
	opt := frame.CSVOptions{DecimalComma: decimalComma}
	c, err := frame.OpenCache("")
	if err != nil {
		fmt.Fprintf(stderr, "econb %s: note: no frame cache (%v); reading %s\n", cmd, err, path)
		return readData(cmd, path, decimalComma, stderr)
	}
	k, err := frame.FileKey(path, opt)
	if err != nil {
		return readData(cmd, path, decimalComma, stderr) // its error names the file
	}
	if fr, ok, err := c.Get(k); err == nil && ok && fr.Len() > 0 && !slices.ContainsFunc(fr.Notes(), decimalCommaNote.MatchString) {
		return fr, &csvInput{path: path}, nil
	}
	fr, in, err := readData(cmd, path, decimalComma, stderr)
	if err != nil || fr.Key() != k { // the file changed since it was hashed: not stored
		return fr, in, err
	}
	cachePuts.Add(1)
	go func() {
		defer cachePuts.Done()
		if err := c.Put(fr); err != nil {
			fmt.Fprintf(stderr, "econb %s: note: %s was not cached: %v\n", cmd, path, err)
		}
	}()
	return fr, in, nil
}

// fitColumns lists the columns the flags name (the formula's are checked
// by the formula), by flag.
func fitColumns(opt *ivgmm.Options, vce string) map[string][]string {
	cols := map[string][]string{
		"--panel":   {opt.Panel.Entity, opt.Panel.Time},
		"--weights": {opt.Weights.Var},
	}
	switch parts := strings.Split(vce, ":"); strings.ToLower(parts[0]) {
	case "cluster":
		for _, v := range strings.Split(strings.Join(parts[1:], ":"), ",") {
			cols["--vce"] = append(cols["--vce"], strings.TrimSpace(v))
		}
	case "cluster-hac":
		cols["--vce"] = parts[1:2]
	}
	if opt.Panel.Entity == "" {
		cols["--time"], cols["--panel"] = cols["--panel"], nil
	}
	return cols
}

// parseEstimator reads --estimator.
func parseEstimator(s string, opt *ivgmm.Options) error {
	name, arg, hasArg := strings.Cut(strings.ToLower(s), ":")
	num := func() (float64, error) {
		v, err := strconv.ParseFloat(arg, 64)
		if !hasArg || err != nil || v < 0 {
			return 0, fmt.Errorf("%w: --estimator %s needs a number ≥ 0: --estimator %s:1", errUsage, name, name)
		}
		return v, nil
	}
	switch name {
	case "ols":
		opt.Estimator = ivgmm.OLS
	case "2sls", "tsls", "iv":
		opt.Estimator = ivgmm.TSLS
	case "gmm2s", "gmm":
		opt.Estimator = ivgmm.GMM2S
	case "liml":
		opt.Estimator = ivgmm.LIML
	case "cue":
		opt.Estimator = ivgmm.CUE
	case "fuller":
		a, err := num()
		if err != nil || a == 0 {
			return fmt.Errorf("%w: --estimator fuller needs Fuller's alpha > 0: --estimator fuller:1 (ivreg2 fuller(1))", errUsage)
		}
		opt.Estimator, opt.Fuller = ivgmm.LIML, a
	case "kclass":
		k, err := num()
		if err != nil {
			return err
		}
		opt.Estimator, opt.KClass = ivgmm.KClass, k
	default:
		return fmt.Errorf("%w: --estimator %q: use ols, 2sls, gmm2s, liml, cue, fuller:A or kclass:K", errUsage, s)
	}
	if hasArg && name != "fuller" && name != "kclass" {
		return fmt.Errorf("%w: --estimator %q: only fuller and kclass take a value", errUsage, s)
	}
	return nil
}

// lagsBW reads LAGS and returns ivreg2's bandwidth LAGS + 1.
func lagsBW(flag, s string) (float64, error) {
	l, err := strconv.ParseFloat(s, 64)
	if err != nil || l < 0 {
		return 0, fmt.Errorf("%w: --vce %s: LAGS must be a number ≥ 0 (ivreg2's bw() is LAGS + 1), got %q", errUsage, flag, s)
	}
	return l + 1, nil
}

// parseVCE reads --vce.
func parseVCE(s string, opt *ivgmm.Options) error {
	parts := strings.Split(s, ":")
	kernel := func(k string) (ivgmm.Kernel, error) {
		kk, err := ivgmm.ParseKernel(k)
		if err != nil {
			return 0, fmt.Errorf("%w: --vce %s: %v", errUsage, s, strings.TrimPrefix(err.Error(), ivgmm.ErrInput.Error()+": "))
		}
		return kk, nil
	}
	switch strings.ToLower(parts[0]) {
	case "iid", "unadjusted":
		opt.VCE = ivgmm.IID()
	case "robust":
		opt.VCE = ivgmm.Robust()
	case "cluster":
		if len(parts) < 2 || parts[1] == "" {
			return fmt.Errorf("%w: --vce cluster needs the variable: --vce cluster:VAR", errUsage)
		}
		vars := strings.Split(strings.Join(parts[1:], ":"), ",")
		switch len(vars) {
		case 1:
			opt.VCE = ivgmm.ClusterBy(strings.TrimSpace(vars[0]))
		case 2:
			opt.VCE = ivgmm.ClusterBy(strings.TrimSpace(vars[0]), strings.TrimSpace(vars[1]))
		default:
			return fmt.Errorf("%w: --vce %s: give one or two cluster variables (cluster:A or cluster:A,B)", errUsage, s)
		}
	case "hac", "ac":
		if len(parts) != 3 {
			return fmt.Errorf("%w: --vce %s: give the kernel and the lags, e.g. --vce %s:bartlett:12 (ivregress vce(hac bartlett 12) = ivreg2 bw(13))", errUsage, s, parts[0])
		}
		k, err := kernel(parts[1])
		if err != nil {
			return err
		}
		bw, err := lagsBW(s, parts[2])
		if err != nil {
			return err
		}
		if strings.ToLower(parts[0]) == "hac" {
			opt.VCE = ivgmm.HAC(k, bw)
		} else {
			opt.VCE = ivgmm.AC(k, bw)
		}
	case "dkraay":
		if len(parts) < 2 || len(parts) > 3 {
			return fmt.Errorf("%w: --vce %s: give the lags, e.g. --vce dkraay:2 (ivreg2 dkraay(3)), optionally a kernel: dkraay:2:parzen", errUsage, s)
		}
		bw, err := lagsBW(s, parts[1])
		if err != nil {
			return err
		}
		k := ivgmm.Bartlett
		if len(parts) == 3 {
			if k, err = kernel(parts[2]); err != nil {
				return err
			}
		}
		opt.VCE = ivgmm.DriscollKraay(k, bw)
	case "kiefer":
		opt.VCE = ivgmm.Kiefer()
	case "cluster-hac":
		if len(parts) != 4 || parts[1] == "" {
			return fmt.Errorf("%w: --vce %s: give the cluster variable, the kernel and the lags, e.g. --vce cluster-hac:firm:bartlett:2 (ivreg2 cluster(firm t) bw(3))", errUsage, s)
		}
		k, err := kernel(parts[2])
		if err != nil {
			return err
		}
		bw, err := lagsBW(s, parts[3])
		if err != nil {
			return err
		}
		opt.VCE = ivgmm.ClusterKernel(parts[1], k, bw)
	default:
		return fmt.Errorf("%w: --vce %q: use iid, robust, cluster:VAR[,VAR], hac:KERNEL:LAGS, ac:KERNEL:LAGS, dkraay:LAGS, kiefer or cluster-hac:VAR:KERNEL:LAGS", errUsage, s)
	}
	return nil
}

// parseWeights reads --weights.
func parseWeights(s string, opt *ivgmm.Options) error {
	if s == "" {
		return nil
	}
	kind, v, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(v) == "" {
		return fmt.Errorf("%w: --weights %q: give KIND:VAR, e.g. --weights aweight:pop", errUsage, s)
	}
	v = strings.TrimSpace(v)
	switch strings.ToLower(kind) {
	case "aweight", "aw":
		opt.Weights = ivgmm.AWeight(v)
	case "pweight", "pw":
		opt.Weights = ivgmm.PWeight(v)
	case "fweight", "fw":
		opt.Weights = ivgmm.FWeight(v)
	case "iweight", "iw":
		opt.Weights = ivgmm.IWeight(v)
	default:
		return fmt.Errorf("%w: --weights %q: the kind is aweight, pweight, fweight or iweight", errUsage, s)
	}
	return nil
}

// parseARSet reads --ar-set LO:HI[:N[:LEVEL]].
func parseARSet(s string, opt *ivgmm.Options) error {
	parts := strings.Split(s, ":")
	bad := fmt.Errorf("%w: --ar-set %q: give LO:HI[:N[:LEVEL]], e.g. --ar-set -1:1:401:0.95", errUsage, s)
	if len(parts) < 2 || len(parts) > 4 {
		return bad
	}
	lo, err1 := strconv.ParseFloat(parts[0], 64)
	hi, err2 := strconv.ParseFloat(parts[1], 64)
	if err1 != nil || err2 != nil || !(hi > lo) {
		return bad
	}
	n := 201
	if len(parts) > 2 {
		v, err := strconv.Atoi(parts[2])
		if err != nil || v < 2 {
			return bad
		}
		n = v
	}
	if len(parts) > 3 {
		v, err := strconv.ParseFloat(parts[3], 64)
		if err != nil || !(v > 0 && v < 1) {
			return bad
		}
		opt.ARLevel = v
	}
	opt.ARGrid = ivgmm.Grid(lo, hi, n)
	return nil
}

// checkFitOptions turns options the command cannot honour together into
// usage errors naming them.
func checkFitOptions(opt *ivgmm.Options, vce string) error {
	if opt.Center && opt.Estimator != ivgmm.GMM2S && opt.Estimator != ivgmm.CUE {
		return fmt.Errorf("%w: --center centres the GMM weight: use it with --estimator gmm2s or cue, not %s", errUsage, opt.Estimator)
	}
	if opt.Convention == ivgmm.IVRegress {
		switch {
		case opt.Estimator == ivgmm.CUE || opt.Estimator == ivgmm.KClass || opt.Fuller != 0:
			return fmt.Errorf("%w: --convention ivregress: ivregress has no %s (use the default --convention ivreg2)", errUsage, map[bool]string{true: "fuller", false: opt.Estimator.String()}[opt.Fuller != 0])
		case opt.Weights.Kind == ivgmm.IWeights:
			return fmt.Errorf("%w: --convention ivregress: ivregress has no iweight", errUsage)
		}
		switch strings.ToLower(strings.SplitN(vce, ":", 2)[0]) {
		case "ac", "dkraay", "kiefer", "cluster-hac":
			return fmt.Errorf("%w: --convention ivregress: ivregress has no --vce %s (ivreg2 has)", errUsage, vce)
		}
		if strings.Contains(vce, ",") {
			return fmt.Errorf("%w: --convention ivregress: ivregress clusters one way only (--vce %s)", errUsage, vce)
		}
	}
	kind := strings.ToLower(strings.SplitN(vce, ":", 2)[0])
	if (kind == "hac" || kind == "ac") && opt.Panel.Time == "" {
		return fmt.Errorf("%w: --vce %s needs the time order: --time VAR (tsset) or --panel ENTITY,TIME (xtset)", errUsage, vce)
	}
	if (kind == "dkraay" || kind == "kiefer" || kind == "cluster-hac") && opt.Panel.Entity == "" {
		return fmt.Errorf("%w: --vce %s needs a panel: --panel ENTITY,TIME (xtset)", errUsage, vce)
	}
	if opt.Weights.Kind == ivgmm.FWeights || opt.Weights.Kind == ivgmm.IWeights {
		if kind == "hac" || kind == "ac" || kind == "dkraay" || kind == "kiefer" || kind == "cluster-hac" {
			return fmt.Errorf("%w: --weights %s is not allowed with --vce %s (ivreg2 allows aweight and pweight with kernels)", errUsage, opt.Weights, vce)
		}
	}
	return nil
}
