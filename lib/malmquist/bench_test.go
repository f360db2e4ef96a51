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
