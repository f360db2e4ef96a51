package montecarlo

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// num is a float64 that JSON writes as null when it is NaN or infinite.
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func nums(x []float64) []num {
	out := make([]num, len(x))
	for i, v := range x {
		out[i] = num(v)
	}
	return out
}

type modelJSON struct {
	Region    string `json:"region"`
	Group     string `json:"group"`
	Estimator string `json:"estimator"` // "ols", "2sls", "gmm2s"
	VCE       string `json:"vce"`
	DepVar    string `json:"depvar"`
}

func (m Model) json() modelJSON {
	est := map[ivgmm.Estimator]string{ivgmm.OLS: "ols", ivgmm.TSLS: "2sls", ivgmm.GMM2S: "gmm2s", ivgmm.LIML: "liml"}[m.Estimator]
	return modelJSON{m.Cell.Region, m.Cell.Group, est, m.VCE, m.DepVar}
}

type summaryJSON struct {
	modelJSON
	Coef     string `json:"coef"`
	Truth    num    `json:"truth"`
	N        int    `json:"n"`
	Failed   int    `json:"failed"`
	Mean     num    `json:"mean"`
	Bias     num    `json:"bias"`
	SD       num    `json:"sd"`
	RMSE     num    `json:"rmse"`
	MeanSE   num    `json:"mean_se"`
	Coverage num    `json:"coverage95"`
	MeanKPF  num    `json:"mean_kp_f"`
}

type fitJSON struct {
	Err       string   `json:"error,omitempty"`
	Names     []string `json:"names,omitempty"`
	Coef      []num    `json:"coef,omitempty"`
	SE        []num    `json:"se,omitempty"`
	N         int      `json:"n"`
	NClusters int      `json:"n_clusters"`
	FirstF    num      `json:"first_f"`
	SWF       num      `json:"sw_f"`
	PartialR2 num      `json:"partial_r2"`
	KPLM      num      `json:"kp_lm"`
	KPLMP     num      `json:"kp_lm_p"`
	KPF       num      `json:"kp_f"`
	CDF       num      `json:"cd_f"`
	HansenJ   num      `json:"hansen_j"`
	HansenP   num      `json:"hansen_j_p"`
}

type repJSON struct {
	Rep        int        `json:"rep"`
	Seed       uint64     `json:"seed"`
	Err        string     `json:"error,omitempty"`
	Fits       []fitJSON  `json:"fits"`
	LevelCorr  []num      `json:"level_corr"`
	GrowthCorr []num      `json:"growth_corr"`
	Seconds    timingJSON `json:"seconds"`
}

type timingJSON struct {
	Generate  float64 `json:"generate"`
	Variables float64 `json:"variables"`
	Malmquist float64 `json:"malmquist"`
	Fits      float64 `json:"fits"`
}

func (t Timing) json() timingJSON {
	return timingJSON{t.Generate.Seconds(), t.Variables.Seconds(), t.Malmquist.Seconds(), t.Fits.Seconds()}
}

// WriteJSON writes the study as JSON: configuration (DGP, seed,
// replications, workers), truth, every Summary, the mean level and growth
// correlations by year, the time split (seconds summed over replications)
// and the wall time; with reps also every replication's fits (coefficients,
// SEs, identification statistics), correlations and times, in Models
// order. NaN is written as null.
func (s *Study) WriteJSON(w io.Writer, reps bool) error {
	type truthJSON struct {
		SAGG     []map[string]any `json:"sagg"`
		Controls map[string]num   `json:"controls"`
	}
	out := struct {
		DGP          synth.DGP     `json:"dgp"`
		Seed         uint64        `json:"seed"`
		Reps         int           `json:"reps"`
		Completed    int           `json:"completed"`
		Workers      int           `json:"workers"`
		Models       []modelJSON   `json:"models"`
		Truth        truthJSON     `json:"truth"`
		Summaries    []summaryJSON `json:"summaries"`
		LevelCorr    []num         `json:"level_corr"`
		GrowthCorr   []num         `json:"growth_corr"`
		Seconds      timingJSON    `json:"seconds"`
		WallSeconds  float64       `json:"wall_seconds"`
		Replications []repJSON     `json:"replications,omitempty"`
	}{DGP: s.Config.DGP, Seed: s.Config.Seed, Reps: len(s.Reps), Workers: s.Config.Workers,
		Seconds: s.TimeSplit().json(), WallSeconds: s.Wall.Seconds()}
	out.Completed, _ = s.completed()
	for _, m := range s.Models {
		out.Models = append(out.Models, m.json())
	}
	for _, c := range Cells {
		if v, ok := s.Truth.SAGG[c]; ok {
			out.Truth.SAGG = append(out.Truth.SAGG, map[string]any{"region": c.Region, "group": c.Group, "truth": num(v)})
		}
	}
	out.Truth.Controls = map[string]num{}
	for k, name := range citypanel.ControlNames {
		out.Truth.Controls[name] = num(s.Truth.Controls[k])
	}
	for _, sm := range s.Summaries() {
		out.Summaries = append(out.Summaries, summaryJSON{sm.Model.json(), sm.Coef, num(sm.Truth), sm.N, sm.Failed,
			num(sm.Mean), num(sm.Bias), num(sm.SD), num(sm.RMSE), num(sm.MeanSE), num(sm.Coverage), num(sm.MeanKPF)})
	}
	lc, gc := s.Correlations()
	out.LevelCorr, out.GrowthCorr = nums(lc), nums(gc)
	if reps {
		for _, r := range s.Reps {
			if !r.Done {
				continue
			}
			rj := repJSON{Rep: r.Rep, Seed: r.Seed, Err: r.Err, LevelCorr: nums(r.LevelCorr), GrowthCorr: nums(r.GrowthCorr), Seconds: r.Time.json()}
			for _, f := range r.Fits {
				rj.Fits = append(rj.Fits, fitJSON{f.Err, f.Names, nums(f.Coef), nums(f.SE), f.N, f.NClusters, num(f.FirstF), num(f.SWF),
					num(f.PartialR2), num(f.KPLM), num(f.KPLMP), num(f.KPF), num(f.CDF), num(f.HansenJ), num(f.HansenP)})
			}
			out.Replications = append(out.Replications, rj)
		}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	if err := e.Encode(out); err != nil {
		return fmt.Errorf("montecarlo: writing JSON: %w", err)
	}
	return nil
}
