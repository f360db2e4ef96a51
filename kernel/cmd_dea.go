package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist"
)

func init() {
	register(&command{
		name:    "dea",
		summary: "single-period DEA of a CSV: radial (DEAP 2.1), SBM, super-efficiency, super-SBM, cost, DDF; bootstrap",
		run:     runDEA,
	})
}

const deaSynopsis = `--data FILE.csv --dmu COL --inputs A,B --outputs Y
       [--model radial|sbm|super|super-sbm|cost|ddf] [--rts crs|vrs|nirs] [--orient in|out|non]
       [--slacks one|two|multi] [--bad B1,B2] [--prices W1,W2] [--direction GX,GY,GB | --direction-fixed V,...]
       [--period COL [--year Y]] [--bootstrap N [--seed S] [--alpha A]] [--json]`

// runDEA is `econb dea`: single-period scores of every DMU against the
// technology of all DMUs (of its period with --period), laid out like
// DEAP 2.1's output, or JSON.
func runDEA(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("dea", deaSynopsis, stderr)
	data := fs.String("data", "", "CSV file with a header row, one row per DMU (missing: empty, NA, NaN or \".\")")
	dmuCol := fs.String("dmu", "", "column identifying the DMU")
	inCols := fs.String("inputs", "", "comma-separated input columns")
	outCols := fs.String("outputs", "", "comma-separated (good) output columns")
	model := fs.String("model", "radial", "radial (DEAP: CRS, VRS, scale), sbm (Tone 2001/2004), super (Andersen-Petersen), super-sbm (Tone 2002), cost (DEAP cost-DEA), ddf (directional distance)")
	rtsFlag := fs.String("rts", "crs", "returns to scale: crs, vrs or nirs (radial: the model of slacks, peers and targets, crs or vrs)")
	orient := fs.String("orient", "", "in, out or non (non-oriented: sbm and super-sbm); default in, non for sbm and super-sbm")
	slacks := fs.String("slacks", "multi", "radial model slacks: one (one-stage), two (two-stage) or multi (multi-stage, DEAP's default)")
	badCols := fs.String("bad", "", "comma-separated bad (undesirable) output columns (sbm, super-sbm, ddf)")
	prices := fs.String("prices", "", "comma-separated input-price columns, one per input (cost model)")
	direction := fs.String("direction", "", "ddf: proportional direction weights GX,GY,GB (default 0,1,1 = (0, y, -b)) or one per variable")
	dirFixed := fs.String("direction-fixed", "", "ddf: fixed direction in data units, one value per input, good and bad output")
	period := fs.String("period", "", "panel data: run each period separately (its own frontier)")
	year := fs.Int("year", 0, "with --period: only this period")
	boot := fs.Int("bootstrap", 0, "radial model: Simar-Wilson (1998) bootstrap with N replications (bias-corrected scores, intervals)")
	seed := fs.Uint64("seed", 0, "seed of the bootstrap (the same seed gives the same intervals on any number of cores)")
	alpha := fs.Float64("alpha", 0.05, "bootstrap intervals have level 1-alpha")
	asJSON := fs.Bool("json", false, "print JSON instead of the DEAP-style text")
	decComma := fs.Bool("decimal-comma", false, decimalCommaUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *data == "" || *dmuCol == "" || *inCols == "" || *outCols == "" {
		return fmt.Errorf("%w: --data, --dmu, --inputs and --outputs are required", errUsage)
	}
	var opt dea.Options
	var err error
	if opt.Model, err = dea.ParseModel(strings.ToLower(*model)); err != nil {
		return fmt.Errorf("%w: --model %q: use radial, sbm, super, super-sbm, cost or ddf", errUsage, *model)
	}
	if opt.RTS, err = dea.ParseRTS(strings.ToLower(*rtsFlag)); err != nil {
		return fmt.Errorf("%w: --rts %q: use crs, vrs or nirs", errUsage, *rtsFlag)
	}
	inputs, outputs, bads, priceCols := splitCols(*inCols), splitCols(*outCols), splitCols(*badCols), splitCols(*prices)
	isSBM := opt.Model == dea.SBM || opt.Model == dea.SuperSBM
	switch o := strings.ToLower(*orient); {
	case opt.Model == dea.DDF && set["orient"]:
		return fmt.Errorf("%w: --orient does not apply to --model ddf: its direction is --direction", errUsage)
	case o == "" && isSBM, o == "non", o == "non-oriented":
		opt.Orientation = dea.NonOriented
	case o == "" || o == "in" || o == "input":
		opt.Orientation = dea.Input
	case o == "out" || o == "output":
		opt.Orientation = dea.Output
	default:
		return fmt.Errorf("%w: --orient %q: use in, out or non", errUsage, *orient)
	}
	if opt.Orientation == dea.NonOriented && !isSBM {
		return fmt.Errorf("%w: --orient non is for --model sbm and super-sbm; --model %v is input or output orientated", errUsage, opt.Model)
	}
	if opt.Model == dea.Cost && opt.Orientation != dea.Input {
		return fmt.Errorf("%w: --model cost is input-side: drop --orient %s", errUsage, *orient)
	}
	if opt.Model == dea.Radial {
		switch strings.ToLower(*slacks) {
		case "one", "1":
			opt.Slacks = dea.OneStage
		case "two", "2":
			opt.Slacks = dea.TwoStage
		case "multi", "m":
			opt.Slacks = dea.MultiStage
		default:
			return fmt.Errorf("%w: --slacks %q: use one, two or multi", errUsage, *slacks)
		}
		if opt.RTS == dea.NIRS {
			return fmt.Errorf("%w: --model radial reports CRS and VRS scores (and scale efficiency from NIRS); --rts chooses crs or vrs for its slacks and peers", errUsage)
		}
	} else if set["slacks"] {
		return fmt.Errorf("%w: --slacks applies to --model radial only", errUsage)
	}
	if len(bads) > 0 && !isSBM && opt.Model != dea.DDF {
		return fmt.Errorf("%w: --bad needs --model sbm, super-sbm or ddf (the %v model has no bad outputs)", errUsage, opt.Model)
	}
	if (len(priceCols) > 0) != (opt.Model == dea.Cost) {
		if opt.Model == dea.Cost {
			return fmt.Errorf("%w: --model cost needs --prices (one price column per input)", errUsage)
		}
		return fmt.Errorf("%w: --prices is for --model cost", errUsage)
	}
	if opt.Model == dea.Cost && len(priceCols) != len(inputs) {
		return fmt.Errorf("%w: --prices names %d column(s) for %d inputs; give one price per input, in the order of --inputs", errUsage, len(priceCols), len(inputs))
	}
	if opt.Model != dea.DDF && (set["direction"] || set["direction-fixed"]) {
		return fmt.Errorf("%w: --direction and --direction-fixed are for --model ddf", errUsage)
	}
	if set["direction"] && set["direction-fixed"] {
		return fmt.Errorf("%w: give --direction or --direction-fixed, not both", errUsage)
	}
	if opt.Direction, err = parseDirection(*direction, *dirFixed, len(inputs), len(outputs), len(bads)); err != nil {
		return err
	}
	if set["year"] && *period == "" {
		return fmt.Errorf("%w: --year needs --period", errUsage)
	}
	if !set["bootstrap"] && (set["seed"] || set["alpha"]) {
		return fmt.Errorf("%w: --seed and --alpha need --bootstrap N", errUsage)
	}
	if set["bootstrap"] {
		switch {
		case opt.Model != dea.Radial:
			return fmt.Errorf("%w: --bootstrap is the Simar-Wilson (1998) bootstrap of radial scores; not available with --model %v", errUsage, opt.Model)
		case *boot < 2:
			return fmt.Errorf("%w: --bootstrap %d: need at least 2 replications (2000 for intervals)", errUsage, *boot)
		case !(*alpha > 0 && *alpha < 1):
			return fmt.Errorf("%w: --alpha %v: must be between 0 and 1", errUsage, *alpha)
		}
	}
	cols := map[string][]string{"--dmu": {*dmuCol}, "--period": {*period}, "--inputs": inputs, "--outputs": outputs, "--bad": bads, "--prices": priceCols}
	if err := checkRoles(cols); err != nil {
		return err
	}
	fr, in, err := readData("dea", *data, *decComma, stderr)
	if err != nil {
		return err
	}
	if err := checkColumns(fr, *data, cols); err != nil {
		return err
	}
	var fo []dea.FrameOption
	if len(bads) > 0 {
		fo = append(fo, dea.WithBad(bads...))
	}
	if len(priceCols) > 0 {
		fo = append(fo, dea.WithPrices(priceCols...))
	}
	d, err := dea.FromFrame(fr, *dmuCol, inputs, outputs, fo...)
	if err != nil {
		return in.explain(err)
	}
	type block struct {
		period string
		d      *dea.Data
	}
	blocks := []block{{"", d}}
	if *period != "" {
		codes, levels, err := fr.Codes(*period)
		if err != nil {
			return err
		}
		blocks = blocks[:0]
		for lv, name := range levels {
			if set["year"] && name != fmt.Sprint(*year) {
				continue
			}
			var rows []int
			for i, c := range codes {
				if c == lv {
					rows = append(rows, i)
				}
			}
			blocks = append(blocks, block{name, d.Subset(rows)})
		}
		if len(blocks) == 0 {
			return fmt.Errorf("%w: --year %d is not a period of column %q (periods: %s)", errUsage, *year, *period, strings.Join(levels, ", "))
		}
	}
	var results []*dea.Result
	for _, bl := range blocks {
		var r *dea.Result
		if set["bootstrap"] {
			bo := dea.BootOptions{Replications: *boot, Seed: *seed, Alpha: *alpha}
			if isTerminal(stderr) {
				bo.Progress = malmquist.TextProgress(stderr, strings.TrimSpace("bootstrap "+bl.period))
			}
			r, err = dea.Bootstrap(bl.d, opt, bo)
		} else {
			r, err = dea.Evaluate(bl.d, opt)
		}
		if err != nil {
			if bl.period != "" {
				return fmt.Errorf("period %s: %w", bl.period, err)
			}
			return err
		}
		results = append(results, r)
	}
	if *asJSON {
		var v any = results[0]
		if *period != "" {
			m := []map[string]any{}
			for i, r := range results {
				m = append(m, map[string]any{"period": blocks[i].period, "result": r})
			}
			v = m
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	for i, r := range results {
		if blocks[i].period != "" {
			fmt.Fprintf(stdout, "\n period %s = %s\n\n", *period, blocks[i].period)
		}
		if _, err := io.WriteString(stdout, r.Text()); err != nil {
			return err
		}
	}
	return nil
}
