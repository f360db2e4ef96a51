// Command framebench times lib/frame on large files for the speed tables
// of the frame package's report (a measuring tool, not a test).
//
//	go run ./lib/frame/internal/framebench read FILE.csv|FILE.parquet
//	go run ./lib/frame/internal/framebench parquet FILE.csv OUT.parquet
//	go run ./lib/frame/internal/framebench verbs FILE.parquet
//	go run ./lib/frame/internal/framebench cache FILE.csv
//	go run ./lib/frame/internal/framebench convert IN.csv|.dta|.parquet OUT.dta|.parquet
//
// CPUPROFILE=file writes a CPU profile of the command.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/econb/econb/lib/frame"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: framebench read|parquet|verbs FILE [OUT]")
		os.Exit(2)
	}
	if p := os.Getenv("CPUPROFILE"); p != "" {
		fh, _ := os.Create(p)
		pprof.StartCPUProfile(fh)
		defer pprof.StopCPUProfile()
	}
	t0 := time.Now()
	f, err := read(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	el := time.Since(t0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("read %s: %.3f s, %d rows x %d cols, heap in use %d MB\n", os.Args[2], el.Seconds(), f.Len(), f.Width(), ms.HeapInuse>>20)
	switch os.Args[1] {
	case "parquet":
		t0 = time.Now()
		if err := f.WriteParquet(os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		fmt.Printf("write parquet: %.3f s\n", time.Since(t0).Seconds())
	case "convert":
		out := os.Args[3]
		var err error
		switch {
		case strings.HasSuffix(out, ".dta"):
			err = f.WriteDTA(out)
		case strings.HasSuffix(out, ".parquet"):
			err = f.WriteParquet(out)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	case "verbs":
		verbs(f)
	case "cache":
		dir, _ := os.MkdirTemp("", "framecache")
		defer os.RemoveAll(dir)
		c, _ := frame.OpenCache(dir)
		t0 = time.Now()
		if err := c.Put(f); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("cache put: %.3f s\n", time.Since(t0).Seconds())
		for range 3 {
			t0 = time.Now()
			g, ok, err := c.Get(f.Key())
			fmt.Printf("cache get: %.3f s (%v %v, %d rows)\n", time.Since(t0).Seconds(), ok, err, g.Len())
		}
		if strings.HasSuffix(os.Args[2], ".csv") {
			for range 3 {
				t0 = time.Now()
				k, _ := frame.FileKey(os.Args[2], frame.CSVOptions{})
				fmt.Printf("hash the CSV (FileKey): %.3f s (same key: %v)\n", time.Since(t0).Seconds(), k == f.Key())
			}
		}
		pq := dir + "/f.parquet"
		t0 = time.Now()
		f.WriteParquet(pq)
		fmt.Printf("parquet write: %.3f s\n", time.Since(t0).Seconds())
		for range 3 {
			t0 = time.Now()
			frame.ReadParquet(pq)
			fmt.Printf("parquet read: %.3f s\n", time.Since(t0).Seconds())
		}
	}
}

func read(path string) (*frame.Frame, error) {
	switch {
	case strings.HasSuffix(path, ".csv"):
		return frame.ReadCSV(path)
	case strings.HasSuffix(path, ".parquet"):
		return frame.ReadParquet(path)
	case strings.HasSuffix(path, ".dta"):
		return frame.ReadDTA(path)
	}
	return nil, fmt.Errorf("unknown file type %s", path)
}

func timeit(name string, fn func() (*frame.Frame, error)) *frame.Frame {
	best := time.Duration(1 << 62)
	var out *frame.Frame
	for range 3 {
		runtime.GC()
		t0 := time.Now()
		g, err := fn()
		if err != nil {
			fmt.Println(name, "error:", err)
			return nil
		}
		best = min(best, time.Since(t0))
		out = g
	}
	fmt.Printf("%-28s %8.3f s  (%d rows)\n", name, best.Seconds(), out.Len())
	return out
}

func verbs(f *frame.Frame) {
	// The 200,000-row using table: one row per id.
	using := timeit("collapse mean by id", func() (*frame.Frame, error) {
		return f.Collapse([]frame.Agg{{Stat: "mean", Var: "x", As: "xbar"}}, "id")
	})
	timeit("collapse mean+sum by id", func() (*frame.Frame, error) {
		return f.Collapse([]frame.Agg{{Stat: "mean", Var: "x", As: "xm"}, {Stat: "sum", Var: "y", As: "ys"}}, "id")
	})
	timeit("egen mean by id", func() (*frame.Frame, error) { return f.Egen("xm", "mean", "x", "id") })
	timeit("merge m:1 (200k using)", func() (*frame.Frame, error) {
		return f.Merge("m:1", []string{"id"}, using, frame.MergeOptions{})
	})
	timeit("sort by x", func() (*frame.Frame, error) { return f.Sort("x") })
	timeit("sort by year, x", func() (*frame.Frame, error) { return f.Sort("year", "x") })
	long, _ := f.KeepVars("id", "year", "y")
	wide := timeit("reshape wide y, i(id) j(year)", func() (*frame.Frame, error) {
		return long.ReshapeWide([]string{"y"}, []string{"id"}, "year")
	})
	timeit("reshape long y, i(id) j(year)", func() (*frame.Frame, error) {
		return wide.ReshapeLong([]string{"y"}, []string{"id"}, "year")
	})
	timeit("generate z = x*w1 + w2", func() (*frame.Frame, error) {
		x, _ := f.FloatView("x")
		a, _ := f.FloatView("w1")
		b, _ := f.FloatView("w2")
		z := make([]float64, len(x))
		for i := range z {
			z[i] = x[i]*a[i] + b[i]
		}
		return f.GenerateFloat("z", z)
	})
}
