package citypanel

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/capital"
	"github.com/econb/econb/lib/lq"
)

// ControlNames are the paper's control variables, in its table order.
var ControlNames = []string{"STR", "GOV", "PGDP", "FDI", "H", "ROAD", "POP"}

// Controls are the paper's control variables of one city-year:
//
//	STR  = va_secondary / va_tertiary                 industrial structure
//	GOV  = budget_exp / gdp                           government intervention
//	PGDP = gdp / pop / 10⁴                            GDP per person, 10,000 yuan (current prices)
//	FDI  = fdi_usd · usd_cny / gdp                    foreign capital used / GDP
//	H    = students / (pop · 10⁴)                     college students per resident
//	ROAD = road_area / pop                            paved road area per person, m²
//	POP  = ln(pop)                                    log year-end population (10,000 persons)
//
// The paper does not state the units of PGDP and POP; these are ours
// (10,000 yuan per person, as Chinese studies usually report 人均GDP, and
// the log of population, which keeps the printed coefficient 0.129 a
// plausible effect).
type Controls struct {
	STR, GOV, PGDP, FDI, H, ROAD, POP float64
}

// Slice returns the controls in ControlNames order.
func (c Controls) Slice() []float64 {
	return []float64{c.STR, c.GOV, c.PGDP, c.FDI, c.H, c.ROAD, c.POP}
}

// ControlsOf computes the controls of r (see Controls for the formulas).
func ControlsOf(r *Record) Controls {
	return Controls{
		STR:  r.VASecondary / r.VATertiary,
		GOV:  r.BudgetExp / r.GDP,
		PGDP: r.GDP / r.Pop / 1e4,
		FDI:  r.FDIUSD * r.USDCNY / r.GDP,
		H:    r.Students / (r.Pop * 1e4),
		ROAD: r.RoadArea / r.Pop,
		POP:  math.Log(r.Pop),
	}
}

// Vars are the regression variables of a Panel, one entry per record in
// Panel.Records order (city-major).
type Vars struct {
	City   []int    // index into Panel.Cities
	Year   []int    // calendar year
	Region []string // east, central, west

	Controls []Controls

	// Agglomeration: location quotients of producer-service employment in
	// urban units (lq.AllProducer, lq.HighEnd, lq.LowEnd) against emp_total,
	// national totals = sums over the panel's cities in each year.
	SAGGTotal, SAGGHigh, SAGGLow []float64

	// DEA inputs and output: capital stock (10,000 yuan at first-year
	// prices, perpetual inventory of fai deflated by the chained
	// fai_price_index), labour (emp_total) and real GDP (10,000 yuan at
	// first-year prices, gdp of the first year chained with gdp_index).
	K, L, RealGDP []float64
}

// Options of Build.
type Options struct {
	Capital capital.Options // zero value: Zhang's initial stock, δ = 9.6 %
	// National, keyed by group name ("total", "high", "low"), replaces the
	// sample sums in that group's location quotient with external national
	// totals (one value per year of the panel), e.g. national yearbook
	// employment when the panel is a subset of cities.
	National map[string]*lq.National
}

// Build computes the regression variables of p.
func Build(p *Panel, opt Options) (*Vars, error) {
	n, T := len(p.Records), len(p.Years)
	v := &Vars{
		City: make([]int, n), Year: make([]int, n), Region: make([]string, n),
		Controls: make([]Controls, n),
		K:        make([]float64, n), L: make([]float64, n), RealGDP: make([]float64, n),
	}
	for i := range p.Cities {
		fai := make([]float64, T)
		fpi := make([]float64, T)
		gdp := make([]float64, T)
		gi := make([]float64, T)
		for t := 0; t < T; t++ {
			k := i*T + t
			r := &p.Records[k]
			v.City[k], v.Year[k], v.Region[k] = i, r.Year, r.Region
			v.Controls[k] = ControlsOf(r)
			v.L[k] = r.EmpTotal
			fai[t], fpi[t], gdp[t], gi[t] = r.FAI, r.FAIPriceIndex, r.GDP, r.GDPIndex
		}
		k, err := CapitalStock(fai, fpi, opt.Capital)
		if err != nil {
			return nil, fmt.Errorf("citypanel: capital stock of city %s: %w", p.Cities[i].Name, err)
		}
		y, err := capital.RealFromIndex(gdp, gi, 0)
		if err != nil {
			return nil, fmt.Errorf("citypanel: real GDP of city %s: %w", p.Cities[i].Name, err)
		}
		copy(v.K[i*T:], k)
		copy(v.RealGDP[i*T:], y)
	}
	var err error
	for _, g := range []struct {
		dst   *[]float64
		group lq.Group
	}{{&v.SAGGTotal, lq.AllProducer}, {&v.SAGGHigh, lq.HighEnd}, {&v.SAGGLow, lq.LowEnd}} {
		if *g.dst, err = agglomeration(p, g.group, lq.Options{National: opt.National[g.group.Name]}); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// CapitalStock is the capital stock of one city: fai deflated by the
// fixed-asset price index (previous year = 100) chained to the first year,
// accumulated by capital.PerpetualInventory.
func CapitalStock(fai, priceIndex []float64, opt capital.Options) ([]float64, error) {
	p, err := capital.Chain(priceIndex, 0)
	if err != nil {
		return nil, err
	}
	return capital.Stock(fai, p, opt)
}

// Agglomeration returns the location quotient of group g for every record
// of p (Records order), national totals = sums over the panel's cities.
func Agglomeration(p *Panel, g lq.Group) ([]float64, error) {
	return agglomeration(p, g, lq.Options{})
}

func agglomeration(p *Panel, g lq.Group, opt lq.Options) ([]float64, error) {
	R, T := len(p.Cities), len(p.Years)
	sectors := map[string]lq.Panel{}
	names := make([]string, R)
	years := make([]string, T)
	for i, c := range p.Cities {
		names[i] = c.Name
	}
	for t, y := range p.Years {
		years[t] = fmt.Sprint(y)
	}
	for _, key := range g.Sectors {
		s := lq.Panel{Regions: R, Periods: T, Data: make([]float64, R*T), RegionNames: names, PeriodNames: years}
		for k := range p.Records {
			s.Data[k] = p.Records[k].sectorEmp(key)
		}
		sectors[key] = s
	}
	tot := lq.Panel{Regions: R, Periods: T, Data: make([]float64, R*T), RegionNames: names, PeriodNames: years}
	for k := range p.Records {
		tot.Data[k] = p.Records[k].EmpTotal
	}
	q, err := lq.GroupQuotient(g, sectors, tot, opt)
	if err != nil {
		return nil, fmt.Errorf("citypanel: SAGG (%s): %w", g.Name, err)
	}
	return q.Data, nil
}
