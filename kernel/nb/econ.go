package nb

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/capital"
	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/lq"
	"github.com/econb/econb/lib/malmquist"
	"github.com/econb/econb/lib/report"
	"github.com/econb/econb/lib/stata"
)

// The productivity and agglomeration verbs: what applied work on city TFP
// does between the raw panel and the regressions, taking dataset columns
// and giving datasets back, so their results merge by key. They need the
// panel declared (Xtset): entity and time.

// panelVars returns the declared panel's entity and time, stopping the
// cell when there is none.
func (d *Data) panelVars(verb string) (string, string) {
	e, t, ok := d.f.PanelVars()
	if !ok {
		Stop(fmt.Errorf("%s.%s: the panel is not declared; declare it first: d.Xtset(\"city year\")", d.what, verb))
	}
	return e, t
}

// vars expands a Stata varlist on d, stopping the cell on an error.
func (d *Data) vars(verb, spec string) []string {
	v, err := stata.Varlist(d.f, spec)
	if err != nil {
		Stop(fmt.Errorf("%s.%s: %w", d.what, verb, err))
	}
	return v
}

// PIM says how to build a capital stock by perpetual inventory (Capital).
type PIM struct {
	// Investment is the nominal investment column (e.g. fixed-asset
	// investment, fai).
	Investment string
	// Price is the investment price index: a chained index, the previous
	// period = 100 (yearbooks' 上年=100), unless Base is set, when it is
	// already a level with value 1 (or 100) in the first period. "" means
	// Investment is already real.
	Price string
	// Level says Price is a level (first period 1 or 100), not a chain.
	Level bool
	// Delta is the depreciation rate; 0 means 9.6 % (Zhang, Wu & Zhang 2004).
	Delta float64
	// Harberger uses K0 = I0/(g + δ) for the initial stock instead of
	// Zhang's I0/10 %, with g the mean growth of real investment over the
	// first GrowthYears periods (0: all).
	Harberger   bool
	GrowthYears int
}

// Capital adds newvar, the capital stock of each panel unit by perpetual
// inventory, K_t = (1 − δ) K_{t−1} + I_t / P_t, from the first period of
// the unit (lib/capital; Stata users write it as a loop over
// bysort id (year): replace K = ...). Each unit's periods must be
// consecutive.
func (d *Data) Capital(newvar string, p PIM) *Data {
	args := fmt.Sprintf("%s %+v", newvar, p)
	return d.then("Capital", args, func(f *frame.Frame) (*frame.Frame, error) {
		ix, err := f.PanelIndex()
		if err != nil {
			return nil, err
		}
		inv, ok := f.Numeric(p.Investment)
		if !ok {
			return nil, colErr(f, p.Investment)
		}
		var price []float64
		if p.Price != "" {
			if price, ok = f.Numeric(p.Price); !ok {
				return nil, colErr(f, p.Price)
			}
		}
		opt := capital.Options{Delta: p.Delta, GrowthYears: p.GrowthYears}
		if p.Harberger {
			opt.Init = capital.Harberger
		}
		out := make([]float64, f.Len())
		ent, err := f.Col(ix.Entity)
		if err != nil {
			return nil, err
		}
		for _, rows := range unitRows(ix) {
			x := make([]float64, len(rows))
			pr := make([]float64, len(rows))
			for k, r := range rows {
				x[k] = inv[r]
				pr[k] = 1
				if price != nil {
					pr[k] = price[r]
				}
			}
			if price != nil && !p.Level {
				chained, err := capital.Chain(pr, 0)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", ix.Entity, ent.Text(rows[0]), err)
				}
				pr = chained
			} else if price != nil && pr[0] != 0 {
				base := pr[0]
				for k := range pr {
					pr[k] /= base
				}
			}
			k, err := capital.Stock(x, pr, opt)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", ix.Entity, ent.Text(rows[0]), err)
			}
			for j, r := range rows {
				out[r] = k[j]
			}
		}
		return f.GenerateFloat(newvar, out)
	})
}

// unitRows lists each panel unit's rows in time order.
func unitRows(ix *frame.PanelIndex) [][]int {
	units := make([][]int, ix.NEntities)
	for r, c := range ix.Codes {
		units[c] = append(units[c], r)
	}
	for _, rows := range units {
		sort.Slice(rows, func(a, b int) bool { return ix.Times[rows[a]] < ix.Times[rows[b]] })
	}
	return units
}

// Real adds newvar, a series at first-period prices from nominal values
// and a volume index with the previous period = 100 (yearbooks' 上年=100),
// per panel unit: real GDP from gdp and gdp_index, Y_t = nominal_0 ·
// Π_{s≤t} index_s/100 (lib/capital.RealFromIndex). In Stata: bysort city
// (year): gen double y = gdp if _n == 1, then replace y = y[_n-1] *
// gdp_index/100 if _n > 1 (a recursive replace).
func (d *Data) Real(newvar, nominal, index string) *Data {
	args := fmt.Sprintf("%s = %s · %s", newvar, nominal, index)
	return d.then("Real", args, func(f *frame.Frame) (*frame.Frame, error) {
		ix, err := f.PanelIndex()
		if err != nil {
			return nil, err
		}
		nom, ok := f.Numeric(nominal)
		if !ok {
			return nil, colErr(f, nominal)
		}
		vol, ok := f.Numeric(index)
		if !ok {
			return nil, colErr(f, index)
		}
		ent, err := f.Col(ix.Entity)
		if err != nil {
			return nil, err
		}
		out := make([]float64, f.Len())
		for _, rows := range unitRows(ix) {
			n, v := make([]float64, len(rows)), make([]float64, len(rows))
			for k, r := range rows {
				n[k], v[k] = nom[r], vol[r]
			}
			y, err := capital.RealFromIndex(n, v, 0)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", ix.Entity, ent.Text(rows[0]), err)
			}
			for k, r := range rows {
				out[r] = y[k]
			}
		}
		return f.GenerateFloat(newvar, out)
	})
}

// DEA names the columns of a productivity analysis (Malmquist,
// Efficiency): inputs and outputs as Stata varlists, and the options of
// econb malmquist / econb dea.
type DEA struct {
	Inputs, Outputs string
	Bad             string // undesirable outputs (SO2): Malmquist-Luenberger
	Orient          string // "in" or "out" (default); CRS indices do not depend on it
	Frontier        string // contemporaneous (DEAP, default), sequential, global, biennial
	RTS             string // Efficiency: crs (default), vrs, nirs
}

func (s DEA) orientation() dea.Orientation {
	if strings.HasPrefix(strings.ToLower(s.Orient), "in") {
		return dea.Input
	}
	return dea.Output
}

// Malmquist is a Malmquist productivity analysis of a panel: the indices
// of each unit and year, their means, and the cumulative levels.
type Malmquist struct {
	*malmquist.Result
	// Index holds one row per unit and year: effch, techch, pech, sech,
	// tfpch (DEAP's columns), keyed by the panel's entity and time.
	Index *Data
	// Levels holds the cumulative indices tfp, tc, ec (first year = 1),
	// keyed likewise: merge them back with d.Merge("1:1 city year", m.Levels).
	Levels *Data
}

// Malmquist computes the DEA Malmquist index of the panel (Färe,
// Grosskopf, Norris & Zhang 1994, as DEAP 2.1 prints it; other frontiers
// and the Malmquist-Luenberger index with bad outputs on request):
// d.Malmquist(nb.DEA{Inputs: "K L", Outputs: "Y"}).
func (d *Data) Malmquist(s DEA) *Malmquist {
	e, t := d.panelVars("Malmquist")
	what := fmt.Sprintf("%s.Malmquist(%+v)", d.what, s)
	var opts []dea.FrameOption
	if s.Bad != "" {
		opts = append(opts, dea.WithBad(d.vars("Malmquist", s.Bad)...))
	}
	in, err := malmquist.FromFrame(d.f, e, t, d.vars("Malmquist", s.Inputs), d.vars("Malmquist", s.Outputs), opts...)
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	o := malmquist.Options{Orientation: s.orientation()}
	if s.Frontier != "" {
		if o.Frontier, err = malmquist.ParseFrontier(s.Frontier); err != nil {
			Stop(fmt.Errorf("%s: %w", what, err))
		}
	}
	res, err := malmquist.Compute(in, o)
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	if len(res.Notes) > 0 {
		printNotes(d.key.Extend("malmquist", fmt.Sprintf("%+v", s)).String(), res.Notes)
	}
	idx := frame.New(len(res.Indices))
	lev := frame.New(len(res.Levels))
	dmu, per := make([]string, len(res.Indices)), make([]int64, len(res.Indices))
	cols := make([][]float64, 5)
	for i := range cols {
		cols[i] = make([]float64, len(res.Indices))
	}
	for k, x := range res.Indices {
		dmu[k], per[k] = x.DMU, int64(x.Period)
		for i, v := range []float64{x.EffCh, x.TechCh, x.PECh, x.SECh, x.TFPCh} {
			cols[i][k] = v
		}
	}
	check(idx.AddString(e, dmu), idx.AddInt(t, per, nil))
	for i, n := range []string{"effch", "techch", "pech", "sech", "tfpch"} {
		check(idx.AddFloat(n, cols[i]))
	}
	ldmu, lper := make([]string, len(res.Levels)), make([]int64, len(res.Levels))
	tfp, tc, ec := make([]float64, len(res.Levels)), make([]float64, len(res.Levels)), make([]float64, len(res.Levels))
	for k, l := range res.Levels {
		ldmu[k], lper[k], tfp[k], tc[k], ec[k] = l.DMU, int64(l.Period), l.TFP, l.TC, l.EC
	}
	check(lev.AddString(e, ldmu), lev.AddInt(t, lper, nil), lev.AddFloat("tfp", tfp), lev.AddFloat("tc", tc), lev.AddFloat("ec", ec))
	key := d.key.Extend("malmquist", fmt.Sprintf("%+v", s))
	return &Malmquist{Result: res,
		Index:  &Data{f: idx, key: key.Extend("index"), what: what + ".Index"},
		Levels: &Data{f: lev, key: key.Extend("levels"), what: what + ".Levels"},
	}
}

// check stops the cell at the first error.
func check(errs ...error) {
	for _, err := range errs {
		Check(err)
	}
}

// String is DEAP's summary of annual means (m.DEAP() is DEAP's whole
// output: the distances and the indices of every unit and year).
func (m *Malmquist) String() string {
	return m.Table("Malmquist index summary of annual means").String()
}

// Table is DEAP's summary of annual means (a report table: HTML, LaTeX).
func (m *Malmquist) Table(caption string) *report.Table {
	var rows []report.IndexRow
	for _, x := range m.PeriodMeans {
		rows = append(rows, report.IndexRow{Key: strconv.Itoa(x.Period), EffCh: x.EffCh, TechCh: x.TechCh, PECh: x.PECh, SECh: x.SECh, TFPCh: x.TFPCh})
	}
	o := m.Overall
	mean := report.IndexRow{Key: "mean", EffCh: o.EffCh, TechCh: o.TechCh, PECh: o.PECh, SECh: o.SECh, TFPCh: o.TFPCh}
	return report.IndexTable(caption, "year", rows, &mean)
}

// HTML shows the annual means (Show(m) in a notebook).
func (m *Malmquist) HTML() string { return m.Table("Malmquist index summary of annual means").HTML() }

// Bootstrap runs Simar & Wilson's (1999) bootstrap of the indices (reps
// replications, reproducible from seed on any number of cores), printing
// its progress at every tenth, and returns the intervals (Show it, or plot it with
// lib/malmquist/figure).
func (m *Malmquist) Bootstrap(d *Data, s DEA, reps int, seed uint64) *malmquist.Boot {
	if s.Bad != "" || (s.Frontier != "" && s.Frontier != "contemporaneous") {
		Stop(fmt.Errorf("Bootstrap: Simar and Wilson's bootstrap is implemented for the radial contemporaneous index (DEAP's); this one has frontier %q and bad outputs %q", s.Frontier, s.Bad))
	}
	e, t := d.panelVars("Bootstrap")
	in, err := malmquist.FromFrame(d.f, e, t, d.vars("Bootstrap", s.Inputs), d.vars("Bootstrap", s.Outputs))
	if err != nil {
		Stop(fmt.Errorf("Bootstrap: %w", err))
	}
	b, err := malmquist.Bootstrap(in, malmquist.Options{Orientation: s.orientation()},
		malmquist.BootOptions{Replications: reps, Seed: seed, Progress: Progress("bootstrap")})
	if err != nil {
		Stop(fmt.Errorf("Bootstrap: %w", err))
	}
	return b
}

// LQ adds newvar, the location quotient of the employment columns sectors
// (summed) against total, by panel unit and period: (x_it/y_it) /
// (X_t/Y_t), the national totals X_t, Y_t summed over the panel's units
// (lib/lq): d.LQ("sagg_high", "emp_ict emp_finance emp_research", "emp_total").
func (d *Data) LQ(newvar, sectors, total string) *Data {
	e, t := d.panelVars("LQ")
	args := newvar + " = " + sectors + " / " + total
	secs := d.vars("LQ", sectors)
	return d.then("LQ", args, func(f *frame.Frame) (*frame.Frame, error) {
		cols := append(append([]string{}, secs...), total)
		ps, err := lq.FromFrame(f, e, t, cols)
		if err != nil {
			return nil, err
		}
		q, err := lq.GroupQuotient(lq.Group{Name: newvar, Sectors: secs}, ps, ps[total], lq.Options{})
		if err != nil {
			return nil, err
		}
		// Back to the frame's rows: q is regions × periods in lq's layout.
		ent, _, _ := f.Strings(e)
		per, ok := f.Numeric(t)
		if !ok {
			return nil, colErr(f, t)
		}
		rpos := map[string]int{}
		for i, r := range q.RegionNames {
			rpos[r] = i
		}
		tpos := map[string]int{}
		for i, p := range q.PeriodNames {
			tpos[p] = i
		}
		out := make([]float64, f.Len())
		for r := range out {
			out[r] = math.NaN()
			i, ok1 := rpos[ent[r]]
			k, ok2 := tpos[strconv.FormatFloat(per[r], 'f', -1, 64)]
			if ok1 && ok2 {
				out[r] = q.At(i, k)
			}
		}
		return f.GenerateFloat(newvar, out)
	})
}
