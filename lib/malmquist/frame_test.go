package malmquist

import (
	"errors"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
)

func readFrame(t *testing.T, csv string) *frame.Frame {
	t.Helper()
	fr, err := frame.ReadCSVFrom(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	return fr
}

// TestFromFrameErrors: lib/frame's missing values (empty, NA, ".") are
// errors naming the DMU, period and column with the fix; so are roles that
// collide and bad periods.
func TestFromFrameErrors(t *testing.T) {
	const csv = "city,year,K,L,Y,SO2\nA,2004,1,2,3,1\nB,2004,NA,2,3,1\nA,2005,1,.,3,1\nB,2005,1,2,,1\n"
	fr := readFrame(t, csv)
	_, err := FromFrame(fr, "city", "year", []string{"K", "L"}, []string{"Y"})
	for _, want := range []string{`DMU "B", period 2004, column "K" (row 2)`, `DMU "A", period 2005, column "L" (row 3)`,
		"DEA has no missing-value treatment", "--common"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing inputs: err = %v; want it to contain %q", err, want)
		}
	}
	if !errors.Is(err, dea.ErrMissing) || !errors.Is(err, dea.ErrData) {
		t.Errorf("err = %v; want dea.ErrMissing", err)
	}
	_, err = FromFrame(fr, "city", "year", []string{"SO2"}, []string{"Y"})
	if err == nil || !strings.Contains(err.Error(), `DMU "B", period 2005, column "Y" (row 4)`) {
		t.Errorf("missing output: err = %v", err)
	}
	for _, c := range []struct {
		name               string
		inputs, outputs    []string
		bad                []string
		dmu, period, wants string
	}{
		{"input is output", []string{"K", "Y"}, []string{"Y"}, nil, "city", "year", `column "Y" is used as input and as output`},
		{"listed twice", []string{"K", "K"}, []string{"Y"}, nil, "city", "year", `column "K" is listed twice as input`},
		{"bad is output", []string{"K"}, []string{"Y"}, []string{"Y"}, "city", "year", `column "Y" is used as output and as bad output`},
		{"period is input", []string{"year"}, []string{"Y"}, nil, "city", "year", `column "year" is used as period column and as input`},
		{"same dmu and period", []string{"K"}, []string{"Y"}, nil, "city", "city", `column "city" is both the`},
	} {
		var opts []dea.FrameOption
		if c.bad != nil {
			opts = append(opts, dea.WithBad(c.bad...))
		}
		_, err := FromFrame(fr, c.dmu, c.period, c.inputs, c.outputs, opts...)
		if err == nil || !strings.Contains(err.Error(), c.wants) || !errors.Is(err, dea.ErrData) {
			t.Errorf("%s: err = %v; want %q", c.name, err, c.wants)
		}
	}
	fr = readFrame(t, "city,year,K,Y\nA,2004.5,1,2\nB,,1,2\n,2004,1,2\n")
	_, err = FromFrame(fr, "city", "year", []string{"K"}, []string{"Y"})
	for _, want := range []string{`row 1 (DMU "A") has period 2004.5, not an integer`, `row 2 (DMU "B") has no period`, "row 3 has no DMU label"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("labels: err = %v; want %q", err, want)
		}
	}
	fr = readFrame(t, "city,year,K,Y\nA,2004,x1,2\nB,2004,1,2\n")
	_, err = FromFrame(fr, "city", "year", []string{"K"}, []string{"Y"})
	if err == nil || !strings.Contains(err.Error(), `input column "K" is not numeric: DMU "A", period 2004 (row 1) has "x1"`) {
		t.Errorf("non-numeric: err = %v", err)
	}
}

// TestFromFrameBad: bad outputs are read with dea.WithBad; prices are
// refused.
func TestFromFrameBad(t *testing.T) {
	fr := readFrame(t, "city,year,K,Y,SO2,w\nA,1,1,2,3,1\nB,1,2,3,4,1\n")
	d, err := FromFrame(fr, "city", "year", []string{"K"}, []string{"Y"}, dea.WithBad("SO2"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Bad) != 2 || d.Bad[1][0] != 4 || d.BadNames[0] != "SO2" || d.DMU[1] != "B" || d.Period[0] != 1 {
		t.Errorf("data %+v", d)
	}
	if _, err := FromFrame(fr, "city", "year", []string{"K"}, []string{"Y"}, dea.WithPrices("w")); err == nil {
		t.Error("prices accepted")
	}
}

var numRE = regexp.MustCompile(`-?\d+\.\d+`)

// TestDEAPLayout compares Result.DEAP() for DEAP's example EG4 with DEAP
// 2.1's printed output (testdata/deap_eg4_out_excerpt.txt, EG4-out.txt):
// every line from " DISTANCES SUMMARY" to the end of the excerpt has the
// same text and spacing, with each printed number within 0.001 (DEAP's
// last digit carries floating-point noise: it prints 0.5625 as 0.563 and
// 0.562, see testdata/CONVENTIONS.md).
func TestDEAPLayout(t *testing.T) {
	raw, err := os.ReadFile("testdata/deap_eg4_out_excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(string(raw), "\n")
	start := -1
	for i, l := range want {
		if strings.TrimSpace(l) == "DISTANCES SUMMARY" {
			start = i
			break
		}
	}
	want = want[start:]
	for len(want) > 0 && strings.TrimSpace(want[len(want)-1]) == "" {
		want = want[:len(want)-1]
	}
	res := mustCompute(t, loadCSV(t, "deap_eg4.csv", []string{"y"}, []string{"x"}), Options{Orientation: dea.Output})
	out := res.DEAP()
	if !strings.HasPrefix(out, " Output orientated Malmquist DEA\n") {
		t.Errorf("title line:\n%s", out[:min(len(out), 80)])
	}
	got := strings.Split(out, "\n")
	for i, l := range got {
		if strings.TrimSpace(l) == "DISTANCES SUMMARY" {
			got = got[i:]
			break
		}
	}
	if len(got) < len(want) {
		t.Fatalf("output has %d lines after DISTANCES SUMMARY, DEAP %d", len(got), len(want))
	}
	for i, w := range want {
		w = strings.TrimRight(w, " ")
		g := strings.TrimRight(got[i], " ")
		if i == len(want)-1 { // the excerpt ends inside this line
			g = g[:min(len(g), len(w))]
		}
		if numRE.ReplaceAllString(g, "#") != numRE.ReplaceAllString(w, "#") || len(g) != len(w) {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
			continue
		}
		gn, wn := numRE.FindAllString(g, -1), numRE.FindAllString(w, -1)
		for k := range wn {
			a, _ := strconv.ParseFloat(gn[k], 64)
			b, _ := strconv.ParseFloat(wn[k], 64)
			if math.Abs(a-b) > 0.001+1e-12 {
				t.Errorf("line %d number %d: got %s, DEAP %s", i+1, k+1, gn[k], wn[k])
			}
		}
	}
}
