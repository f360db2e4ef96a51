package malmquist

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/econb/econb/lib/dea"
)

// technology is one reference technology: radial (dea.Technology) or
// directional (dea.Directional). distance evaluates a data row against it:
// the DEAP-style radial distance, or 1/(1+β) for a directional distance β,
// so that every index formula is the Malmquist one.
type technology interface {
	distance(row int, rts dea.RTS) (float64, error)
	clone() technology
	lps() int
	// frame returns positions (into the job's rows) of a generating set of
	// the VRS technology, which also spans the CRS one.
	frame() ([]int, error)
}

type radialTech struct {
	t *dea.Technology
	d *Data
	o dea.Orientation
}

func (r radialTech) distance(row int, rts dea.RTS) (float64, error) {
	return r.t.Distance(r.d.Inputs[row], r.d.Outputs[row], rts, r.o)
}
func (r radialTech) clone() technology     { return radialTech{r.t.Clone(), r.d, r.o} }
func (r radialTech) lps() int              { return r.t.LPs() }
func (r radialTech) frame() ([]int, error) { return r.t.Frame(dea.VRS) }

type ddfTech struct {
	t *dea.Directional
	d *Data
	g dea.Direction
}

func (r ddfTech) distance(row int, rts dea.RTS) (float64, error) {
	var b []float64
	if r.d.Bad != nil {
		b = r.d.Bad[row]
	}
	beta, err := r.t.Distance(r.d.Inputs[row], r.d.Outputs[row], b, r.g, rts)
	if err != nil {
		return math.NaN(), err
	}
	if !(1+beta > 0) {
		return math.NaN(), errUndefined
	}
	return 1 / (1 + beta), nil
}
func (r ddfTech) clone() technology     { return ddfTech{r.t.Clone(), r.d, r.g} }
func (r ddfTech) lps() int              { return r.t.LPs() }
func (r ddfTech) frame() ([]int, error) { return r.t.Frame() }

// errUndefined marks a directional distance β <= −1 (1+β is not a valid
// divisor); it is reported like an infeasible LP.
var errUndefined = errors.New("malmquist: directional distance β <= -1")

// job is the work done against one technology: a list of evaluations.
type job struct {
	rows  []int  // data rows of the technology
	label string // the technology in messages: "2005", "up to 2005", "2004-2005", "global"
	evals []eval
	tech  technology
	built bool
}

// eval is one distance: observation row against the job's technology.
// Cross-period directional LPs may be infeasible (recorded, NaN); any
// other failure is an error.
type eval struct {
	out   *float64
	rts   dea.RTS
	row   int32
	dmu   int32
	per   int32 // period index of the observation
	cross bool
}

// task is a chunk of one job's evaluations, run on a clone of its
// technology (own LP workspace, shared data and frames).
type task struct {
	j          *job
	evals      []eval
	lps        int
	infeasible []Infeasible
}

// chunk is the number of evaluations per task: a fixed size, so that the
// evaluation order, and hence every bit of the results, does not depend on
// the number of workers. Each clone relearns the cached bases of its
// technology, so chunks are large.
const chunk = 8192

// build creates the job's technology and, unless plain, its frames.
func (e *engine) build(j *job) error {
	if j.built {
		return nil
	}
	d, opt := &e.d, e.opt
	xs, ys := make([][]float64, len(j.rows)), make([][]float64, len(j.rows))
	var bs [][]float64
	if d.Bad != nil {
		bs = make([][]float64, len(j.rows))
	}
	for k, r := range j.rows {
		xs[k], ys[k] = d.Inputs[r], d.Outputs[r]
		if bs != nil {
			bs[k] = d.Bad[r]
		}
	}
	if e.directional {
		t, err := dea.NewDirectional(xs, ys, bs)
		if err != nil {
			return fmt.Errorf("malmquist: technology %s: %w", j.label, err)
		}
		t.Plain = opt.Plain
		if !opt.Plain {
			if _, err := t.Frame(); err != nil {
				return fmt.Errorf("malmquist: frame of technology %s: %w", j.label, err)
			}
		}
		j.tech = ddfTech{t, d, opt.Direction}
	} else {
		t, err := dea.NewTechnology(xs, ys)
		if err != nil {
			return fmt.Errorf("malmquist: technology %s: %w", j.label, err)
		}
		t.Plain = opt.Plain
		if !opt.Plain {
			for _, rts := range []dea.RTS{dea.CRS, dea.VRS} {
				if _, err := t.Frame(rts); err != nil {
					return fmt.Errorf("malmquist: %v frame of technology %s: %w", rts, j.label, err)
				}
			}
		}
		j.tech = radialTech{t, d, opt.Orientation}
	}
	j.built = true
	return nil
}

// runJobs builds the technologies not built yet (one goroutine per
// technology), then runs the evaluations in fixed chunks on all workers.
// It returns the number of LPs solved; infeasible directional LPs are
// appended to the result in job order.
func (e *engine) runJobs(jobs []*job) (int, error) {
	workers := e.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	err := parallel(len(jobs), workers, func(i int) error { return e.build(jobs[i]) })
	if err != nil {
		return 0, err
	}
	var tasks []*task
	lps := 0
	for _, j := range jobs {
		lps += j.tech.lps()
		for _, evs := range e.ordered(j) {
			for lo := 0; lo < len(evs); lo += chunk {
				tasks = append(tasks, &task{j: j, evals: evs[lo:min(lo+chunk, len(evs))]})
			}
		}
	}
	err = parallel(len(tasks), workers, func(i int) error { return e.runTask(tasks[i]) })
	for _, t := range tasks {
		lps += t.lps
		e.res.Infeasible = append(e.res.Infeasible, t.infeasible...)
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

// ordered returns the job's evaluations grouped by RTS (CRS, then VRS),
// each group in dea.LocalityOrder so that consecutive LPs share cached
// bases. Results do not depend on the order.
func (e *engine) ordered(j *job) [][]eval {
	d := &e.d
	var out [][]eval
	for _, rts := range []dea.RTS{dea.CRS, dea.VRS} {
		n := 0
		for _, ev := range j.evals {
			if ev.rts == rts {
				n++
			}
		}
		sel := make([]eval, 0, n)
		xs, ys := make([][]float64, 0, n), make([][]float64, 0, n)
		for _, ev := range j.evals {
			if ev.rts == rts {
				sel = append(sel, ev)
				y := d.Outputs[ev.row]
				if d.Bad != nil {
					y = append(append([]float64(nil), y...), d.Bad[ev.row]...)
				}
				xs, ys = append(xs, d.Inputs[ev.row]), append(ys, y)
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

func (e *engine) runTask(t *task) error {
	tech := t.j.tech.clone()
	defer func() { t.lps = tech.lps() }()
	p := e.p
	for _, ev := range t.evals {
		v, err := tech.distance(int(ev.row), ev.rts)
		if err != nil {
			if e.directional && ev.cross && (errors.Is(err, dea.ErrInfeasible) || errors.Is(err, errUndefined)) {
				*ev.out = math.NaN()
				t.infeasible = append(t.infeasible, Infeasible{DMU: p.dmus[ev.dmu], Period: p.periods[ev.per], Technology: t.j.label, RTS: ev.rts})
				continue
			}
			return fmt.Errorf("malmquist: DMU %q, period %d against the %v technology %s: %w",
				p.dmus[ev.dmu], p.periods[ev.per], ev.rts, t.j.label, err)
		}
		*ev.out = v
	}
	return nil
}

// sortInfeasible orders the infeasible LPs by period, DMU and technology.
func sortInfeasible(p *panel, inf []Infeasible) {
	if len(inf) == 0 {
		return
	}
	pos := map[string]int{}
	for k, d := range p.dmus {
		pos[d] = k
	}
	sort.SliceStable(inf, func(a, b int) bool {
		if inf[a].Period != inf[b].Period {
			return inf[a].Period < inf[b].Period
		}
		if inf[a].DMU != inf[b].DMU {
			return pos[inf[a].DMU] < pos[inf[b].DMU]
		}
		return inf[a].Technology < inf[b].Technology
	})
}
