package ivgmm

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func cardData(t testing.TB) (table, *Data) {
	tb := readTable(t, "testdata/ivgmm/card.csv")
	exog := []string{"exper", "expersq", "black", "south"}
	return tb, &Data{DepName: "lwage", Y: tb["lwage"], ExogNames: exog, Exog: tb.cols(t, exog),
		EndogNames: []string{"educ"}, Endog: tb.cols(t, []string{"educ"}),
		InstrNames: []string{"nearc2", "nearc4"}, Instr: tb.cols(t, []string{"nearc2", "nearc4"}), Const: true}
}

func sameCoefs(t *testing.T, what string, a, b *Result, names []string, tol float64, se bool) {
	t.Helper()
	for _, n := range names {
		i, j := indexOf(a.Names, n), indexOf(b.Names, n)
		if i < 0 || j < 0 {
			t.Fatalf("%s: %q missing (%v, %v)", what, n, a.Names, b.Names)
		}
		if e := relErr(a.Coef[i], b.Coef[j]); e > tol {
			t.Errorf("%s: coef %s %.15g vs %.15g (rel %.1g)", what, n, a.Coef[i], b.Coef[j], e)
		}
		if se {
			if e := relErr(a.SE[i], b.SE[j]); e > tol {
				t.Errorf("%s: se %s %.15g vs %.15g (rel %.1g)", what, n, a.SE[i], b.SE[j], e)
			}
		}
	}
}

// dummies returns one indicator column per level of codes except the first.
func dummies(codes []int, prefix string) ([]string, [][]float64) {
	levels := map[int]bool{}
	var order []int
	for _, c := range codes {
		if !levels[c] {
			levels[c] = true
			order = append(order, c)
		}
	}
	var names []string
	var cols [][]float64
	for _, l := range order[1:] {
		col := make([]float64, len(codes))
		for i, c := range codes {
			if c == l {
				col[i] = 1
			}
		}
		names = append(names, fmt.Sprintf("%s%d", prefix, l))
		cols = append(cols, col)
	}
	return names, cols
}

// Within = LSDV: absorbing the fixed effects gives the coefficients of
// the regression with dummy variables, and under iid+small the same SEs
// (xtivreg2's dofminus = N_g makes the dof equal to LSDV's).
func TestWithinEqualsLSDV(t *testing.T) {
	// one-way, unbalanced (EmplUK firms, 5-7 years each), 2SLS
	tb := readTable(t, "testdata/ivgmm/empluk.csv")
	base := func() *Data {
		return &Data{DepName: "lemp", Y: tb["lemp"], ExogNames: []string{"lcap"}, Exog: tb.cols(t, []string{"lcap"}),
			EndogNames: []string{"lwage"}, Endog: tb.cols(t, []string{"lwage"}),
			InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: tb.cols(t, []string{"l1_lwage", "l2_lwage"})}
	}
	fe := base()
	fe.FENames, fe.FE = []string{"firm"}, [][]int{tb.codes("firm")}
	opt := Options{Estimator: TSLS, VCE: IID(), Small: true}
	rf, err := Fit(fe, opt)
	if err != nil {
		t.Fatal(err)
	}
	// LSDV on the same sample (complete cases; no singleton firms there)
	keep := func(i int) bool { return !math.IsNaN(tb["l2_lwage"][i]) }
	sub := tb.filter(keep)
	dn, dc := dummies(sub.codes("firm"), "firm")
	lsdv := &Data{DepName: "lemp", Y: sub["lemp"], ExogNames: append([]string{"lcap"}, dn...), Exog: append(sub.cols(t, []string{"lcap"}), dc...),
		EndogNames: []string{"lwage"}, Endog: sub.cols(t, []string{"lwage"}),
		InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: sub.cols(t, []string{"l1_lwage", "l2_lwage"}), Const: true}
	rl, err := Fit(lsdv, opt)
	if err != nil {
		t.Fatal(err)
	}
	sameCoefs(t, "one-way FE vs LSDV", rf, rl, []string{"lwage", "lcap"}, 1e-9, true)

	// two-way: balanced and unbalanced kit panel, absorbed (id, year)
	// versus absorbed id plus year dummies (xtivreg2 fe with i.year)
	for _, unbalanced := range []bool{false, true} {
		d := benchData(60, 8)
		if unbalanced { // drop every 7th row: two-way demeaning iterates
			for i := range d.Y {
				if i%7 == 3 {
					d.Y[i] = math.NaN()
				}
			}
		}
		yr := d.FE[1]
		r2, err := Fit(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		d1 := *d
		d1.FENames, d1.FE = d.FENames[:1], d.FE[:1]
		// year dummies for the years used (3..8): base year 3
		used := make([]int, 0, len(yr))
		for i := range yr {
			if yr[i] >= 3 {
				used = append(used, yr[i])
			}
		}
		names, cols := dummies(append([]int{3}, yr...), "yr")
		var keepN []string
		var keepC [][]float64
		for k, n := range names {
			if n != "yr1" && n != "yr2" {
				keepN = append(keepN, n)
				keepC = append(keepC, cols[k][1:])
			}
		}
		d1.ExogNames = append(append([]string(nil), d.ExogNames...), keepN...)
		d1.Exog = append(append([][]float64(nil), d.Exog...), keepC...)
		r1, err := Fit(&d1, opt)
		if err != nil {
			t.Fatal(err)
		}
		sameCoefs(t, fmt.Sprintf("two-way FE (unbalanced=%v) vs FE + year dummies", unbalanced), r2, r1, []string{"x", "w1", "w7"}, 1e-8, true)
	}
}

// 2SLS equals two manual OLS stages (coefficients).
func TestTSLSEqualsTwoStages(t *testing.T) {
	tb, d := cardData(t)
	r, err := Fit(d, Options{Estimator: TSLS})
	if err != nil {
		t.Fatal(err)
	}
	first := &Data{DepName: "educ", Y: tb["educ"], ExogNames: append(append([]string(nil), d.ExogNames...), d.InstrNames...),
		Exog: append(append([][]float64(nil), d.Exog...), d.Instr...), Const: true}
	f1, err := Fit(first, Options{Estimator: OLS})
	if err != nil {
		t.Fatal(err)
	}
	fitted := make([]float64, len(tb["educ"]))
	for i := range fitted {
		for j, n := range f1.Names {
			v := 1.0
			if n != "_cons" {
				v = tb[n][i]
			}
			fitted[i] += f1.Coef[j] * v
		}
	}
	second := &Data{DepName: "lwage", Y: tb["lwage"], ExogNames: append([]string{"educ"}, d.ExogNames...),
		Exog: append([][]float64{fitted}, d.Exog...), Const: true}
	r2, err := Fit(second, Options{Estimator: OLS})
	if err != nil {
		t.Fatal(err)
	}
	sameCoefs(t, "2SLS vs two OLS stages", r, r2, []string{"educ", "exper", "expersq", "black", "south", "_cons"}, 1e-9, false)
}

// gmm2s equals 2SLS when the equation is exactly identified.
func TestGMMEqualsTSLSExactlyIdentified(t *testing.T) {
	_, d := cardData(t)
	d.InstrNames, d.Instr = d.InstrNames[1:], d.Instr[1:]
	tb := readTable(t, "testdata/ivgmm/card.csv")
	for _, v := range []VCE{Robust(), ClusterOn("age", tb.codes("age"))} {
		a, err := Fit(d, Options{Estimator: TSLS, VCE: v})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Fit(d, Options{Estimator: GMM2S, VCE: v})
		if err != nil {
			t.Fatal(err)
		}
		sameCoefs(t, "gmm2s vs 2sls, "+v.String(), a, b, a.Names, 1e-9, true)
		if b.OverID.Valid() || b.OverID.Reason != "equation exactly identified" {
			t.Errorf("J = %+v, want not applicable (exactly identified)", b.OverID)
		}
	}
}

// Bad input: clear errors that name the terms, wrapping the sentinels.
func TestBadInput(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name string
		mod  func(d *Data)
		err  error
		want string
	}{
		{"fewer instruments than endogenous", func(d *Data) {
			d.EndogNames = append(d.EndogNames, "exper2")
			d.Endog = append(d.Endog, d.Exog[0])
			d.InstrNames, d.Instr = d.InstrNames[:1], d.Instr[:1]
		}, ErrUnderidentified, `ivgmm: underidentified: 2 endogenous regressor(s) (educ, exper2) but 1 excluded instrument(s) (nearc2); add instruments or treat some regressors as exogenous`},
		{"regressor also an instrument", func(d *Data) {
			d.InstrNames = append(d.InstrNames, "black")
			d.Instr = append(d.Instr, d.Exog[2])
		}, ErrInput, `ivgmm: invalid model: "black" is both a regressor (included exogenous regressor) and an excluded instrument; an included exogenous regressor already instruments itself, so list it in one place only`},
		{"singular instrument matrix", func(d *Data) {
			d.InstrNames = []string{"black2", "south2"}
			d.Instr = [][]float64{d.Exog[2], d.Exog[3]}
		}, ErrSingular, `ivgmm: singular matrix: the instrument matrix is singular: excluded instruments black2, south2 are collinear with the included regressors or with each other, leaving 0 usable for 1 endogenous regressor(s) (educ); the model is not identified`},
		{"all-missing variable", func(d *Data) {
			d.Exog[0] = make([]float64, len(d.Y))
			for i := range d.Exog[0] {
				d.Exog[0][i] = nan
			}
		}, ErrNoObservations, `ivgmm: no observations: variable "exper" is missing (NaN) in all 3010 rows; check the column or drop it from the model`},
		{"endog() of an exogenous regressor", func(d *Data) {}, ErrInput, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, d := cardData(t)
			c.mod(d)
			opt := Options{Estimator: TSLS, VCE: Robust()}
			if c.want == "" {
				opt.Endog = []string{"black"}
			}
			_, err := Fit(d, opt)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if c.want != "" && err.Error() != c.want {
				t.Errorf("err = %q\nwant  %q", err, c.want)
			}
			t.Logf("%s", err)
		})
	}
}

// Rows with NaN are dropped and counted.
func TestMissingRowsCounted(t *testing.T) {
	tb, d := cardData(t)
	y := append([]float64(nil), tb["lwage"]...)
	y[0], y[10], y[20] = math.NaN(), math.NaN(), math.NaN()
	d.Y = y
	d.Instr[1] = append([]float64(nil), d.Instr[1]...)
	d.Instr[1][10] = math.NaN() // same row twice: counted once
	d.Instr[1][30] = math.NaN()
	r, err := Fit(d, Options{Estimator: TSLS})
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 3006 || r.Dropped.Missing != 4 {
		t.Errorf("N = %d, dropped %d; want 3006, 4", r.N, r.Dropped.Missing)
	}
	if !strings.Contains(r.String(), "Rows dropped: 4 with missing values") {
		t.Error("summary does not report the dropped rows")
	}
}

// Collinear regressors are omitted and reported, as Stata does.
func TestCollinearOmitted(t *testing.T) {
	tb, d := cardData(t)
	twice := make([]float64, len(tb["exper"]))
	for i, v := range tb["exper"] {
		twice[i] = 2 * v
	}
	d.ExogNames = append(d.ExogNames, "exper2x")
	d.Exog = append(d.Exog, twice)
	r, err := Fit(d, Options{Estimator: TSLS})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Omitted) != 1 || r.Omitted[0] != "exper2x" || indexOf(r.Names, "exper2x") >= 0 {
		t.Errorf("omitted %v, names %v", r.Omitted, r.Names)
	}
	if !strings.Contains(r.String(), "note: exper2x omitted because of collinearity") {
		t.Error("summary lacks the collinearity note")
	}
}

// A regressor constant within the panel unit is absorbed by the fixed
// effect and omitted (xtivreg2 drops it too).
func TestTimeInvariantOmittedWithFE(t *testing.T) {
	tb := readTable(t, "testdata/ivgmm/empluk.csv")
	d := &Data{DepName: "lemp", Y: tb["lemp"], ExogNames: []string{"lcap", "sector"}, Exog: tb.cols(t, []string{"lcap", "sector"}),
		EndogNames: []string{"lwage"}, Endog: tb.cols(t, []string{"lwage"}),
		InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: tb.cols(t, []string{"l1_lwage", "l2_lwage"}),
		FENames: []string{"firm"}, FE: [][]int{tb.codes("firm")}}
	r, err := Fit(d, Options{Estimator: TSLS, VCE: Robust()})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Omitted) != 1 || r.Omitted[0] != "sector" {
		t.Errorf("omitted %v, want [sector]", r.Omitted)
	}
}

// A firm left with one usable row is a singleton: dropped and counted
// after the rows with missing values (xtivreg2).
func TestSingletonsCounted(t *testing.T) {
	tb := readTable(t, "testdata/ivgmm/empluk.csv")
	y := append([]float64(nil), tb["lemp"]...)
	firm := tb.codes("firm")
	usable, blanked := 0, 0
	for i := range y {
		if firm[i] == 1 && !math.IsNaN(tb["l2_lwage"][i]) {
			usable++
			if usable > 1 {
				y[i] = math.NaN()
				blanked++
			}
		}
	}
	d := &Data{DepName: "lemp", Y: y, ExogNames: []string{"lcap"}, Exog: tb.cols(t, []string{"lcap"}),
		EndogNames: []string{"lwage"}, Endog: tb.cols(t, []string{"lwage"}),
		InstrNames: []string{"l1_lwage", "l2_lwage"}, Instr: tb.cols(t, []string{"l1_lwage", "l2_lwage"}),
		FENames: []string{"firm"}, FE: [][]int{firm}}
	r, err := Fit(d, Options{Estimator: TSLS, VCE: Robust()})
	if err != nil {
		t.Fatal(err)
	}
	// the reference sample has 751 rows in 140 firms (cases.json)
	if r.Dropped.Singletons != 1 || r.N != 751-blanked-1 || r.FEGroups[0] != 139 {
		t.Errorf("singletons %d, N %d, groups %d; want 1, %d, 139", r.Dropped.Singletons, r.N, r.FEGroups[0], 751-blanked-1)
	}
}
