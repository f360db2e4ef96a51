package malmquist

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/econb/econb/lib/dea"
)

// job is the work done against one technology: a list of evaluations.
type job struct {
	rows   []int // rows of the technology
	period int   // period index of the technology
	evals  []eval
	tech   *dea.Technology
}

// eval is one distance: observation row against the job's technology.
type eval struct {
	row int
	dmu int
	per int // period index of the observation
	rts dea.RTS
	out *float64
}

// task is a chunk of one job's evaluations, run on a clone of its
// technology (own LP workspace, shared data and frames).
type task struct {
	j     *job
	evals []eval
	lps   int
}

// minChunk is the smallest chunk of evaluations worth a clone: each clone
// relearns the cached optimal bases of its technology.
const minChunk = 4096

// runJobs builds every technology and its frames (one goroutine per
// technology), then runs the evaluations in chunks on all workers. It
// returns the number of LPs solved.
func runJobs(d Data, p *panel, jobs []*job, opt Options) (int, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	err := parallel(len(jobs), workers, func(i int) error { return jobs[i].build(d, p, opt) })
	if err != nil {
		return 0, err
	}
	var tasks []*task
	lps := 0
	for _, j := range jobs {
		lps += j.tech.LPs()
		for _, evs := range j.ordered(d) {
			size := max(minChunk, (len(evs)+workers-1)/workers)
			for lo := 0; lo < len(evs); lo += size {
				tasks = append(tasks, &task{j: j, evals: evs[lo:min(lo+size, len(evs))]})
			}
		}
	}
	err = parallel(len(tasks), workers, func(i int) error { return tasks[i].run(d, p, opt) })
	for _, t := range tasks {
		lps += t.lps
	}
	return lps, err
}

// parallel runs f(0..n-1) on workers goroutines and returns the first
// error in index order.
func parallel(n, workers int, f func(int) error) error {
	errs := make([]error, n)
	ch := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ch {
				errs[i] = f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// build creates the job's technology and, unless Plain, its frames.
func (j *job) build(d Data, p *panel, opt Options) error {
	xs, ys := make([][]float64, len(j.rows)), make([][]float64, len(j.rows))
	for k, r := range j.rows {
		xs[k], ys[k] = d.Inputs[r], d.Outputs[r]
	}
	tech, err := dea.NewTechnology(xs, ys)
	if err != nil {
		return fmt.Errorf("malmquist: technology of period %d: %w", p.periods[j.period], err)
	}
	tech.Plain = opt.Plain
	if !opt.Plain {
		for _, rts := range []dea.RTS{dea.CRS, dea.VRS} {
			if _, err := tech.Frame(rts); err != nil {
				return fmt.Errorf("malmquist: %v frame of period %d: %w", rts, p.periods[j.period], err)
			}
		}
	}
	j.tech = tech
	return nil
}

// ordered returns the job's evaluations grouped by RTS (CRS, then VRS),
// each group in dea.LocalityOrder so that consecutive LPs share cached
// bases. Results do not depend on the order.
func (j *job) ordered(d Data) [][]eval {
	var out [][]eval
	for _, rts := range []dea.RTS{dea.CRS, dea.VRS} {
		n := 0
		for _, e := range j.evals {
			if e.rts == rts {
				n++
			}
		}
		sel := make([]eval, 0, n)
		xs, ys := make([][]float64, 0, n), make([][]float64, 0, n)
		for _, e := range j.evals {
			if e.rts == rts {
				sel = append(sel, e)
				xs, ys = append(xs, d.Inputs[e.row]), append(ys, d.Outputs[e.row])
			}
		}
		ord := make([]eval, len(sel))
		for k, i := range dea.LocalityOrder(xs, ys) {
			ord[k] = sel[i]
		}
		out = append(out, ord)
	}
	return out
}

func (t *task) run(d Data, p *panel, opt Options) error {
	tech := t.j.tech.Clone()
	defer func() { t.lps = tech.LPs() }()
	for _, e := range t.evals {
		v, err := tech.Distance(d.Inputs[e.row], d.Outputs[e.row], e.rts, opt.Orientation)
		if err != nil {
			return fmt.Errorf("malmquist: DMU %q, period %d against the %v technology of period %d: %w",
				p.dmus[e.dmu], p.periods[e.per], e.rts, p.periods[t.j.period], err)
		}
		*e.out = v
	}
	return nil
}
