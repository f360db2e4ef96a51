package design

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/econb/econb/lib/formula"
	"github.com/econb/econb/lib/frame"
)

// A small unbalanced panel: entity b skips 2003, so l(x,1) is missing at
// b's 2004 (the gap), and at each entity's first year.
const panelCSV = `id,year,y,x,z,r,g
a,2001,1,2,1,n,1
a,2002,2,4,0,s,1
a,2003,3,8,1,s,2
b,2001,4,1,0,w,2
b,2002,5,3,1,n,NA
b,2004,6,9,0,s,3
`

func buildCSV(t *testing.T, csv, f string, opt Options) (*Design, error) {
	t.Helper()
	fr, err := frame.ReadCSVFrom(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	ff, err := formula.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return Build(ff, fr, opt)
}

func sameNaN(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestBuildPanel(t *testing.T) {
	nan := math.NaN()
	d, err := buildCSV(t, panelCSV, "log(y) ~ x + d(x) + x:z + i(r) | id | f(x, 1) ~ l(x, 1:2)",
		Options{Entity: "id", Time: "year", Cluster: "g"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"x":         {2, 4, 8, 1, 3, 9},
		"d(x)":      {nan, 2, 4, nan, 2, nan},
		"x:z":       {2, 0, 8, 0, 3, 0},
		"r::s":      {0, 1, 1, 0, 0, 1}, // levels n < s < w; n dropped
		"r::w":      {0, 0, 0, 1, 0, 0},
		"f(x,1)":    {4, 8, nan, 3, nan, nan},
		"l(x,1)":    {nan, 2, 4, nan, 1, nan},
		"l(x,2)":    {nan, nan, 2, nan, nan, 3},                                   // b: 2004-2 = 2002 is observed
		"log(y)":    {0, math.Log(2), math.Log(3), math.Log(4), nan, math.Log(6)}, // row 5: cluster g missing
		"cluster g": {0, 0, 1, 1, 0, 2},
	}
	got := map[string][]float64{d.DepName: d.Y}
	for _, c := range append(append(d.Exog, d.Endog...), d.Instr...) {
		got[c.Name] = c.X
	}
	cl := make([]float64, len(d.Cluster))
	for i, c := range d.Cluster {
		cl[i] = float64(c)
	}
	got["cluster g"] = cl
	for name, w := range want {
		if !sameNaN(got[name], w) {
			t.Errorf("%s = %v, want %v", name, got[name], w)
		}
	}
	if strings.Join(Names(d.Exog), " ") != "x d(x) x:z r::s r::w" || strings.Join(Names(d.Instr), " ") != "l(x,1) l(x,2)" {
		t.Errorf("names: exog %v instr %v", Names(d.Exog), Names(d.Instr))
	}
	if len(d.FE) != 1 || d.FENames[0] != "id" || d.FE[0][3] != 1 {
		t.Errorf("FE %v %v", d.FENames, d.FE)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		f    string
		opt  Options
		err  error
		want string
	}{
		{"y ~ r", Options{}, frame.ErrNotNumeric,
			"formula: column \"r\" is not numeric (row 1 has \"n\", and 5 more non-numeric values) in regressors (1:5); use it as a fixed effect, cluster or i(r), or convert it to numbers\n | y ~ r\n | ....^"},
		{"y ~ log(z)", Options{}, ErrDomain,
			"formula: log of a non-positive value (3 rows; row 2 has z = 0) in regressors (1:5); log() needs positive values; filter or transform the data first\n | y ~ log(z)\n | ....^"},
		{"y ~ z | x ~ l(z, 5)", Options{Entity: "id", Time: "year"}, frame.ErrAllMissing,
			"formula: l(z,5) has no values (missing on all 6 rows) in instruments (1:13); the panel has 4 periods; a lag or lead that long leaves nothing\n | y ~ z | x ~ l(z, 5)\n | ............^"},
		{"y ~ z | x + y2 ~ i(id)", Options{}, formula.ErrUnknownColumn, ""},
		{"y ~ i(id):z | x ~ z2", Options{}, formula.ErrUnknownColumn, ""},
		{"y ~ z | x ~ i(id)", Options{Cluster: "gg"}, frame.ErrUnknownColumn,
			"cluster variable: frame: unknown column \"gg\"; did you mean \"g\"?"},
		{"y ~ z", Options{Entity: "id", Time: "x2"}, frame.ErrUnknownColumn,
			"design: bad panel index: time: frame: unknown column \"x2\"; did you mean \"x\"?"},
	}
	for _, tc := range tests {
		t.Run(tc.f, func(t *testing.T) {
			_, err := buildCSV(t, panelCSV, tc.f, tc.opt)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if tc.want != "" && err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestBuildUnderidentifiedDummies(t *testing.T) {
	// i(id) has two levels, so one dummy: one instrument for two endogenous.
	_, err := buildCSV(t, panelCSV, "y ~ 1 | x + z ~ i(id)", Options{})
	want := "formula: underidentified: 2 endogenous regressors (x, z) but 1 excluded instrument (id::b) in instruments (1:17); each endogenous regressor needs at least one instrument of its own\n | y ~ 1 | x + z ~ i(id)\n | ................^"
	if !errors.Is(err, formula.ErrUnderidentified) || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestBuildPanelErrors(t *testing.T) {
	dup := strings.Replace(panelCSV, "b,2004", "b,2002", 1)
	if _, err := buildCSV(t, dup, "y ~ l(x, 1)", Options{Entity: "id", Time: "year"}); !errors.Is(err, ErrPanel) {
		t.Errorf("duplicate rows: %v", err)
	} else if !strings.Contains(err.Error(), `rows 5 and 6 both have entity "b" and time 2002`) {
		t.Errorf("duplicate rows error does not name the rows: %v", err)
	}
	frac := strings.Replace(panelCSV, "b,2004", "b,2004.5", 1)
	if _, err := buildCSV(t, frac, "y ~ l(x, 1)", Options{Entity: "id", Time: "year"}); !errors.Is(err, ErrPanel) ||
		!strings.Contains(err.Error(), "row 6 has 2004.5") {
		t.Errorf("fractional time: %v", err)
	}
	if _, err := buildCSV(t, panelCSV, "y ~ l(x, 1)", Options{}); !errors.Is(err, formula.ErrNoPanel) {
		t.Errorf("lag without panel: %v", err)
	}
}

// TestBuildSharesFrameColumns checks what Build shares with the frame and
// that it changes nothing there: a bare variable is the frame's column
// itself; the response is copied before the rows where a fixed effect or
// the cluster variable is missing are marked NaN in it, and so are the
// codes before their missing rows are set to 0; Sample still reports the
// rows by the variable that is missing.
func TestBuildSharesFrameColumns(t *testing.T) {
	fr, err := frame.ReadCSVFrom(strings.NewReader(panelCSV))
	if err != nil {
		t.Fatal(err)
	}
	before := map[string][]float64{}
	for _, name := range []string{"y", "x", "z", "g"} {
		x, _ := fr.Float(name)
		before[name] = x
	}
	gCodes, _, _ := fr.Codes("g")
	d, err := Build(formula.MustParse("y ~ x | g"), fr, Options{Cluster: "id"})
	if err != nil {
		t.Fatal(err)
	}
	xs, _ := fr.FloatView("x")
	if &d.Exog[0].X[0] != &xs[0] {
		t.Error("the bare variable x is a copy of the frame's column")
	}
	ys, _ := fr.FloatView("y")
	if &d.Y[0] == &ys[0] || !math.IsNaN(d.Y[4]) || d.Y[3] != 4 {
		t.Errorf("y = %v: want a copy with row 5 (g missing) NaN", d.Y)
	}
	if d.FE[0][4] != 0 || !slices.Equal(d.Cluster, []int{0, 0, 0, 1, 1, 1}) {
		t.Errorf("FE codes %v, cluster %v", d.FE[0], d.Cluster)
	}
	for name, want := range before {
		got, _ := fr.Float(name)
		if !sameNaN(got, want) {
			t.Errorf("Build changed the frame's %s: %v, was %v", name, got, want)
		}
	}
	if now, _, _ := fr.Codes("g"); !slices.Equal(now, gCodes) {
		t.Errorf("Build changed the codes of g: %v, were %v", now, gCodes)
	}
	keep, drops := d.Sample()
	if !slices.Equal(keep, []bool{true, true, true, true, false, true}) || len(drops) != 1 || drops[0].Reason != "missing g" {
		t.Errorf("Sample = %v, %v", keep, drops)
	}
}
