package synth

import (
	"fmt"

	"github.com/econb/econb/lib/citypanel"
)

// CityPanel returns the generated records as a citypanel.Panel (what
// citypanel.Read returns for the written CSV).
func (p *Panel) CityPanel() *citypanel.Panel {
	d := p.DGP
	cp := &citypanel.Panel{Records: p.Records}
	for i := 0; i < d.N(); i++ {
		r := &p.Records[i*d.Years]
		cp.Cities = append(cp.Cities, citypanel.City{Name: r.City, Province: r.Province, Region: r.Region})
	}
	for t := 0; t < d.Years; t++ {
		cp.Years = append(cp.Years, d.FirstYear+t)
	}
	return cp
}

// Spec selects one regression of the paper's design: TFP on one
// agglomeration index ("total", "high" or "low") and the seven controls,
// city and year fixed effects, on the years after the first two; IV uses
// the first and second lags of the index as instruments (else FE-OLS).
// Region is "" for the national sample or east/central/west.
type Spec struct {
	Group  string
	Region string
	IV     bool
}

func (s Spec) String() string {
	e := "FE-OLS"
	if s.IV {
		e = "FE-2SLS"
	}
	r := s.Region
	if r == "" {
		r = "national"
	}
	return fmt.Sprintf("%s %s %s", e, r, s.Group)
}

// Fit estimates spec on the variables v of a balanced panel with nc
// cities and ny years, with tfp as the dependent variable (Records order).
func Fit(v *citypanel.Vars, tfp []float64, nc, ny int, spec Spec) (Estimate, error) {
	var sagg []float64
	switch spec.Group {
	case "total":
		sagg = v.SAGGTotal
	case "high":
		sagg = v.SAGGHigh
	case "low":
		sagg = v.SAGGLow
	default:
		return Estimate{}, fmt.Errorf("synth: unknown agglomeration group %q", spec.Group)
	}
	if len(tfp) != nc*ny || len(v.City) != nc*ny {
		return Estimate{}, fmt.Errorf("synth: %d TFP values, %d records for %d cities × %d years", len(tfp), len(v.City), nc, ny)
	}
	var y, x, z1, z2 []float64
	w := make([][]float64, 7)
	var id, tm []int
	ni := 0
	for i := 0; i < nc; i++ {
		if spec.Region != "" && v.Region[i*ny] != spec.Region {
			continue
		}
		for t := 2; t < ny; t++ {
			k := i*ny + t
			y = append(y, tfp[k])
			x = append(x, sagg[k])
			z1 = append(z1, sagg[k-1])
			z2 = append(z2, sagg[k-2])
			for j, c := range v.Controls[k].Slice() {
				w[j] = append(w[j], c)
			}
			id = append(id, ni)
			tm = append(tm, t-2)
		}
		ni++
	}
	if ni == 0 {
		return Estimate{}, fmt.Errorf("synth: no city in region %q", spec.Region)
	}
	z := [][]float64{x}
	if spec.IV {
		z = [][]float64{z1, z2}
	}
	e, err := feIV(y, x, w, z, id, tm, ni, ny-2)
	if err != nil {
		return Estimate{}, fmt.Errorf("%v: %w", spec, err)
	}
	return e, nil
}
