package capital

import (
	"errors"
	"fmt"
	"math"
)

// DefaultDelta is the depreciation rate of Zhang, Wu & Zhang (2004).
const DefaultDelta = 0.096

// ZhangRate is the divisor of Zhang's initial stock, K_0 = I_0 / 10 %.
const ZhangRate = 0.10

// Sentinel errors.
var (
	ErrBadValue = errors.New("capital: invalid value")
	ErrShape    = errors.New("capital: length mismatch")
)

// Init selects the initial-stock rule.
type Init int

const (
	Zhang     Init = iota // K_0 = I_0 / 10 %
	Harberger             // K_0 = I_0 / (g + δ)
)

func (i Init) String() string {
	switch i {
	case Zhang:
		return "Zhang (I0/10%)"
	case Harberger:
		return "Harberger (I0/(g+delta))"
	}
	return fmt.Sprintf("Init(%d)", int(i))
}

// Options of PerpetualInventory. The zero value is Zhang's method with
// δ = 9.6 %.
type Options struct {
	Delta float64 // depreciation rate in (0, 1); 0 means DefaultDelta
	Init  Init
	// Harberger only: Growth is g; when GrowthYears > 0, g is instead the
	// geometric mean growth of real investment over periods 0..GrowthYears.
	Growth      float64
	GrowthYears int
}

func (o Options) delta() (float64, error) {
	d := o.Delta
	if d == 0 {
		d = DefaultDelta
	}
	if !(d > 0 && d < 1) {
		return 0, fmt.Errorf("%w: depreciation rate %v outside (0, 1)", ErrBadValue, o.Delta)
	}
	return d, nil
}

// PerpetualInventory returns the capital stock K_t for real investment
// realInv (I_t/P_t, one value per period, no gaps).
func PerpetualInventory(realInv []float64, opt Options) ([]float64, error) {
	if len(realInv) == 0 {
		return nil, fmt.Errorf("%w: no investment", ErrShape)
	}
	d, err := opt.delta()
	if err != nil {
		return nil, err
	}
	for t, v := range realInv {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("%w: real investment of period %d is %v; fill the gap or shorten the series", ErrBadValue, t, v)
		}
	}
	if realInv[0] == 0 {
		return nil, fmt.Errorf("%w: investment of the first period is 0, so the initial stock would be 0", ErrBadValue)
	}
	var k0 float64
	switch opt.Init {
	case Zhang:
		k0 = realInv[0] / ZhangRate
	case Harberger:
		g := opt.Growth
		if opt.GrowthYears > 0 {
			if opt.GrowthYears >= len(realInv) {
				return nil, fmt.Errorf("%w: GrowthYears %d needs %d periods, have %d", ErrShape, opt.GrowthYears, opt.GrowthYears+1, len(realInv))
			}
			g = math.Pow(realInv[opt.GrowthYears]/realInv[0], 1/float64(opt.GrowthYears)) - 1
		}
		if !(g+d > 0) {
			return nil, fmt.Errorf("%w: g + δ = %v + %v is not positive; Harberger's rule needs investment growth above −δ", ErrBadValue, g, d)
		}
		k0 = realInv[0] / (g + d)
	default:
		return nil, fmt.Errorf("%w: unknown initial-stock rule %v", ErrBadValue, opt.Init)
	}
	k := make([]float64, len(realInv))
	k[0] = k0
	for t := 1; t < len(k); t++ {
		k[t] = float64((1-d)*k[t-1]) + realInv[t]
	}
	return k, nil
}

// Deflate returns nominal[t] / price[t].
func Deflate(nominal, price []float64) ([]float64, error) {
	if len(nominal) != len(price) {
		return nil, fmt.Errorf("%w: %d values, %d prices", ErrShape, len(nominal), len(price))
	}
	out := make([]float64, len(nominal))
	for t := range nominal {
		if !(price[t] > 0) || math.IsInf(price[t], 0) {
			return nil, fmt.Errorf("%w: price of period %d is %v; deflators must be positive", ErrBadValue, t, price[t])
		}
		if math.IsNaN(nominal[t]) {
			return nil, fmt.Errorf("%w: value of period %d is missing", ErrBadValue, t)
		}
		out[t] = nominal[t] / price[t]
	}
	return out, nil
}

// Chain turns an index with the previous period = 100 into a fixed-base
// index with value 1 in period base. idx[0] is not used (the first period
// has no predecessor); every other entry must be positive and at least
// minChainIndex: a value such as 1.05 is a growth ratio (105 as an index),
// which Chain would read as a fall of 99% in one period.
func Chain(idx []float64, base int) ([]float64, error) {
	if base < 0 || base >= len(idx) {
		return nil, fmt.Errorf("%w: base period %d outside 0..%d", ErrShape, base, len(idx)-1)
	}
	for t, v := range idx {
		if t > 0 && (!(v > 0) || math.IsInf(v, 0)) {
			return nil, fmt.Errorf("%w: index of period %d is %v (previous period = 100 expected)", ErrBadValue, t, v)
		}
	}
	for t, v := range idx {
		if t > 0 && v < minChainIndex {
			return nil, fmt.Errorf("%w: index of period %d is %v, a fall of %.0f%% from the previous period: this looks like a growth ratio (%v means %g as an index with the previous period = 100); multiply the series by 100",
				ErrBadValue, t, v, 100-v, v, v*100)
		}
	}
	p := make([]float64, len(idx))
	p[base] = 1
	for t := base + 1; t < len(p); t++ {
		p[t] = p[t-1] * (idx[t] / 100)
	}
	for t := base; t > 0; t-- {
		p[t-1] = p[t] / (idx[t] / 100)
	}
	return p, nil
}

// minChainIndex is the smallest index (previous period = 100) Chain
// accepts: below it a period would lose more than 90% of the previous one,
// which in practice means a growth ratio (1.05) given for an index (105).
const minChainIndex = 10

// RealFromIndex returns a series at base-period prices from nominal values
// and a volume index with the previous period = 100 (e.g. real GDP from the
// GDP index): Y_t = nominal_base · V_t with V = Chain(volume, base).
func RealFromIndex(nominal, volume []float64, base int) ([]float64, error) {
	if len(nominal) != len(volume) {
		return nil, fmt.Errorf("%w: %d values, %d index values", ErrShape, len(nominal), len(volume))
	}
	v, err := Chain(volume, base)
	if err != nil {
		return nil, err
	}
	if !(nominal[base] > 0) {
		return nil, fmt.Errorf("%w: nominal value of the base period %d is %v", ErrBadValue, base, nominal[base])
	}
	for t := range v {
		v[t] *= nominal[base]
	}
	return v, nil
}

// DeflatorFromVolume returns the implicit price deflator (base period = 1)
// of a nominal series whose volume index (previous period = 100) is given:
// P_t = nominal_t / RealFromIndex(nominal, volume, base)_t.
func DeflatorFromVolume(nominal, volume []float64, base int) ([]float64, error) {
	real, err := RealFromIndex(nominal, volume, base)
	if err != nil {
		return nil, err
	}
	for t := range real {
		if !(nominal[t] > 0) {
			return nil, fmt.Errorf("%w: nominal value of period %d is %v; an implicit deflator needs positive values", ErrBadValue, t, nominal[t])
		}
		real[t] = nominal[t] / real[t]
	}
	return real, nil
}

// Stock is the usual pipeline: deflate nominal investment by price (base
// period = 1) and accumulate it with PerpetualInventory.
func Stock(nominalInv, price []float64, opt Options) ([]float64, error) {
	ri, err := Deflate(nominalInv, price)
	if err != nil {
		return nil, err
	}
	return PerpetualInventory(ri, opt)
}
