package stata

import (
	"fmt"
	"math"
	"strings"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/malmquist"
)

const malmquistSyntax = "inputs = outputs [if] [in], dmu(var) period(var) [orient(in|out) generate(tfp tc ec) indices(tfpch techch effch) replace]"

// cmdMalmquist is the econb extension command malmquist: the DEA
// Malmquist productivity index of DEAP 2.1 (lib/malmquist, the engine of
// econb malmquist and of lib/chen's TFP), on the data in memory:
//
//	malmquist capital labour = rgdp, dmu(city) period(year) generate(tfp tc ec)
//
// adds the cumulative levels of TFP, technical change and efficiency
// change (1 in each DMU's first period; the level of t is that of t-1
// times the index of t), and with indices() the yearly indices tfpch,
// techch, effch (missing in the first period). Distances are radial with
// constant returns to scale; orient(in) (the default, lib/malmquist's) or
// orient(out) changes only rounding, not the CRS indices. The panel must
// be balanced, without missing inputs or outputs (DEAP's rule); if and in
// select the rows the frontiers are built from.
func (s *Session) cmdMalmquist(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	main, opts := splitComma(args)
	body, q := cutQualifiers(main)
	lhs, rhs, ok := strings.Cut(body, "=")
	if !ok {
		return syntaxErr("malmquist", "no \"=\" between the inputs and the outputs", malmquistSyntax)
	}
	inputs, err := Varlist(s.data, lhs)
	if err != nil {
		return fmt.Errorf("malmquist: inputs: %w", err)
	}
	outputs, err := Varlist(s.data, rhs)
	if err != nil {
		return fmt.Errorf("malmquist: outputs: %w", err)
	}
	if len(inputs) == 0 || len(outputs) == 0 {
		return syntaxErr("malmquist", "give at least one input and one output", malmquistSyntax)
	}
	o, err := parseOptions(opts)
	if err != nil {
		return fmt.Errorf("malmquist: %w", err)
	}
	dmu, period := o.arg("dmu", 3), o.arg("period", 3)
	if dmu == "" || period == "" {
		return syntaxErr("malmquist", "dmu() and period() are required", malmquistSyntax)
	}
	var mo malmquist.Options
	switch or := o.arg("orient", 3); or {
	case "", "in", "i", "input":
		mo.Orientation = dea.Input
	case "out", "o", "output":
		mo.Orientation = dea.Output
	default:
		return fmt.Errorf("malmquist: orient(%s): in or out: %w", or, ErrSyntax)
	}
	gen := []string{"tfp", "tc", "ec"}
	if x, ok := o.take("generate", 3); ok {
		gen = strings.Fields(x.Arg)
		if len(gen) != 3 {
			return syntaxErr("malmquist", "generate() names the three levels: TFP, technical change, efficiency change", malmquistSyntax)
		}
	}
	var ind []string
	if x, ok := o.take("indices", 3); ok {
		ind = strings.Fields(x.Arg)
		if len(ind) != 3 {
			return syntaxErr("malmquist", "indices() names the three yearly indices: tfpch, techch, effch", malmquistSyntax)
		}
	}
	replace := o.flag("replace", 7)
	if err := o.rest("malmquist"); err != nil {
		return fmt.Errorf("%w; the syntax is malmquist %s", err, malmquistSyntax)
	}
	newNames := append(append([]string(nil), gen...), ind...)
	for _, n := range newNames {
		if !validName(n) {
			return fmt.Errorf("malmquist: %q is not a valid variable name: %w", n, ErrSyntax)
		}
		if s.data.Has(n) && !replace {
			return fmt.Errorf("malmquist: variable %s already defined; add replace or name the results with generate(): %w", n, frame.ErrDuplicateName)
		}
	}
	sub := s.data
	var mask []bool
	if q.If != "" || q.In != "" {
		sel, err := selectRows("malmquist", s.data, q, nil)
		if err != nil {
			return err
		}
		mask = sel.Mask
		if sub, err = s.data.KeepRows(mask); err != nil {
			return fmt.Errorf("malmquist: %w", err)
		}
	}
	d, err := malmquist.FromFrame(sub, dmu, period, inputs, outputs)
	if err != nil {
		return err
	}
	res, err := malmquist.Compute(d, mo)
	if err != nil {
		return err
	}
	type key struct {
		dmu    string
		period int
	}
	levels := make(map[key]malmquist.Level, len(res.Levels))
	for _, l := range res.Levels {
		levels[key{l.DMU, l.Period}] = l
	}
	index := make(map[key]malmquist.Index, len(res.Indices))
	for _, x := range res.Indices {
		index[key{x.DMU, x.Period}] = x
	}
	labels, _, err := s.data.Strings(dmu)
	if err != nil {
		return fmt.Errorf("malmquist: dmu(): %w", err)
	}
	per, err := s.data.Float(period)
	if err != nil {
		return fmt.Errorf("malmquist: period(): %w", err)
	}
	n := s.data.Len()
	cols := make([][]float64, len(newNames))
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	for r := 0; r < n; r++ {
		k := key{labels[r], int(per[r])}
		vals := []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}
		if mask == nil || mask[r] {
			if l, ok := levels[k]; ok {
				vals[0], vals[1], vals[2] = l.TFP, l.TC, l.EC
			}
			if x, ok := index[k]; ok {
				vals[3], vals[4], vals[5] = x.TFPCh, x.TechCh, x.EffCh
			}
		}
		for j := range cols {
			cols[j][r] = vals[j]
		}
	}
	g := s.data
	for j, name := range newNames {
		if g.Has(name) {
			if g, err = g.DropVars(name); err != nil {
				return err
			}
		}
		if g, err = g.GenerateFloat(name, cols[j]); err != nil {
			return fmt.Errorf("malmquist: %w", err)
		}
	}
	s.printMalmquist(res, d)
	s.data, s.dirty = g.WithNotes(nil), true
	return nil
}

// printMalmquist prints DEAP's summary of annual means and the overall
// mean, and the notes.
func (s *Session) printMalmquist(res *malmquist.Result, d malmquist.Data) {
	orient := "input"
	if res.Orientation == dea.Output {
		orient = "output"
	}
	s.printf("Malmquist index (DEAP 2.1: CRS distances, %s orientation): %d DMUs, %d periods, inputs %s, outputs %s\n",
		orient, len(res.DMUs), len(res.Periods), strings.Join(d.InputNames, " "), strings.Join(d.OutputNames, " "))
	s.printf("\n MALMQUIST INDEX SUMMARY OF ANNUAL MEANS\n\n  year    effch   techch    pech    sech   tfpch\n")
	for _, m := range res.PeriodMeans {
		s.printf("  %4d  %7.3f  %7.3f  %6.3f  %6.3f  %6.3f\n", m.Period, m.EffCh, m.TechCh, m.PECh, m.SECh, m.TFPCh)
	}
	o := res.Overall
	s.printf("  mean  %7.3f  %7.3f  %6.3f  %6.3f  %6.3f\n", o.EffCh, o.TechCh, o.PECh, o.SECh, o.TFPCh)
	s.println(res.Notes...)
}
