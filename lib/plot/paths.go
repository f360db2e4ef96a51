package plot

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one unit's path over time (a city's TFP level by year), in a
// group (its region).
type Series struct {
	Group, Unit string
	X, Y        []float64
}

// PathOptions shape a paths figure.
type PathOptions struct {
	Title, XLabel, YLabel string
	// NoUnits leaves out the thin per-unit lines and draws the group means
	// only.
	NoUnits bool
	// Legend names the groups in a legend right of the plot instead of
	// labelling each mean line at its end; groups beyond MaxDirectLabels
	// always get a legend.
	Legend bool
	// Caption overrides the default note under the figure ("" keeps it;
	// "-" removes it).
	Caption string
}

// MaxDirectLabels is the largest number of groups Paths labels at the
// line ends; more get a legend.
const MaxDirectLabels = 8

// Paths draws series by group over time: each unit as a thin, faint line
// in its group's colour and, on top, the group mean at each x (the
// arithmetic mean over the group's units observed at that x) as a thick
// line, labelled with the group's name at its right end (ggplot2 with
// directlabels' "last.points"), or in a legend when there are more than
// MaxDirectLabels groups or opt.Legend is set. Groups keep their order of
// first appearance and take the theme's colours in that order. A NaN or
// infinite value is an error naming the unit and position: drop or impute
// it first.
func Paths(series []Series, opt PathOptions) (*Figure, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("%w: no series to plot", ErrInput)
	}
	type acc struct {
		xs     []float64 // distinct x in order of first appearance
		sum, n map[float64]float64
	}
	var groups []string
	byGroup := map[string]*acc{}
	f := New(opt.Title, opt.XLabel, opt.YLabel)
	p := f.Plot
	units := 0
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("%w: series %s/%s has %d x and %d y values", ErrInput, s.Group, s.Unit, len(s.X), len(s.Y))
		}
		a, ok := byGroup[s.Group]
		if !ok {
			a = &acc{sum: map[float64]float64{}, n: map[float64]float64{}}
			byGroup[s.Group] = a
			groups = append(groups, s.Group)
		}
		units++
		xy := make(plotter.XYs, len(s.X))
		for i := range s.X {
			if bad(s.X[i]) || bad(s.Y[i]) {
				return nil, fmt.Errorf("%w: series %s/%s: point %d is (%g, %g); drop or impute it", ErrInput, s.Group, s.Unit, i+1, s.X[i], s.Y[i])
			}
			xy[i].X, xy[i].Y = s.X[i], s.Y[i]
			if _, seen := a.n[s.X[i]]; !seen {
				a.xs = append(a.xs, s.X[i])
			}
			a.sum[s.X[i]] += s.Y[i]
			a.n[s.X[i]]++
		}
		if opt.NoUnits || len(xy) == 0 {
			continue
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("plot: series %s/%s: %w", s.Group, s.Unit, err)
		}
		l.LineStyle = draw.LineStyle{Color: faint(Color(indexOf(groups, s.Group)), 0.22), Width: vg.Points(0.4)}
		p.Add(l)
	}
	legend := opt.Legend || len(groups) > MaxDirectLabels
	for gi, g := range groups {
		a := byGroup[g]
		xs := append([]float64(nil), a.xs...)
		sort.Float64s(xs)
		if len(xs) == 0 {
			continue
		}
		mean := make(plotter.XYs, len(xs))
		for i, x := range xs {
			mean[i].X, mean[i].Y = x, a.sum[x]/a.n[x]
		}
		l, err := plotter.NewLine(mean)
		if err != nil {
			return nil, fmt.Errorf("plot: group %s: %w", g, err)
		}
		l.LineStyle = draw.LineStyle{Color: Color(gi), Width: vg.Points(2)}
		if legend {
			// Without direct labels, greyscale needs dashes to tell lines apart.
			l.LineStyle.Dashes = Dashes(gi)
			f.addKey(g, lineThumb{l.LineStyle})
		} else {
			last := mean[len(mean)-1]
			f.labels = append(f.labels, endLabel{text: g, x: last.X, y: last.Y, color: Color(gi)})
		}
		p.Add(l)
	}
	switch {
	case opt.Caption == "-":
	case opt.Caption != "":
		f.Caption = opt.Caption
	case !opt.NoUnits:
		f.Caption = fmt.Sprintf("Thin lines: %d units; thick lines: group means.", units)
	}
	return f, nil
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}
