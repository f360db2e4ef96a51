package ivgmm

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel loops. The large-sample passes (the Gram matrix, the meat of
// the robust covariance, residuals) run on all cores, yet give the bits
// of the serial loop: row-wise work is split into row blocks, and a sum
// over rows is formed, as the serial code forms it, as a sum of per-block
// sums in block order — the workers compute the blocks' sums, and one
// goroutine adds them up in order. Results therefore do not depend on
// the number of cores or on scheduling.

// parMinRows is the number of rows below which loops stay serial: the
// paper-size samples (a few thousand rows) gain nothing from goroutines.
const parMinRows = 1 << 15

// rowBlock is the number of rows of one block (L1-sized for a handful of
// columns); the serial sums of the package are formed block by block too.
const rowBlock = 1024

// parWorkers returns the number of goroutines for a loop over n rows.
func parWorkers(n int) int {
	if n < parMinRows {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), n/parMinRows))
}

// forBlocks calls f(w, b, s, e) for every block b = [s, e) of blk rows of
// n, on parWorkers(n) goroutines; w in 0..workers-1 identifies the
// goroutine (for scratch space). It returns the number of workers used.
func forBlocks(n, blk int, f func(w, b, s, e int)) int {
	nb := (n + blk - 1) / blk
	workers := min(parWorkers(n), nb)
	if workers <= 1 {
		for b := range nb {
			f(0, b, b*blk, min(b*blk+blk, n))
		}
		return 1
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1)) - 1
				if b >= nb {
					return
				}
				f(w, b, b*blk, min(b*blk+blk, n))
			}
		}()
	}
	wg.Wait()
	return workers
}

// blockSums runs block(w, s, e, out) for every block of blk rows of n,
// each writing its q partial sums to out, and adds the partial sums to acc
// in block order: the bits of the serial loop
//
//	for each block { block(0, s, e, out); acc[k] += out[k] }
func blockSums(acc []float64, n, blk int, block func(w, s, e int, out []float64)) {
	q := len(acc)
	nb := (n + blk - 1) / blk
	if parWorkers(n) <= 1 || nb < 2 {
		out := make([]float64, q)
		for b := range nb {
			block(0, b*blk, min(b*blk+blk, n), out)
			for k, v := range out {
				acc[k] += v
			}
		}
		return
	}
	part := make([]float64, nb*q)
	forBlocks(n, blk, func(w, b, s, e int) {
		block(w, s, e, part[b*q:(b+1)*q])
	})
	for b := range nb {
		for k, v := range part[b*q : (b+1)*q] {
			acc[k] += v
		}
	}
}
