package chen

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/econb/econb/lib/synth"
)

// TruthRow is one coefficient of the paper set against the synthetic
// panel's DGP.
type TruthRow struct {
	Table    string  `json:"table"`    // "1" or "2" (the paper's table)
	Column   string  `json:"column"`   // the paper's column(s), e.g. "5 (IV-GMM high-end)"
	Region   string  `json:"region"`   // "national", "east", "central", "west" ("all" for a control)
	Group    string  `json:"group"`    // agglomeration index: total, high, low ("" for a control)
	Variable string  `json:"variable"` // SAGG, STR, …
	Paper    float64 `json:"paper"`    // printed estimate (IV-GMM)
	Truth    float64 `json:"truth"`    // the DGP's value
	// Kind is "structural" (a coefficient of the DGP's TFP equation,
	// equal to the printed number) or "implied" (the population value of
	// the paper's regression under the DGP, ImpliedNational).
	Kind string `json:"kind"`
}

// Truth is the DGP truth of a synthetic panel: the DGP, the seed of the
// panel, how the implied values were simulated and the comparison rows.
// It is the file notebooks/data/synth_truth.json: ComputeTruth makes it,
// WriteJSON writes it (econb synth --truth), LoadTruth and ReadTruth read
// it back; WriteCSV writes its rows as synth_truth.csv.
type Truth struct {
	Seed         uint64     `json:"seed"`
	ImpliedScale int        `json:"implied_scale"`
	ImpliedSeed  uint64     `json:"implied_seed"`
	DGP          synth.DGP  `json:"dgp"`
	Rows         []TruthRow `json:"rows"`
}

// WriteJSON writes t as indented JSON (one space), the layout of
// synth_truth.json.
func (t *Truth) WriteJSON(w io.Writer) error {
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	if err := e.Encode(t); err != nil {
		return fmt.Errorf("chen: writing the DGP truth: %w", err)
	}
	return nil
}

// WriteCSV writes the truth rows as CSV: table, column, region, group,
// variable, paper (as printed), truth (6 decimals), kind.
func (t *Truth) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"table", "column", "region", "group", "variable", "paper", "truth", "kind"})
	for _, r := range t.Rows {
		_ = cw.Write([]string{r.Table, r.Column, r.Region, r.Group, r.Variable,
			strconv.FormatFloat(r.Paper, 'f', -1, 64), strconv.FormatFloat(r.Truth, 'f', 6, 64), r.Kind})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("chen: writing the DGP truth: %w", err)
	}
	return nil
}

// ReadTruth reads a truth file written by WriteJSON.
func ReadTruth(r io.Reader) (*Truth, error) {
	var t Truth
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	if err := d.Decode(&t); err != nil {
		return nil, fmt.Errorf("%w: the DGP truth: %v", ErrInput, err)
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("%w: the DGP truth has no rows", ErrInput)
	}
	return &t, nil
}

// LoadTruth reads a synth_truth.json file.
func LoadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chen: reading the DGP truth: %w", err)
	}
	t, err := ReadTruth(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// SAGG returns the true SAGG coefficient of an agglomeration group
// ("total", "high", "low") in a sample ("national", "east", "central",
// "west"): structural for the regions, implied for the national sample.
func (t *Truth) SAGG(region, group string) (float64, bool) {
	for _, r := range t.Rows {
		if r.Variable == "SAGG" && r.Region == region && r.Group == group {
			return r.Truth, true
		}
	}
	return 0, false
}

// Of returns the true SAGG coefficient of the model s: Tables 1 and 2
// (both estimators, which share the probability limit), not Table 3,
// whose TC/EC split the DGP does not define.
func (t *Truth) Of(s Spec) (float64, bool) {
	if s.DepVar != "tfp" && s.DepVar != "tfp_true" {
		return 0, false
	}
	return t.SAGG(s.Region, s.Group)
}

// AddTrueTFP reads the synthetic panel's true TFP (synth_cities_tfp.csv:
// city, year, tfp, eps, in the panel's row order) into d.TrueTFP, which
// the frame then holds as column tfp_true.
func (d *Data) AddTrueTFP(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("chen: reading the true TFP: %w", err)
	}
	defer f.Close()
	tfp, err := readTrueTFP(f, d)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	d.TrueTFP = tfp
	return nil
}

func readTrueTFP(r io.Reader, d *Data) ([]float64, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	if len(rows) == 0 || len(rows[0]) < 3 || rows[0][0] != "city" || rows[0][1] != "year" || rows[0][2] != "tfp" {
		return nil, fmt.Errorf("%w: the header must start city,year,tfp", ErrInput)
	}
	rows = rows[1:]
	recs := d.Panel.Records
	if len(rows) != len(recs) {
		return nil, fmt.Errorf("%w: %d TFP rows for %d city-years", ErrInput, len(rows), len(recs))
	}
	tfp := make([]float64, len(rows))
	for k, row := range rows {
		if row[0] != recs[k].City || row[1] != strconv.Itoa(recs[k].Year) {
			return nil, fmt.Errorf("%w: line %d is %s %s, the panel's row is %s %d", ErrInput, k+2, row[0], row[1], recs[k].City, recs[k].Year)
		}
		x, err := strconv.ParseFloat(row[2], 64)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d (%s %s): tfp %q is not a number", ErrInput, k+2, row[0], row[1], row[2])
		}
		tfp[k] = x
	}
	return tfp, nil
}
