// Package paper holds the printed results of Rui Chen, "The Impact of
// Producer Services Agglomeration on Total Factor Productivity": its
// Tables 1-3 as one embedded file, tables.json, and the names its headers
// print. It is the one source of the paper's numbers: lib/chen compares
// estimates with them, lib/synth takes the synthetic panel's structural
// coefficients from them, and the notebooks show them.
//
// tables.json is a byte-for-byte copy of shared/paper/tables.json, the
// transcription of the tables from the paper's text (its OCR fixes are
// listed in the file; testdata/printed_tables.md is the printed text it
// was transcribed from). Its layout is report's published-tables format:
//
//	{"source": …, "conventions": {"fixed_effects": "city and year", …},
//	 "tables": [{"table": "1", "caption": …,
//	             "columns": [{"estimator": "2sls", "sagg": "total"}, …],   one descriptor per column
//	             "rows":  {"SAGG": [{"coef": 0.050, "t": 2.56, "stars": 2}, …], …},
//	             "stats": {"kp_lm": [101.265, …], "kp_lm_p": [0.000, …], …}}, …]}
//
// Columns are identified by their descriptors: estimator (2sls, gmm2s),
// sagg (total, high, low), region (east, central, west; absent = the
// national sample) and depvar (tc, ec; absent = tfp).
//
// The package depends only on lib/report (the generic published-table
// model), so that both lib/chen and lib/synth (which lib/chen imports) can
// read it.
package paper

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/econb/econb/lib/report"
)

//go:embed tables.json
var tablesJSON []byte

// Labels print the paper's names: the column descriptors of tables.json
// as its headers do, and the regression frame's variables (lib/chen) as
// its rows do: every agglomeration index is "SAGG", the controls are upper
// case, the paper's TC is its "TE". It serves as report.RegOptions.Labels,
// report.CompareOptions.Labels and plot.CoefOptions.Labels, and labels
// the published tables' headers (Published).
var Labels = map[string]string{
	// estimators, groups, samples, dependent variables
	"2sls": "2SLS", "gmm2s": "IV-GMM",
	"total": "Total sample", "high": "High-end", "low": "Low-end",
	"east": "East", "central": "Central", "west": "West", "national": "National",
	"tfp": "TFP", "tc": "TE", "ec": "EC", "tfp_true": "TFP (DGP)",
	// the regression frame's columns
	"sagg_total": "SAGG", "sagg_high": "SAGG", "sagg_low": "SAGG",
	"str": "STR", "gov": "GOV", "pgdp": "PGDP", "fdi": "FDI", "h": "H", "road": "ROAD", "pop": "POP",
	"city": "City", "year": "Year",
}

// Published returns the paper's Tables 1-3, a fresh copy on every call,
// with Labels as the header names.
func Published() (*report.Published, error) {
	p, err := report.ParsePublished(bytes.NewReader(tablesJSON))
	if err != nil {
		return nil, fmt.Errorf("paper: the embedded tables.json: %w", err)
	}
	p.SetLabels(Labels)
	return p, nil
}

// published is the parsed file shared by the lookups below (never
// modified, never handed out).
var published = sync.OnceValues(Published)

// Column returns the 1-based column of table whose descriptors match want:
// every key of want has that value ("" for a key the column lacks), e.g.
// Column("2", map[string]string{"region": "east", "sagg": "high"}) = 1.
// It is an error unless exactly one column matches.
func Column(table string, want map[string]string) (int, error) {
	pt, err := lookup(table)
	if err != nil {
		return 0, err
	}
	found := 0
	for j, d := range pt.Columns {
		ok := true
		for k, v := range want {
			if d[k] != v {
				ok = false
			}
		}
		if ok {
			if found > 0 {
				return 0, fmt.Errorf("paper: table %s: columns %d and %d both match %v", table, found, j+1, want)
			}
			found = j + 1
		}
	}
	if found == 0 {
		return 0, fmt.Errorf("paper: table %s has no column %v", table, want)
	}
	return found, nil
}

// Cell returns the printed cell of row ("SAGG", "STR", …) in the 1-based
// column of table: coefficient, t and stars.
func Cell(table string, column int, row string) (report.PubCoef, error) {
	pt, err := lookup(table)
	if err != nil {
		return report.PubCoef{}, err
	}
	if column < 1 || column > len(pt.Columns) {
		return report.PubCoef{}, fmt.Errorf("paper: table %s has columns 1-%d, not %d", table, len(pt.Columns), column)
	}
	var names []string
	for _, r := range pt.Rows {
		if r.Name == row {
			return r.Cells[column-1], nil
		}
		names = append(names, r.Name)
	}
	return report.PubCoef{}, fmt.Errorf("paper: table %s has no row %q (rows: %s)", table, row, strings.Join(names, ", "))
}

// Coef returns the printed coefficient of row in the 1-based column of
// table.
func Coef(table string, column int, row string) (float64, error) {
	c, err := Cell(table, column, row)
	return c.Coef.Value, err
}

// MustCoef is Coef(table, Column(table, want), row) for numbers the code
// knows the paper prints; it panics if the embedded file lacks them.
func MustCoef(table string, want map[string]string, row string) float64 {
	c, err := Column(table, want)
	if err == nil {
		var v float64
		if v, err = Coef(table, c, row); err == nil {
			return v
		}
	}
	panic(err)
}

func lookup(id string) (*report.PublishedTable, error) {
	p, err := published()
	if err != nil {
		return nil, err
	}
	return p.Table(id)
}
