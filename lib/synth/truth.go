package synth

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/econb/econb/lib/citypanel"
)

// TruthRow is one coefficient of the paper set against the DGP.
type TruthRow struct {
	Table    string  `json:"table"`    // "1" or "2" (the paper's table)
	Column   string  `json:"column"`   // the paper's column(s), e.g. "5 (IV-GMM high-end)"
	Region   string  `json:"region"`   // "national", "east", "central", "west"
	Group    string  `json:"group"`    // agglomeration index: total, high, low ("" for a control)
	Variable string  `json:"variable"` // SAGG, STR, …
	Paper    float64 `json:"paper"`    // printed estimate (IV-GMM)
	Truth    float64 `json:"truth"`    // our DGP's value
	// Kind is "structural" (a coefficient of the DGP's TFP equation,
	// equal to the printed number) or "implied" (the population value of
	// the paper's regression under our DGP, computed by ImpliedNational).
	Kind string `json:"kind"`
}

// ImpliedScale and ImpliedSeed define the simulation behind the implied
// national coefficients: the DGP with ImpliedScale times as many cities,
// without the agglomeration feedback (Kappa = 0, so that the O(1/T) bias
// of the within estimator with lagged instruments is absent), estimated by
// FE-2SLS with lags 1-2 as instruments.
const (
	ImpliedScale        = 40
	ImpliedSeed  uint64 = 7
)

// ImpliedNational returns the population value of the national FE-2SLS
// coefficient of each agglomeration group ("total", "high", "low") under
// d, with its simulation standard error, computed on d.Scaled(scale) with
// Kappa = 0 and the given seed.
func ImpliedNational(d DGP, seed uint64, scale int) (map[string]Estimate, error) {
	d = d.Scaled(scale)
	d.Kappa = 0
	p, err := Generate(d, seed)
	if err != nil {
		return nil, err
	}
	v, err := citypanel.Build(p.CityPanel(), citypanel.Options{})
	if err != nil {
		return nil, err
	}
	out := map[string]Estimate{}
	for _, g := range []string{"total", "high", "low"} {
		e, err := Fit(v, p.TFP, d.N(), d.Years, Spec{Group: g, IV: true})
		if err != nil {
			return nil, err
		}
		out[g] = e
	}
	return out, nil
}

// paperTable1 are the printed national IV-GMM SAGG estimates (Table 1,
// columns 4-6) and paperControls the IV-GMM high-end column (5).
var (
	paperTable1   = map[string]float64{"total": 0.050, "high": 0.058, "low": 0.001}
	paperControls = [7]float64{0.024, -0.094, 0.004, -0.246, 1.130, -0.003, 0.128}
)

// Truth returns the comparison rows for d: Table 2's six regional SAGG
// effects and the seven controls (structural), and Table 1's three
// national SAGG effects (implied; see ImpliedNational).
func Truth(d DGP) ([]TruthRow, error) {
	imp, err := ImpliedNational(d, ImpliedSeed, ImpliedScale)
	if err != nil {
		return nil, err
	}
	var rows []TruthRow
	for _, g := range []string{"total", "high", "low"} {
		col := map[string]string{"total": "4 (IV-GMM total)", "high": "5 (IV-GMM high-end)", "low": "6 (IV-GMM low-end)"}[g]
		rows = append(rows, TruthRow{"1", col, "national", g, "SAGG", paperTable1[g], imp[g].Coef, "implied"})
	}
	paper2 := [3][2]float64{{0.068, 0.027}, {0.032, -0.010}, {0.044, -0.012}}
	for r := 0; r < 3; r++ {
		for j, g := range []string{"high", "low"} {
			beta := d.BetaHigh[r]
			if g == "low" {
				beta = d.BetaLow[r]
			}
			rows = append(rows, TruthRow{"2", strconv.Itoa(2*r + j + 1), RegionNames[r], g, "SAGG", paper2[r][j], beta, "structural"})
		}
	}
	for k, name := range citypanel.ControlNames {
		rows = append(rows, TruthRow{"1", "5 (IV-GMM high-end)", "all", "", name, paperControls[k], d.BetaControls[k], "structural"})
	}
	return rows, nil
}

// WriteTruthJSON writes the DGP parameters and the truth rows as JSON.
func WriteTruthJSON(w io.Writer, d DGP, seed uint64, rows []TruthRow) error {
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	return e.Encode(struct {
		Seed         uint64     `json:"seed"`
		ImpliedScale int        `json:"implied_scale"`
		ImpliedSeed  uint64     `json:"implied_seed"`
		DGP          DGP        `json:"dgp"`
		Rows         []TruthRow `json:"rows"`
	}{seed, ImpliedScale, ImpliedSeed, d, rows})
}

// WriteTruthCSV writes the truth rows as CSV.
func WriteTruthCSV(w io.Writer, rows []TruthRow) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"table", "column", "region", "group", "variable", "paper", "truth", "kind"})
	for _, r := range rows {
		_ = cw.Write([]string{r.Table, r.Column, r.Region, r.Group, r.Variable,
			strconv.FormatFloat(r.Paper, 'f', -1, 64), strconv.FormatFloat(r.Truth, 'f', 6, 64), r.Kind})
	}
	cw.Flush()
	return cw.Error()
}

// WriteTFP writes the true TFP path: city, year, tfp (12 significant
// digits), eps.
func WriteTFP(w io.Writer, p *Panel) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"city", "year", "tfp", "eps"})
	for k := range p.Records {
		r := &p.Records[k]
		if err := cw.Write([]string{r.City, strconv.Itoa(r.Year),
			strconv.FormatFloat(p.TFP[k], 'g', 12, 64), strconv.FormatFloat(p.Eps[k], 'g', 12, 64)}); err != nil {
			return fmt.Errorf("synth: writing TFP: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}
