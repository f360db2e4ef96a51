package nb

import (
	"fmt"
	"math"
	"testing"

	"github.com/econb/econb/lib/chen"
)

// TestPaperPipelineByVerbs builds the paper's variables from the raw city
// panel with the notebook verbs (Real, Capital, LQ, Malmquist, Merge) and
// checks them against lib/chen's pipeline (citypanel.Build + the Malmquist
// levels), which the reference tests of lib/chen, lib/capital, lib/lq and
// lib/malmquist check against published numbers: the two paths must agree
// exactly, row by row.
func TestPaperPipelineByVerbs(t *testing.T) {
	capture(t)
	const path = "../../notebooks/data/synth_cities.csv"
	d := Use(path).Xtset("city year").
		Real("Y", "gdp", "gdp_index").
		Capital("K", PIM{Investment: "fai", Price: "fai_price_index"}).
		Rename("emp_total L").
		LQ("sagg_high", "emp_ict emp_finance emp_research", "L")
	m := d.Malmquist(DEA{Inputs: "K L", Outputs: "Y"})
	d = d.Merge("1:1 city year, assert(match) nogenerate", m.Levels)

	ref, err := chen.Load(path, chen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// chen's records are in the file's order; the merge sorted d by key.
	city, _, _ := d.Frame().Strings("city")
	year := d.Col("year")
	row := map[string]int{}
	for k, r := range ref.Panel.Records {
		row[fmt.Sprint(r.City, r.Year)] = k
	}
	for _, c := range []struct {
		name string
		want []float64
	}{
		{"K", ref.Vars.K}, {"Y", ref.Vars.RealGDP}, {"sagg_high", ref.Vars.SAGGHigh},
		{"tfp", ref.TFP}, {"tc", ref.TC}, {"ec", ref.EC},
	} {
		got := d.Col(c.name)
		if len(got) != len(c.want) {
			t.Fatalf("%s: %d rows, chen %d", c.name, len(got), len(c.want))
		}
		worst := 0.0
		for i := range got {
			w := c.want[row[fmt.Sprint(city[i], int(year[i]))]]
			worst = math.Max(worst, math.Abs(got[i]-w)/math.Max(1, math.Abs(w)))
		}
		if worst > 1e-12 {
			t.Errorf("%s differs from lib/chen by up to %.3g (relative)", c.name, worst)
		}
	}
}
