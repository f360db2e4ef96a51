package ivgmm

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"

	"github.com/econb/econb/lib/design"
	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

// FormulaOption sets how FromFormula reads the data: the panel index and
// the cluster variable.
type FormulaOption func(*design.Options)

// Panel names the entity and time columns of a panel, which l(), f() and
// d() need (as Stata's xtset entity time). The time column must hold whole
// numbers; a gap in it makes the lags across it missing.
func Panel(entity, time string) FormulaOption {
	return func(o *design.Options) { o.Entity, o.Time = entity, time }
}

// ClusterVar names the cluster variable of VCE Cluster (Stata's
// cluster(var)); it may be numeric or text.
func ClusterVar(name string) FormulaOption {
	return func(o *design.Options) { o.Cluster = name }
}

// FromFormula builds the Data of a model written as a formula (package
// formula), such as
//
//	tfp ~ str + gov | city + year | sagg ~ l(sagg, 1:2)
//
// on the columns of df (package frame's missing-value policy: gota NA,
// empty, "NA" and "." are NaN). Columns are named as in the formula's
// canonical text (l(sagg,1), l(sagg,2), region::south for i(region)); the
// fixed effects become Data.FE in their order, so the first is the panel
// unit of xtivreg2 fe. Errors are *formula.Error values pointing into f, or
// frame and design errors naming the column and row.
func FromFormula(f string, df dataframe.DataFrame, opts ...FormulaOption) (*Data, error) {
	fr, err := frame.FromDataFrame(df)
	if err != nil {
		return nil, err
	}
	return FromFrame(f, fr, opts...)
}

// FromFrame is FromFormula on a frame.Frame (for example from frame.ReadCSV).
func FromFrame(f string, fr *frame.Frame, opts ...FormulaOption) (*Data, error) {
	var o design.Options
	for _, opt := range opts {
		opt(&o)
	}
	ff, err := formula.Parse(f)
	if err != nil {
		return nil, err
	}
	d, err := design.Build(ff, fr, o)
	if err != nil {
		return nil, err
	}
	return &Data{
		DepName:     d.DepName,
		Y:           d.Y,
		ExogNames:   design.Names(d.Exog),
		Exog:        design.Values(d.Exog),
		EndogNames:  design.Names(d.Endog),
		Endog:       design.Values(d.Endog),
		InstrNames:  design.Names(d.Instr),
		Instr:       design.Values(d.Instr),
		Const:       d.Const,
		FENames:     d.FENames,
		FE:          d.FE,
		ClusterName: d.ClusterName,
		Cluster:     d.Cluster,
	}, nil
}

// FitFormula is FromFormula followed by Fit. With VCE Cluster and no
// ClusterVar option it is an error naming the option.
func FitFormula(f string, df dataframe.DataFrame, opt Options, fopts ...FormulaOption) (*Result, error) {
	d, err := FromFormula(f, df, fopts...)
	if err != nil {
		return nil, err
	}
	return fitData(d, opt)
}

// FitFrame is FitFormula on a frame.Frame.
func FitFrame(f string, fr *frame.Frame, opt Options, fopts ...FormulaOption) (*Result, error) {
	d, err := FromFrame(f, fr, fopts...)
	if err != nil {
		return nil, err
	}
	return fitData(d, opt)
}

func fitData(d *Data, opt Options) (*Result, error) {
	if opt.VCE.Kind == Cluster && d.Cluster == nil {
		return nil, fmt.Errorf("%w: VCE cluster needs the cluster variable: pass ivgmm.ClusterVar(\"name\")", ErrInput)
	}
	return Fit(d, opt)
}
