// Package figure draws lib/malmquist results with gonum/plot as lib/plot
// Figures. It is a separate package so that lib/malmquist itself does not
// depend on the plotting stack.
package figure

import (
	"fmt"
	"image/color"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/econb/econb/lib/malmquist"
	"github.com/econb/econb/lib/plot"
)

// Intervals draws the annual geometric means of one component ("tfpch",
// "effch" or "techch") of a bootstrapped Malmquist index with their
// intervals as error bars against the period, and the no-change line at 1:
// the figure of the Malmquist chapter. It returns a lib/plot Figure (SVG,
// PNG, Save, display.Show).
func Intervals(b *malmquist.Boot, component, title string) (*plot.Figure, error) {
	get := map[string]func(malmquist.BootIndex) malmquist.Interval{
		"tfpch":  func(x malmquist.BootIndex) malmquist.Interval { return x.TFPCh },
		"effch":  func(x malmquist.BootIndex) malmquist.Interval { return x.EffCh },
		"techch": func(x malmquist.BootIndex) malmquist.Interval { return x.TechCh }}[component]
	if get == nil {
		return nil, fmt.Errorf("%w: component %q: use tfpch, effch or techch", plot.ErrInput, component)
	}
	if b == nil || len(b.PeriodIntervals) == 0 {
		return nil, fmt.Errorf("%w: no bootstrap periods to draw", plot.ErrInput)
	}
	names := map[string]string{"tfpch": "TFP change", "effch": "efficiency change", "techch": "technical change"}
	f := plot.New(title, "year", names[component]+" (geometric mean over units)")
	p := f.Plot
	pts := make(plotter.XYs, len(b.PeriodIntervals))
	errs := make(plotter.YErrors, len(b.PeriodIntervals))
	lo, hi := 1.0, 1.0
	for i, pi := range b.PeriodIntervals {
		iv := get(pi)
		pts[i] = plotter.XY{X: float64(pi.Period), Y: iv.Estimate}
		errs[i].Low, errs[i].High = iv.Estimate-iv.Lower, iv.Upper-iv.Estimate
		lo, hi = min(lo, iv.Lower), max(hi, iv.Upper)
	}
	bars, err := plotter.NewYErrorBars(struct {
		plotter.XYer
		plotter.YErrorer
	}{pts, errs})
	if err != nil {
		return nil, fmt.Errorf("malmquist: figure: %w", err)
	}
	bars.LineStyle.Width = vg.Points(1.2)
	bars.CapWidth = vg.Points(6)
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("malmquist: figure: %w", err)
	}
	sc.GlyphStyle.Radius = vg.Points(3)
	line, err := plotter.NewLine(plotter.XYs{{X: float64(b.PeriodIntervals[0].Period) - 0.5, Y: 1},
		{X: float64(b.PeriodIntervals[len(b.PeriodIntervals)-1].Period) + 0.5, Y: 1}})
	if err != nil {
		return nil, fmt.Errorf("malmquist: figure: %w", err)
	}
	line.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	line.LineStyle.Color = color.Gray{Y: 120}
	p.Add(line, bars, sc)
	f.Caption = fmt.Sprintf("Points: estimates; bars: %g%% Simar-Wilson (1999) bootstrap intervals; dashed line: no change.", 100*(1-b.Alpha))
	p.Y.Tick.Marker = gplot.TickerFunc(func(min, max float64) []gplot.Tick {
		ts := gplot.DefaultTicks{}.Ticks(min, max)
		for i := range ts {
			if ts[i].Label != "" {
				ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', 3, 64)
			}
		}
		return ts
	})
	pad := 0.05 * (hi - lo)
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	return f, nil
}
