package ivgmm

import (
	"fmt"
	"math"
	"strings"
)

// Kernel is the lag window of a kernel (HAC, AC, Driscoll-Kraay)
// covariance, as ivreg2's kernel(): the weight of the autocovariance at
// lag τ is k(τ/bw) (livreg2 m_calckw). Lag windows (Bartlett, Parzen,
// Truncated, Tukey-Hanning, Tukey-Hamming) use lags 1..floor(bw);
// spectral windows (quadratic spectral, Daniell, Tent) use every lag the
// sample has, 1..T-1.
type Kernel int

// Kernels, with ivreg2's names and abbreviations.
const (
	Bartlett          Kernel = iota // k(x) = 1 − x (Newey-West; ivreg2 bar, ivregress bartlett/nwest)
	Parzen                          // 1 − 6x² + 6x³ for x ≤ ½, 2(1 − x)³ above (ivreg2 par, ivregress parzen/gallant)
	QuadraticSpectral               // 25/(12π²x²)·(sin(6πx/5)/(6πx/5) − cos(6πx/5)) (ivreg2 qs, ivregress quadraticspectral/andrews)
	Truncated                       // 1 (ivreg2 tru)
	TukeyHanning                    // ½ + ½cos(πx) (ivreg2 thann)
	TukeyHamming                    // 0.54 + 0.46cos(πx) (ivreg2 thamm)
	Daniell                         // sin(πx)/(πx) (ivreg2 dan)
	Tent                            // 2(1 − cos(τx))/x² (ivreg2 ten)
)

var kernelNames = [...]string{"Bartlett", "Parzen", "Quadratic Spectral", "Truncated", "Tukey-Hanning", "Tukey-Hamming", "Daniell", "Tent"}

func (k Kernel) String() string {
	if k < 0 || int(k) >= len(kernelNames) {
		return fmt.Sprintf("Kernel(%d)", int(k))
	}
	return kernelNames[k]
}

// code is the kernel's name in econb fit's --vce: "bartlett", "qs".
func (k Kernel) code() string {
	return [...]string{"bartlett", "parzen", "qs", "truncated", "thann", "thamm", "daniell", "tent"}[k]
}

// ParseKernel reads a kernel name as ivreg2's kernel() and ivregress's
// vce(hac kernel) accept them: bartlett (bar, nwest), parzen (par,
// gallant), qs (quadraticspectral, quadratic-spectral, andrews),
// truncated (tru), thann (tukey-hanning), thamm (tukey-hamming), daniell
// (dan), tent (ten); case does not matter.
func ParseKernel(s string) (Kernel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bartlett", "bar", "nwest", "newey-west", "":
		return Bartlett, nil
	case "parzen", "par", "gallant":
		return Parzen, nil
	case "qs", "qua", "quadraticspectral", "quadratic-spectral", "quadratic spectral", "andrews":
		return QuadraticSpectral, nil
	case "truncated", "tru":
		return Truncated, nil
	case "thann", "tukey-hanning":
		return TukeyHanning, nil
	case "thamm", "tukey-hamming":
		return TukeyHamming, nil
	case "daniell", "dan", "danielle":
		return Daniell, nil
	case "tent", "ten":
		return Tent, nil
	}
	return 0, fmt.Errorf("%w: unknown kernel %q: use bartlett, parzen, qs, truncated, thann, thamm, daniell or tent", ErrInput, s)
}

// spectral reports whether the kernel weighs every lag of the sample.
func (k Kernel) spectral() bool { return k == QuadraticSpectral || k == Daniell || k == Tent }

// weight is the kernel weight of lag tau at bandwidth bw, exactly as
// livreg2's m_calckw (lag windows are not clipped: the caller stops at
// floor(bw)).
func (k Kernel) weight(tau int, bw float64) float64 {
	x := float64(tau) / bw
	switch k {
	case Truncated:
		return 1
	case Bartlett:
		return 1 - x
	case Parzen:
		if x <= 0.5 {
			return 1 - 6*x*x + 6*x*x*x
		}
		return 2 * (1 - x) * (1 - x) * (1 - x)
	case TukeyHanning:
		return 0.5 + 0.5*math.Cos(math.Pi*x)
	case TukeyHamming:
		return 0.54 + 0.46*math.Cos(math.Pi*x)
	case Tent:
		return 2 * (1 - math.Cos(float64(tau)*x)) / (x * x)
	case Daniell:
		return math.Sin(math.Pi*x) / (math.Pi * x)
	case QuadraticSpectral:
		a := 6 * math.Pi * x / 5
		return 25 / (12 * math.Pi * math.Pi * x * x) * (math.Sin(a)/a - math.Cos(a))
	}
	panic("ivgmm: unknown kernel")
}

// maxLag is the last lag with a weight: floor(bw) for lag windows, T−1
// (T the span of the sample's times) for spectral ones.
func (k Kernel) maxLag(bw float64, span int) int {
	if k.spectral() {
		return span - 1
	}
	return int(math.Floor(bw))
}

// checkBW validates a bandwidth.
func checkBW(k Kernel, bw float64) error {
	if k < Bartlett || k > Tent {
		return fmt.Errorf("%w: unknown kernel %d", ErrInput, int(k))
	}
	if !(bw > 0) || math.IsInf(bw, 0) {
		return fmt.Errorf("%w: the bandwidth of the %s kernel must be positive, got %g (ivreg2 bw() is lags + 1: bw(1) uses no lag with the Bartlett kernel)", ErrInput, k, bw)
	}
	return nil
}
