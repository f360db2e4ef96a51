package ivgmm

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// stataSection reads one "########## !name! ##########" block of the
// linearmodels Stata results file: coefficients with their t statistics,
// and the scalar lines (the first occurrence of each name).
func stataSection(t *testing.T, name string) (b, se, scal map[string]float64) {
	f, err := os.Open("testdata/ivgmm/linearmodels_stata-iv-housing-results.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, se, scal = map[string]float64{}, map[string]float64{}, map[string]float64{}
	sc := bufio.NewScanner(f)
	in, last := false, ""
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "##########") {
			in = strings.Contains(line, "!"+name+"!")
			continue
		}
		if !in || strings.HasPrefix(line, "*********") {
			if in {
				break
			}
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 2 {
			continue
		}
		v, err := strconv.ParseFloat(fs[1], 64)
		if err != nil {
			continue
		}
		switch {
		case fs[0] == "" && last != "":
			se[last] = math.Abs(b[last] / v) // t line: SE = |b/t|
			last = ""
		case fs[0] == "hsngval" || fs[0] == "pcturban" || fs[0] == "_cons":
			b[fs[0]], last = v, fs[0]
		default:
			if _, dup := scal[fs[0]]; !dup {
				scal[fs[0]] = v
			}
		}
	}
	if len(b) != 3 {
		t.Fatalf("section %s: read %d coefficients", name, len(b))
	}
	return b, se, scal
}

// LIML against Stata 13 ivregress liml (hsng; linearmodels fixtures):
// coefficients, SEs, κ, RSS, RMSE, model F/chi2, in the six VCE x small
// combinations. Tolerance 1e-7 relative (the file prints 9-12 digits;
// values with fewer digits are allowed half a unit in their last digit).
func TestLIMLStata(t *testing.T) {
	tb := readTable(t, "testdata/ivgmm/hsng.csv")
	d := &Data{DepName: "rent", Y: tb["rent"], ExogNames: []string{"pcturban"}, Exog: tb.cols(t, []string{"pcturban"}),
		EndogNames: []string{"hsngval"}, Endog: tb.cols(t, []string{"hsngval"}),
		InstrNames: []string{"faminc", "reg_ncntrl", "reg_south", "reg_west"},
		Instr:      tb.cols(t, []string{"faminc", "reg_ncntrl", "reg_south", "reg_west"}),
		Const:      true}
	for _, vce := range []struct {
		name string
		vce  VCE
	}{{"unadjusted", IID()}, {"robust", Robust()}, {"cluster", ClusterOn("division_id", tb.codes("division_id"))}} {
		for _, small := range []bool{true, false} {
			sec := "liml-" + vce.name + "-" + map[bool]string{true: "small", false: "asymptotic"}[small]
			t.Run(sec, func(t *testing.T) {
				wb, wse, scal := stataSection(t, sec)
				r, err := Fit(d, Options{Estimator: LIML, VCE: vce.vce, Small: small})
				if err != nil {
					t.Fatal(err)
				}
				check := func(what string, got, want float64) {
					t.Helper()
					digits := len(strings.TrimLeft(strings.Split(strings.ReplaceAll(strconv.FormatFloat(math.Abs(want), 'e', -1, 64), ".", ""), "e")[0], "0"))
					tol := max(1e-7, 0.5*math.Pow(10, float64(1-digits)))
					if e := relErr(got, want); e > tol {
						t.Errorf("%s = %.12g, want %.12g (rel %.1g > %.1g)", what, got, want, e, tol)
					}
				}
				for n, want := range wb {
					i := indexOf(r.Names, n)
					check("b "+n, r.Coef[i], want)
					check("se "+n, r.SE[i], wse[n])
				}
				check("kappa", r.Kappa, scal["kappa"])
				check("rss", r.RSS, scal["rss"])
				check("rmse", r.RMSE, scal["rmse"])
				check("r2", r.R2, scal["r2"])
				if f, ok := scal["F"]; ok {
					check("F", r.ModelF.Stat, f)
				}
				if c, ok := scal["chi2"]; ok {
					check("chi2", r.ModelChi2.Stat, c)
				}
			})
		}
	}
}

// LIML equals 2SLS when the equation is exactly identified (κ = 1).
func TestLIMLExactlyIdentified(t *testing.T) {
	_, d := cardData(t)
	d.InstrNames, d.Instr = d.InstrNames[1:], d.Instr[1:]
	a, err := Fit(d, Options{Estimator: TSLS, VCE: Robust()})
	if err != nil {
		t.Fatal(err)
	}
	l, err := Fit(d, Options{Estimator: LIML, VCE: Robust()})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(l.Kappa-1) > 1e-10 {
		t.Errorf("kappa = %.15g, want 1", l.Kappa)
	}
	sameCoefs(t, "liml vs 2sls", a, l, a.Names, 1e-8, true)
}
