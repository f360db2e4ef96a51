package malmquist

import (
	"errors"
	"fmt"
	"math"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
)

// FromFrame lays columns of fr out as a Malmquist panel: dmu labels the
// DMU (text or numeric), period holds integer periods (years), inputs and
// outputs are numeric columns; dea.WithBad(cols...) adds bad outputs (the
// Malmquist-Luenberger index). Every data set enters lib/malmquist this way,
// with lib/frame's missing-value policy (empty, NA, NaN, "." are missing):
//
//	fr, err := frame.ReadCSV("panel.csv")
//	d, err := malmquist.FromFrame(fr, "city", "year", []string{"K", "L"}, []string{"gdp"})
//	res, err := malmquist.Compute(d, malmquist.Options{Orientation: dea.Output})
//
// DEA has no missing-value treatment: a missing input or output is an
// error naming the DMU, the period and the column, with the fix (fill it
// in, or drop the row and allow the unbalanced panel with
// Options.CommonDMUs). So are a missing DMU label or period, a period that
// is not an integer, and a column used in two roles (say as input and as
// output). Values must also be > 0 (checked by Compute, with the DMU and
// period named).
func FromFrame(fr *frame.Frame, dmu, period string, inputs, outputs []string, opts ...dea.FrameOption) (Data, error) {
	bad, prices := dea.FrameColumns(opts...)
	if len(prices) > 0 {
		return Data{}, fmt.Errorf("%w: input prices (%v) are not used by the Malmquist index; drop dea.WithPrices", ErrData, prices)
	}
	if err := dea.CheckRoles([][2]string{{dmu, "DMU"}, {period, "period"}}, [][]string{inputs, outputs, bad},
		[]string{"input", "output", "bad output"}); err != nil {
		return Data{}, fmt.Errorf("malmquist: %w", err)
	}
	labels, miss, err := fr.Strings(dmu)
	if err != nil {
		return Data{}, fmt.Errorf("malmquist: DMU column: %w", err)
	}
	pv, err := fr.Float(period)
	if err != nil {
		return Data{}, fmt.Errorf("malmquist: period column: %w", err)
	}
	pmiss, err := fr.Missing(period)
	if err != nil {
		return Data{}, fmt.Errorf("malmquist: period column: %w", err)
	}
	var problems []string
	per := make([]int, len(pv))
	for i := range pv {
		switch {
		case miss[i]:
			problems = append(problems, fmt.Sprintf("row %d has no DMU label", i+1))
		case pmiss[i] || math.IsNaN(pv[i]):
			problems = append(problems, fmt.Sprintf("row %d (DMU %q) has no period", i+1, labels[i]))
		case pv[i] != math.Trunc(pv[i]) || math.Abs(pv[i]) > 1e9:
			problems = append(problems, fmt.Sprintf("row %d (DMU %q) has period %v, not an integer", i+1, labels[i], pv[i]))
		default:
			per[i] = int(pv[i])
		}
	}
	if len(problems) > 0 {
		return Data{}, fmt.Errorf("%w: the DMU column %q and the period column %q must be present and the period an integer (a year) on every row: %s",
			ErrData, dmu, period, joinCapped(problems))
	}
	label := func(i int) string { return fmt.Sprintf("DMU %q, period %d", labels[i], per[i]) }
	d := Data{DMU: labels, Period: per, InputNames: inputs, OutputNames: outputs}
	hint := func(err error) error {
		if errors.Is(err, dea.ErrMissing) {
			return fmt.Errorf("malmquist: %w; a panel with rows dropped is unbalanced: allow it with Options.CommonDMUs (econb malmquist --common)", err)
		}
		return fmt.Errorf("malmquist: %w", err)
	}
	if d.Inputs, err = dea.FrameMatrix(fr, inputs, "input", label); err != nil {
		return Data{}, hint(err)
	}
	if d.Outputs, err = dea.FrameMatrix(fr, outputs, "output", label); err != nil {
		return Data{}, hint(err)
	}
	if len(bad) > 0 {
		d.BadNames = bad
		if d.Bad, err = dea.FrameMatrix(fr, bad, "bad output", label); err != nil {
			return Data{}, hint(err)
		}
	}
	return d, nil
}
