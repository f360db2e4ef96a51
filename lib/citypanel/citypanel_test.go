package citypanel

import (
	"bytes"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/econb/econb/lib/internal/testutil"
	"github.com/econb/econb/lib/lq"
)

func readTiny(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/tiny.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Hand-checked values for testdata/tiny.csv.
func TestBuildTiny(t *testing.T) {
	p, err := Read(strings.NewReader(readTiny(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cities) != 2 || len(p.Years) != 2 || p.Cities[1].Region != "east" {
		t.Fatalf("cities %v years %v", p.Cities, p.Years)
	}
	v, err := Build(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Records: Alpha 2010, Alpha 2011, Beta 2010, Beta 2011.
	// 2010 producer services: Alpha 6/50, Beta 10/50, nation 16/100:
	// LQ 0.75 and 1.25; 2011: Alpha 8/60, Beta 8/40, nation 16/100: 5/6, 1.25.
	// High 2010: Alpha 4/50, Beta 5/50, nation 9/100 → 8/9, 10/9.
	// Low 2010: Alpha 2/50, Beta 5/50, nation 7/100 → 4/7, 10/7.
	checks := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"SAGG total", v.SAGGTotal, []float64{0.75, 5.0 / 6, 1.25, 1.25}},
		{"SAGG high 2010", []float64{v.SAGGHigh[0], v.SAGGHigh[2]}, []float64{8.0 / 9, 10.0 / 9}},
		{"SAGG low 2010", []float64{v.SAGGLow[0], v.SAGGLow[2]}, []float64{4.0 / 7, 10.0 / 7}},
		// Alpha: K_2010 = 1e6/10 % = 1e7; K_2011 = 0.904e7 + 1.2e6/1.05.
		{"K Alpha", v.K[:2], []float64{1e7, 0.904e7 + 1.2e6/1.05}},
		// Real GDP at 2010 prices: 2e6, 2e6·1.10.
		{"real GDP Alpha", v.RealGDP[:2], []float64{2e6, 2.2e6}},
		{"L", v.L, []float64{50, 60, 50, 40}},
		// Alpha 2010: STR 9/6, GOV 0.1, PGDP 2e6/400/1e4 = 0.5, FDI 1e4·6.8/2e6 = 0.034,
		// H 5e4/4e6 = 0.0125, ROAD 4000/400 = 10, POP ln 400.
		{"controls Alpha 2010", v.Controls[0].Slice(), []float64{1.5, 0.1, 0.5, 0.034, 0.0125, 10, math.Log(400)}},
	}
	for _, c := range checks {
		for i := range c.want {
			testutil.Check(t, c.name, c.got[i], c.want[i], 1e-14)
		}
	}
	// External national totals for the high-end group: 2010 nation 20 of
	// 400 = 5 % → Alpha 0.08/0.05 = 1.6.
	ext, err := Build(p, Options{National: map[string]*lq.National{"high": {Group: []float64{20, 20}, Total: []float64{400, 400}}}})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Check(t, "SAGG high, external totals", ext.SAGGHigh[0], 1.6, 1e-14)
	testutil.Check(t, "SAGG total unaffected", ext.SAGGTotal[0], 0.75, 1e-14)
	if v.Year[3] != 2011 || v.Region[3] != "east" || v.City[3] != 1 {
		t.Errorf("keys of record 3: %d %s %d", v.Year[3], v.Region[3], v.City[3])
	}
}

// Write then Read gives back the same records.
func TestRoundTrip(t *testing.T) {
	p, err := Read(strings.NewReader(readTiny(t)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, p.Records); err != nil {
		t.Fatal(err)
	}
	q, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Records {
		if p.Records[i] != q.Records[i] {
			t.Errorf("record %d: %+v != %+v", i, p.Records[i], q.Records[i])
		}
	}
}

func TestReadErrors(t *testing.T) {
	tiny := readTiny(t)
	lines := strings.Split(strings.TrimSpace(tiny), "\n")
	join := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	cases := []struct {
		name string
		csv  string
		err  error
		msg  string
	}{
		{"missing column", strings.ReplaceAll(tiny, ",road_area", ""), ErrHeader, "missing columns [road_area]"},
		{"unknown column", strings.Replace(tiny, "road_area", "roads", 1), ErrHeader, "missing columns [road_area], unknown columns [roads]"},
		{"not a number", strings.Replace(tiny, ",2000000,112,", ",abc,112,", 1), ErrValue, `line 2 (city Alpha, 2010), column gdp: "abc" is not a number`},
		{"empty", strings.Replace(tiny, ",2000000,112,", ",,112,", 1), ErrValue, `column gdp: "" is not a number`},
		{"gdp in yuan", strings.Replace(tiny, ",2000000,112,", ",20000000000,112,", 1), ErrValue, "column gdp: 2e+10 outside the plausible range [10000, 1e+10] 10,000 yuan; check the unit"},
		{"pop in persons", strings.Replace(tiny, ",50000,400,4000", ",50000,4000000,4000", 1), ErrValue, "line 2 (city Alpha, 2010), column pop"},
		{"index base 1", strings.Replace(tiny, ",112,", ",1.12,", 1), ErrValue, "column gdp_index: 1.12 outside"},
		{"sectors above total", strings.Replace(tiny, "1,1,2,1,1,50,", "1,1,2,1,1,5,", 1), ErrValue, "the five producer-service sectors employ 6 (10,000 persons), more than emp_total 5"},
		{"bad region", strings.Replace(tiny, "central,2010", "north,2010", 1), ErrValue, `line 2, column region: "north" is not one of`},
		{"bad year", strings.Replace(tiny, "central,2010", "central,20x0", 1), ErrValue, `line 2, column year: "20x0"`},
		{"duplicate", join(lines[0], lines[1], lines[2], lines[3], lines[4], lines[1]), ErrDuplicate, "lines 2 and 6: city Alpha, year 2010"},
		{"gap", join(lines[0], lines[1], lines[2], lines[3]), ErrGap, "city Beta has no row for 2011"},
		{"region change", join(lines[0], lines[1], strings.Replace(lines[2], "central", "east", 1), lines[3], lines[4]), ErrValue, "line 3: city Alpha is in anhui/east here but anhui/central"},
		{"no rows", lines[0] + "\n", ErrValue, "no data rows"},
		// The optional column so2 is validated when present.
		{"so2 in tonnes", withSO2(tiny, "57401", "6", "1", "1"), ErrValue, "line 2 (city Alpha, 2010), column so2: 57401 outside the plausible range [0, 500] 10,000 tonnes; check the unit"},
		{"so2 empty", withSO2(tiny, "5", "", "1", "1"), ErrValue, `line 3 (city Alpha, 2011), column so2: "" is not a number`},
		{"so2 negative", withSO2(tiny, "5", "6", "-1", "1"), ErrValue, "column so2: -1 outside"},
		{"missing with so2", strings.ReplaceAll(withSO2(tiny, "1", "1", "1", "1"), ",road_area", ""), ErrHeader, "missing columns [road_area], unknown columns []; the header must be: city,province,region,year,"},
		{"optional listed", strings.Replace(withSO2(tiny, "1", "1", "1", "1"), ",so2", ",so2x", 1), ErrHeader, "unknown columns [so2x]; the header must be: city,province,region,year,emp_transport,emp_ict,emp_finance,emp_leasing,emp_research,emp_total,gdp,gdp_index,va_secondary,va_tertiary,fai,fai_price_index,budget_exp,fdi_usd,usd_cny,students,pop,road_area (optional: so2)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.csv))
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %q\nwant it to contain %q", err, tc.msg)
			}
		})
	}
}
