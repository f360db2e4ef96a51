package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/malmquist"
)

func init() {
	register(&command{
		name:    "malmquist",
		summary: "Malmquist (DEAP 2.1), global/sequential/biennial and Malmquist-Luenberger productivity indices of a CSV panel",
		run:     runMalmquist,
	})
}

const malmquistSynopsis = `--data FILE.csv --dmu COL --period COL --inputs A,B --outputs Y
       [--bad B1,B2] [--frontier contemporaneous|sequential|global|biennial]
       [--orient in|out] [--ddf] [--direction GX,GY,GB | --direction-fixed V1,...]
       [--common] [--gaps] [--bootstrap N [--seed S] [--alpha A]] [--json]`

// runMalmquist is `econb malmquist`: it reads a long CSV panel through
// lib/frame and prints the index laid out like DEAP's output, or its JSON
// with --json.
func runMalmquist(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("malmquist", malmquistSynopsis, stderr)
	data := fs.String("data", "", "CSV file with a header row, one row per DMU and period (missing: empty, NA, NaN or \".\")")
	dmuCol := fs.String("dmu", "", "column identifying the DMU (firm, city, ...)")
	perCol := fs.String("period", "", "column holding the period (an integer year)")
	inCols := fs.String("inputs", "", "comma-separated input columns")
	outCols := fs.String("outputs", "", "comma-separated (good) output columns")
	badCols := fs.String("bad", "", "comma-separated bad (undesirable) output columns: Malmquist-Luenberger index (Chung, Färe & Grosskopf 1997)")
	frontier := fs.String("frontier", "contemporaneous", "contemporaneous (DEAP), sequential, global or biennial")
	orient := fs.String("orient", "out", "in or out: input- or output-orientated radial distances (CRS indices do not depend on it)")
	ddf := fs.Bool("ddf", false, "directional distance functions without bad outputs (Malmquist-Luenberger in direction (0, y))")
	direction := fs.String("direction", "", "proportional direction weights: GX,GY,GB (one per group: inputs, goods, bads) or one per variable; default 0,1,1 = (0, y, -b)")
	dirFixed := fs.String("direction-fixed", "", "fixed direction in data units, one value per input, good and bad output (in that order)")
	common := fs.Bool("common", false, "unbalanced panels: contemporaneous technologies from the DMUs present in both periods of each pair (Benchmarking); other frontiers use every DMU-period present")
	gaps := fs.Bool("gaps", false, "accept periods that are not equally spaced (each index then compares adjacent observed periods)")
	boot := fs.Int("bootstrap", 0, "Simar-Wilson (1999) bootstrap with N replications: intervals and significance of tfpch, effch, techch")
	seed := fs.Uint64("seed", 0, "seed of the bootstrap (counter-based: the same seed gives the same intervals on any number of cores)")
	alpha := fs.Float64("alpha", 0.05, "bootstrap intervals have level 1-alpha")
	asJSON := fs.Bool("json", false, "print the result as one JSON object instead of the DEAP-style text")
	decComma := fs.Bool("decimal-comma", false, decimalCommaUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *data == "" || *dmuCol == "" || *perCol == "" || *inCols == "" || *outCols == "" {
		return fmt.Errorf("%w: --data, --dmu, --period, --inputs and --outputs are required", errUsage)
	}
	opt := malmquist.Options{CommonDMUs: *common, AllowGaps: *gaps}
	var err error
	if opt.Frontier, err = malmquist.ParseFrontier(strings.ToLower(*frontier)); err != nil {
		return fmt.Errorf("%w: --frontier %q: use contemporaneous, sequential, global or biennial", errUsage, *frontier)
	}
	switch strings.ToLower(*orient) {
	case "in", "input":
		opt.Orientation = dea.Input
	case "out", "output":
		opt.Orientation = dea.Output
	default:
		return fmt.Errorf("%w: --orient %q: use in or out", errUsage, *orient)
	}
	inputs, outputs, bads := splitCols(*inCols), splitCols(*outCols), splitCols(*badCols)
	directional := len(bads) > 0 || *ddf
	opt.Directional = *ddf
	if directional && set["orient"] {
		return fmt.Errorf("%w: --orient does not apply to the directional model (--bad, --ddf): its direction is --direction", errUsage)
	}
	if !directional && (set["direction"] || set["direction-fixed"]) {
		return fmt.Errorf("%w: --direction and --direction-fixed need the directional model (--bad or --ddf)", errUsage)
	}
	if set["direction"] && set["direction-fixed"] {
		return fmt.Errorf("%w: give --direction or --direction-fixed, not both", errUsage)
	}
	if opt.Direction, err = parseDirection(*direction, *dirFixed, len(inputs), len(outputs), len(bads)); err != nil {
		return err
	}
	if !set["bootstrap"] && (set["seed"] || set["alpha"]) {
		return fmt.Errorf("%w: --seed and --alpha need --bootstrap N", errUsage)
	}
	if set["bootstrap"] {
		switch {
		case *boot < 2:
			return fmt.Errorf("%w: --bootstrap %d: need at least 2 replications (1000 or more for intervals)", errUsage, *boot)
		case directional:
			return fmt.Errorf("%w: --bootstrap is the Simar-Wilson (1999) bootstrap of the radial Malmquist index; it is not available with --bad or --ddf", errUsage)
		case opt.Frontier != malmquist.Contemporaneous:
			return fmt.Errorf("%w: --bootstrap is the Simar-Wilson (1999) bootstrap of the contemporaneous (DEAP) index; it is not available with --frontier %s", errUsage, opt.Frontier)
		case !(*alpha > 0 && *alpha < 1):
			return fmt.Errorf("%w: --alpha %v: must be between 0 and 1", errUsage, *alpha)
		}
	}
	cols := map[string][]string{"--dmu": {*dmuCol}, "--period": {*perCol}, "--inputs": inputs, "--outputs": outputs, "--bad": bads}
	if err := checkRoles(cols); err != nil {
		return err
	}
	fr, in, err := readData("malmquist", *data, *decComma, stderr)
	if err != nil {
		return err
	}
	if err := checkColumns(fr, *data, cols); err != nil {
		return err
	}
	var opts []dea.FrameOption
	if len(bads) > 0 {
		opts = append(opts, dea.WithBad(bads...))
	}
	d, err := malmquist.FromFrame(fr, *dmuCol, *perCol, inputs, outputs, opts...)
	if err != nil {
		return in.explain(err)
	}
	if set["bootstrap"] {
		return runMalmquistBoot(d, opt, *boot, *seed, *alpha, *asJSON, stdout, stderr)
	}
	res, err := malmquist.Compute(d, opt)
	if err != nil {
		return cliMalmquistError(err)
	}
	if *asJSON {
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	_, err = io.WriteString(stdout, res.DEAP())
	return err
}

// cliMalmquistError rewrites the library's unbalanced-panel and gap errors
// in terms of the command's flags.
func cliMalmquistError(err error) error {
	var ue *malmquist.UnbalancedError
	if errors.As(err, &ue) {
		return fmt.Errorf("unbalanced panel: DEAP needs every DMU in every period; missing: %s; use --common to compute each pair of periods from the DMUs present in both (Benchmarking::malmquist)",
			capJoin(ue.Missing))
	}
	var ge *malmquist.GapError
	if errors.As(err, &ge) {
		return fmt.Errorf("periods are not equally spaced: consecutive periods are %d apart except %s; the index would treat such a span as one step: fill in the missing periods, or use --gaps to accept it",
			ge.Step, capJoin(ge.Wider))
	}
	return err
}

func capJoin(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:10], ", ") + fmt.Sprintf(", … (%d in all)", len(items))
}

// columnFlags are the flags that name columns, in the order checked.
var columnFlags = []string{"--dmu", "--period", "--inputs", "--outputs", "--bad", "--prices"}

// checkRoles reports, as a usage error naming the flags, a column given
// twice: once in two flags (the same column as input and output gives an
// index of 1 for every DMU), or twice in one.
func checkRoles(flags map[string][]string) error {
	seen := map[string]string{}
	for _, fl := range columnFlags {
		for _, c := range flags[fl] {
			if c == "" {
				continue
			}
			prev, dup := seen[c]
			switch {
			case !dup:
				seen[c] = fl
			case prev == fl:
				return fmt.Errorf("%w: %s lists column %q twice; give each column once", errUsage, fl, c)
			default:
				why := ""
				if prev == "--inputs" && fl == "--outputs" {
					why = " (as input and output it would make every DMU efficient)"
				}
				return fmt.Errorf("%w: column %q is given to both %s and %s; a variable plays one role only%s", errUsage, c, prev, fl, why)
			}
		}
	}
	return nil
}

// checkColumns reports, as a usage error naming the flag, a column that is
// not in the file, with the closest name.
func checkColumns(fr *frame.Frame, path string, flags map[string][]string) error {
	return checkColumnsOf(fr, path, columnFlags, flags)
}

// checkColumnsOf is checkColumns for the flags order, in that order.
func checkColumnsOf(fr *frame.Frame, path string, order []string, flags map[string][]string) error {
	for _, fl := range order {
		for _, c := range flags[fl] {
			if c == "" || fr.Has(c) {
				continue
			}
			hint := ""
			if _, err := fr.Missing(c); err != nil {
				var fe *frame.Error
				if errors.As(err, &fe) && fe.Hint != "" {
					hint = "; " + fe.Hint
				}
			}
			return fmt.Errorf("%w: %s column %q not in %s (columns: %s)%s", errUsage, fl, c, path, strings.Join(fr.Names(), ", "), hint)
		}
	}
	return nil
}

// parseDirection reads --direction (proportional weights: one per group,
// or one per variable) or --direction-fixed (one value per variable).
func parseDirection(prop, fixed string, m, s, k int) (dea.Direction, error) {
	var d dea.Direction
	nums := func(flagName, v string) ([]float64, error) {
		var out []float64
		for _, f := range strings.Split(v, ",") {
			x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || x < 0 {
				return nil, fmt.Errorf("%w: %s %q: %q is not a non-negative number", errUsage, flagName, v, f)
			}
			out = append(out, x)
		}
		return out, nil
	}
	switch {
	case prop != "":
		w, err := nums("--direction", prop)
		if err != nil {
			return d, err
		}
		switch len(w) {
		case 3:
			d.Inputs, d.Goods = w[:1], w[1:2]
			if k > 0 {
				d.Bads = w[2:3]
			} else if w[2] != 0 && w[2] != 1 {
				return d, fmt.Errorf("%w: --direction %q: a bad-output weight without bad outputs (--bad)", errUsage, prop)
			}
		case m + s + k:
			d.Inputs, d.Goods = w[:m], w[m:m+s]
			if k > 0 {
				d.Bads = w[m+s:]
			}
		default:
			return d, fmt.Errorf("%w: --direction %q: give 3 weights (inputs, goods, bads) or one per variable (%d)", errUsage, prop, m+s+k)
		}
	case fixed != "":
		w, err := nums("--direction-fixed", fixed)
		if err != nil {
			return d, err
		}
		if len(w) != m+s+k {
			return d, fmt.Errorf("%w: --direction-fixed %q: give one value per input, good and bad output (%d)", errUsage, fixed, m+s+k)
		}
		d.Fixed = true
		d.Inputs, d.Goods = w[:m], w[m:m+s]
		if k > 0 {
			d.Bads = w[m+s:]
		}
	}
	return d, nil
}

func splitCols(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// isTerminal reports whether w is a character device (a terminal), for
// drawing a progress bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// runMalmquistBoot runs the Simar-Wilson (1999) bootstrap with a progress
// bar on stderr when it is a terminal.
func runMalmquistBoot(d malmquist.Data, opt malmquist.Options, reps int, seed uint64, alpha float64, asJSON bool, stdout, stderr io.Writer) error {
	bo := malmquist.BootOptions{Replications: reps, Seed: seed, Alpha: alpha}
	if isTerminal(stderr) {
		bo.Progress = malmquist.TextProgress(stderr, "bootstrap")
	}
	b, err := malmquist.Bootstrap(d, opt, bo)
	if err != nil {
		return cliMalmquistError(err)
	}
	if asJSON {
		out, err := json.Marshal(b)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", out)
		return err
	}
	_, err = io.WriteString(stdout, b.DEAP())
	return err
}
