package synth

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/capital"
	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/internal/detrand"
	"github.com/econb/econb/lib/lq"
)

// DefaultSeed is the seed of the shipped panel (notebooks/data).
const DefaultSeed uint64 = 20240601

// Panel is a generated city panel with its hidden truth.
type Panel struct {
	DGP     DGP
	Seed    uint64
	Records []citypanel.Record // city-major, the CSV rows
	// TFP is the true cumulative TFP level A_it / A_i,first-year (1 in the
	// first year), aligned with Records: what a DEA Malmquist TFP
	// cumulated from the first year estimates.
	TFP []float64
	// Eps is the TFP shock ε_it, aligned with Records.
	Eps []float64
	// Efficiency is the true output efficiency θ_it = A_it / max_j A_jt
	// (the city's efficiency against the year's best practice), and
	// SO2Shock the log emission shock u_it of the SO2 process, aligned
	// with Records (DGP.SO2).
	Efficiency, SO2Shock []float64
}

// Stream numbers of detrand draws: city-level draws use counter i,
// city-year draws counter i*4096+t, year draws counter t.
const (
	sPop0 = 10 + iota
	sPopG
	sEmpShare
	sA0
	sInvRate
	sInvG
	sAHigh
	sALow
	sWICT
	sWFinance
	sWResearch
	sWTransport
	sWLeasing
	sH0
	sRoad0
	sGov0
	sFDI0
	sSTR0
	sPrim
	sEmpG
)

const (
	cEps = 40 + iota
	cEtaHigh
	cEtaLow
	cPop
	cEmp
	cInv
	cSplit // 5 streams, one per sector
	_
	_
	_
	_
	cGov
	cFDI
	cSTR
	cH
	cRoad
	cFAIPrice
	cDeflator
	cGDPIndex0
	sYear = 70
)

// Streams of the measurement errors (city-year counters).
const (
	cNoiseOutput = 80 + iota
	cNoiseCapital
	cNoiseLabour
)

// Streams of the SO2 process: drawn after everything else, so the SO2
// process changes no other column.
const (
	cSO2      = 90 // u_it, city-year counters
	sSO2Trend = 91 // g_i, city counters
)

func cell(i, t int) uint64 { return uint64(i)*4096 + uint64(t) }

func roundTo(x float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(x*p) / p
}

// ar returns an AR(1) series of length T with coefficient rho and
// innovation sd, started at its stationary distribution.
func ar(s detrand.Stream, i, T int, rho, sd float64) []float64 {
	out := make([]float64, T)
	out[0] = float64(sd/math.Sqrt(1-rho*rho)) * s.Norm(cell(i, 0))
	for t := 1; t < T; t++ {
		out[t] = float64(rho*out[t-1]) + float64(sd*s.Norm(cell(i, t)))
	}
	return out
}

// city holds the exogenous series of one city.
type city struct {
	region        int
	pop, empShare []float64
	emp           []float64 // true urban employment, 10,000 persons (emp_total without measurement error)
	gov, fdi, str []float64 // ratios before rounding of their numerators
	prim          []float64
	h, road       []float64
	a0, invRate   float64 // target base efficiency A_i0, FAI/GDP of the first year
}

// Generate draws a panel from d with the given seed. It is a pure function
// of (d, seed): the same arguments give the same bytes on every platform.
func Generate(d DGP, seed uint64) (*Panel, error) {
	if d.Years < 3 || d.Years > MaxYears {
		return nil, fmt.Errorf("synth: %d years; the generator supports 3..%d", d.Years, MaxYears)
	}
	if d.Cities[0] < 0 || d.Cities[1] < 0 || d.Cities[2] < 0 || d.N() < 2 {
		return nil, fmt.Errorf("synth: cities by region %v; need at least two cities and none negative", d.Cities)
	}
	if d.NoiseOutput < 0 || d.NoiseCapital < 0 || d.NoiseLabour < 0 {
		return nil, fmt.Errorf("synth: negative measurement error sd (output %g, capital %g, labour %g)", d.NoiseOutput, d.NoiseCapital, d.NoiseLabour)
	}
	if e := d.SO2; !(e.Scale >= 0 && e.Sigma >= 0 && math.Abs(e.Rho) < 1 && (e.Scale == 0 || e.KRef > 0)) ||
		e.Region[0] < 0 || e.Region[1] < 0 || e.Region[2] < 0 {
		return nil, fmt.Errorf("synth: SO2 process %+v: need Scale, Region and Sigma ≥ 0, |Rho| < 1 and KRef > 0 (Scale 0: no SO2 column)", e)
	}
	N, T := d.N(), d.Years
	st := func(k int) detrand.Stream { return detrand.NewStream(seed, uint64(k)) }
	p := &Panel{DGP: d, Seed: seed, Records: make([]citypanel.Record, N*T), TFP: make([]float64, N*T), Eps: make([]float64, N*T),
		Efficiency: make([]float64, N*T), SO2Shock: make([]float64, N*T)}
	cities := make([]city, N)
	nth := [3]int{}
	epsS := st(cEps)
	for i := 0; i < N; i++ {
		c := exogenous(d, seed, i, st)
		cities[i] = c
		r := c.region
		name := fmt.Sprintf("SYN-%c%03d", "ECW"[r], nth[r]+1)
		prov := provinces[r][nth[r]%len(provinces[r])]
		nth[r]++
		for t := 0; t < T; t++ {
			k := i*T + t
			p.Eps[k] = d.SigmaEps * epsS.Norm(cell(i, t))
			rec := &p.Records[k]
			rec.City, rec.Province, rec.Region, rec.Year = name, prov, RegionNames[r], d.FirstYear+t
			rec.Pop = roundTo(c.pop[t], 2)
			rec.USDCNY = macro(usdCNY, t, true)
			rec.Students = math.Round(c.h[t] * rec.Pop * 1e4)
			rec.RoadArea = roundTo(c.road[t]*rec.Pop, 2)
		}
		cities[i].emp = employment(d, seed, i, c, p.Records[i*T:(i+1)*T], p.Eps[i*T:(i+1)*T])
		investment(d, seed, i, p.Records[i*T:(i+1)*T], cities[i])
	}
	// Agglomeration indices exactly as citypanel computes them from the CSV.
	tmp := &citypanel.Panel{Records: p.Records}
	for i := 0; i < N; i++ {
		tmp.Cities = append(tmp.Cities, citypanel.City{Name: p.Records[i*T].City})
	}
	for t := 0; t < T; t++ {
		tmp.Years = append(tmp.Years, d.FirstYear+t)
	}
	hi, err := citypanel.Agglomeration(tmp, lq.HighEnd)
	if err != nil {
		return nil, err
	}
	lo, err := citypanel.Agglomeration(tmp, lq.LowEnd)
	if err != nil {
		return nil, err
	}
	lambda := make([]float64, T)
	ys := st(sYear)
	for t := range lambda {
		lambda[t] = float64(d.YearTrend*float64(t)) + float64(d.YearNoise*ys.Norm(uint64(t)))
	}
	tr := truth{y: make([]float64, N*T), kl: make([]float64, N*T), a: make([]float64, N*T)}
	for i := 0; i < N; i++ {
		if err := output(d, i, cities[i], p, hi, lo, lambda, &tr); err != nil {
			return nil, err
		}
	}
	emissions(d, p, &tr)
	return p, nil
}

// truth holds the true real output Y_it, capital per worker K_it/L_it
// (yuan per person) and efficiency level A_it of every city-year, for the
// SO2 process.
type truth struct{ y, kl, a []float64 }

// emissions fills the so2 column (Emission): it runs after the rest of
// the panel and draws only from its own stream.
func emissions(d DGP, p *Panel, tr *truth) {
	e, N, T := d.SO2, d.N(), d.Years
	best := make([]float64, T) // max_j A_jt
	for k, a := range tr.a {
		best[k%T] = max(best[k%T], a)
	}
	s, sg := detrand.NewStream(p.Seed, cSO2), detrand.NewStream(p.Seed, sSO2Trend)
	for i := 0; i < N; i++ {
		r := d.RegionOf(i)
		u := ar(s, i, T, e.Rho, e.Sigma)
		g := e.Trend + e.TrendSD*sg.Norm(uint64(i))
		for t := 0; t < T; t++ {
			k := i*T + t
			theta := tr.a[k] / best[t]
			p.Efficiency[k], p.SO2Shock[k] = theta, u[t]
			so2 := e.Scale * e.Region[r] * tr.y[k] * math.Pow(tr.kl[k]/e.KRef, e.KL) *
				math.Exp(g*float64(t)) * math.Pow(theta, -e.Ineff) * math.Exp(u[t])
			if e.Scale > 0 {
				p.Records[k].SO2 = roundTo(so2, 4)
			}
		}
	}
}

// exogenous draws the city-level parameters and exogenous series.
func exogenous(d DGP, seed uint64, i int, st func(int) detrand.Stream) city {
	T := d.Years
	r := d.RegionOf(i)
	u := uint64(i)
	n := func(k int) float64 { return st(k).Norm(u) }
	c := city{region: r}
	popShift := [3]float64{0.1, 0, -0.25}
	pop0 := math.Exp(5.85 + popShift[r] + 0.55*n(sPop0))
	popG := 0.006 + 0.004*n(sPopG)
	empShare := 0.11 * [3]float64{1.15, 0.95, 0.9}[r] * math.Exp(0.25*n(sEmpShare))
	empG := 0.012 + 0.005*n(sEmpG)
	c.a0 = math.Exp(5.6 + d.SigmaA0*n(sA0))
	c.invRate = 0.45 * [3]float64{1.08, 1, 0.95}[r] * math.Exp(0.1*n(sInvRate))
	govNoise := ar(st(cGov), i, T, 0.7, 0.05)
	fdiNoise := ar(st(cFDI), i, T, 0.7, 0.15)
	strNoise := ar(st(cSTR), i, T, 0.7, 0.05)
	hNoise := ar(st(cH), i, T, 0.7, 0.05)
	roadNoise := ar(st(cRoad), i, T, 0.7, 0.04)
	gov0 := 0.11 * [3]float64{0.9, 1.0, 1.35}[r] * math.Exp(0.25*n(sGov0))
	fdi0 := 0.03 * [3]float64{1.6, 0.7, 0.4}[r] * math.Exp(0.7*n(sFDI0))
	str0 := 1.25 * [3]float64{1.0, 1.1, 1.05}[r] * math.Exp(0.3*n(sSTR0))
	prim0 := 0.13 * math.Exp(0.4*n(sPrim))
	h0 := 0.012 * math.Exp(0.9*n(sH0))
	road0 := 7 * math.Exp(0.35*n(sRoad0))
	ps, es := st(cPop), st(cEmp)
	for t := 0; t < T; t++ {
		ft := float64(t)
		c.pop = append(c.pop, pop0*math.Exp(float64(popG*ft)+0.003*ps.Norm(cell(i, t))))
		c.empShare = append(c.empShare, empShare*math.Exp(float64(empG*ft)+0.02*es.Norm(cell(i, t))))
		c.gov = append(c.gov, gov0*math.Exp(0.03*ft+govNoise[t]))
		c.fdi = append(c.fdi, math.Min(0.2, fdi0*math.Exp(-0.04*ft+fdiNoise[t])))
		c.str = append(c.str, str0*math.Exp(-0.015*ft+strNoise[t]))
		c.prim = append(c.prim, math.Min(0.3, prim0*math.Exp(-0.045*ft)))
		c.h = append(c.h, math.Max(0.0003, math.Min(0.25, h0*math.Exp(0.06*ft+hNoise[t]))))
		c.road = append(c.road, road0*math.Exp(0.045*ft+roadNoise[t]))
	}
	return c
}

// employment fills emp_total (with its measurement error) and the five
// producer-service sectors, and returns the true employment.
func employment(d DGP, seed uint64, i int, c city, recs []citypanel.Record, eps []float64) []float64 {
	T := d.Years
	r := c.region
	st := func(k int) detrand.Stream { return detrand.NewStream(seed, uint64(k)) }
	aH := d.CitySDHigh * st(sAHigh).Norm(uint64(i))
	aL := d.CitySDLow * st(sALow).Norm(uint64(i))
	etaH := ar(st(cEtaHigh), i, T, d.Rho, d.SigmaHigh[r])
	etaL := ar(st(cEtaLow), i, T, d.Rho, d.SigmaLow[r])
	// Sector weights within the groups: city-specific, with small yearly noise.
	base := []float64{0.22, 0.50, 0.28, 0.65, 0.35} // ICT, finance, research | transport, leasing
	wStreams := []int{sWICT, sWFinance, sWResearch, sWTransport, sWLeasing}
	wCity := make([]float64, 5)
	for k := range wCity {
		wCity[k] = base[k] * math.Exp(0.25*st(wStreams[k]).Norm(uint64(i)))
	}
	emp := make([]float64, T)
	noise := st(cNoiseLabour)
	for t := 0; t < T; t++ {
		rec := &recs[t]
		persons := math.Round(c.pop[t] * 1e4 * c.empShare[t])
		emp[t] = persons / 1e4
		rec.EmpTotal = emp[t]
		if d.NoiseLabour > 0 {
			rec.EmpTotal = math.Round(persons*math.Exp(d.NoiseLabour*noise.Norm(cell(i, t)))) / 1e4
		}
		hShare := math.Min(0.35, d.ShareHigh*math.Exp(d.ShiftHigh[r]+aH+etaH[t]+float64(d.Kappa*eps[t])))
		lShare := math.Min(0.35, d.ShareLow*math.Exp(d.ShiftLow[r]+aL+etaL[t]+float64(d.Kappa*eps[t])))
		w := make([]float64, 5)
		for k := range w {
			w[k] = wCity[k] * math.Exp(0.05*st(cSplit+k).Norm(cell(i, t)))
		}
		sh := w[0] + w[1] + w[2]
		sl := w[3] + w[4]
		hp, lp := persons*hShare, persons*lShare
		rec.EmpICT = math.Round(hp*w[0]/sh) / 1e4
		rec.EmpFinance = math.Round(hp*w[1]/sh) / 1e4
		rec.EmpResearch = math.Round(hp*w[2]/sh) / 1e4
		rec.EmpTransport = math.Round(lp*w[3]/sl) / 1e4
		rec.EmpLeasing = math.Round(lp*w[4]/sl) / 1e4
	}
	return emp
}

// investment fills fai and fai_price_index (fai needs gdp of the first
// year, set here from the city's GDP per person).
func investment(d DGP, seed uint64, i int, recs []citypanel.Record, c city) {
	st := func(k int) detrand.Stream { return detrand.NewStream(seed, uint64(k)) }
	// First-year GDP from the production function with K_0 = I_0/10 %
	// and I_0 = invRate·GDP_0: GDP_0 = A^(1/(1-α)) (10·invRate)^(α/(1-α)) L_0.
	gdp0 := math.Round(math.Pow(c.a0, 1/(1-d.Alpha)) * math.Pow(10*c.invRate, d.Alpha/(1-d.Alpha)) * c.emp[0])
	i0 := c.invRate * gdp0
	g := 0.13 + 0.012*st(sInvG).Norm(uint64(i))
	ps, is := st(cFAIPrice), st(cInv)
	price := 1.0
	for t := range recs {
		rec := &recs[t]
		rec.FAIPriceIndex = roundTo(100+macro(faiInfl, t, false)+0.4*ps.Norm(cell(i, t)), 3)
		if t > 0 {
			price *= rec.FAIPriceIndex / 100
		}
		real := i0 * math.Exp(float64(g*float64(t))+0.05*is.Norm(cell(i, t)))
		rec.FAI = math.Round(real * price)
	}
	recs[0].GDP = gdp0
}

// fillMoney sets the columns that are ratios of gdp.
func fillMoney(rec *citypanel.Record, c city, t int) {
	rec.BudgetExp = math.Round(c.gov[t] * rec.GDP)
	rec.FDIUSD = math.Round(c.fdi[t] * rec.GDP / rec.USDCNY)
	nonPrim := rec.GDP * (1 - c.prim[t])
	rec.VASecondary = math.Round(nonPrim * c.str[t] / (1 + c.str[t]))
	rec.VATertiary = math.Round(nonPrim / (1 + c.str[t]))
}

// output runs the TFP equation and the production function for city i.
func output(d DGP, i int, c city, p *Panel, hi, lo, lambda []float64, tr *truth) error {
	T := d.Years
	r := c.region
	recs := p.Records[i*T : (i+1)*T]
	fai := make([]float64, T)
	fpi := make([]float64, T)
	for t := range recs {
		fai[t], fpi[t] = recs[t].FAI, recs[t].FAIPriceIndex
	}
	K, err := citypanel.CapitalStock(fai, fpi, capital.Options{Delta: d.Delta})
	if err != nil {
		return fmt.Errorf("synth: city %s: %w", recs[0].City, err)
	}
	F := func(t int) float64 {
		return math.Pow(K[t], d.Alpha) * math.Pow(c.emp[t], 1-d.Alpha)
	}
	bW := d.BetaControls
	const iPGDP = 2
	ctrl := func(w citypanel.Controls, skipPGDP bool) float64 {
		s := 0.0
		for k, v := range w.Slice() {
			if skipPGDP && k == iPGDP {
				continue
			}
			s += float64(bW[k] * v)
		}
		return s
	}
	k0 := i * T
	agg := func(t int) float64 {
		return float64(d.BetaHigh[r]*hi[k0+t]) + float64(d.BetaLow[r]*lo[k0+t])
	}
	// First year: TFP = 1 fixes the city effect m_i.
	rec := &recs[0]
	fillMoney(rec, c, 0)
	w0 := citypanel.ControlsOf(rec)
	m := 1 - lambda[0] - agg(0) - ctrl(w0, false) - p.Eps[k0]
	a0 := rec.GDP / F(0)
	rec.GDPIndex = roundTo(100+11+1.5*p.Eps[k0]/d.SigmaEps, 3)
	p.TFP[k0] = 1
	tr.y[k0], tr.kl[k0], tr.a[k0] = a0*F(0), K[0]/c.emp[0], a0
	prevY := rec.GDP
	yNoise := detrand.NewStream(p.Seed, cNoiseOutput)
	deflator := 1.0
	for t := 1; t < T; t++ {
		rec := &recs[t]
		deflator *= 1 + macro(gdpInfl, t, false)/100
		// Nominal GDP follows expected productivity: the TFP equation at
		// last year's agglomeration, without the shock, solved jointly with
		// PGDP = q·TFP*.
		wx := citypanel.Controls{STR: c.str[t], GOV: c.gov[t], FDI: c.fdi[t], H: c.h[t], ROAD: c.road[t], POP: math.Log(rec.Pop)}
		q := deflator * a0 * F(t) / (rec.Pop * 1e4)
		star := (m + lambda[t] + agg(t-1) + ctrl(wx, true)) / (1 - bW[iPGDP]*q)
		rec.GDP = math.Round(deflator * a0 * F(t) * star)
		fillMoney(rec, c, t)
		w := citypanel.ControlsOf(rec)
		tfp := m + lambda[t] + agg(t) + ctrl(w, false) + p.Eps[k0+t]
		if !(tfp > 0.2) {
			return fmt.Errorf("synth: city %s, year %d: TFP %v out of range; the DGP parameters are implausible", rec.City, rec.Year, tfp)
		}
		p.TFP[k0+t] = tfp
		y := a0 * tfp * F(t)
		tr.y[k0+t], tr.kl[k0+t], tr.a[k0+t] = y, K[t]/c.emp[t], a0*tfp
		if d.NoiseOutput > 0 { // the recorded level Y*_t = Y_t·exp(sd·N)
			y *= math.Exp(d.NoiseOutput * yNoise.Norm(cell(i, t)))
		}
		rec.GDPIndex = roundTo(100*y/prevY, 3)
		prevY = y
	}
	if d.NoiseCapital > 0 { // recorded investment; K above is the true stock
		kNoise := detrand.NewStream(p.Seed, cNoiseCapital)
		for t := range recs {
			recs[t].FAI = math.Round(fai[t] * math.Exp(d.NoiseCapital*kNoise.Norm(cell(i, t))))
		}
	}
	return nil
}
