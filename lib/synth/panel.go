package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

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
	if d.SO2.Scale > 0 {
		cp.Optional = []string{"so2"}
	}
	return cp
}

// WriteTFP writes the true TFP path: city, year, tfp (12 significant
// digits), eps.
func WriteTFP(w io.Writer, p *Panel) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"city", "year", "tfp", "eps"})
	for k := range p.Records {
		r := &p.Records[k]
		if err := cw.Write([]string{r.City, strconv.Itoa(r.Year),
			strconv.FormatFloat(p.TFP[k], 'g', 12, 64), strconv.FormatFloat(p.Eps[k], 'g', 12, 64)}); err != nil {
			return fmt.Errorf("synth: writing TFP: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}
