package stata

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// TestTable1DoFileEqualsGoPipeline runs the replication's do-file
// (notebooks/table1.do) on the synthetic city panel (lib/synth at the
// seed of notebooks/data, written to a temporary folder) and compares its
// six stored estimates with the Go pipeline of notebook 06: chen.Build on
// the same panel and FitAll(chen.Table1) with robust standard errors. The
// two front ends run the same engine on the same numbers, so every
// coefficient, standard error and statistic must be equal bit for bit
// (tolerance 0).
func TestTable1DoFileEqualsGoPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two Malmquist analyses and twelve IV fits (about a second)")
	}
	p, err := synth.Generate(synth.Default(), synth.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := citypanel.Write(&csv, p.Records); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "synth_cities.csv"), csv.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	do, err := os.ReadFile(filepath.Join("..", "..", "notebooks", "table1.do"))
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s := New(Options{Dir: dir, Out: &log})
	if err := s.Run(string(do)); err != nil {
		t.Fatalf("table1.do: %v\n%s", err, log.String())
	}
	cp, err := citypanel.Read(bytes.NewReader(csv.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	d, err := chen.Build(cp, chen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.FitAll(chen.Table1, ivgmm.Options{VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"tsls_total", "tsls_high", "tsls_low", "gmm_total", "gmm_high", "gmm_low"}
	maxDiff := 0.0
	diff := func(what string, got, w float64) {
		if got == w || math.IsNaN(got) && math.IsNaN(w) {
			return
		}
		maxDiff = math.Max(maxDiff, math.Abs(got-w))
		t.Errorf("%s: do-file %.17g, Go pipeline %.17g", what, got, w)
	}
	for i, name := range names {
		var e *Estimate
		for _, x := range s.Estimates() {
			if x.Name == name {
				e = x
			}
		}
		if e == nil {
			t.Fatalf("the do-file stored no estimates %s", name)
		}
		got, w := e.Result, want[i]
		if got.N != w.N || got.N != 3393 {
			t.Errorf("%s: N = %d, Go pipeline %d, paper 3393", name, got.N, w.N)
		}
		if len(got.Names) != len(w.Names) {
			t.Fatalf("%s: coefficients %v, Go pipeline %v", name, got.Names, w.Names)
		}
		for k := range w.Names {
			if got.Names[k] != w.Names[k] {
				t.Errorf("%s: coefficient %d is %s, Go pipeline %s", name, k, got.Names[k], w.Names[k])
			}
			diff(name+" b["+w.Names[k]+"]", got.Coef[k], w.Coef[k])
			diff(name+" se["+w.Names[k]+"]", got.SE[k], w.SE[k])
			diff(name+" z["+w.Names[k]+"]", got.T[k], w.T[k])
			diff(name+" p["+w.Names[k]+"]", got.P[k], w.P[k])
		}
		for _, st := range []struct {
			what   string
			got, w float64
		}{
			{"R2", got.R2, w.R2}, {"RSS", got.RSS, w.RSS}, {"KP rk LM", got.UnderID.Stat, w.UnderID.Stat},
			{"KP rk Wald F", got.KPWaldF.Stat, w.KPWaldF.Stat}, {"Cragg-Donald F", got.CraggDonald.Stat, w.CraggDonald.Stat},
			{"Hansen J", got.OverID.Stat, w.OverID.Stat}, {"Hansen J p", got.OverID.P, w.OverID.P},
		} {
			diff(name+" "+st.what, st.got, st.w)
		}
	}
	t.Logf("max |do-file - Go pipeline| over 6 models: %g", maxDiff)
}
