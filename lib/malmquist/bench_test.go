package malmquist

import (
	"flag"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/econb/econb/lib/dea"
)

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkMalmquist times a full output-oriented Malmquist run on the
// benchmark kit's data ("dea n T", 2 inputs, 1 output): "frame" is the
// library (LPs over the frame, cached bases, one goroutine per technology),
// "plain" the one-dense-LP-per-DMU baseline (all DMUs as columns, cold
// start, same goroutines) on the same data in the same benchmark.
//
// Metrics: LPs/s counts the n(4T-2) LPs of the DEAP decomposition (the
// count the peers in shared/bench/results/dea.jsonl report), solver_LPs/op
// also counts frame-building LPs; cpu_s/op is process CPU time (robust to
// a busy machine); x_plain is plain wall time / frame wall time and
// x_plain_cpu the same in CPU time.
//
// 100000x3 runs only when the -bench pattern names it explicitly
// (go test -bench 'Malmquist/100000x3' -benchtime 1x); its plain baseline
// is not run (hours).
func BenchmarkMalmquist(b *testing.B) {
	pattern := flag.Lookup("test.bench").Value.String()
	for _, sz := range []struct{ n, T int }{{261, 15}, {261, 3}, {1000, 3}, {3000, 3}, {100000, 3}} {
		name := fmt.Sprintf("%dx%d", sz.n, sz.T)
		if sz.n >= 100000 && !strings.Contains(pattern, name) {
			continue
		}
		d := genData(sz.n, sz.T)
		model := float64(sz.n * (4*sz.T - 2))
		var frameWall, frameCPU float64
		for _, plain := range []bool{false, true} {
			if plain && sz.n >= 100000 {
				continue
			}
			mode := "frame"
			if plain {
				mode = "plain"
			}
			b.Run(name+"/"+mode, func(b *testing.B) {
				var lps int
				start, cpu0 := time.Now(), cpuTime()
				for i := 0; i < b.N; i++ {
					r, err := Compute(d, Options{Orientation: dea.Output, Plain: plain})
					if err != nil {
						b.Fatal(err)
					}
					lps = r.LPs
				}
				wall := time.Since(start).Seconds() / float64(b.N)
				cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
				b.ReportMetric(model/wall, "LPs/s")
				b.ReportMetric(float64(lps), "solver_LPs/op")
				b.ReportMetric(cpu, "cpu_s/op")
				if !plain {
					frameWall, frameCPU = wall, cpu
				} else if frameWall > 0 {
					b.ReportMetric(wall/frameWall, "x_plain")
					b.ReportMetric(cpu/frameCPU, "x_plain_cpu")
				}
			})
		}
	}
}

// BenchmarkFrontiers times the other frontiers and the
// Malmquist-Luenberger index (directional distances, bad output gen.Bad)
// at the paper's size, 261 DMUs x 15 periods, against the plain baseline
// (all DMUs in every LP, cold starts) in the same run. LPs/s counts the
// distances the index needs (N·T own CRS + VRS, plus the cross-period or
// frontier distances of the frontier).
func BenchmarkFrontiers(b *testing.B) {
	const n, T = 261, 15
	for _, c := range []struct {
		name string
		d    Data
		opt  Options
	}{
		{"sequential", genData(n, T), Options{Orientation: dea.Output, Frontier: Sequential}},
		{"global", genData(n, T), Options{Orientation: dea.Output, Frontier: Global}},
		{"biennial", genData(n, T), Options{Orientation: dea.Output, Frontier: Biennial}},
		{"ML", genBad(n, T), Options{Frontier: Contemporaneous}},
		{"GML", genBad(n, T), Options{Frontier: Global}},
		{"SML", genBad(n, T), Options{Frontier: Sequential}},
	} {
		var frameWall float64
		for _, plain := range []bool{false, true} {
			mode := "frame"
			if plain {
				mode = "plain"
			}
			opt := c.opt
			opt.Plain = plain
			b.Run(fmt.Sprintf("%s/%dx%d/%s", c.name, n, T, mode), func(b *testing.B) {
				var r *Result
				start, cpu0 := time.Now(), cpuTime()
				for i := 0; i < b.N; i++ {
					var err error
					if r, err = Compute(c.d, opt); err != nil {
						b.Fatal(err)
					}
				}
				wall := time.Since(start).Seconds() / float64(b.N)
				model := float64(2*n*T + 2*n*(T-1))
				if c.opt.Frontier == Global {
					model = float64(3 * n * T)
				}
				b.ReportMetric(model/wall, "LPs/s")
				b.ReportMetric(float64(r.LPs), "solver_LPs/op")
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu_s/op")
				b.ReportMetric(float64(len(r.Infeasible)), "infeasible")
				if !plain {
					frameWall = wall
				} else if frameWall > 0 {
					b.ReportMetric(wall/frameWall, "x_plain")
				}
			})
		}
	}
}

// BenchmarkBootstrap times the Simar-Wilson (1999) bootstrap at the paper's
// size, 261 DMUs x 15 periods (14 pairs), output orientation: "frame" is
// the library (CRS frames of each pseudo-technology, cached bases), "plain"
// the one-dense-LP-per-DMU baseline on the same replications (fewer of
// them: it is slow). Metrics: model_LPs/s counts the 4·n LPs per pair and
// replication (15 M for 1000 replications), solver_LPs/op also counts frame
// building, s/rep is wall time per replication (all 14 pairs), x_plain the
// plain/frame ratio of s/rep. The 1000-replication run is
// 'Bootstrap/261x15x1000/frame' (go test -bench 'Bootstrap/261x15x1000'
// -benchtime 1x); the default runs use 100 (frame) and 20 (plain).
func BenchmarkBootstrap(b *testing.B) {
	pattern := flag.Lookup("test.bench").Value.String()
	const n, T = 261, 15
	d := genData(n, T)
	var frameRep float64
	for _, c := range []struct {
		reps  int
		plain bool
	}{{100, false}, {1000, false}, {20, true}} {
		mode := "frame"
		if c.plain {
			mode = "plain"
		}
		name := fmt.Sprintf("%dx%dx%d/%s", n, T, c.reps, mode)
		if c.reps == 1000 && !strings.Contains(pattern, "x1000") {
			continue
		}
		b.Run(name, func(b *testing.B) {
			var boot *Boot
			start, cpu0 := time.Now(), cpuTime()
			for i := 0; i < b.N; i++ {
				var err error
				boot, err = Bootstrap(d, Options{Orientation: dea.Output, Plain: c.plain}, BootOptions{Replications: c.reps, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
			}
			wall := time.Since(start).Seconds() / float64(b.N)
			model := float64(4 * n * (T - 1) * c.reps)
			b.ReportMetric(model/wall, "model_LPs/s")
			b.ReportMetric(float64(boot.BootLPs), "solver_LPs/op")
			b.ReportMetric(wall/float64(c.reps), "s/rep")
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu_s/op")
			if !c.plain && frameRep == 0 {
				frameRep = wall / float64(c.reps)
			} else if c.plain && frameRep > 0 {
				b.ReportMetric(wall/float64(c.reps)/frameRep, "x_plain")
			}
		})
	}
}
