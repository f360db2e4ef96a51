package dea

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Slacks selects how single-period slacks are computed.
type Slacks int

const (
	// OneStage reports the slacks of the radial LP's optimal basis (DEAP
	// method 3, "DEA(1-STAGE)"); they are not unique.
	OneStage Slacks = iota
	// TwoStage fixes the radial score and maximises the sum of slacks in
	// data units (Coelli 1996, DEAP method 4, "DEA(2-STAGE)").
	TwoStage
)

// EffOptions control Efficiency.
type EffOptions struct {
	Orientation Orientation
	// RTS of the model whose peers, lambdas and slacks are reported (CRS
	// or VRS, DEAP's "scale assumption"); CRS, VRS and scale scores are
	// always computed.
	RTS    RTS
	Slacks Slacks
}

// Score is DEAP's single-period result for one DMU.
type Score struct {
	CRS, VRS float64 // technical efficiency under CRS and VRS
	Scale    float64 // CRS / VRS
	// Nature is DEAP's returns-to-scale column: "irs", "drs" or "-"
	// (scale efficient). It compares the NIRS and VRS scores: equal means
	// decreasing returns.
	Nature string
	// Lambda (by DMU row), Peers (rows with positive lambda, ascending),
	// slacks and projected values (radial movement then slacks) of the
	// EffOptions.RTS model, in data units.
	Lambda                    map[int]float64
	Peers                     []int
	InputSlack, OutputSlack   []float64
	InputTarget, OutputTarget []float64
}

// Efficiency computes single-period DEA efficiency of every DMU against
// the technology of all DMUs, as DEAP 2.1's single-period run does.
func Efficiency(inputs, outputs [][]float64, opt EffOptions) ([]Score, error) {
	if opt.RTS == NIRS {
		return nil, fmt.Errorf("%w: EffOptions.RTS must be CRS or VRS", ErrData)
	}
	t, err := NewTechnology(inputs, outputs)
	if err != nil {
		return nil, err
	}
	o := opt.Orientation
	out := make([]Score, t.n)
	for j := range out {
		x, y := inputs[j], outputs[j]
		sc := &out[j]
		var dist [3]float64
		for k, rts := range []RTS{CRS, VRS, NIRS} {
			if dist[k], err = t.Distance(x, y, rts, o); err != nil {
				return nil, fmt.Errorf("dea: DMU row %d (%v): %w", j, rts, err)
			}
		}
		sc.CRS, sc.VRS = dist[0], dist[1]
		sc.Scale = sc.CRS / sc.VRS
		switch {
		case math.Abs(sc.Scale-1) <= 1e-6:
			sc.Nature = "-"
		case math.Abs(dist[2]-sc.VRS) <= 1e-6:
			sc.Nature = "drs"
		default:
			sc.Nature = "irs"
		}
		sol, err := t.Solve(x, y, opt.RTS, o)
		if err != nil {
			return nil, fmt.Errorf("dea: DMU row %d (%v): %w", j, opt.RTS, err)
		}
		if opt.Slacks == TwoStage {
			if sol, err = t.stage2(x, y, opt.RTS, o, sol.Radial); err != nil {
				return nil, fmt.Errorf("dea: DMU row %d (%v, second stage): %w", j, opt.RTS, err)
			}
		}
		sc.Lambda, sc.InputSlack, sc.OutputSlack = sol.Lambda, sol.InputSlack, sol.OutputSlack
		for p := range sol.Lambda {
			sc.Peers = append(sc.Peers, p)
		}
		sort.Ints(sc.Peers)
		rx, ry := 1.0, 1.0
		if o == Input {
			rx = sol.Radial
		} else {
			ry = sol.Radial
		}
		for i, v := range x {
			sc.InputTarget = append(sc.InputTarget, v*rx-sc.InputSlack[i])
		}
		for q, v := range y {
			sc.OutputTarget = append(sc.OutputTarget, v*ry+sc.OutputSlack[q])
		}
	}
	return out, nil
}

// stage2 maximises the sum of slacks (data units) with the radial factor
// fixed at radial, over all reference DMUs.
func (t *Technology) stage2(x, y []float64, rts RTS, o Orientation, radial float64) (Solution, error) {
	refs, err := t.refs(rts)
	if err != nil {
		return Solution{}, err
	}
	v := &t.v
	v.load(t.x, t.y, refs, x, y, rts, o)
	sx := &v.sx
	r := sx.r
	m, s := t.m, t.s
	for i := 0; i < r; i++ { // drop the radial column
		sx.a[i*sx.ncol] = 0
	}
	sx.c[0] = 0
	for i := 0; i < m; i++ {
		sx.c[1+i] = -1 / v.inv[i]
	}
	for q := 0; q < s; q++ {
		sx.c[1+m+q] = -1 / v.inv[m+q]
	}
	if o == Output {
		for q := 0; q < s; q++ {
			sx.b[m+q] = radial
		}
	} else {
		for i := 0; i < m; i++ {
			sx.b[i] = radial
		}
	}
	v.warmOK = false
	t.lps++
	if err := v.run(lpKey{}, rts, o); err != nil {
		return Solution{}, err
	}
	v.warmOK = false
	sol := v.solution(refs, rts, o)
	sol.Radial = radial
	sol.Distance = distance(radial, o)
	return sol, nil
}

// EfficiencyReport lays scores out like DEAP 2.1's single-period output:
// EFFICIENCY SUMMARY, then slacks, peers, peer weights, peer counts and
// targets of the model named by rts (the EffOptions.RTS used). names label
// the DMUs (row numbers from 1 when nil).
func EfficiencyReport(names []string, sc []Score, rts RTS) string {
	var b strings.Builder
	name := func(j int) string {
		if j < len(names) {
			return names[j]
		}
		return fmt.Sprint(j + 1)
	}
	b.WriteString(" EFFICIENCY SUMMARY:\n\n  firm  crste  vrste  scale\n\n")
	var mc, mv, ms float64
	for j, s := range sc {
		nat := s.Nature
		if nat == "-" {
			nat = " -"
		}
		fmt.Fprintf(&b, "%6s %6.3f %6.3f %6.3f %s\n", name(j), s.CRS, s.VRS, s.Scale, nat)
		mc += s.CRS
		mv += s.VRS
		ms += s.Scale
	}
	n := float64(len(sc))
	fmt.Fprintf(&b, "\n  mean %6.3f %6.3f %6.3f\n", mc/n, mv/n, ms/n)
	b.WriteString("\n Note: crste = technical efficiency from CRS DEA\n")
	b.WriteString("       vrste = technical efficiency from VRS DEA\n")
	b.WriteString("       scale = scale efficiency = crste/vrste\n")
	if len(sc) == 0 {
		return b.String()
	}
	fmt.Fprintf(&b, "\n Note also that all subsequent tables refer to %v results\n", rts)
	table := func(title, head string, k int, val func(Score) []float64) {
		fmt.Fprintf(&b, "\n %s:\n\n  firm  %s", title, head)
		for c := 1; c <= k; c++ {
			fmt.Fprintf(&b, "%10d", c)
		}
		b.WriteString("\n")
		for j, s := range sc {
			fmt.Fprintf(&b, "%6s        ", name(j))
			for _, v := range val(s) {
				fmt.Fprintf(&b, "%10.3f", v)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n  mean        ")
		for c := 0; c < k; c++ {
			m := 0.0
			for _, s := range sc {
				m += val(s)[c]
			}
			fmt.Fprintf(&b, "%10.3f", m/n)
		}
		b.WriteString("\n")
	}
	s0 := sc[0]
	table("SUMMARY OF OUTPUT SLACKS", "output:", len(s0.OutputSlack), func(s Score) []float64 { return s.OutputSlack })
	table("SUMMARY OF INPUT SLACKS", "input: ", len(s0.InputSlack), func(s Score) []float64 { return s.InputSlack })
	count := make([]int, len(sc))
	b.WriteString("\n SUMMARY OF PEERS:\n\n  firm  peers:\n")
	for j, s := range sc {
		fmt.Fprintf(&b, "%6s", name(j))
		for _, p := range s.Peers {
			fmt.Fprintf(&b, " %6s", name(p))
			if p != j {
				count[p]++
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n SUMMARY OF PEER WEIGHTS:\n            (in same order as above)\n\n  firm  peer weights:\n")
	for j, s := range sc {
		fmt.Fprintf(&b, "%6s", name(j))
		for _, p := range s.Peers {
			fmt.Fprintf(&b, " %6.3f", s.Lambda[p])
		}
		b.WriteString("\n")
	}
	b.WriteString("\n PEER COUNT SUMMARY:\n       (i.e., no. times each firm is a peer for another)\n\n  firm  peer count:\n")
	for j := range sc {
		fmt.Fprintf(&b, "%6s %6d\n", name(j), count[j])
	}
	table("SUMMARY OF OUTPUT TARGETS", "output:", len(s0.OutputTarget), func(s Score) []float64 { return s.OutputTarget })
	table("SUMMARY OF INPUT TARGETS", "input: ", len(s0.InputTarget), func(s Score) []float64 { return s.InputTarget })
	return b.String()
}
