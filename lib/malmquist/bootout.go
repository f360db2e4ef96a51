package malmquist

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/econb/econb/lib/report"
)

// String returns DEAP().
func (b *Boot) String() string { return b.DEAP() }

// DEAP returns the Malmquist output (Result.DEAP) followed by the
// bootstrap tables: the annual means with their intervals, the overall
// mean, and per period how many DMUs have a significant change.
func (b *Boot) DEAP() string {
	var s strings.Builder
	s.WriteString(b.Result.DEAP())
	fmt.Fprintf(&s, "\n\n BOOTSTRAP (Simar & Wilson 1999): %d replications per pair of periods, seed %d, %g%% intervals\n",
		b.Replications, b.Seed, 100*(1-b.Alpha))
	var hb strings.Builder
	for _, c := range []string{"tfpch", "lower", "upper", "effch", "lower", "upper", "techch", "lower", "upper"} {
		fmt.Fprintf(&hb, "%8s", c)
	}
	head := [][2]string{{"year", hb.String()}}
	t := report.DEAPTable{Head: head, Width: 8, Decimals: 3}
	row := func(bi BootIndex) []float64 {
		return []float64{bi.TFPCh.Estimate, bi.TFPCh.Lower, bi.TFPCh.Upper, bi.EffCh.Estimate, bi.EffCh.Lower, bi.EffCh.Upper,
			bi.TechCh.Estimate, bi.TechCh.Lower, bi.TechCh.Upper}
	}
	for _, pi := range b.PeriodIntervals {
		t.Rows = append(t.Rows, report.DEAPRow{Key: fmt.Sprint(pi.Period), Values: row(pi)})
	}
	t.Mean = &report.DEAPRow{Key: "mean", Values: row(b.Overall)}
	fmt.Fprintf(&s, "\n ANNUAL MEANS WITH BOOTSTRAP INTERVALS (geometric means over DMUs)\n\n%s", t.String())
	hb.Reset()
	for _, c := range []string{"tfpch+", "tfpch-", "effch+", "effch-", "techch+", "techch-"} {
		fmt.Fprintf(&hb, "%8s", c)
	}
	c := report.DEAPTable{Head: [][2]string{{"year", hb.String()}}, Width: 8, Decimals: 0}
	for _, pi := range b.PeriodIntervals {
		var n [6]float64
		for _, iv := range b.Intervals {
			if iv.Period != pi.Period {
				continue
			}
			for k, x := range []Interval{iv.TFPCh, iv.EffCh, iv.TechCh} {
				if x.Significant && x.Lower > 1 {
					n[2*k]++
				}
				if x.Significant && x.Upper < 1 {
					n[2*k+1]++
				}
			}
		}
		c.Rows = append(c.Rows, report.DEAPRow{Key: fmt.Sprint(pi.Period), Values: []float64{n[0], n[1], n[2], n[3], n[4], n[5]}})
	}
	fmt.Fprintf(&s, "\n\n NUMBER OF DMUS WITH A SIGNIFICANT IMPROVEMENT (+) OR DECLINE (-)\n\n%s", c.String())
	s.WriteString("\n [Intervals: Simar & Wilson (1999) bivariate smoothed bootstrap; a change is significant when its interval excludes 1]\n")
	return s.String()
}

type jsonInterval struct {
	Estimate      num  `json:"estimate"`
	BiasCorrected num  `json:"bias_corrected"`
	Bias          num  `json:"bias"`
	SD            num  `json:"sd"`
	Lower         num  `json:"lower"`
	Upper         num  `json:"upper"`
	Significant   bool `json:"significant"`
}

type jsonBootIndex struct {
	DMU    string       `json:"dmu,omitempty"`
	Period int          `json:"period,omitempty"`
	TFPCh  jsonInterval `json:"tfpch"`
	EffCh  jsonInterval `json:"effch"`
	TechCh jsonInterval `json:"techch"`
}

func toJSONBoot(bi BootIndex) jsonBootIndex {
	c := func(x Interval) jsonInterval {
		return jsonInterval{num(x.Estimate), num(x.BiasCorrected), num(x.Bias), num(x.SD), num(x.Lower), num(x.Upper), x.Significant}
	}
	return jsonBootIndex{bi.DMU, bi.Period, c(bi.TFPCh), c(bi.EffCh), c(bi.TechCh)}
}

// MarshalJSON writes the Result's JSON object with a "bootstrap" member:
// {"method", "replications", "seed", "alpha", "intervals",
// "period_intervals", "overall", "lps"}.
func (b *Boot) MarshalJSON() ([]byte, error) {
	base, err := json.Marshal(b.Result)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(base, &m); err != nil {
		return nil, err
	}
	boot := struct {
		Method          string          `json:"method"`
		Replications    int             `json:"replications"`
		Seed            uint64          `json:"seed"`
		Alpha           float64         `json:"alpha"`
		Intervals       []jsonBootIndex `json:"intervals"`
		PeriodIntervals []jsonBootIndex `json:"period_intervals"`
		Overall         jsonBootIndex   `json:"overall"`
		LPs             int             `json:"lps"`
	}{Method: "Simar-Wilson (1999) bivariate smoothed bootstrap", Replications: b.Replications, Seed: b.Seed, Alpha: b.Alpha,
		Overall: toJSONBoot(b.Overall), LPs: b.BootLPs}
	for _, x := range b.Intervals {
		boot.Intervals = append(boot.Intervals, toJSONBoot(x))
	}
	for _, x := range b.PeriodIntervals {
		boot.PeriodIntervals = append(boot.PeriodIntervals, toJSONBoot(x))
	}
	raw, err := json.Marshal(boot)
	if err != nil {
		return nil, err
	}
	m["bootstrap"] = raw
	return json.Marshal(m)
}

// Table lays the annual means with their intervals out as a tidy table
// for notebooks and exports: year, then estimate, lower and upper bound
// of tfpch, effch and techch, and the overall mean last.
func (b *Boot) Table(caption string) *report.Table {
	cols := []string{"year", "tfpch", "tfpch lower", "tfpch upper", "effch", "effch lower", "effch upper", "techch", "techch lower", "techch upper"}
	var rows [][]any
	add := func(key string, bi BootIndex) {
		rows = append(rows, []any{key, bi.TFPCh.Estimate, bi.TFPCh.Lower, bi.TFPCh.Upper, bi.EffCh.Estimate, bi.EffCh.Lower,
			bi.EffCh.Upper, bi.TechCh.Estimate, bi.TechCh.Lower, bi.TechCh.Upper})
	}
	for _, pi := range b.PeriodIntervals {
		add(fmt.Sprint(pi.Period), pi)
	}
	add("mean", b.Overall)
	t, err := report.Tidy(cols, rows, report.TidyOptions{Caption: caption, Notes: []string{
		fmt.Sprintf("Geometric means over DMUs; %g%% intervals of the Simar-Wilson (1999) bootstrap, %d replications, seed %d.", 100*(1-b.Alpha), b.Replications, b.Seed)}})
	if err != nil { // cannot happen: fixed record length
		panic(err)
	}
	return t
}
