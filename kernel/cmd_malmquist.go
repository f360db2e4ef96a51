package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist"
)

func init() {
	register(&command{
		name:    "malmquist",
		summary: "DEA Malmquist productivity index (DEAP 2.1 conventions) of a CSV panel",
		run:     runMalmquist,
	})
}

const malmquistSynopsis = `--data FILE.csv --dmu COL --period COL --inputs A,B --outputs Y
       [--orient in|out] [--common] [--json]`

// runMalmquist is `econb malmquist`: it reads a long CSV panel and prints
// the Malmquist index laid out like DEAP's output, or its JSON with --json.
func runMalmquist(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("malmquist", malmquistSynopsis, stderr)
	data := fs.String("data", "", "CSV file with a header row, one row per DMU and period")
	dmuCol := fs.String("dmu", "", "column identifying the DMU (firm, city, ...)")
	perCol := fs.String("period", "", "column holding the period (an integer year)")
	inCols := fs.String("inputs", "", "comma-separated input columns")
	outCols := fs.String("outputs", "", "comma-separated output columns")
	orient := fs.String("orient", "out", "in or out: input- or output-orientated distances (CRS indices do not depend on it)")
	common := fs.Bool("common", false, "unbalanced panels: use in each pair of periods only the DMUs present in both (Benchmarking); default is DEAP's error")
	asJSON := fs.Bool("json", false, "print the result as one JSON object instead of the DEAP-style text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" || *dmuCol == "" || *perCol == "" || *inCols == "" || *outCols == "" {
		return fmt.Errorf("%w: --data, --dmu, --period, --inputs and --outputs are required", errUsage)
	}
	opt := malmquist.Options{CommonDMUs: *common}
	switch strings.ToLower(*orient) {
	case "in", "input":
		opt.Orientation = dea.Input
	case "out", "output":
		opt.Orientation = dea.Output
	default:
		return fmt.Errorf("%w: --orient %q: use in or out", errUsage, *orient)
	}
	d, err := readMalmquistCSV(*data, *dmuCol, *perCol, splitCols(*inCols), splitCols(*outCols))
	if err != nil {
		return err
	}
	res, err := malmquist.Compute(d, opt)
	if err != nil {
		return err
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

func splitCols(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// readMalmquistCSV reads the named columns of a CSV file into
// malmquist.Data. Errors name the file, line and column.
func readMalmquistCSV(path, dmuCol, perCol string, inputs, outputs []string) (malmquist.Data, error) {
	d := malmquist.Data{InputNames: inputs, OutputNames: outputs}
	f, err := os.Open(path)
	if err != nil {
		return d, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return d, fmt.Errorf("%s: reading the header row: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	find := func(name, role string) (int, error) {
		if i, ok := col[name]; ok {
			return i, nil
		}
		return 0, fmt.Errorf("%w: %s column %q not in %s (columns: %s)", errUsage, role, name, path, strings.Join(header, ", "))
	}
	di, err := find(dmuCol, "--dmu")
	if err != nil {
		return d, err
	}
	pi, err := find(perCol, "--period")
	if err != nil {
		return d, err
	}
	idx := func(names []string, role string) ([]int, error) {
		var out []int
		for _, n := range names {
			i, err := find(n, role)
			if err != nil {
				return nil, err
			}
			out = append(out, i)
		}
		return out, nil
	}
	ii, err := idx(inputs, "--inputs")
	if err != nil {
		return d, err
	}
	oi, err := idx(outputs, "--outputs")
	if err != nil {
		return d, err
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return d, fmt.Errorf("%s: %w", path, err)
		}
		ps := strings.TrimSpace(rec[pi])
		per, err := strconv.Atoi(ps)
		if err != nil {
			if fv, ferr := strconv.ParseFloat(ps, 64); ferr == nil && fv == math.Trunc(fv) && math.Abs(fv) < 1e9 {
				per = int(fv)
			} else {
				return d, fmt.Errorf("%s line %d: period column %q = %q is not an integer", path, line, perCol, rec[pi])
			}
		}
		num := func(cols []int, names []string) ([]float64, error) {
			out := make([]float64, len(cols))
			for k, c := range cols {
				v, err := strconv.ParseFloat(strings.TrimSpace(rec[c]), 64)
				if err != nil {
					return nil, fmt.Errorf("%s line %d (DMU %q, period %d): column %q = %q is not a number", path, line, rec[di], per, names[k], rec[c])
				}
				out[k] = v
			}
			return out, nil
		}
		x, err := num(ii, inputs)
		if err != nil {
			return d, err
		}
		y, err := num(oi, outputs)
		if err != nil {
			return d, err
		}
		d.DMU = append(d.DMU, strings.TrimSpace(rec[di]))
		d.Period = append(d.Period, per)
		d.Inputs = append(d.Inputs, x)
		d.Outputs = append(d.Outputs, y)
	}
	return d, nil
}
