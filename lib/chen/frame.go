package chen

import (
	"fmt"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/frame"
)

// National is the Region of a spec on all cities.
const National = "national"

// Column names of the regression frame.
var (
	KeyColumns     = []string{"city", "province", "region", "year"}
	LevelColumns   = []string{"tfp", "tc", "ec"}
	SAGGColumns    = map[string]string{"total": "sagg_total", "high": "sagg_high", "low": "sagg_low"}
	ControlColumns = []string{"str", "gov", "pgdp", "fdi", "h", "road", "pop"}
	DEAColumns     = []string{"capital", "labour", "rgdp"}
)

// Groups are the agglomeration indices, in the paper's column order.
var Groups = []string{"total", "high", "low"}

// column is one numeric column of the frame.
type column struct {
	name string
	x    []float64
}

// numeric returns the numeric columns in frame order.
func (d *Data) numeric() []column {
	v := d.Vars
	n := d.Len()
	ctl := make([][]float64, len(ControlColumns))
	for j := range ctl {
		ctl[j] = make([]float64, n)
	}
	for k, c := range v.Controls {
		for j, x := range c.Slice() {
			ctl[j][k] = x
		}
	}
	year := make([]float64, n)
	for k, y := range v.Year {
		year[k] = float64(y)
	}
	cols := []column{{"year", year}}
	if d.TFP != nil {
		cols = append(cols, column{"tfp", d.TFP}, column{"tc", d.TC}, column{"ec", d.EC})
	}
	cols = append(cols, column{"sagg_total", v.SAGGTotal}, column{"sagg_high", v.SAGGHigh}, column{"sagg_low", v.SAGGLow})
	for j, name := range ControlColumns {
		cols = append(cols, column{name, ctl[j]})
	}
	cols = append(cols, column{"capital", v.K}, column{"labour", v.L}, column{"rgdp", v.RealGDP})
	if d.TrueTFP != nil {
		cols = append(cols, column{"tfp_true", d.TrueTFP})
	}
	return cols
}

// rows returns the record indices of a sample: all for "" or National,
// else the cities of that region.
func (d *Data) rows(region string, from int) ([]int, error) {
	var idx []int
	for k, r := range d.Vars.Region {
		if (region == "" || region == National || r == region) && d.Vars.Year[k] >= from {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return nil, fmt.Errorf("%w: no city in region %q (regions: national, %v)", ErrInput, region, citypanel.Regions)
	}
	return idx, nil
}

// Frame returns the regression frame of a sample (National or "" = all
// cities, else "east", "central" or "west") as a lib/frame Frame, the
// input of ivgmm.FitFrame. See the package documentation for the columns.
func (d *Data) Frame(region string) (*frame.Frame, error) { return d.frame(region, 0) }

// frame is Frame on the years from on.
func (d *Data) frame(region string, from int) (*frame.Frame, error) {
	idx, err := d.rows(region, from)
	if err != nil {
		return nil, err
	}
	f := frame.New(len(idx))
	for _, name := range KeyColumns {
		if name == "year" {
			continue
		}
		if err := f.AddText(name, d.pick(idx, name)); err != nil {
			return nil, fmt.Errorf("chen: column %s: %w", name, err)
		}
	}
	for _, c := range d.numeric() {
		x := make([]float64, len(idx))
		for i, k := range idx {
			x[i] = c.x[k]
		}
		if err := f.AddFloat(c.name, x); err != nil {
			return nil, fmt.Errorf("chen: column %s: %w", c.name, err)
		}
	}
	return f, nil
}

// DataFrame returns the regression frame of a sample as a gota DataFrame
// (for display, Describe, gota's filters, or ivgmm.FitFormula).
func (d *Data) DataFrame(region string) (dataframe.DataFrame, error) {
	idx, err := d.rows(region, 0)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	var ss []series.Series
	for _, name := range KeyColumns {
		if name == "year" {
			y := make([]int, len(idx))
			for i, k := range idx {
				y[i] = d.Vars.Year[k]
			}
			ss = append(ss, series.New(y, series.Int, name))
			continue
		}
		ss = append(ss, series.New(d.pick(idx, name), series.String, name))
	}
	for _, c := range d.numeric()[1:] { // year is above
		x := make([]float64, len(idx))
		for i, k := range idx {
			x[i] = c.x[k]
		}
		ss = append(ss, series.New(x, series.Float, c.name))
	}
	return dataframe.New(ss...), nil
}

// pick returns a text key column for the records idx.
func (d *Data) pick(idx []int, name string) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		r := &d.Panel.Records[k]
		switch name {
		case "city":
			out[i] = r.City
		case "province":
			out[i] = r.Province
		case "region":
			out[i] = r.Region
		default:
			out[i] = strconv.Itoa(r.Year)
		}
	}
	return out
}
