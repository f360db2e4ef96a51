package dea

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/econb/econb/lib/internal/detrand"
)

// BootOptions control Bootstrap.
type BootOptions struct {
	// Replications B (Simar & Wilson recommend 2000 for intervals).
	Replications int
	// Seed of the counter-based generator: replication b draws from the
	// stream (Seed, b), so the results do not depend on Workers.
	Seed uint64
	// Alpha: intervals have level 1 − Alpha (0 means 0.05).
	Alpha float64
	// Workers is the number of goroutines (0: GOMAXPROCS).
	Workers int
	// Progress, when not nil, is called after each replication with the
	// number done and the total (from any goroutine, serialised).
	Progress func(done, total int)
}

// Boot is the Simar-Wilson bootstrap of a Result's scores, on the scale of
// Unit.Score (Farrell θ, or 1/φ in the output orientation).
type Boot struct {
	Replications int
	Seed         uint64
	Alpha        float64
	// Bandwidth h of the reflected kernel density of the Shephard
	// distances δ = 1/Score.
	Bandwidth float64
	// Per DMU, in the order of Result.Units: the bias-corrected score,
	// the bias of the estimate (estimate − bias-corrected), the bootstrap
	// standard deviation, and the 1−Alpha interval.
	BiasCorrected, Bias, SD, Lower, Upper []float64
}

// Check returns the options with their defaults (Alpha 0.05) or an
// ErrData error for fewer than two replications or an alpha outside (0, 1).
func (bo BootOptions) Check() (BootOptions, error) {
	if bo.Replications < 2 {
		return bo, fmt.Errorf("%w: %d bootstrap replications (use 1000 or more)", ErrData, bo.Replications)
	}
	if bo.Alpha == 0 {
		bo.Alpha = 0.05
	}
	if !(bo.Alpha > 0 && bo.Alpha < 1) {
		return bo, fmt.Errorf("%w: alpha %v must lie in (0, 1)", ErrData, bo.Alpha)
	}
	return bo, nil
}

// Replicate runs f(0), …, f(n−1) on bo.Workers goroutines (GOMAXPROCS when
// 0), each call on one goroutine, and reports every finished call to
// bo.Progress as (offset + calls done so far, total), serialised. It
// returns the error of the first failing call in index order. Results
// written by f into slots of its own index do not depend on the number of
// workers.
func (bo BootOptions) Replicate(n, offset, total int, f func(i int) error) error {
	workers := bo.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var done atomic.Int64
	var mu sync.Mutex
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = f(i)
				if bo.Progress != nil {
					k := offset + int(done.Add(1))
					mu.Lock()
					bo.Progress(k, total)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Bootstrap runs the radial model and the smoothed homogeneous bootstrap
// of Simar & Wilson (1998, Management Science 44:49-61) for its scores.
//
// In Shephard distances δ_j = 1/θ_j >= 1 (input orientation; δ = φ, the
// Farrell output expansion, in the output orientation), each replication
//
//  1. draws δ*_j from a kernel estimate of the density of the δ̂, reflected
//     at the boundary 1 (Silverman 1986): β*_j drawn from the 2n values
//     {δ̂_j, 2 − δ̂_j}, δ**_j = β̄* + (β*_j + h ε_j − β̄*)/sqrt(1 + h²/σ²)
//     with ε_j ~ N(0,1) and σ² the variance of the reflected sample, then
//     δ*_j = δ**_j if >= 1, else 2 − δ**_j;
//  2. builds pseudo-data on the estimated frontier moved out by δ*: inputs
//     x*_j = x_j δ*_j/δ̂_j (outputs y*_j = y_j δ̂_j/δ*_j in the output
//     orientation), the other variables unchanged;
//  3. evaluates the original observations against the pseudo-technology:
//     δ̂*_jb.
//
// Then bias_j = mean_b δ̂*_jb − δ̂_j, the bias-corrected δ̃_j = δ̂_j − bias_j,
// and the interval [δ̂_j − q_{1−α/2}, δ̂_j − q_{α/2}] with q the quantiles
// (R's type 7) of δ̂*_jb − δ̂_j; all are reported back on the Score scale
// (1/δ). Simar & Wilson advise using the bias-corrected estimate only when
// |bias| > SD/√3.
//
// The bandwidth is the normal-reference rule on the reflected sample of the
// inefficient DMUs, h = 1.06 min(σ̂, IQR/1.34) m^{−1/5} (m = twice their
// number): efficient DMUs (δ̂ = 1) would put a spurious mode at the
// boundary (Simar & Wilson 2000, J. Applied Statistics 27:779-802); they
// are drawn like the others. Normal draws are Box-Muller transforms of the
// counter-based uniforms of lib/internal/detrand, stream (Seed, b+1), so
// replication b gives the same numbers on any number of cores.
func Bootstrap(d *Data, opt Options, bo BootOptions) (*Result, error) {
	if opt.Model != Radial {
		return nil, fmt.Errorf("%w: the Simar-Wilson bootstrap is for the radial model, not %v", ErrData, opt.Model)
	}
	bo, err := bo.Check()
	if err != nil {
		return nil, err
	}
	res, err := Evaluate(d, opt)
	if err != nil {
		return nil, err
	}
	n := len(res.Units)
	delta := make([]float64, n)
	for j, u := range res.Units {
		delta[j] = 1 / u.Score
	}
	h, sigma2, err := BootBandwidth(delta)
	if err != nil {
		return nil, err
	}
	B := bo.Replications
	star := make([][]float64, B) // star[b][j] = δ̂*_jb
	lps := make([]int, B)
	err = bo.Replicate(B, 0, B, func(b int) error {
		var e error
		star[b], lps[b], e = bootRep(d, opt, delta, h, sigma2, bo.Seed, b)
		if e != nil {
			return fmt.Errorf("dea: bootstrap replication %d: %w", b+1, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, l := range lps {
		res.LPs += l
	}
	bt := &Boot{Replications: B, Seed: bo.Seed, Alpha: bo.Alpha, Bandwidth: h,
		BiasCorrected: make([]float64, n), Bias: make([]float64, n), SD: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n)}
	diff := make([]float64, B)
	theta := make([]float64, B)
	for j := 0; j < n; j++ {
		mean := 0.0
		for b := 0; b < B; b++ {
			diff[b] = star[b][j] - delta[j]
			theta[b] = 1 / star[b][j]
			mean += star[b][j]
		}
		mean /= float64(B)
		bias := mean - delta[j]
		bc := delta[j] - bias
		sort.Float64s(diff)
		lo, hi := delta[j]-Quantile(diff, 1-bo.Alpha/2), delta[j]-Quantile(diff, bo.Alpha/2)
		bt.BiasCorrected[j] = 1 / bc
		bt.Bias[j] = res.Units[j].Score - 1/bc
		bt.SD[j] = sd(theta)
		bt.Lower[j], bt.Upper[j] = 1/hi, 1/lo
	}
	res.Boot = bt
	res.Notes = append(res.Notes, fmt.Sprintf("Simar-Wilson (1998) bootstrap: %d replications, seed %d, bandwidth %.4g; %g%% intervals.", B, bo.Seed, h, 100*(1-bo.Alpha)))
	return res, nil
}

// BootBandwidth returns the bandwidth h and the variance σ² of the
// reflected sample of the Shephard distances delta (>= 1), as Bootstrap
// uses them. It is exported for lib/malmquist's bootstrap.
func BootBandwidth(delta []float64) (h, sigma2 float64, err error) {
	var refl []float64
	for _, v := range delta {
		sigma2 += (v - 1) * (v - 1)
		if v > 1+1e-8 {
			refl = append(refl, v, 2-v)
		}
	}
	sigma2 /= float64(len(delta))
	if len(refl) < 4 {
		return 0, 0, fmt.Errorf("%w: the bootstrap needs at least two inefficient DMUs (found %d)", ErrData, len(refl)/2)
	}
	sort.Float64s(refl)
	iqr := Quantile(refl, 0.75) - Quantile(refl, 0.25)
	scale := sd(refl)
	if iqr > 0 {
		scale = math.Min(scale, iqr/1.34)
	}
	return 1.06 * scale * math.Pow(float64(len(refl)), -0.2), sigma2, nil
}

// bootRep runs replication b: pseudo-data and the original DMUs' Shephard
// distances against them.
func bootRep(d *Data, opt Options, delta []float64, h, sigma2 float64, seed uint64, b int) ([]float64, int, error) {
	n := len(delta)
	st := detrand.NewStream(seed, uint64(b)+1)
	beta := make([]float64, n)
	eps := make([]float64, n)
	mean := 0.0
	for j := 0; j < n; j++ {
		k := int(st.Unif(uint64(3*j)) * float64(2*n))
		if k < n {
			beta[j] = delta[k]
		} else {
			beta[j] = 2 - delta[k-n]
		}
		eps[j] = BoxMuller(st.Unif(uint64(3*j+1)), st.Unif(uint64(3*j+2)))
		mean += beta[j]
	}
	mean /= float64(n)
	corr := 1 / math.Sqrt(1+h*h/sigma2)
	xs, ys := make([][]float64, n), make([][]float64, n)
	for j := 0; j < n; j++ {
		v := mean + (beta[j]+h*eps[j]-mean)*corr
		if v < 1 {
			v = 2 - v
		}
		if opt.Orientation == Input {
			xs[j] = scaled(d.Inputs[j], v/delta[j])
			ys[j] = d.Outputs[j]
		} else {
			xs[j] = d.Inputs[j]
			ys[j] = scaled(d.Outputs[j], delta[j]/v)
		}
	}
	t, err := NewTechnology(xs, ys)
	if err != nil {
		return nil, 0, err
	}
	t.Plain = opt.Plain
	t.CRSOnly = opt.RTS == CRS
	out := make([]float64, n)
	for j := 0; j < n; j++ {
		v, err := t.Distance(d.Inputs[j], d.Outputs[j], opt.RTS, opt.Orientation)
		if err != nil {
			return nil, 0, fmt.Errorf("DMU %q: %w", d.DMU[j], err)
		}
		out[j] = 1 / v
	}
	return out, t.LPs(), nil
}

func scaled(v []float64, f float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * f
	}
	return out
}

// BoxMuller turns two uniforms in [0, 1) into a standard normal draw.
func BoxMuller(u1, u2 float64) float64 {
	return math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
}

// Quantile returns the p-quantile of sorted x by linear interpolation
// between order statistics (R's default, type 7).
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func sd(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(x)-1))
}
