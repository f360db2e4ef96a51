package chen

import (
	"fmt"
	"strconv"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/synth"
)

// ImpliedScale and ImpliedSeed define the simulation behind the implied
// national coefficients of the truth file: the DGP with ImpliedScale times
// as many cities (10,440), without the agglomeration feedback (Kappa = 0,
// so that the O(1/T) bias of the within estimator with lagged instruments
// is absent), drawn with seed ImpliedSeed.
const (
	ImpliedScale        = 40
	ImpliedSeed  uint64 = 7
)

// ImpliedNational returns the population value of the paper's national
// regression under d for each agglomeration group, in Groups order: the
// SAGG coefficient of Table 1's 2SLS columns (FE 2SLS, city and year
// effects, lags 1-2 as instruments; Data.Fit with lib/ivgmm, robust
// standard errors) on the true TFP of d.Scaled(scale) with Kappa = 0,
// drawn with seed. Its standard error is the simulation error. A pooled
// regression weights the regional effects by each region's identifying
// variation, so the value is a mix of them, not a parameter of d. 2SLS and
// IV-GMM share this probability limit.
func ImpliedNational(d synth.DGP, seed uint64, scale int) ([]Estimate, error) {
	if scale < 1 {
		return nil, fmt.Errorf("%w: implied national values need a scale ≥ 1, not %d", ErrInput, scale)
	}
	d = d.Scaled(scale)
	d.Kappa = 0
	p, err := synth.Generate(d, seed)
	if err != nil {
		return nil, fmt.Errorf("chen: implied national values: %w", err)
	}
	data, err := BuildVars(p.CityPanel(), Options{})
	if err != nil {
		return nil, err
	}
	if err := data.SetTrueTFP(p.TFP); err != nil {
		return nil, err
	}
	ss := make([]Spec, 3)
	for i, s := range Table1[:3] {
		s.DepVar = "tfp_true"
		ss[i] = s
	}
	return data.Recover(ss, nil, ivgmm.Options{VCE: ivgmm.Robust()})
}

// ComputeTruth returns the truth of the panel synth.Generate(d, seed)
// draws, set against the paper's IV-GMM estimates: Table 1's three
// national SAGG effects (columns 4-6; implied, ImpliedNational with
// ImpliedSeed and ImpliedScale), Table 2's six regional SAGG effects and
// the seven controls of Table 1 column 5 (structural: d's coefficients).
// The seed is recorded, not used (the implied values do not depend on it).
// econb synth --truth writes it.
func ComputeTruth(d synth.DGP, seed uint64) (*Truth, error) {
	imp, err := ImpliedNational(d, ImpliedSeed, ImpliedScale)
	if err != nil {
		return nil, err
	}
	t := &Truth{Seed: seed, ImpliedScale: ImpliedScale, ImpliedSeed: ImpliedSeed, DGP: d}
	printed := func(s Spec, row string) (float64, error) { return paper.Coef(s.Table, s.Column, row) }
	for i, s := range Table1[3:] {
		v, err := printed(s, "SAGG")
		if err != nil {
			return nil, err
		}
		col := fmt.Sprintf("%d (IV-GMM %s)", s.Column, map[string]string{"total": "total", "high": "high-end", "low": "low-end"}[s.Group])
		t.Rows = append(t.Rows, TruthRow{"1", col, National, s.Group, "SAGG", v, imp[i].Coef, "implied"})
	}
	for _, s := range Table2 {
		v, err := printed(s, "SAGG")
		if err != nil {
			return nil, err
		}
		r := regionIndex(s.Region)
		beta := d.BetaHigh[r]
		if s.Group == "low" {
			beta = d.BetaLow[r]
		}
		t.Rows = append(t.Rows, TruthRow{"2", strconv.Itoa(s.Column), s.Region, s.Group, "SAGG", v, beta, "structural"})
	}
	col5 := Table1[4]
	for k, name := range citypanel.ControlNames {
		v, err := printed(col5, name)
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, TruthRow{"1", "5 (IV-GMM high-end)", "all", "", name, v, d.BetaControls[k], "structural"})
	}
	return t, nil
}

// regionIndex is the synth region index of a region name.
func regionIndex(name string) int {
	for r, n := range synth.RegionNames {
		if n == name {
			return r
		}
	}
	panic("chen: unknown region " + name)
}
