package ivgmm

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
)

// fingerprint is every number of r at full precision (JSON floats
// round-trip exactly; NaN-safe unlike reflect.DeepEqual).
func fingerprint(r *Result) string {
	js, err := json.Marshal(r)
	if err != nil {
		return "json: " + err.Error()
	}
	return fmt.Sprint(string(js), r.Coef, r.SE, r.Cov.RawSymmetric().Data)
}

// TestPoolReuse checks that the reused n-vectors of vecPool and
// panel's code pool never leak between fits: fits of two different
// samples and options, interleaved across goroutines, must reproduce
// their sequential results bit for bit.
func TestPoolReuse(t *testing.T) {
	type job struct {
		d   *Data
		opt Options
	}
	jobs := []job{
		{benchData(261, 15), paperOpts},
		{benchData(120, 9), Options{Estimator: TSLS, VCE: ClusterOn("id", benchData(120, 9).FE[0]), Small: true}},
		{benchData(261, 15), Options{Estimator: LIML, VCE: Robust()}},
	}
	want := make([]string, len(jobs))
	for i, j := range jobs {
		r, err := Fit(j.d, j.opt)
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		want[i] = fingerprint(r)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 4 {
				i := (g + k) % len(jobs)
				r, err := Fit(jobs[i].d, jobs[i].opt)
				if err != nil {
					errs <- err.Error()
					return
				}
				if fingerprint(r) != want[i] {
					errs <- "job result differs from its sequential fit"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
