package montecarlo

import (
	"testing"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// BenchmarkReplication is one replication of the full chain at paper size
// (261 cities × 15 years): synth.Generate, chen.BuildVars, the Malmquist
// analysis (one goroutine) and the regressions of the models named.
func BenchmarkReplication(b *testing.B) {
	for _, bc := range []struct {
		name   string
		models []Model
	}{
		{"paper48", PaperModels()},
		{"all108", DefaultModels()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var t Timing
			for i := 0; b.Loop(); i++ {
				r := replicate(synth.Default(), 1, i, bc.models)
				if r.Err != "" {
					b.Fatal(r.Err)
				}
				t.Generate += r.Time.Generate
				t.Variables += r.Time.Variables
				t.Malmquist += r.Time.Malmquist
				t.Fits += r.Time.Fits
			}
			n := float64(b.N)
			b.ReportMetric(float64(t.Generate.Milliseconds())/n, "gen-ms/op")
			b.ReportMetric(float64(t.Variables.Microseconds())/1000/n, "vars-ms/op")
			b.ReportMetric(float64(t.Malmquist.Milliseconds())/n, "malmquist-ms/op")
			b.ReportMetric(float64(t.Fits.Milliseconds())/n, "fits-ms/op")
		})
	}
}

// BenchmarkFit is one IV-GMM fit (national high-end, clustered) of a
// replication's frame, frame built once (chen.Fitter).
func BenchmarkFit(b *testing.B) {
	p, err := synth.Generate(synth.Default(), 1)
	if err != nil {
		b.Fatal(err)
	}
	d, err := chen.Build(p.CityPanel(), chen.Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	f := d.Fitter()
	m := Model{Cell{chen.National, "high"}, ivgmm.GMM2S, Cluster, Chain}
	for b.Loop() {
		if _, err := f.Fit(m.Spec(), m.options()); err != nil {
			b.Fatal(err)
		}
	}
}
