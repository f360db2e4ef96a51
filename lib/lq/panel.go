package lq

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors; the returned errors wrap them with the cell at fault.
var (
	ErrMissing   = errors.New("lq: missing value")
	ErrNegative  = errors.New("lq: negative or infinite value")
	ErrZeroTotal = errors.New("lq: zero total")
	ErrShape     = errors.New("lq: shape mismatch")
	// ErrExceeds: a group's employment is larger than the total it is part of.
	ErrExceeds = errors.New("lq: group larger than its total")
)

// Panel is a regions × periods matrix stored region-major:
// Data[r*Periods+t]. Names are optional labels used in error messages.
type Panel struct {
	Regions, Periods int
	Data             []float64
	RegionNames      []string // optional, len Regions
	PeriodNames      []string // optional, len Periods
}

// NewPanel returns a zero Panel of the given shape.
func NewPanel(regions, periods int) Panel {
	return Panel{Regions: regions, Periods: periods, Data: make([]float64, regions*periods)}
}

// At returns the value of region r in period t.
func (p Panel) At(r, t int) float64 { return p.Data[r*p.Periods+t] }

// Set sets the value of region r in period t.
func (p Panel) Set(r, t int, v float64) { p.Data[r*p.Periods+t] = v }

func (p Panel) check(what string) error {
	if p.Regions <= 0 || p.Periods <= 0 || len(p.Data) != p.Regions*p.Periods {
		return fmt.Errorf("%w: %s has %d values for %d regions × %d periods",
			ErrShape, what, len(p.Data), p.Regions, p.Periods)
	}
	return nil
}

func (p Panel) region(r int) string {
	if r < len(p.RegionNames) {
		return fmt.Sprintf("%q", p.RegionNames[r])
	}
	return fmt.Sprintf("%d", r)
}

func (p Panel) period(t int) string {
	if t < len(p.PeriodNames) {
		return p.PeriodNames[t]
	}
	return fmt.Sprintf("%d", t)
}

// National holds external national totals per period: Group[t] = X_t and
// Total[t] = Y_t.
type National struct {
	Group, Total []float64
}

// Options controls Quotient. The zero value takes national totals over the
// sample.
type Options struct {
	// National, when not nil, replaces the sample sums X_t, Y_t.
	National *National
}

// Quotient returns LQ_jt = (x_jt/y_jt)/(X_t/Y_t) for a sector group with
// employment x and reference employment y (same shape). See the package
// documentation for the national totals and the errors.
func Quotient(x, y Panel, opt Options) (Panel, error) {
	if err := x.check("group"); err != nil {
		return Panel{}, err
	}
	if err := y.check("total"); err != nil {
		return Panel{}, err
	}
	if x.Regions != y.Regions || x.Periods != y.Periods {
		return Panel{}, fmt.Errorf("%w: group is %d×%d, total is %d×%d",
			ErrShape, x.Regions, x.Periods, y.Regions, y.Periods)
	}
	R, T := x.Regions, x.Periods
	X := make([]float64, T)
	Y := make([]float64, T)
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			xv, yv := x.Data[r*T+t], y.Data[r*T+t]
			for _, c := range [2]struct {
				v    float64
				name string
			}{{xv, "group"}, {yv, "total"}} {
				if err := checkCell(c.v); err != nil {
					return Panel{}, fmt.Errorf("%w: %s employment of region %s, period %s (%v)",
						err, c.name, x.region(r), x.period(t), c.v)
				}
			}
			if yv == 0 {
				return Panel{}, fmt.Errorf("%w: total employment of region %s is 0 in period %s; drop the region-period or fix the data",
					ErrZeroTotal, x.region(r), x.period(t))
			}
			if xv > yv {
				return Panel{}, fmt.Errorf("%w: group employment of region %s, period %s (%v) exceeds the total (%v); the total must include the group: check that the two columns are not swapped and are in the same units",
					ErrExceeds, x.region(r), x.period(t), xv, yv)
			}
			X[t] += xv
			Y[t] += yv
		}
	}
	if opt.National != nil {
		n := opt.National
		if len(n.Group) != T || len(n.Total) != T {
			return Panel{}, fmt.Errorf("%w: external national totals have %d/%d periods, want %d",
				ErrShape, len(n.Group), len(n.Total), T)
		}
		copy(X, n.Group)
		copy(Y, n.Total)
	}
	nat := make([]float64, T) // Y_t / X_t
	for t := 0; t < T; t++ {
		if err := checkCell(X[t]); err != nil {
			return Panel{}, fmt.Errorf("%w: national group total, period %s", err, x.period(t))
		}
		if err := checkCell(Y[t]); err != nil {
			return Panel{}, fmt.Errorf("%w: national total, period %s", err, x.period(t))
		}
		if X[t] == 0 {
			return Panel{}, fmt.Errorf("%w: national group employment is 0 in period %s; the quotient is undefined",
				ErrZeroTotal, x.period(t))
		}
		if Y[t] == 0 {
			return Panel{}, fmt.Errorf("%w: national total employment is 0 in period %s; the quotient is undefined",
				ErrZeroTotal, x.period(t))
		}
		if X[t] > Y[t] {
			return Panel{}, fmt.Errorf("%w: national group employment (%v) exceeds the national total (%v) in period %s; the total must include the group",
				ErrExceeds, X[t], Y[t], x.period(t))
		}
		nat[t] = Y[t] / X[t]
	}
	out := Panel{Regions: R, Periods: T, Data: make([]float64, R*T),
		RegionNames: x.RegionNames, PeriodNames: x.PeriodNames}
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			i := r*T + t
			out.Data[i] = (x.Data[i] / y.Data[i]) * nat[t]
		}
	}
	return out, nil
}

func checkCell(v float64) error {
	if math.IsNaN(v) {
		return ErrMissing
	}
	if v < 0 || math.IsInf(v, 0) {
		return ErrNegative
	}
	return nil
}
