package dea

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
)

func eg1(t *testing.T) *Data {
	t.Helper()
	fr, err := frame.ReadCSV("testdata/eg1.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromFrame(fr, "firm", []string{"x1", "x2"}, []string{"y"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEG1MultiStage reproduces DEAP 2.1's output for its example EG1
// (testdata/deap_eg1_out_excerpt.txt: input orientated, CRS, multi-stage
// slacks): te, slacks, peers, peer weights and targets, each within half a
// unit of DEAP's last printed digit (0.0005).
func TestEG1MultiStage(t *testing.T) {
	d := eg1(t)
	res, err := Evaluate(d, Options{Model: Radial, RTS: CRS, Orientation: Input, Slacks: MultiStage})
	if err != nil {
		t.Fatal(err)
	}
	te := []float64{0.500, 1.000, 0.833, 0.714, 1.000}
	inSlack := [][]float64{{0, 0.5}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}
	// SUMMARY OF PEERS and PEER WEIGHTS (firm numbers from 1).
	peers := []map[int]float64{{2: 0.5}, {2: 1}, {5: 0.5, 2: 1}, {5: 0.286, 2: 0.214}, {5: 1}}
	inTarget := [][]float64{{1, 2}, {2, 4}, {5, 5}, {2.143, 1.429}, {6, 2}}
	outTarget := []float64{1, 2, 3, 1, 2}
	const tol = 0.0005 + 1e-9
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.6f, DEAP prints %.3f", what, got, want)
		}
	}
	for j, u := range res.Units {
		near("firm "+u.DMU+" te", u.Score, te[j])
		near("firm "+u.DMU+" output slack", u.OutputSlack[0], 0)
		near("firm "+u.DMU+" output target", u.OutputTarget[0], outTarget[j])
		for i := range inSlack[j] {
			near("firm "+u.DMU+" input slack", u.InputSlack[i], inSlack[j][i])
			near("firm "+u.DMU+" input target", u.InputTarget[i], inTarget[j][i])
		}
		if len(u.Lambda) != len(peers[j]) {
			t.Errorf("firm %s peers %v, DEAP %v", u.DMU, u.Lambda, peers[j])
		}
		for p, w := range peers[j] {
			near("firm "+u.DMU+" peer weight", u.Lambda[p-1], w)
		}
	}
	compareDEAPText(t, "testdata/deap_eg1_out_excerpt.txt", res.Text())
}

var numRE = regexp.MustCompile(`-?\d+\.\d+`)

// compareDEAPText compares our output with a DEAP output file line by line,
// from the first line of DEAP's after its header (" Input orientated DEA")
// to its FIRM BY FIRM RESULTS (which we do not print): same text and spacing (trailing spaces ignored),
// every number within 0.0005 (DEAP prints 3 decimals), and peer lines as
// sets (DEAP lists peers in the order of its LP basis, we in ascending
// order).
func compareDEAPText(t *testing.T, file, got string) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(string(raw), "\n")
	for len(want) > 0 && !strings.Contains(want[0], "orientated DEA") {
		want = want[1:]
	}
	for i, w := range want { // DEAP's FIRM BY FIRM RESULTS are not printed
		if strings.Contains(w, "FIRM BY FIRM") {
			want = want[:i]
			break
		}
	}
	for len(want) > 0 && strings.TrimSpace(want[len(want)-1]) == "" {
		want = want[:len(want)-1]
	}
	lines := strings.Split(got, "\n")
	section := ""
	for i, w := range want {
		w = strings.TrimRight(w, " ")
		if i >= len(lines) {
			t.Fatalf("output ends at line %d; DEAP continues with %q", i+1, w)
		}
		g := strings.TrimRight(lines[i], " ")
		if strings.HasPrefix(strings.TrimSpace(w), "SUMMARY OF") || strings.HasPrefix(strings.TrimSpace(w), "PEER COUNT") {
			section = strings.TrimSpace(w)
		}
		if section == "SUMMARY OF PEERS:" || section == "SUMMARY OF PEER WEIGHTS:" {
			wf, gf := strings.Fields(w), strings.Fields(g)
			sortStrings(wf)
			sortStrings(gf)
			if strings.Join(wf, " ") != strings.Join(gf, " ") && !numbersClose(gf, wf) {
				t.Errorf("%s line %d: got %q, DEAP %q", section, i+1, g, w)
			}
			continue
		}
		if numRE.ReplaceAllString(g, "#") != numRE.ReplaceAllString(w, "#") || len(g) != len(w) {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
			continue
		}
		gn, wn := numRE.FindAllString(g, -1), numRE.FindAllString(w, -1)
		if !numbersClose(gn, wn) {
			t.Errorf("line %d: numbers %v, DEAP %v", i+1, gn, wn)
		}
	}
}

func numbersClose(g, w []string) bool {
	if len(g) != len(w) {
		return false
	}
	for k := range w {
		a, err1 := strconv.ParseFloat(g[k], 64)
		b, err2 := strconv.ParseFloat(w[k], 64)
		if err1 != nil || err2 != nil {
			if g[k] != w[k] {
				return false
			}
			continue
		}
		if math.Abs(a-b) > 0.0005+1e-9 {
			return false
		}
	}
	return true
}

func sortStrings(s []string) { sort.Strings(s) }

// TestSBMHand: worked examples derived by hand from Tone's (2001)
// definition. Two efficient DMUs A = (2, 4) and B = (4, 2), each with
// output 1, and E = (2, 6), output 1, which is radially efficient (CCR
// θ = 1: the ray through E meets the technology only at E, on the
// vertical extension x1 = 2 of A) but has an excess of 2 in input 2. SBM:
// the only dominating frontier point with x1 <= 2 is A, so s = (0, 2) and
// ρ_E = 1 − ½(0/2 + 2/6) = 5/6 under CRS and VRS, input-oriented and
// non-oriented (no output slack is possible: any λ reaching x1 <= 2 has
// output at most 1); output-oriented ρ_O = 1 (its output cannot grow).
// D = (6, 4): θ = 0.6, projection (3.6, 2.4) on the facet A-B without
// slack; SBM reaches B = (4, 2) with s = (2, 2), and ρ = 1 − ½(2/6 + 2/4)
// = 7/12 < θ = 0.6 (Tone 2001, Theorem 2: ρ <= θ); with output growth μ
// the ratio is (7 + λ)/12 along λA + (1−λ)B, so 7/12 is the minimum.
// Output-oriented: under CRS 1/ρ_O = max μ with μ(λA + (1−λ)B) <= D,
// reached at λ = 0.2, μ = 5/3, so ρ_O = 0.6 (= 1/φ with one output); under
// VRS outputs cannot exceed 1: ρ_O = 1.
func TestSBMHand(t *testing.T) {
	d := &Data{DMU: []string{"A", "B", "E", "D"},
		Inputs:  [][]float64{{2, 4}, {4, 2}, {2, 6}, {6, 4}},
		Outputs: [][]float64{{1}, {1}, {1}, {1}}}
	for _, rts := range []RTS{CRS, VRS} {
		outD := 0.6
		if rts == VRS {
			outD = 1
		}
		for _, c := range []struct {
			o    Orientation
			want []float64
		}{
			{NonOriented, []float64{1, 1, 5.0 / 6, 7.0 / 12}},
			{Input, []float64{1, 1, 5.0 / 6, 7.0 / 12}},
			{Output, []float64{1, 1, 1, outD}},
		} {
			res, err := Evaluate(d, Options{Model: SBM, RTS: rts, Orientation: c.o})
			if err != nil {
				t.Fatal(err)
			}
			for j, u := range res.Units {
				if math.Abs(u.Score-c.want[j]) > 1e-12 {
					t.Errorf("%v %v %s: ρ = %.15g, want %.15g", rts, c.o, u.DMU, u.Score, c.want[j])
				}
			}
		}
	}
}

// TestModelInvariants on random data: SBM <= radial (input and output,
// Tone 2001 Theorem 2); super-efficiency equals the ordinary score for
// inefficient DMUs and is >= 1 for efficient ones; super-SBM equals SBM
// when SBM < 1 and is >= 1 otherwise; cost efficiency = TE · AE with
// CE <= TE <= 1; frames and plain LPs agree (1e-9).
func TestModelInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := 0; trial < 6; trial++ {
		n, m, s := 30+rng.IntN(60), 1+rng.IntN(3), 1+rng.IntN(2)
		x, y := randData(rng, n, m, s, 0)
		d := &Data{Inputs: x, Outputs: y}
		for j := 0; j < n; j++ {
			d.DMU = append(d.DMU, string(rune('a'+j%26))+string(rune('a'+j/26)))
			w := make([]float64, m)
			for i := range w {
				w[i] = 0.5 + rng.Float64()
			}
			d.Prices = append(d.Prices, w)
		}
		noPrice := &Data{DMU: d.DMU, Inputs: x, Outputs: y}
		for _, rts := range []RTS{CRS, VRS} {
			run := func(opt Options, data *Data) *Result {
				t.Helper()
				opt.RTS = rts
				a, err := Evaluate(data, opt)
				if err != nil {
					t.Fatal(err)
				}
				opt.Plain = true
				b, err := Evaluate(data, opt)
				if err != nil {
					t.Fatal(err)
				}
				for j := range a.Units {
					if a.Units[j].Infeasible != b.Units[j].Infeasible ||
						(!a.Units[j].Infeasible && math.Abs(a.Units[j].Score-b.Units[j].Score) > 1e-9*(1+math.Abs(b.Units[j].Score))) {
						t.Errorf("%v %v DMU %d: frame %v plain %v", opt.Model, rts, j, a.Units[j].Score, b.Units[j].Score)
					}
				}
				return a
			}
			radIn := run(Options{Model: Radial, Orientation: Input}, noPrice)
			radOut := run(Options{Model: Radial, Orientation: Output}, noPrice)
			sbm := run(Options{Model: SBM, Orientation: NonOriented}, noPrice)
			supIn := run(Options{Model: Super, Orientation: Input}, noPrice)
			supSBM := run(Options{Model: SuperSBM, Orientation: NonOriented}, noPrice)
			cost := run(Options{Model: Cost, Orientation: Input}, d)
			for j := 0; j < n; j++ {
				rho, th, d0 := sbm.Units[j].Score, radIn.Units[j].Score, radOut.Units[j].Score
				if rho > th+1e-9 || rho > d0+1e-9 {
					t.Errorf("%v DMU %d: SBM %.12g above radial input %.12g or output %.12g", rts, j, rho, th, d0)
				}
				if su := supIn.Units[j]; th < 1-1e-9 {
					if math.Abs(su.Score-th) > 1e-9 {
						t.Errorf("%v DMU %d: inefficient (θ %.12g) but super-efficiency %.12g", rts, j, th, su.Score)
					}
				} else if !su.Infeasible && su.Score < 1-1e-9 {
					t.Errorf("%v DMU %d: efficient but super-efficiency %.12g < 1", rts, j, su.Score)
				}
				if ss := supSBM.Units[j]; rho < 1-1e-9 {
					if math.Abs(ss.Score-rho) > 1e-12 {
						t.Errorf("%v DMU %d: super-SBM %.12g, SBM %.12g", rts, j, ss.Score, rho)
					}
				} else if !ss.Infeasible && ss.Score < 1-1e-9 {
					t.Errorf("%v DMU %d: SBM-efficient but super-SBM %.12g < 1", rts, j, ss.Score)
				}
				c := cost.Units[j]
				if math.Abs(c.Technical-th) > 1e-9 || c.Score > c.Technical+1e-9 || c.Allocative > 1+1e-9 || math.Abs(c.Score-c.Technical*c.Allocative) > 1e-12 {
					t.Errorf("%v DMU %d: CE %.12g TE %.12g AE %.12g (radial θ %.12g)", rts, j, c.Score, c.Technical, c.Allocative, th)
				}
			}
		}
	}
}

// TestSBMOracle compares SBM (non-oriented, with and without bad
// outputs), super-SBM and cost efficiency with the oracle's textbook LPs in
// data units (Charnes-Cooper transformed fractional programs written from
// Tone 2001, 2002, 2004), 1e-8.
func TestSBMOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for trial := 0; trial < 8; trial++ {
		n, m, s, k := 15+rng.IntN(30), 1+rng.IntN(3), 1+rng.IntN(2), rng.IntN(2)
		x, y := randData(rng, n, m, s, 0)
		var b [][]float64
		if k > 0 {
			b = randBad(rng, y, k)
		}
		st, err := newSlackTech(x, y, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, rts := range allRTS {
			for j := 0; j < n; j++ {
				var bj []float64
				if k > 0 {
					bj = b[j]
				}
				got, err := st.sbm(x[j], y[j], bj, rts, NonOriented)
				if err != nil {
					t.Fatal(err)
				}
				want := oracleSBM(x, y, b, j, rts)
				if math.Abs(got.Score-want) > 1e-8 {
					t.Errorf("trial %d %v DMU %d: SBM %.12g, oracle %.12g", trial, rts, j, got.Score, want)
				}
				if got.Score >= 1-1e-9 {
					sup, err := st.superSBM(j, rts, NonOriented)
					want, werr := oracleSuperSBM(x, y, b, j, rts)
					if (err != nil) != (werr != nil) {
						t.Errorf("trial %d %v DMU %d: super-SBM err %v, oracle err %v", trial, rts, j, err, werr)
					} else if err == nil && math.Abs(sup.Score-want) > 1e-8*(1+want) {
						t.Errorf("trial %d %v DMU %d: super-SBM %.12g, oracle %.12g", trial, rts, j, sup.Score, want)
					}
				}
				if k == 0 {
					w := []float64{1, 2, 0.5}[:m]
					ce, _, _, err := st.cost(j, w, rts)
					if err != nil {
						t.Fatal(err)
					}
					if want := oracleCost(x, y, w, j, rts); math.Abs(ce-want) > 1e-8 {
						t.Errorf("trial %d %v DMU %d: cost efficiency %.12g, oracle %.12g", trial, rts, j, ce, want)
					}
				}
			}
		}
	}
}

// TestEvaluateErrors: options a model cannot honour are errors.
func TestEvaluateErrors(t *testing.T) {
	d := &Data{DMU: []string{"a", "b"}, Inputs: [][]float64{{1}, {2}}, Outputs: [][]float64{{1}, {1}}, Bad: [][]float64{{1}, {1}}}
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{Model: Radial}, "has no bad outputs"},
		{Options{Model: Cost, Orientation: Input}, "has no bad outputs"},
		{Options{Model: SBM, Orientation: Input}, "input-oriented SBM ignores bad outputs"},
		{Options{Model: Super, Orientation: NonOriented}, "has no bad outputs"},
	} {
		_, err := Evaluate(d, c.opt)
		if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.opt, err, c.want)
		}
	}
	d.Bad = nil
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{Model: Cost, Orientation: Input}, "needs input prices"},
		{Options{Model: Radial, Orientation: NonOriented}, "input or output orientated"},
		{Options{Model: SBM, Slacks: TwoStage, Orientation: NonOriented}, "Slacks (two-stage) apply to the radial model only"},
		{Options{Model: Radial, RTS: NIRS}, "CRS or VRS"},
	} {
		_, err := Evaluate(d, c.opt)
		if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.opt, err, c.want)
		}
	}
}
