package synth

import (
	"sync"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/citypanel"
)

// Region indices.
const (
	East = iota
	Central
	West
)

// RegionNames are the region labels used in the CSV, indexed by East,
// Central, West.
var RegionNames = [3]string{"east", "central", "west"}

// DGP holds every parameter of the data-generating process. Default
// returns the values documented in the package doc; the coefficient fields
// are the "truth" that estimates are compared with.
type DGP struct {
	Cities    [3]int // cities per region (east, central, west)
	FirstYear int
	Years     int

	// Structural TFP equation: SAGG effects by region (Table 2 of the
	// paper, IV-GMM) and common control coefficients (Table 1, IV-GMM
	// high-end column), in citypanel.ControlNames order. Default reads
	// them from the paper's printed tables (lib/chen/paper).
	BetaHigh, BetaLow [3]float64
	BetaControls      [7]float64
	YearTrend         float64 // λ_t = YearTrend·t + YearNoise·N(t)
	YearNoise         float64
	SigmaEps          float64 // sd of the i.i.d. TFP shock ε_it

	// Agglomeration: log employment share of a group in emp_total =
	// log(Share) + RegionShift[r] + a_i + η_it + Kappa·ε_it, a_i ~ N(0, CitySD²),
	// η AR(1) with coefficient Rho and innovation sd Sigma[r].
	ShareHigh, ShareLow   float64
	ShiftHigh, ShiftLow   [3]float64
	CitySDHigh, CitySDLow float64
	SigmaHigh, SigmaLow   [3]float64
	Rho                   float64
	Kappa                 float64 // feedback of the TFP shock on agglomeration (endogeneity)
	Alpha                 float64 // capital elasticity of the Cobb-Douglas technology
	SigmaA0               float64 // sd of log base efficiency A_i0 around its regional mean
	Delta                 float64 // depreciation of the perpetual inventory

	// Measurement error of the recorded DEA variables (log sd; zero in
	// the shipped panel): the CSV's real output, investment and urban
	// employment are the true ones times exp(sd·N), drawn independently
	// for every city-year, while the TFP equation and the production
	// function run on the true values. NoiseOutput perturbs the real GDP
	// level behind gdp_index (Y*_t = Y_t·exp(sd·N_it), t ≥ 1; the first
	// year's gdp is exact), NoiseCapital the investment fai the capital
	// stock is built from, NoiseLabour emp_total (the DEA labour input
	// and the reference of the location quotients).
	NoiseOutput, NoiseCapital, NoiseLabour float64

	// SO2 is the process of the undesirable output, the CSV's optional
	// column so2 (package doc, "Bad output"). It draws from its own
	// streams after everything else, so it leaves every other column
	// unchanged.
	SO2 Emission
}

// Emission is the process of SO2 emissions (10,000 tonnes):
//
//	SO2_it = Scale · Region_r · Y_it · (k_it/KRef)^KL · exp(g_i·t) · θ_it^(−Ineff) · exp(u_it)
//	g_i = Trend + TrendSD·N_i
//	u_it = Rho·u_i,t−1 + Sigma·N_it (stationary start)
//
// with Y the true real output (10,000 yuan at first-year prices), k = K/L
// the true capital per worker (yuan per person) and θ_it = A_it / max_j A_jt
// the city's true output efficiency against the year's best practice.
type Emission struct {
	Scale  float64    // SO2 per unit of output at k = KRef, θ = 1, t = 0, u = 0 (10,000 t per 10,000 yuan)
	Region [3]float64 // regional emission factor κ_r (east, central, west)
	KRef   float64    // reference capital intensity, yuan per person
	KL     float64    // elasticity of emissions per unit of output to capital per worker
	Trend  float64    // mean abatement trend of the emission intensity, per year
	// TrendSD is the sd of the city abatement trends: city i's intensity
	// falls at Trend + TrendSD·N_i a year.
	TrendSD float64
	Ineff   float64 // elasticity of emissions to inefficiency: θ^(−Ineff)
	Rho     float64 // AR(1) coefficient of the log emission shock u
	Sigma   float64 // innovation sd of u
}

// printedTruth holds the structural coefficients as the paper prints them
// (lib/chen/paper): Table 2's SAGG by region and index (high: east 0.068,
// central 0.032, west 0.044; low: 0.027, −0.010, −0.012) and Table 1's
// IV-GMM high-end column (5) for the controls (STR 0.024, GOV −0.094,
// PGDP 0.004, FDI −0.246, H 1.130, ROAD −0.003, POP 0.128).
var printedTruth = sync.OnceValue(func() (b structural) {
	for r, region := range RegionNames {
		b.high[r] = paper.MustCoef("2", map[string]string{"estimator": "gmm2s", "region": region, "sagg": "high"}, "SAGG")
		b.low[r] = paper.MustCoef("2", map[string]string{"estimator": "gmm2s", "region": region, "sagg": "low"}, "SAGG")
	}
	for k, name := range citypanel.ControlNames {
		b.controls[k] = paper.MustCoef("1", map[string]string{"estimator": "gmm2s", "sagg": "high"}, name)
	}
	return b
})

// structural are the coefficients of the TFP equation.
type structural struct {
	high, low [3]float64
	controls  [7]float64
}

// Default returns the DGP of the shipped synthetic panel; its structural
// coefficients are the paper's printed ones (see printedTruth).
func Default() DGP {
	b := printedTruth()
	return DGP{
		Cities:    [3]int{101, 99, 61},
		FirstYear: 2003,
		Years:     15,

		BetaHigh:     b.high,
		BetaLow:      b.low,
		BetaControls: b.controls, // STR, GOV, PGDP, FDI, H, ROAD, POP
		YearTrend:    0.025,
		YearNoise:    0.008,
		SigmaEps:     0.03,

		ShareHigh:  0.085,
		ShareLow:   0.09,
		ShiftHigh:  [3]float64{0.25, -0.15, -0.10},
		ShiftLow:   [3]float64{0.05, -0.02, 0},
		CitySDHigh: 0.35,
		CitySDLow:  0.30,
		SigmaHigh:  [3]float64{0.094, 0.07, 0.07},
		SigmaLow:   [3]float64{0.082, 0.11, 0.11},
		Rho:        0.8,
		Kappa:      0.4,
		Alpha:      0.45,
		SigmaA0:    0.01,
		Delta:      0.096,

		SO2: Emission{
			Scale:   1.6e-6,
			Region:  [3]float64{0.8, 1.0, 1.2},
			KRef:    5e5,
			KL:      0.3,
			Trend:   -0.04,
			TrendSD: 0.02,
			Ineff:   0.5,
			Rho:     0.6,
			Sigma:   0.15,
		},
	}
}

// N returns the number of cities.
func (d DGP) N() int { return d.Cities[0] + d.Cities[1] + d.Cities[2] }

// RegionOf returns the region of city i (cities are ordered east, central,
// west).
func (d DGP) RegionOf(i int) int {
	switch {
	case i < d.Cities[0]:
		return East
	case i < d.Cities[0]+d.Cities[1]:
		return Central
	}
	return West
}

// Scaled returns d with m times as many cities in every region (used to
// compute population values of estimators by simulation).
func (d DGP) Scaled(m int) DGP {
	for r := range d.Cities {
		d.Cities[r] *= m
	}
	return d
}

// Provinces by region (pinyin), assigned to synthetic cities in turn; the
// paper's 261 cities exclude Tibet.
var provinces = [3][]string{
	{"beijing", "tianjin", "hebei", "liaoning", "shanghai", "jiangsu", "zhejiang", "fujian", "shandong", "guangdong", "hainan"},
	{"shanxi", "jilin", "heilongjiang", "anhui", "jiangxi", "henan", "hubei", "hunan"},
	{"neimenggu", "guangxi", "chongqing", "sichuan", "guizhou", "yunnan", "shaanxi", "gansu", "qinghai", "ningxia", "xinjiang"},
}

// Annual macro series 2003–2017 used for every city (with city noise):
// yuan per US$ (annual average central parity), GDP-deflator inflation and
// fixed-asset-price inflation in percent (approximate national figures;
// index 0 = 2003). A panel of more than 15 years extends them: the
// exchange rate stays at its last value, inflation at its 2003–2017 mean
// (macro).
var (
	usdCNY  = []float64{8.2770, 8.2768, 8.1917, 7.9718, 7.6040, 6.9451, 6.8310, 6.7695, 6.4588, 6.3125, 6.1932, 6.1428, 6.2284, 6.6423, 6.7518}
	gdpInfl = []float64{2.6, 6.9, 3.9, 3.9, 7.7, 7.8, -0.2, 6.9, 8.1, 2.4, 2.2, 0.8, 0.1, 1.4, 4.1}
	faiInfl = []float64{2.2, 5.6, 1.6, 1.5, 3.9, 8.9, -2.4, 3.6, 6.6, 1.1, 0.3, 0.5, -1.8, -0.6, 5.8}
)

// MaxYears is the longest panel Generate draws.
const MaxYears = 60

// macro returns year t of a macro series: the series, or beyond its end
// its last value (hold) or its mean.
func macro(x []float64, t int, hold bool) float64 {
	if t < len(x) {
		return x[t]
	}
	if hold {
		return x[len(x)-1]
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
