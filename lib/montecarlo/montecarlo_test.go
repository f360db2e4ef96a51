package montecarlo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/internal/testutil"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// small is a fast study: the shipped DGP, a few models, the national
// truth from a panel of the same size (ImpliedScale 1).
func small(reps, workers int) Config {
	return Config{DGP: synth.Default(), Reps: reps, Seed: 42, Workers: workers, ImpliedScale: 1,
		Models: []Model{
			{Cell{chen.National, "high"}, ivgmm.GMM2S, Robust, Chain},
			{Cell{chen.National, "high"}, ivgmm.GMM2S, Cluster, True},
			{Cell{"east", "low"}, ivgmm.TSLS, Cluster, Chain},
			{Cell{"west", "high"}, ivgmm.OLS, Robust, True},
		}}
}

// results prints the replications without their timings, which are all
// that may differ between runs: %#v writes every float64 in its shortest
// exact form (and NaN as NaN, which reflect.DeepEqual would call unequal).
func results(st *Study) string {
	out := append([]Replication(nil), st.Reps...)
	for i := range out {
		out[i].Time = Timing{}
	}
	return fmt.Sprintf("%#v", out)
}

// The same seed gives identical replications, bit for bit, with one and
// with two workers; and replication r is the panel of RepSeed(seed, r),
// whatever else runs.
func TestReproducible(t *testing.T) {
	one, err := Run(context.Background(), small(4, 1))
	if err != nil {
		t.Fatal(err)
	}
	two, err := Run(context.Background(), small(4, 2))
	if err != nil {
		t.Fatal(err)
	}
	if results(one) != results(two) {
		t.Fatal("1 and 2 workers give different replications")
	}
	for _, r := range one.Reps {
		if !r.Done || r.Err != "" || len(r.Fits) != 4 {
			t.Fatalf("replication %d: done %v, error %q, %d fits", r.Rep, r.Done, r.Err, len(r.Fits))
		}
		for j, f := range r.Fits {
			if f.Err != "" || len(f.Coef) != 8 || f.N == 0 {
				t.Fatalf("replication %d model %d: %+v", r.Rep, j, f)
			}
		}
	}
	alone := &Study{Reps: []Replication{replicate(synth.Default(), 42, 3, small(1, 1).Models)}}
	if results(alone) != results(&Study{Reps: one.Reps[3:]}) {
		t.Error("replication 3 run alone differs from replication 3 of the study")
	}
	if one.Reps[0].Seed == one.Reps[1].Seed || one.Reps[0].Fits[0].Coef[0] == one.Reps[1].Fits[0].Coef[0] {
		t.Error("two replications drew the same panel")
	}
	if RepSeed(42, 3) != one.Reps[3].Seed || RepSeed(43, 3) == RepSeed(42, 3) {
		t.Error("RepSeed is not the seed of the replication's panel, or ignores the study seed")
	}
}

// What a replication records: the fits as lib/chen's Fitter gives them
// (the same numbers as Data.Fit of the spec), FE-OLS without
// identification statistics, a clustered fit with 261 clusters, and the
// level correlation of the chain with the true TFP (NaN in 2003, 1 by
// construction of the first growth step's sign, in (0, 1] after).
func TestReplicationRecords(t *testing.T) {
	cfg := small(1, 1)
	r := replicate(cfg.DGP, cfg.Seed, 0, cfg.Models)
	p, err := synth.Generate(cfg.DGP, r.Seed)
	if err != nil {
		t.Fatal(err)
	}
	d, err := chen.Build(p.CityPanel(), chen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetTrueTFP(p.TFP); err != nil {
		t.Fatal(err)
	}
	for j, m := range cfg.Models {
		want, err := d.Fit(m.Spec(), m.options())
		if err != nil {
			t.Fatal(err)
		}
		f := r.Fits[j]
		if !reflect.DeepEqual(f.Coef, want.Coef) || !reflect.DeepEqual(f.SE, want.SE) || f.N != want.N || f.KPF != want.KPWaldF.Stat && m.Estimator != ivgmm.OLS {
			t.Errorf("%v: replication fit %v (%v), Data.Fit %v (%v)", m, f.Coef[0], f.SE[0], want.Coef[0], want.SE[0])
		}
	}
	if f := r.Fits[3]; !math.IsNaN(f.KPF) || !math.IsNaN(f.HansenJ) || f.Names[0] != "sagg_high" {
		t.Errorf("FE-OLS: KP F %v, Hansen J %v, first coefficient %s", f.KPF, f.HansenJ, f.Names[0])
	}
	if f := r.Fits[1]; f.NClusters != 261 || f.N != 3393 || !(f.KPF > 10) || !(f.FirstF > 10) || !(f.HansenP > 0 && f.HansenP < 1) {
		t.Errorf("national clustered IV-GMM: %d clusters, N %d, KP F %v, first-stage F %v, Hansen p %v", f.NClusters, f.N, f.KPF, f.FirstF, f.HansenP)
	}
	if len(r.LevelCorr) != 15 || !math.IsNaN(r.LevelCorr[0]) || !(r.LevelCorr[1] > 0.9 && r.LevelCorr[1] <= 1) {
		t.Errorf("level correlations %v", r.LevelCorr)
	}
}

// Summaries compute the documented formulas: checked on a study with
// made-up estimates (three replications, truth 1).
func TestSummaryFormulas(t *testing.T) {
	m := Model{Cell{"east", "high"}, ivgmm.GMM2S, Robust, Chain}
	fit := func(b, se float64) Fit {
		return Fit{Names: []string{"sagg_high", "str"}, Coef: []float64{b, 0.02}, SE: []float64{se, 0.01}, KPF: 50}
	}
	st := &Study{Models: []Model{m}, Truth: Truth{SAGG: map[Cell]float64{m.Cell: 1}, Controls: [7]float64{0.024}},
		Reps: []Replication{
			{Done: true, Fits: []Fit{fit(1.2, 0.1)}},  // |1.2−1| = 0.2 > 1.96·0.1: misses
			{Done: true, Fits: []Fit{fit(0.9, 0.1)}},  // 0.1 ≤ 0.196: covers
			{Done: true, Fits: []Fit{fit(1.0, 0.05)}}, // covers
			{Done: true, Err: "synth: TFP out of range"},
			{Done: false},
		}}
	sm := st.Summaries()
	if len(sm) != 2 || sm[0].Coef != "sagg_high" || sm[1].Coef != "str" {
		t.Fatalf("summaries %+v", sm)
	}
	s := sm[0]
	// mean 31/30; SD of (1.2, 0.9, 1.0): √(0.0466…/2); RMSE √((0.04+0.01+0)/3).
	testutil.Check(t, "mean", s.Mean, 3.1/3, 1e-15)
	testutil.Check(t, "bias", s.Bias, 3.1/3-1, 1e-15)
	testutil.Check(t, "SD", s.SD, math.Sqrt(((1.2-3.1/3)*(1.2-3.1/3)+(0.9-3.1/3)*(0.9-3.1/3)+(1-3.1/3)*(1-3.1/3))/2), 1e-15)
	testutil.Check(t, "RMSE", s.RMSE, math.Sqrt(0.05/3), 1e-15)
	testutil.Check(t, "mean SE", s.MeanSE, 0.25/3, 1e-15)
	testutil.Check(t, "coverage", s.Coverage, 2.0/3, 1e-15)
	if s.N != 3 || s.Failed != 1 || s.MeanKPF != 50 {
		t.Errorf("N %d failed %d mean KP F %v; want 3, 1, 50", s.N, s.Failed, s.MeanKPF)
	}
	if c := sm[1]; c.Truth != 0.024 || c.Coverage != 1 {
		t.Errorf("STR: truth %v coverage %v; want the DGP's 0.024 and 1", c.Truth, c.Coverage)
	}
	tab, err := st.SAGGTable(ivgmm.GMM2S)
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Validate(); err != nil || !strings.Contains(tab.String(), "0.667") {
		t.Errorf("table: %v\n%s", err, tab)
	}
	if _, err := st.SAGGTable(ivgmm.LIML); !errors.Is(err, ErrConfig) {
		t.Errorf("a table of an estimator the study lacks: %v", err)
	}
	var b bytes.Buffer
	if err := st.WriteJSON(&b, true); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("WriteJSON is not JSON: %v", err)
	}
	if back["completed"].(float64) != 3 || len(back["replications"].([]any)) != 4 {
		t.Errorf("JSON: completed %v, %d replications", back["completed"], len(back["replications"].([]any)))
	}
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"reps":  {DGP: synth.Default()},
		"dgp":   {Reps: 1},
		"model": {DGP: synth.Default(), Reps: 1, Models: []Model{{Cell{chen.National, "high"}, ivgmm.GMM2S, "hac", Chain}}},
	} {
		if _, err := Run(context.Background(), cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
	// A DGP that cannot be drawn fails already in its truth.
	cfg := small(2, 1)
	cfg.DGP.Years = 2
	if _, err := Run(context.Background(), cfg); err == nil {
		t.Error("a 2-year DGP runs")
	}
}

// Cancelling stops the study between replications; what ran is kept.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cfg := small(50, 1)
	cfg.Progress = func(done, total int) {
		if done == 2 {
			cancel()
		}
	}
	start := time.Now()
	st, err := Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) || st == nil {
		t.Fatalf("err %v, study %v", err, st != nil)
	}
	ok, total := st.completed()
	if ok != 2 || total != 50 || st.Reps[2].Done {
		t.Errorf("%d of %d done after cancelling at 2 (in %v)", ok, total, time.Since(start))
	}
}
