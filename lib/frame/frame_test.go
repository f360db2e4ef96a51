package frame

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
)

const testCSV = `id,year,x,name,bad,empty
1,2001,1.5,a,1,
1,2002,NA,b,2,NA
2,2001,.,a,x3,
2,2002, 4 ,c,y4,.
`

func TestReadCSVTypes(t *testing.T) {
	f, err := ReadCSVFrom(strings.NewReader(testCSV))
	if err != nil {
		t.Fatal(err)
	}
	x, err := f.Float("x")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1.5, math.NaN(), math.NaN(), 4}
	for i := range want {
		if !(x[i] == want[i] || math.IsNaN(x[i]) && math.IsNaN(want[i])) {
			t.Errorf("x[%d] = %v, want %v", i, x[i], want[i])
		}
	}
	codes, levels, err := f.Codes("name")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(levels, ",") != "a,b,c" || codes[2] != 0 || codes[3] != 2 {
		t.Errorf("codes %v levels %v", codes, levels)
	}
	// Numeric levels sort numerically, not as text.
	g, _ := FromMap(map[string][]float64{"k": {10, 9, 100, math.NaN()}})
	codes, levels, _ = g.Codes("k")
	if strings.Join(levels, ",") != "9,10,100" || codes[0] != 1 || codes[3] != -1 {
		t.Errorf("numeric codes %v levels %v", codes, levels)
	}
}

// TestErrors checks the exact messages.
func TestErrors(t *testing.T) {
	f, err := ReadCSVFrom(strings.NewReader(testCSV))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		col  string
		err  error
		want string
	}{
		{"bad", ErrNotNumeric, `frame: column "bad" is not numeric (row 3 has "x3", and 1 more non-numeric value); use it as a fixed effect, cluster or i(bad), or convert it to numbers`},
		{"empty", ErrAllMissing, `frame: column "empty" has no values (missing on all 4 rows)`},
		{"yaer", ErrUnknownColumn, `frame: unknown column "yaer"; did you mean "year"?`},
	}
	for _, tc := range tests {
		_, err := f.Float(tc.col)
		if err == nil || err.Error() != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Float(%q) error:\n%v\nwant:\n%s", tc.col, err, tc.want)
		}
	}
}

func TestFromDataFrame(t *testing.T) {
	df := dataframe.ReadCSV(strings.NewReader(testCSV))
	f, err := FromDataFrame(df)
	if err != nil {
		t.Fatal(err)
	}
	if !f.IsNumeric("x") || !f.IsNumeric("year") || f.IsNumeric("name") {
		t.Errorf("types: x %v year %v name %v", f.IsNumeric("x"), f.IsNumeric("year"), f.IsNumeric("name"))
	}
	x, err := f.Float("x")
	if err != nil {
		t.Fatal(err)
	}
	if x[0] != 1.5 || !math.IsNaN(x[1]) || x[3] != 4 {
		t.Errorf("x = %v", x)
	}
	if _, err := f.Float("bad"); !errors.Is(err, ErrNotNumeric) {
		t.Errorf("bad: %v", err)
	}
}

func TestReadCSVHeader(t *testing.T) {
	f, err := ReadCSVFrom(strings.NewReader("\ufeffid, x \n1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Names(), "|"); got != "id|x" {
		t.Errorf("names %q", got)
	}
	if _, err := ReadCSVFrom(strings.NewReader("a,b\n1,2\n3\n")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("short row: %v", err)
	}
}

func TestShapeErrors(t *testing.T) {
	if _, err := FromMap(map[string][]float64{"a": {1, 2}, "b": {1}}); !errors.Is(err, ErrShape) {
		t.Errorf("ragged map: %v", err)
	}
	if _, err := ReadCSVFrom(strings.NewReader("a,a\n1,2\n")); !errors.Is(err, ErrDuplicateName) {
		t.Errorf("duplicate header: %v", err)
	}
}

// TestCodesView checks the shared level codes: CodesView and Codes agree
// with the grouping of every kind of column (the direct path for Int
// columns without missing values included: negative values, a range too
// wide for it, a missing cell), CodesView is computed once and shared,
// and Codes returns a copy the caller may change.
func TestCodesView(t *testing.T) {
	f := New(6)
	f.AddInt("year", []int64{2003, 2001, 2003, 2002, 2001, 2003}, nil)
	f.AddInt("neg", []int64{-5, 7, -5, 0, 7, -1}, nil)
	f.AddInt("wide", []int64{1 << 40, 3, -(1 << 40), 3, 1 << 40, 0}, nil)
	f.AddInt("miss", []int64{4, 2, 0, 2, 4, 4}, []bool{true, true, false, true, true, true})
	f.AddFloat("x", []float64{0.5, math.NaN(), -1, 0.5, 2, 2})
	f.AddString("s", []string{"b", "a", "", "b", "c", "a"})
	for _, c := range []struct {
		name   string
		codes  []int
		levels []string
	}{
		{"year", []int{2, 0, 2, 1, 0, 2}, []string{"2001", "2002", "2003"}},
		{"neg", []int{0, 3, 0, 2, 3, 1}, []string{"-5", "-1", "0", "7"}},
		{"wide", []int{3, 2, 0, 2, 3, 1}, []string{"-1099511627776", "0", "3", "1099511627776"}},
		{"miss", []int{1, 0, -1, 0, 1, 1}, []string{"2", "4"}},
		{"x", []int{1, -1, 0, 1, 2, 2}, []string{"-1", "0.5", "2"}},
		{"s", []int{1, 0, -1, 1, 2, 0}, []string{"a", "b", "c"}},
	} {
		view, vlev, err := f.CodesView(c.name)
		if err != nil {
			t.Fatal(err)
		}
		codes, levels, _ := f.Codes(c.name)
		if !slices.Equal(view, c.codes) || !slices.Equal(vlev, c.levels) || !slices.Equal(codes, c.codes) || !slices.Equal(levels, c.levels) {
			t.Errorf("%s: CodesView %v %v, Codes %v %v, want %v %v", c.name, view, vlev, codes, levels, c.codes, c.levels)
		}
		again, _, _ := f.CodesView(c.name)
		if &again[0] != &view[0] || &codes[0] == &view[0] {
			t.Errorf("%s: CodesView not shared, or Codes not a copy", c.name)
		}
	}
	if _, _, err := New(2).CodesView("nope"); !errors.Is(err, ErrUnknownColumn) {
		t.Errorf("unknown column: %v", err)
	}
}
