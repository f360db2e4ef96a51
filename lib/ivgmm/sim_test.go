package ivgmm

import (
	"bufio"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// stataBlock is one section of a linearmodels Stata results file: the
// coefficients with their t statistics, the scalars, and e(V).
type stataBlock struct {
	b, se, scal map[string]float64
	names       []string // coefficient order
	v           map[[2]string]float64
}

// readStataBlocks reads every "########## !name! ##########" section of
// a linearmodels Stata results file (estout output of
// execute-stata-simulated-data.py: b and t at %13.12g, e(V) and e(W)).
func readStataBlocks(t testing.TB, path string) map[string]*stataBlock {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]*stataBlock{}
	var cur *stataBlock
	part, last := 0, ""
	var vcols []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "##########") {
			name := strings.Split(line, "!")[1]
			cur = &stataBlock{b: map[string]float64{}, se: map[string]float64{}, scal: map[string]float64{}, v: map[[2]string]float64{}}
			out[name] = cur
			part, last = 0, ""
			continue
		}
		if strings.HasPrefix(line, "*********") {
			part++
			vcols = nil
			continue
		}
		fs := strings.Split(line, "\t")
		switch part {
		case 0:
			if len(fs) != 2 || fs[0] == "" && last == "" {
				continue
			}
			v, err := strconv.ParseFloat(fs[1], 64)
			if fs[0] == "" {
				if err == nil {
					cur.se[last] = math.Abs(cur.b[last] / v)
				}
				last = ""
				continue
			}
			if err != nil {
				if fs[1] == "" {
					cur.scal[fs[0]] = math.NaN()
				}
				last = ""
				continue
			}
			if strings.HasPrefix(fs[0], "x") || fs[0] == "_cons" {
				cur.b[fs[0]], last = v, fs[0]
				cur.names = append(cur.names, fs[0])
			} else if _, dup := cur.scal[fs[0]]; !dup {
				cur.scal[fs[0]] = v
			}
		case 1:
			if fs[0] == "" && len(fs) > 1 && fs[1] != "V" && fs[1] != "" {
				vcols = fs[1:]
				continue
			}
			if vcols == nil || fs[0] == "" {
				continue
			}
			for j, c := range vcols {
				if j+1 < len(fs) {
					if v, err := strconv.ParseFloat(fs[j+1], 64); err == nil {
						cur.v[[2]string{fs[0], c}] = v
					}
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// printedTol is the tolerance of a number printed at %13.12g: 1e-7
// relative, or half a unit in its last printed digit when it has fewer
// than 8 significant digits.
func printedTol(want float64) float64 {
	digits := len(strings.TrimLeft(strings.Split(strings.ReplaceAll(strconv.FormatFloat(math.Abs(want), 'e', -1, 64), ".", ""), "e")[0], "0"))
	return max(1e-7, 0.5*math.Pow(10, float64(1-digits)))
}

// simModel builds the model of a section name of
// stata-iv-simulated-results.txt (execute-stata-simulated-data.py):
// METHOD-num_endog_K1-num_exog_K2-num_instr_L1-weighted_W-VCE-OPTIONS.
func simModel(t testing.TB, tb table, name string) (*Data, Options) {
	p := strings.Split(name, "-")
	method, vce, other := p[0], p[5], p[6]
	d := &Data{Const: !strings.Contains(other, "noconstant")}
	dep := map[string]string{"unadjusted": "y_unadjusted", "robust": "y_robust", "cluster": "y_clustered", "hac": "y_kernel"}
	kind := strings.Fields(strings.TrimSuffix(strings.SplitN(vce, "(", 2)[1], ")"))[0]
	d.DepName = dep[kind]
	d.Y = tb[d.DepName]
	d.EndogNames = []string{"x1"}
	if p[1] == "num_endog_2" {
		d.EndogNames = []string{"x1", "x2"}
	}
	if p[2] == "num_exog_3" {
		d.ExogNames = []string{"x3", "x4", "x5"}
	}
	d.InstrNames = []string{"z1"}
	if p[3] == "num_instr_2" {
		d.InstrNames = []string{"z1", "z2"}
	}
	d.Endog, d.Exog, d.Instr = tb.cols(t, d.EndogNames), tb.cols(t, d.ExogNames), tb.cols(t, d.InstrNames)
	opt := Options{Convention: IVRegress, Small: strings.Contains(other, "small"), Center: strings.Contains(other, "center")}
	switch method {
	case "2sls":
		opt.Estimator = TSLS
	case "liml":
		opt.Estimator = LIML
	case "gmm":
		opt.Estimator = GMM2S
	}
	switch kind {
	case "unadjusted":
		opt.VCE = IID()
	case "robust":
		opt.VCE = Robust()
	case "cluster":
		opt.VCE = ClusterOn("cluster_id", tb.codes("cluster_id"))
	case "hac":
		opt.VCE = HAC(Bartlett, 13) // vce(hac bartlett 12): 12 lags
		opt.Panel = TimeOn("time", tb.codes("time"))
	}
	if p[4] == "weighted_True" {
		opt.Weights = WeightsOn(AWeights, "weights", tb["weights"])
	}
	return d, opt
}

// TestIvregressSimulated checks every section of Stata 13's ivregress
// results on the simulated data set of linearmodels
// (testdata/ivopts/stata-iv-simulated-results.txt, 768 fits: 2sls, liml
// and gmm; vce/wmatrix unadjusted, robust, cluster, hac bartlett 12;
// small, noconstant, center; with and without [aweight=weights]) with
// Convention IVRegress: coefficients, SEs (|b/t|), e(V), RSS, RMSE, R²,
// the model chi2/F, κ and J, each to its printed precision (printedTol).
func TestIvregressSimulated(t *testing.T) {
	tb := readTable(t, "testdata/ivopts/simulated-data.csv")
	blocks := readStataBlocks(t, "testdata/ivopts/stata-iv-simulated-results.txt")
	names := make([]string, 0, len(blocks))
	for n := range blocks {
		names = append(names, n)
	}
	sort.Strings(names)
	worst := map[string]float64{}
	for _, name := range names {
		blk := blocks[name]
		t.Run(name, func(t *testing.T) {
			d, opt := simModel(t, tb, name)
			r, err := Fit(d, opt)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want float64) {
				t.Helper()
				if math.IsNaN(want) {
					return
				}
				e := relErr(got, want)
				group := strings.SplitN(what, " ", 2)[0]
				worst[group] = max(worst[group], e)
				if e > printedTol(want) {
					t.Errorf("%s = %.12g, want %.12g (rel %.2g)", what, got, want, e)
				}
			}
			for _, n := range blk.names {
				i := indexOf(r.Names, n)
				if i < 0 {
					t.Fatalf("no coefficient %s in %v", n, r.Names)
				}
				check("b "+n, r.Coef[i], blk.b[n])
				check("se "+n, r.SE[i], blk.se[n])
				for _, m := range blk.names {
					if v, ok := blk.v[[2]string{n, m}]; ok && math.Abs(v) > 1e-4 {
						check("V "+n+","+m, r.Cov.At(i, indexOf(r.Names, m)), v)
					}
				}
			}
			check("rss", r.RSS, blk.scal["rss"])
			check("rmse", r.RMSE, blk.scal["rmse"])
			if d.Const {
				check("r2", r.R2, blk.scal["r2"])
				check("mss", r.MSS, blk.scal["mss"])
			}
			if v, ok := blk.scal["kappa"]; ok && opt.Estimator == LIML {
				check("kappa", r.Kappa, v)
			}
			if v, ok := blk.scal["J"]; ok && !math.IsNaN(v) && r.OverID.Valid() {
				check("J", r.OverID.Stat, v)
			}
			if v, ok := blk.scal["chi2"]; ok && !math.IsNaN(v) {
				check("chi2", r.ModelChi2.Stat, v)
			}
			if v, ok := blk.scal["F"]; ok && !math.IsNaN(v) {
				check("F", r.ModelF.Stat, v)
			}
		})
	}
	t.Logf("largest relative error by quantity: %v", worst)
}
