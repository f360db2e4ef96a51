package montecarlo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
)

// Z95 is the normal quantile of the 95 % intervals whose coverage the
// summaries report (xtivreg2 without small reports z statistics).
const Z95 = 1.959963984540054

// Summary describes the sampling distribution of one coefficient of one
// model across the replications that ran.
type Summary struct {
	Model  Model
	Coef   string  // "sagg_high", "str", …
	Truth  float64 // NaN if the DGP defines none
	N      int     // replications with an estimate
	Failed int     // replications without one (panel, chain or fit error)
	Mean   float64
	Bias   float64 // Mean − Truth
	SD     float64 // standard deviation of the estimates (n − 1)
	RMSE   float64 // √(mean (b − Truth)²)
	MeanSE float64 // mean standard error; MeanSE/SD < 1: the SEs are too small
	// Coverage is the share of replications whose interval b ± Z95·SE
	// holds the truth (nominal 0.95).
	Coverage float64
	// MeanKPF is the mean Kleibergen-Paap rk Wald F (NaN for FE-OLS).
	MeanKPF float64
}

// Summaries returns a Summary for every model and coefficient (SAGG first,
// then the controls), in Study.Models order.
func (s *Study) Summaries() []Summary {
	var out []Summary
	for i, m := range s.Models {
		var names []string
		for _, r := range s.Reps {
			if r.Done && r.Err == "" && r.Fits[i].Err == "" {
				names = r.Fits[i].Names
				break
			}
		}
		if names == nil {
			names = []string{chen.SAGGColumns[m.Cell.Group]}
		}
		for j, name := range names {
			out = append(out, s.summarize(i, j, name))
		}
	}
	return out
}

// truthOf returns the truth of coefficient name in model m.
func (s *Study) truthOf(m Model, name string) float64 {
	if strings.HasPrefix(name, "sagg_") {
		if v, ok := s.Truth.SAGG[m.Cell]; ok {
			return v
		}
		return math.NaN()
	}
	for k, c := range citypanel.ControlNames {
		if strings.EqualFold(c, name) {
			return s.Truth.Controls[k]
		}
	}
	return math.NaN()
}

func (s *Study) summarize(model, j int, name string) Summary {
	m := s.Models[model]
	sm := Summary{Model: m, Coef: name, Truth: s.truthOf(m, name)}
	var b, se, kpf []float64
	for _, r := range s.Reps {
		if !r.Done {
			continue
		}
		if r.Err != "" || r.Fits[model].Err != "" || j >= len(r.Fits[model].Coef) || r.Fits[model].Names[j] != name {
			sm.Failed++
			continue
		}
		f := r.Fits[model]
		b, se, kpf = append(b, f.Coef[j]), append(se, f.SE[j]), append(kpf, f.KPF)
	}
	sm.N = len(b)
	sm.Mean, sm.SD = meanSD(b)
	sm.MeanSE, _ = meanSD(se)
	sm.MeanKPF, _ = meanSD(kpf)
	sm.Bias = sm.Mean - sm.Truth
	var sq, in float64
	for i := range b {
		sq += (b[i] - sm.Truth) * (b[i] - sm.Truth)
		if math.Abs(b[i]-sm.Truth) <= Z95*se[i] {
			in++
		}
	}
	sm.RMSE = math.Sqrt(sq / float64(len(b)))
	sm.Coverage = in / float64(len(b))
	if math.IsNaN(sm.Truth) {
		sm.RMSE, sm.Coverage = math.NaN(), math.NaN()
	}
	return sm
}

func meanSD(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)-1))
}

// SAGGTable lays out the SAGG summaries of one estimator: for each of the
// nine cells, the chain's and the true TFP, robust and clustered: truth,
// mean, bias, RMSE, SD, mean SE / SD and coverage of the 95 % interval.
func (s *Study) SAGGTable(est ivgmm.Estimator) (*report.Table, error) {
	var rows [][]any
	label := func(k string) string {
		if l, ok := chen.Labels[k]; ok {
			return l
		}
		return k
	}
	for _, sm := range s.Summaries() {
		m := sm.Model
		if m.Estimator != est || !strings.HasPrefix(sm.Coef, "sagg_") {
			continue
		}
		dep := map[string]string{Chain: "Malmquist (chain)", True: "true TFP"}[m.DepVar]
		rows = append(rows, []any{label(m.Cell.Region), label(m.Cell.Group), dep, m.VCE, sm.Truth, sm.Mean, sm.Bias, sm.RMSE,
			sm.SD, sm.MeanSE / sm.SD, sm.Coverage, sm.N})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: the study has no %v model", ErrConfig, est)
	}
	name := map[ivgmm.Estimator]string{ivgmm.OLS: "FE-OLS", ivgmm.TSLS: "2SLS", ivgmm.GMM2S: "IV-GMM"}[est]
	ok, total := s.completed()
	return report.Tidy([]string{"Sample", "Index", "TFP", "SE", "Truth", "Mean", "Bias", "RMSE", "SD", "SE/SD", "Coverage", "N"}, rows,
		report.TidyOptions{
			Caption:  fmt.Sprintf("SAGG, %s: %d replications of the DGP (seed %d)", name, total, s.Config.Seed),
			Decimals: 4,
			Column:   map[string]int{"SE/SD": 2, "Coverage": 3, "N": -1},
			Notes: []string{
				fmt.Sprintf("%d of %d replications completed. Truth: structural by region, implied nationally (chen.ImpliedNational). "+
					"Coverage: share of b ± 1.96·SE holding the truth (nominal 0.950). SE/SD: mean standard error over the SD of the estimates.", ok, total),
			}})
}

// completed counts the replications that ran without error, and all.
func (s *Study) completed() (ok, total int) {
	for _, r := range s.Reps {
		if r.Done && r.Err == "" {
			ok++
		}
	}
	return ok, len(s.Reps)
}

// Correlations returns, per year of the panel, the mean over replications
// of Replication.LevelCorr and GrowthCorr.
func (s *Study) Correlations() (level, growth []float64) {
	var n int
	for _, r := range s.Reps {
		if !r.Done || r.Err != "" {
			continue
		}
		if level == nil {
			level, growth = make([]float64, len(r.LevelCorr)), make([]float64, len(r.GrowthCorr))
		}
		for t := range r.LevelCorr {
			level[t] += r.LevelCorr[t]
			growth[t] += r.GrowthCorr[t]
		}
		n++
	}
	for t := range level {
		level[t] /= float64(n)
		growth[t] /= float64(n)
	}
	return level, growth
}

// TimeSplit returns the total time of each stage over the replications
// (CPU-seconds of the workers, not wall time).
func (s *Study) TimeSplit() Timing {
	var t Timing
	for _, r := range s.Reps {
		t.Generate += r.Time.Generate
		t.Variables += r.Time.Variables
		t.Malmquist += r.Time.Malmquist
		t.Fits += r.Time.Fits
	}
	return t
}

// Total is the sum of the stages.
func (t Timing) Total() time.Duration { return t.Generate + t.Variables + t.Malmquist + t.Fits }
