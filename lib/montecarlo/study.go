package montecarlo

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/internal/detrand"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// ErrConfig is returned for a study that cannot run as configured.
var ErrConfig = errors.New("montecarlo: bad configuration")

// Cell is one SAGG coefficient of the paper's Tables 1-2: an
// agglomeration index ("total", "high", "low") in a sample
// (chen.National, "east", "central", "west").
type Cell struct {
	Region, Group string
}

// Cells are the nine SAGG cells of Tables 1-2: Table 1's national total,
// high and low, then Table 2's regions × high, low.
var Cells = []Cell{
	{chen.National, "total"}, {chen.National, "high"}, {chen.National, "low"},
	{"east", "high"}, {"east", "low"}, {"central", "high"}, {"central", "low"}, {"west", "high"}, {"west", "low"},
}

// The covariances a model can use.
const (
	Robust  = "robust"  // xtivreg2 …, robust (the paper's)
	Cluster = "cluster" // xtivreg2 …, cluster(city)
)

// The dependent variables.
const (
	Chain = "tfp"      // the cumulative DEA Malmquist TFP the chain measures
	True  = "tfp_true" // the DGP's TFP
)

// Model is one regression fitted on every replication.
type Model struct {
	Cell      Cell
	Estimator ivgmm.Estimator // GMM2S, TSLS or OLS
	VCE       string          // Robust or Cluster
	DepVar    string          // Chain or True
}

func (m Model) String() string {
	est := map[ivgmm.Estimator]string{ivgmm.OLS: "FE-OLS", ivgmm.TSLS: "2SLS", ivgmm.GMM2S: "IV-GMM"}[m.Estimator]
	return fmt.Sprintf("%s %s %s, %s, %s", est, m.Cell.Region, m.Cell.Group, m.VCE, m.DepVar)
}

// Spec returns the model as a lib/chen specification: the paper's
// column where there is one (Table 1 for the national cells, Table 2 for
// the regions), with the model's estimator and dependent variable.
func (m Model) Spec() chen.Spec {
	var s chen.Spec
	if m.Cell.Region == chen.National {
		for _, t := range chen.Table1 {
			if t.Group == m.Cell.Group && (t.Estimator == m.Estimator || m.Estimator == ivgmm.OLS && t.Estimator == ivgmm.TSLS) {
				s = t
			}
		}
	} else {
		for _, t := range chen.Table2 {
			if t.Region == m.Cell.Region && t.Group == m.Cell.Group {
				s = t
			}
		}
	}
	s.Region, s.Group = m.Cell.Region, m.Cell.Group
	s.Estimator, s.DepVar = m.Estimator, m.DepVar
	return s
}

func (m Model) options() ivgmm.Options {
	if m.VCE == Cluster {
		return ivgmm.Options{VCE: ivgmm.ClusterBy("city")}
	}
	return ivgmm.Options{VCE: ivgmm.Robust()}
}

// Models returns every combination of the cells, estimators, covariances
// and dependent variables, in that nesting order (cells outermost).
func Models(cells []Cell, ests []ivgmm.Estimator, vces, deps []string) []Model {
	var out []Model
	for _, c := range cells {
		for _, e := range ests {
			for _, v := range vces {
				for _, dep := range deps {
					out = append(out, Model{c, e, v, dep})
				}
			}
		}
	}
	return out
}

// DefaultModels are the nine SAGG cells × IV-GMM, 2SLS and FE-OLS ×
// robust and clustered × the chain's and the true TFP: 108 regressions
// per replication.
func DefaultModels() []Model {
	return Models(Cells, []ivgmm.Estimator{ivgmm.GMM2S, ivgmm.TSLS, ivgmm.OLS}, []string{Robust, Cluster}, []string{Chain, True})
}

// PaperModels are the nine SAGG cells with the paper's estimator (IV-GMM
// two-step for Table 2 and Table 1's columns 4-6) and Table 1's 2SLS
// columns, robust and clustered, on the chain's and the true TFP: 48
// regressions per replication, the study's must-show table.
func PaperModels() []Model {
	ms := Models(Cells, []ivgmm.Estimator{ivgmm.GMM2S}, []string{Robust, Cluster}, []string{Chain, True})
	return append(ms, Models(Cells[:3], []ivgmm.Estimator{ivgmm.TSLS}, []string{Robust, Cluster}, []string{Chain, True})...)
}

// Config of a study.
type Config struct {
	// DGP draws the panels (synth.Default() is the shipped panel's).
	DGP synth.DGP
	// Reps is the number of replications; Seed the study's seed.
	Reps int
	Seed uint64
	// Workers run replications in parallel (0: GOMAXPROCS).
	Workers int
	// Models are fitted on every replication (nil: DefaultModels()).
	Models []Model
	// ImpliedScale is the panel multiple of the national truths
	// (0: chen.ImpliedScale, 40; see chen.ImpliedNational).
	ImpliedScale int
	// Progress, if set, is called after each finished replication with
	// the number done so far; calls are serialized.
	Progress func(done, total int)
}

// Study is a finished (or cancelled) study.
type Study struct {
	Config Config
	Models []Model
	Truth  Truth
	Reps   []Replication // by replication number; Done false if cancelled before it ran
	Wall   time.Duration // elapsed time of Run
}

// Truth holds the values the estimates are compared with.
type Truth struct {
	SAGG     map[Cell]float64 // structural by region, implied nationally
	Controls [7]float64       // the DGP's control coefficients, citypanel.ControlNames order
}

// RepSeed is the seed of replication rep's panel: a pure function of the
// study's seed and rep (detrand, stream 0x4d43).
func RepSeed(seed uint64, rep int) uint64 {
	return detrand.Bits(detrand.Key(seed, 0x4d43), uint64(rep))
}

// TruthOf returns the truth of the study's DGP: the structural
// coefficients of d, and the national SAGG values chen.ImpliedNational
// computes for d at the given scale.
func TruthOf(d synth.DGP, scale int) (Truth, error) {
	t := Truth{SAGG: map[Cell]float64{}, Controls: d.BetaControls}
	imp, err := chen.ImpliedNational(d, chen.ImpliedSeed, scale)
	if err != nil {
		return t, err
	}
	for i, g := range chen.Groups {
		t.SAGG[Cell{chen.National, g}] = imp[i].Coef
	}
	for r, name := range synth.RegionNames {
		t.SAGG[Cell{name, "high"}] = d.BetaHigh[r]
		t.SAGG[Cell{name, "low"}] = d.BetaLow[r]
	}
	return t, nil
}

// Run runs the study. Cancelling ctx stops it after the replications
// under way; the Study then holds those done, and Run returns ctx's error
// with it.
func Run(ctx context.Context, cfg Config) (*Study, error) {
	start := time.Now()
	if cfg.Reps < 1 {
		return nil, fmt.Errorf("%w: %d replications; give at least 1", ErrConfig, cfg.Reps)
	}
	if cfg.DGP.N() == 0 {
		return nil, fmt.Errorf("%w: the DGP has no cities (start from synth.Default())", ErrConfig)
	}
	models := cfg.Models
	if models == nil {
		models = DefaultModels()
	}
	for _, m := range models {
		if m.VCE != Robust && m.VCE != Cluster || m.DepVar != Chain && m.DepVar != True {
			return nil, fmt.Errorf("%w: model %v: VCE must be %q or %q, DepVar %q or %q", ErrConfig, m, Robust, Cluster, Chain, True)
		}
	}
	scale := cfg.ImpliedScale
	if scale == 0 {
		scale = chen.ImpliedScale
	}
	truth, err := TruthOf(cfg.DGP, scale)
	if err != nil {
		return nil, fmt.Errorf("montecarlo: the truth of the DGP: %w", err)
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, cfg.Reps)
	st := &Study{Config: cfg, Models: models, Truth: truth, Reps: make([]Replication, cfg.Reps)}
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= cfg.Reps {
					return
				}
				st.Reps[i] = replicate(cfg.DGP, cfg.Seed, i, models)
				mu.Lock()
				done++
				if cfg.Progress != nil {
					cfg.Progress(done, cfg.Reps)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	st.Wall = time.Since(start)
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("montecarlo: stopped after %d of %d replications: %w", done, cfg.Reps, err)
	}
	return st, nil
}
