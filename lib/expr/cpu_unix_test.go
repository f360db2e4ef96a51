//go:build unix

package expr

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU runs f b.N times and reports the process CPU time per run
// (user + system, all threads) next to the wall time: on a machine shared
// with other work, CPU time is the steadier measure to compare with the
// peers' (testdata/bench/peers.py reports both).
func reportCPU(b *testing.B, f func()) {
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	n := 0
	for b.Loop() {
		f()
		n++
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) / time.Duration(n)
	b.ReportMetric(float64(cpu.Microseconds())/1e3, "cpu-ms/op")
}
