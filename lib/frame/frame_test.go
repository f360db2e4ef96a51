package frame

import (
	"errors"
	"math"
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
