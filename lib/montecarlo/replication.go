package montecarlo

import (
	"math"
	"time"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// Replication is one drawn panel run through the chain.
type Replication struct {
	Rep  int
	Seed uint64 // the panel's seed, RepSeed(study seed, Rep)
	Done bool   // false if the study was cancelled before it ran
	Err  string // why the panel or the chain failed ("" if it did not)
	Fits []Fit  // one per Study.Models, in order
	// LevelCorr[t] is the correlation across cities of the log cumulative
	// Malmquist TFP with the log true TFP in year t (NaN in the first
	// year, where both are 1); GrowthCorr[t] that of their growth from
	// year t−1 to t.
	LevelCorr, GrowthCorr []float64
	Time                  Timing
}

// Timing splits a replication's time.
type Timing struct {
	Generate  time.Duration // synth.Generate
	Variables time.Duration // capital stock, location quotients, controls (chen.BuildVars)
	Malmquist time.Duration // the DEA Malmquist analysis (chen.Data.AddLevels)
	Fits      time.Duration // every model's regression
}

// Fit is one model's regression on one replication.
type Fit struct {
	Err       string    // the fit's error ("" if it ran)
	Names     []string  // coefficients: the index (sagg_*), then the controls
	Coef, SE  []float64 // in Names order
	N         int
	NClusters int
	// Identification of the SAGG index (NaN for FE-OLS): first-stage F
	// of the excluded instruments, Sanderson-Windmeijer F, partial R²;
	// Kleibergen-Paap rk LM (and p) and Wald F; Cragg-Donald F; Hansen J
	// (and p; over-identification, df 1).
	FirstF, SWF, PartialR2 float64
	KPLM, KPLMP, KPF, CDF  float64
	HansenJ, HansenP       float64
}

func replicate(d synth.DGP, seed uint64, rep int, models []Model) Replication {
	r := Replication{Rep: rep, Seed: RepSeed(seed, rep), Done: true}
	t0 := time.Now()
	p, err := synth.Generate(d, r.Seed)
	r.Time.Generate = time.Since(t0)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	t0 = time.Now()
	opt := chen.Options{Workers: 1}
	data, err := chen.BuildVars(p.CityPanel(), opt)
	if err == nil {
		err = data.SetTrueTFP(p.TFP)
	}
	r.Time.Variables = time.Since(t0)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	t0 = time.Now()
	err = data.AddLevels(opt)
	r.Time.Malmquist = time.Since(t0)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	t0 = time.Now()
	f := data.Fitter()
	r.Fits = make([]Fit, len(models))
	for i, m := range models {
		r.Fits[i] = fitOne(f, m)
	}
	r.Time.Fits = time.Since(t0)
	r.LevelCorr, r.GrowthCorr = correlations(data)
	return r
}

func fitOne(f *chen.Fitter, m Model) Fit {
	res, err := f.Fit(m.Spec(), m.options())
	if err != nil {
		return Fit{Err: err.Error()}
	}
	out := Fit{Names: res.Names, Coef: res.Coef, SE: res.SE, N: res.N, NClusters: res.NClusters,
		FirstF: math.NaN(), SWF: math.NaN(), PartialR2: math.NaN(),
		KPLM: res.UnderID.Stat, KPLMP: res.UnderID.P, KPF: res.KPWaldF.Stat, CDF: res.CraggDonald.Stat,
		HansenJ: res.OverID.Stat, HansenP: res.OverID.P}
	if len(res.FirstStages) > 0 {
		fs := res.FirstStages[0]
		out.FirstF, out.SWF, out.PartialR2 = fs.F.Stat, fs.SWF.Stat, fs.PartialR2
	}
	if m.Estimator == ivgmm.OLS {
		out.KPLM, out.KPLMP, out.KPF, out.CDF, out.HansenJ, out.HansenP = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	return out
}

// correlations returns, per year, the cross-city correlation of the log
// Malmquist level with the log true TFP, and of their growth rates.
func correlations(d *chen.Data) (level, growth []float64) {
	T := len(d.Panel.Years)
	N := len(d.Panel.Cities)
	level, growth = make([]float64, T), make([]float64, T)
	x, y := make([]float64, N), make([]float64, N)
	gx, gy := make([]float64, N), make([]float64, N)
	for t := 0; t < T; t++ {
		for i := 0; i < N; i++ {
			k := i*T + t
			x[i], y[i] = math.Log(d.TFP[k]), math.Log(d.TrueTFP[k])
			if t > 0 {
				gx[i], gy[i] = x[i]-math.Log(d.TFP[k-1]), y[i]-math.Log(d.TrueTFP[k-1])
			}
		}
		level[t], growth[t] = corr(x, y), math.NaN()
		if t > 0 {
			growth[t] = corr(gx, gy)
		}
	}
	level[0] = math.NaN()
	return level, growth
}

// corr is the Pearson correlation of x and y (two passes).
func corr(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i] / n
		my += y[i] / n
	}
	var sxx, syy, sxy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}
