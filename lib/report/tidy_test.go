package report_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/report"
)

// eg4 are DEAP's EG4 annual Malmquist means, full precision from deaR 1.5.3
// (lib/malmquist/testdata/cases.json, a copy of shared/refs/malmquist/cases.json,
// deap_eg4_oo_vrs crosschecks).
var eg4Years = []report.IndexRow{
	{Key: "2", EffCh: 0.8435595849, TechCh: 1.3333333333, PECh: 0.9550205273, SECh: 0.8832894799, TFPCh: 1.1247461131},
	{Key: "3", EffCh: 1, TechCh: 1, PECh: 1, SECh: 1, TFPCh: 1},
}
var eg4Mean = report.IndexRow{Key: "mean", EffCh: 0.9184549988, TechCh: 1.1547005384, PECh: 0.9772515169, SECh: 0.9398348152, TFPCh: 1.0605404816}

func TestDEAPSummary(t *testing.T) {
	// DEAP 2.1's printed EG4 output (EG4-out.txt, MALMQUIST INDEX SUMMARY,
	// year = 2) prints firm 1 and the mean as these lines.
	firm := report.DEAPSummary("MALMQUIST INDEX SUMMARY", "firm",
		[]report.IndexRow{{Key: "1", EffCh: 0.75, TechCh: 4.0 / 3, PECh: 1, SECh: 0.75, TFPCh: 1}}, &eg4Years[0])
	for _, want := range []string{
		"   firm   effch  techch    pech    sech   tfpch\n",
		"\n     1   0.750   1.333   1.000   0.750   1.000\n",
		"\n mean    0.844   1.333   0.955   0.883   1.125\n",
	} {
		if !strings.Contains(firm, want) {
			t.Errorf("DEAP layout lacks %q:\n%s", want, firm)
		}
	}
	s := report.DEAPSummary("MALMQUIST INDEX SUMMARY OF ANNUAL MEANS", "year", eg4Years, &eg4Mean)
	golden(t, "deap_annual_means.txt", s)
	// Overflow as Fortran F8.3 prints it; a missing index as Stata's ".".
	s = report.DEAPSummary("X", "firm", []report.IndexRow{{Key: "9", EffCh: 12345.678, TechCh: math.NaN()}}, nil)
	if !strings.Contains(s, "     9********       .   0.000") {
		t.Errorf("overflow line wrong:\n%s", s)
	}
}

func TestIndexTable(t *testing.T) {
	tab := report.IndexTable("Malmquist index summary of annual means", "year", eg4Years, &eg4Mean)
	renderAll(t, "index_annual", tab)
}

func TestTidy(t *testing.T) {
	tab, err := report.Tidy([]string{"region", "year", "tfp", "n", "balanced"}, [][]any{
		{"East", 2005, 1.01234, 101, true},
		{"Central", 2005, math.NaN(), int64(99), false},
		{"West", 2005, float32(0.5), uint(61), nil},
	}, report.TidyOptions{Caption: "Tidy", Column: map[string]int{"tfp": 4}})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "tidy.txt", tab.String())
	golden(t, "tidy.md", tab.Markdown())

	_, err = report.Tidy([]string{"a", "b"}, [][]any{{1, 2}, {3}}, report.TidyOptions{})
	if !errors.Is(err, report.ErrLayout) || err.Error() != "report: inconsistent table layout: record 2 has 1 values for 2 columns (a, b)" {
		t.Errorf("err = %v", err)
	}
}

func TestSummary(t *testing.T) {
	golden(t, "summary.txt", report.Summary(twoModels()[0]).String())
}

// TestFortran: Fortran's Fw.d as gfortran prints it: right-aligned, w
// asterisks when the value does not fit (or is infinite), NaN right-aligned.
func TestFortran(t *testing.T) {
	for _, c := range []struct {
		v    float64
		w, d int
		want string
	}{
		{0.5625, 10, 3, "     0.562"}, // round half to even on the exact binary value, as DEAP's 0.562
		{1.3333333, 8, 3, "   1.333"},
		{-999.9996, 8, 3, "********"},
		{12345.678, 8, 3, "********"},
		{math.Inf(1), 8, 3, "********"},
		{math.NaN(), 8, 3, "     NaN"},
		{5, 6, 0, "     5"},
	} {
		if got := report.Fortran(c.v, c.w, c.d); got != c.want {
			t.Errorf("Fortran(%v, %d, %d) = %q, want %q", c.v, c.w, c.d, got, c.want)
		}
	}
}

// TestDEAPTableWideKeys: keys longer than DEAP's five characters widen the
// key column and pad the header by as much.
func TestDEAPTableWideKeys(t *testing.T) {
	tab := report.DEAPTable{Head: report.DEAPIndexHead("firm"), Width: 8, Decimals: 3,
		Rows: []report.DEAPRow{{Key: "Beijing", Values: []float64{1, 2, 3, 4, 5}}, {Key: "Xi'an", Values: []float64{1, 1, 1, 1, 1}}},
		Mean: &report.DEAPRow{Key: "mean", Values: []float64{1, 1.5, 2, 2.5, 3}}}
	want := "     firm   effch  techch    pech    sech   tfpch\n\n" +
		" Beijing   1.000   2.000   3.000   4.000   5.000\n" +
		"   Xi'an   1.000   1.000   1.000   1.000   1.000\n\n" +
		" mean      1.000   1.500   2.000   2.500   3.000\n"
	if got := tab.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
