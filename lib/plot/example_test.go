package plot_test

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
	"gonum.org/v1/plot/plotter"
)

// result stands for any estimator's result type that implements
// report.Fitted, such as *ivgmm.Result.
type result struct {
	name  string
	b, se float64
}

func (r *result) ReportTitle() string  { return r.name }
func (r *result) ReportDepVar() string { return "tfp" }
func (r *result) ReportCoefs() []report.Coef {
	return []report.Coef{{Name: "sagg", B: r.b, SE: r.se}}
}
func (r *result) ReportStats() []report.Stat { return nil }
func (r *result) ReportFE() []string         { return nil }

// A coefficient plot of a slice of concrete results (no conversion to
// []report.Fitted), with the paper's estimates and the DGP truth as extra
// markers: one row per model under its estimator's header.
func ExampleCoefficients() {
	rs := []*result{{"2SLS", 0.0266, 0.0258}, {"2SLS", 0.0682, 0.0217}, {"IV-GMM", 0.0281, 0.0222}}
	f, err := plot.Coefficients(rs, plot.CoefOptions{
		Title:  "Table 1: SAGG on TFP (95% CI, clustered by city)",
		Labels: map[string]string{"sagg": "SAGG"},
		Names:  []string{"Total sample", "High-end", "Total sample"},
		Groups: []string{"2SLS", "2SLS", "IV-GMM"},
		Marks: []plot.Mark{
			{Name: "Paper", Values: []float64{0.050, 0.058, 0.050}},
			{Name: "DGP truth", Values: []float64{0.0484, 0.0591, 0.0484}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := f.SVG()
	fmt.Println(err == nil && len(svg) > 0, f.Legend == plot.LegendBottom)
	// Output: true true
}

// Rows of estimates from anywhere, here a published table with a
// t-based interval for one row.
func ExampleCoefRows() {
	f, err := plot.CoefRows([]plot.CoefRow{
		{Group: "East", Label: "High-end", B: 0.068, SE: 0.020},
		{Group: "East", Label: "Low-end", B: 0.027, Lo: -0.011, Hi: 0.065},
		{Group: "West", Label: "High-end", B: 0.044, SE: 0.047},
	}, plot.CoefOptions{XLabel: "Coefficient on SAGG", Inner: 0.90})
	fmt.Println(err == nil && f != nil)
	// Output: true
}

// The 95% interval as Stata prints it for a z statistic: b ± 1.96·SE.
func ExampleInterval() {
	lo, hi := plot.Interval(0.050, 0.0195, 0.95)
	fmt.Printf("[%.4f, %.4f]\n", lo, hi)
	// Output: [0.0118, 0.0882]
}

// Group means of TFP levels over time, labelled at their ends; SVG bytes
// for inline display.
func ExamplePaths() {
	years := []float64{2003, 2004, 2005}
	f, err := plot.Paths([]plot.Series{
		{Group: "East", Unit: "Beijing", X: years, Y: []float64{1, 1.05, 1.12}},
		{Group: "West", Unit: "Lhasa", X: years, Y: []float64{1, 0.98, 1.01}},
	}, plot.PathOptions{Title: "TFP level", XLabel: "year"})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := f.SVG()
	fmt.Println(err == nil && len(svg) > 0)
	// Output: true
}

// The box of a sample as ggplot2 draws it (quartiles of R's quantile
// type 7; 2.5 lies beyond 1.3 + 1.5·0.4 and is an outlier).
func ExampleBoxSummary() {
	s, err := plot.BoxSummary([]float64{0.8, 1.1, 1.3, 0.9, 2.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Lower, s.Q1, s.Median, s.Q3, s.Upper, s.Outliers)
	// Output: 0.8 0.9 1.1 1.3 1.3 [2.5]
}

// A figure drawn with gonum/plot directly, in the theme: colours and
// shapes from the palette, the legend outside the data.
func ExampleNew() {
	f := plot.New("TFP growth, % a year", "PWT", "DEA Malmquist")
	pts := plotter.XYs{{X: 1.2, Y: 1.0}, {X: 0.4, Y: 0.7}, {X: -0.3, Y: 0.1}}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		fmt.Println(err)
		return
	}
	sc.GlyphStyle.Color, sc.GlyphStyle.Shape = plot.Color(0), plot.Shape(0)
	f.Plot.Add(sc)
	f.Plot.Legend.Add("countries", sc)
	png, err := f.PNG()
	fmt.Println(err == nil && len(png) > 0, math.Round(float64(f.Width/72)))
	// Output: true 7
}
