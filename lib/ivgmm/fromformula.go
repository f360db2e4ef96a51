package ivgmm

import (
	"fmt"
	"math"

	"github.com/go-gota/gota/dataframe"

	"github.com/econb/econb/lib/design"
	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

// FitFormula fits a model written as a formula (package formula), such as
//
//	tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)
//
// to the columns of df (package frame's missing-value policy: gota NA,
// empty, "NA" and "." are NaN), with the options opt: opt.Panel for l(),
// f() and d(), opt.VCE naming its columns (ClusterBy("city")). It is
// FromFormula followed by Fit.
func FitFormula(f string, df dataframe.DataFrame, opt Options) (*Result, error) {
	fr, err := frame.FromDataFrame(df)
	if err != nil {
		return nil, err
	}
	return FitFrame(f, fr, opt)
}

// FitFrame is FitFormula on a frame.Frame (for example from frame.ReadCSV).
// Result.VCE is opt.VCE as given (ClusterBy("city"), not its codes).
func FitFrame(f string, fr *frame.Frame, opt Options) (*Result, error) {
	d, o, err := FromFrame(f, fr, opt)
	if err != nil {
		return nil, err
	}
	r, err := Fit(d, o)
	if err != nil {
		return nil, err
	}
	if opt.VCE != nil && !(opt.Weights.Kind == PWeights && opt.VCE == IID()) { // pweights made it Robust()
		r.VCE = opt.VCE
	}
	return r, nil
}

// FromFormula builds the Data of a formula on the columns of df and
// returns it with opt resolved for it: the columns the options name
// (ClusterBy's cluster variable, the panel index) read from df, so that
// Fit(d, o) is FitFormula. Columns are named as in the formula's
// canonical text (l(sagg,1), l(sagg,2), region::south for i(region)); the
// fixed effects become Data.FE in their order, so the first is the panel
// unit of xtivreg2 fe. A row where the cluster variable is missing is
// dropped as missing. Errors are *formula.Error values pointing into f,
// or frame and design errors naming the column and row.
func FromFormula(f string, df dataframe.DataFrame, opt Options) (*Data, Options, error) {
	fr, err := frame.FromDataFrame(df)
	if err != nil {
		return nil, opt, err
	}
	return FromFrame(f, fr, opt)
}

// FromFrame is FromFormula on a frame.Frame. It also reads the columns
// that the design does not carry: the weights, the second variable of
// two-way clustering, and the time column of TimeBy; a row where one of
// them is missing is dropped as missing. The Data's columns and codes may
// be the frame's own (a bare variable is not copied; see package design):
// do not modify them.
func FromFrame(f string, fr *frame.Frame, opt Options) (*Data, Options, error) {
	if opt.VCE == nil {
		opt.VCE = IID()
	}
	o := design.Options{Entity: opt.Panel.Entity, Time: opt.Panel.Time}
	if opt.Panel.Entity == "" {
		o.Time = "" // a time series: design has no such index, read below
	}
	opt.VCE.designOptions(&o)
	ff, err := formula.Parse(f)
	if err != nil {
		return nil, opt, err
	}
	d, err := design.Build(ff, fr, o)
	if err != nil {
		return nil, opt, err
	}
	opt.VCE = opt.VCE.resolve(d)
	opt.Panel.ix = d.Panel
	y := d.Y
	dropMissing := func(miss func(i int) bool) {
		for i := range y {
			if miss(i) && !math.IsNaN(y[i]) {
				if &y[0] == &d.Y[0] {
					y = append([]float64(nil), d.Y...)
				}
				y[i] = math.NaN()
			}
		}
	}
	if w := opt.Weights; w.Kind != NoWeights && w.W == nil {
		x, err := fr.Float(w.Var)
		if err != nil {
			return nil, opt, fmt.Errorf("weights %s: %w", w.Stata(), err)
		}
		opt.Weights.W = x
		dropMissing(func(i int) bool { return math.IsNaN(x[i]) })
	}
	if c, ok := opt.VCE.(cluster); ok && c.name2 != "" && c.ids2 == nil && c.name2 != "\x00too many" {
		codes, _, err := fr.Codes(c.name2)
		if err != nil {
			return nil, opt, fmt.Errorf("second cluster variable %q: %w", c.name2, err)
		}
		c.ids2 = &codes
		opt.VCE = c
		dropMissing(func(i int) bool { return codes[i] < 0 })
	}
	if opt.Panel.Entity == "" && opt.Panel.Time != "" && opt.Panel.on == nil {
		x, err := fr.Float(opt.Panel.Time)
		if err != nil {
			return nil, opt, fmt.Errorf("time variable %q: %w", opt.Panel.Time, err)
		}
		t, err := timeColumn(opt.Panel.Time, x)
		if err != nil {
			return nil, opt, err
		}
		opt.Panel.on = &timeRows{time: t}
		dropMissing(func(i int) bool { return math.IsNaN(x[i]) })
	}
	return &Data{
		DepName:    d.DepName,
		Y:          y,
		ExogNames:  design.Names(d.Exog),
		Exog:       design.Values(d.Exog),
		EndogNames: design.Names(d.Endog),
		Endog:      design.Values(d.Endog),
		InstrNames: design.Names(d.Instr),
		Instr:      design.Values(d.Instr),
		Const:      d.Const,
		FENames:    d.FENames,
		FE:         d.FE,
	}, opt, nil
}
