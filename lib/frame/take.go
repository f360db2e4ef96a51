package frame

import (
	"runtime"
	"sync"
)

// take gathers rows idx of c into a new column (idx[k] = -1: missing).
func take(c *Column, idx []int32) *Column {
	n := len(idx)
	d := &data{kind: c.kind, n: n, vlab: c.vlab, vlabName: c.vlabName}
	switch c.kind {
	case Float:
		out := make([]float64, n)
		src := c.f
		for k, r := range idx {
			if r >= 0 {
				out[k] = src[r]
			} else {
				out[k] = nan
			}
		}
		d.f = out
	case Int:
		out := make([]int64, n)
		src := c.i
		var valid bitmap
		hasNeg := false
		for k, r := range idx {
			if r >= 0 {
				out[k] = src[r]
			} else {
				hasNeg = true
			}
		}
		if c.valid != nil || hasNeg {
			valid = newBitmap(n)
			for k, r := range idx {
				if r >= 0 && c.validAt(int(r)) {
					valid.set(k)
				}
			}
			d.valid = valid
		}
		d.i = out
	case String:
		out := make([]int32, n)
		src := c.codes
		for k, r := range idx {
			if r >= 0 {
				out[k] = src[r]
			} else {
				out[k] = -1
			}
		}
		d.codes, d.dict = out, c.dict
	}
	return &Column{name: c.name, label: c.label, data: d}
}

// takeAll gathers rows idx of every column, one goroutine per column.
func takeAll(cols []*Column, idx []int32) []*Column {
	out := make([]*Column, len(cols))
	parallelFor(len(cols), func(k int) { out[k] = take(cols[k], idx) })
	return out
}

// parallelFor runs fn(0..n-1) on up to GOMAXPROCS goroutines.
func parallelFor(n int, fn func(k int)) {
	w := min(runtime.GOMAXPROCS(0), n)
	if w <= 1 {
		for k := range n {
			fn(k)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for k := range n {
		next <- k
	}
	close(next)
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				fn(k)
			}
		}()
	}
	wg.Wait()
}

// maskIndex returns the rows where keep is true.
func maskIndex(keep []bool) []int32 {
	n := 0
	for _, k := range keep {
		if k {
			n++
		}
	}
	idx := make([]int32, 0, n)
	for r, k := range keep {
		if k {
			idx = append(idx, int32(r))
		}
	}
	return idx
}
