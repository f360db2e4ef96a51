package dea

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/frame"
)

// ErrMissing marks a missing value in a DEA variable (it wraps ErrData).
var ErrMissing = fmt.Errorf("%w: missing value", ErrData)

// Data is a cross-section of DMUs laid out for the single-period models:
// row j holds DMU j's inputs, good outputs, bad outputs (optional) and
// input prices (optional, for cost efficiency).
type Data struct {
	DMU                               []string
	Inputs, Outputs, Bad, Prices      [][]float64
	InputNames, OutputNames, BadNames []string
	PriceNames                        []string
}

// FrameOption adds optional columns to FromFrame (WithBad, WithPrices).
type FrameOption func(*frameCols)

type frameCols struct{ bad, prices []string }

// WithBad names the bad (undesirable) output columns, e.g. SO2 emissions.
func WithBad(cols ...string) FrameOption {
	return func(c *frameCols) { c.bad = append(c.bad, cols...) }
}

// WithPrices names the input-price columns, one per input in the order of
// the inputs (DEAP's cost-DEA takes per-DMU prices).
func WithPrices(cols ...string) FrameOption {
	return func(c *frameCols) { c.prices = append(c.prices, cols...) }
}

// FrameColumns returns the bad-output and price columns named by opts.
func FrameColumns(opts ...FrameOption) (bad, prices []string) {
	var c frameCols
	for _, o := range opts {
		o(&c)
	}
	return c.bad, c.prices
}

// FromFrame reads a cross-section from fr: the DMU label column dmu (text
// or numeric) and numeric input and output columns, plus the columns of
// WithBad and WithPrices. Every data set enters the DEA models this way.
//
// DEA has no missing-value treatment: a missing cell (lib/frame's policy:
// empty, NA, NaN, ".") in any of these columns is an error naming the DMU,
// the column and the row, with the fix. A column used twice (say as input
// and output) is an error. Values must also be > 0; that is checked by the
// models, with the DMU named.
func FromFrame(fr *frame.Frame, dmu string, inputs, outputs []string, opts ...FrameOption) (*Data, error) {
	bad, prices := FrameColumns(opts...)
	if err := CheckRoles([][2]string{{dmu, "DMU"}}, [][]string{inputs, outputs, bad, prices},
		[]string{"input", "output", "bad output", "price"}); err != nil {
		return nil, err
	}
	if len(prices) > 0 && len(prices) != len(inputs) {
		return nil, fmt.Errorf("%w: %d price columns for %d inputs; give one price per input, in the order of the inputs", ErrData, len(prices), len(inputs))
	}
	labels, miss, err := fr.Strings(dmu)
	if err != nil {
		return nil, fmt.Errorf("dea: DMU column: %w", err)
	}
	var noLabel []string
	for i, m := range miss {
		if m {
			noLabel = append(noLabel, fmt.Sprintf("row %d", i+1))
		}
	}
	if len(noLabel) > 0 {
		return nil, fmt.Errorf("%w: the DMU column %q is missing on %d row(s): %s; give every row a DMU label", ErrData, dmu, len(noLabel), capList(noLabel))
	}
	label := func(i int) string { return fmt.Sprintf("DMU %q", labels[i]) }
	d := &Data{DMU: labels, InputNames: inputs, OutputNames: outputs, BadNames: bad, PriceNames: prices}
	for _, c := range []struct {
		dst   *[][]float64
		cols  []string
		roles string
	}{{&d.Inputs, inputs, "input"}, {&d.Outputs, outputs, "output"}, {&d.Bad, bad, "bad output"}, {&d.Prices, prices, "price"}} {
		if len(c.cols) == 0 {
			continue
		}
		if *c.dst, err = FrameMatrix(fr, c.cols, c.roles, label); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// CheckRoles checks that no column plays two roles: labels are the label
// columns (DMU, period) as {column, role} pairs, groups the lists of
// variables with their role names. An empty name or a column listed twice
// is an ErrData error saying which roles collide.
func CheckRoles(labels [][2]string, groups [][]string, names []string) error {
	seen := map[string]string{}
	for _, lr := range labels {
		col, role := lr[0], lr[1]
		if col == "" {
			return fmt.Errorf("%w: no %s column given", ErrData, role)
		}
		if prev, ok := seen[col]; ok {
			return fmt.Errorf("%w: column %q is both the %s and the %s column", ErrData, col, prev, role)
		}
		seen[col] = role + " column"
	}
	for g, cols := range groups {
		for _, col := range cols {
			if col == "" {
				return fmt.Errorf("%w: an empty %s column name (check the commas in the list)", ErrData, names[g])
			}
			role := names[g]
			if prev, ok := seen[col]; ok {
				if prev == role {
					return fmt.Errorf("%w: column %q is listed twice as %s", ErrData, col, role)
				}
				return fmt.Errorf("%w: column %q is used as %s and as %s; a variable can play one role only", ErrData, col, prev, role)
			}
			seen[col] = role
		}
	}
	return nil
}

// FrameMatrix reads the numeric columns cols of fr into rows (row i holds
// the values of data row i). A missing cell is an error naming the row
// (through label, e.g. `DMU "Beijing", period 2005`) and the column: DEA
// has no missing-value treatment. Up to ten cells are listed.
func FrameMatrix(fr *frame.Frame, cols []string, role string, label func(row int) string) ([][]float64, error) {
	n := fr.Len()
	out := make([][]float64, n)
	flat := make([]float64, n*len(cols))
	for i := range out {
		out[i] = flat[i*len(cols) : (i+1)*len(cols)]
	}
	var missing []string
	for c, name := range cols {
		v, err := fr.Float(name)
		if err != nil {
			if errors.Is(err, frame.ErrNotNumeric) {
				return nil, notNumeric(fr, name, role, label)
			}
			return nil, fmt.Errorf("dea: %s column: %w", role, err)
		}
		miss, err := fr.Missing(name)
		if err != nil {
			return nil, fmt.Errorf("dea: %s column %q: %w", role, name, err)
		}
		for i, x := range v {
			if (i < len(miss) && miss[i]) || math.IsNaN(x) {
				missing = append(missing, fmt.Sprintf("%s, column %q (row %d)", label(i), name, i+1))
				continue
			}
			out[i][c] = x
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %d in %s columns: %s. DEA has no missing-value treatment: fill them in, or drop those rows",
			ErrMissing, len(missing), role, capList(missing))
	}
	return out, nil
}

// notNumeric describes the non-numeric cells of a column (frame's own
// message suggests regression remedies).
func notNumeric(fr *frame.Frame, name, role string, label func(int) string) error {
	cells, miss, err := fr.Strings(name)
	if err != nil {
		return fmt.Errorf("dea: %s column: %w", role, err)
	}
	var bad []string
	for i, c := range cells {
		if miss[i] {
			continue
		}
		if _, err := strconv.ParseFloat(strings.TrimSpace(c), 64); err != nil {
			bad = append(bad, fmt.Sprintf("%s (row %d) has %q", label(i), i+1, c))
		}
	}
	return fmt.Errorf("%w: %s column %q is not numeric: %s; DEA needs a number in every cell (rows count data rows: row r is line r+1 of a CSV file)",
		ErrData, role, name, capList(bad))
}

// capList joins items, listing at most ten.
func capList(items []string) string {
	const max = 10
	if len(items) <= max {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:max], "; ") + fmt.Sprintf("; … (%d in all)", len(items))
}

// Subset returns the DMUs of d at rows (in that order).
func (d *Data) Subset(rows []int) *Data {
	pick := func(v [][]float64) [][]float64 {
		if v == nil {
			return nil
		}
		out := make([][]float64, len(rows))
		for k, r := range rows {
			out[k] = v[r]
		}
		return out
	}
	s := &Data{InputNames: d.InputNames, OutputNames: d.OutputNames, BadNames: d.BadNames, PriceNames: d.PriceNames,
		Inputs: pick(d.Inputs), Outputs: pick(d.Outputs), Bad: pick(d.Bad), Prices: pick(d.Prices)}
	for _, r := range rows {
		s.DMU = append(s.DMU, d.DMU[r])
	}
	return s
}
