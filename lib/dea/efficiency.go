package dea

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/econb/econb/lib/report"
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
	// MultiStage moves the radially projected point by further radial
	// movements of the sub-vectors that still have slack (Coelli 1998,
	// DEAP's default "DEA(MULTI-STAGE)"); see multistage.go.
	MultiStage
)

func (s Slacks) String() string {
	switch s {
	case OneStage:
		return "one-stage"
	case TwoStage:
		return "two-stage"
	case MultiStage:
		return "multi-stage"
	}
	return fmt.Sprintf("Slacks(%d)", int(s))
}

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
	sc, err := efficiency(inputs, outputs, opt, false, nil)
	var re *rowError
	if errors.As(err, &re) {
		return nil, fmt.Errorf("dea: DMU row %d %s: %w", re.row, re.what, re.err)
	}
	return sc, err
}

// rowError is a failed LP of one DMU row.
type rowError struct {
	row  int
	what string
	err  error
}

func (e *rowError) Error() string { return fmt.Sprintf("DMU row %d %s: %v", e.row, e.what, e.err) }
func (e *rowError) Unwrap() error { return e.err }

// efficiency is Efficiency with the plain switch; it adds the LPs solved
// to *lps when lps is not nil.
func efficiency(inputs, outputs [][]float64, opt EffOptions, plain bool, lps *int) ([]Score, error) {
	if opt.RTS == NIRS {
		return nil, fmt.Errorf("%w: EffOptions.RTS must be CRS or VRS", ErrData)
	}
	t, err := NewTechnology(inputs, outputs)
	if err != nil {
		return nil, err
	}
	t.Plain = plain
	if lps != nil {
		defer func() { *lps += t.LPs() }()
	}
	o := opt.Orientation
	out := make([]Score, t.n)
	for j := range out {
		x, y := inputs[j], outputs[j]
		sc := &out[j]
		var dist [3]float64
		for k, rts := range []RTS{CRS, VRS, NIRS} {
			if dist[k], err = t.Distance(x, y, rts, o); err != nil {
				return nil, &rowError{j, fmt.Sprintf("(%v)", rts), err}
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
			return nil, &rowError{j, fmt.Sprintf("(%v)", opt.RTS), err}
		}
		switch opt.Slacks {
		case TwoStage:
			if sol, err = t.stage2(x, y, opt.RTS, o, sol.Radial); err != nil {
				return nil, &rowError{j, fmt.Sprintf("(%v, second stage)", opt.RTS), err}
			}
		case MultiStage:
			if sol, err = t.multiStage(x, y, opt.RTS, o, sol.Radial); err != nil {
				return nil, &rowError{j, fmt.Sprintf("(%v, multi-stage slacks)", opt.RTS), err}
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

// EfficiencyReport lays scores out like DEAP 2.1's single-period output
// (Coelli 1996; checked line by line against DEAP's printed EG1-out.txt):
// the EFFICIENCY SUMMARY (te for a CRS model; crste, vrste, scale and the
// nature of returns to scale for a VRS one), then the slacks, peers, peer
// weights, peer counts and targets of the model named by rts (the
// EffOptions.RTS used). names label the DMUs (row numbers from 1 when
// nil); keys longer than DEAP's five characters widen the first column.
// Peers are listed in ascending order (DEAP lists them in the order of its
// LP's basis). Numbers go through report.Fortran, the one implementation of
// DEAP's Fortran edit descriptors.
func EfficiencyReport(names []string, sc []Score, rts RTS) string {
	var b strings.Builder
	f := report.Fortran
	name := func(j int) string {
		if j < len(names) {
			return names[j]
		}
		return fmt.Sprint(j + 1)
	}
	kw := 5
	for j := range sc {
		kw = max(kw, len([]rune(name(j))))
	}
	key := func(s string) string { return fmt.Sprintf("%*s", kw, s) }
	pad := strings.Repeat(" ", kw-5)
	n := float64(len(sc))
	b.WriteString(" EFFICIENCY SUMMARY:\n\n")
	if rts == CRS {
		b.WriteString(pad + "  firm     te\n")
		m := 0.0
		for j, s := range sc {
			fmt.Fprintf(&b, "%s  %s\n", key(name(j)), f(s.CRS, 5, 3))
			m += s.CRS
		}
		fmt.Fprintf(&b, "\n mean%s  %s\n", pad, f(m/n, 5, 3))
	} else {
		b.WriteString(pad + "  firm  crste  vrste  scale\n\n")
		var mc, mv, ms float64
		for j, s := range sc {
			nat := s.Nature
			if nat == "-" {
				nat = " -"
			}
			fmt.Fprintf(&b, "%s  %s  %s  %s %s\n", key(name(j)), f(s.CRS, 5, 3), f(s.VRS, 5, 3), f(s.Scale, 5, 3), nat)
			mc += s.CRS
			mv += s.VRS
			ms += s.Scale
		}
		fmt.Fprintf(&b, "\n mean%s  %s  %s  %s\n", pad, f(mc/n, 5, 3), f(mv/n, 5, 3), f(ms/n, 5, 3))
		b.WriteString("\nNote: crste = technical efficiency from CRS DEA\n")
		b.WriteString("      vrste = technical efficiency from VRS DEA\n")
		b.WriteString("      scale = scale efficiency = crste/vrste\n")
		fmt.Fprintf(&b, "\n\nNote also that all subsequent tables refer to %v results\n", rts)
	}
	if len(sc) == 0 {
		return b.String()
	}
	table := func(title, label string, k int, val func(Score) []float64, mean bool) {
		fmt.Fprintf(&b, "\n\n %s:\n\n%s firm  %-7s", title, pad, label)
		for c := 1; c <= k; c++ {
			fmt.Fprintf(&b, "%12d", c)
		}
		b.WriteString("\n")
		row := func(k string, v []float64) {
			b.WriteString(k)
			for c, x := range v {
				if c == 0 {
					b.WriteString(f(x, 21, 3))
				} else {
					b.WriteString(f(x, 12, 3))
				}
			}
			b.WriteString("\n")
		}
		for j, s := range sc {
			row(key(name(j)), val(s))
		}
		if mean {
			m := make([]float64, k)
			for _, s := range sc {
				for c, x := range val(s) {
					m[c] += x / n
				}
			}
			row("\n mean"+pad, m)
		}
	}
	s0 := sc[0]
	table("SUMMARY OF OUTPUT SLACKS", "output:", len(s0.OutputSlack), func(s Score) []float64 { return s.OutputSlack }, true)
	table("SUMMARY OF INPUT SLACKS", "input:", len(s0.InputSlack), func(s Score) []float64 { return s.InputSlack }, true)
	count := make([]int, len(sc))
	b.WriteString("\n\n SUMMARY OF PEERS:\n\n" + pad + "  firm  peers:\n")
	for j, s := range sc {
		b.WriteString(key(name(j)))
		for c, p := range s.Peers {
			w := 5
			if c == 0 {
				w = 7
			}
			fmt.Fprintf(&b, "%*s", max(w, len([]rune(name(p)))+1), name(p))
			if p != j {
				count[p]++
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n\n SUMMARY OF PEER WEIGHTS:\n   (in same order as above)\n\n" + pad + "  firm  peer weights:\n")
	for j, s := range sc {
		b.WriteString(key(name(j)))
		for c, p := range s.Peers {
			if c == 0 {
				b.WriteString(f(s.Lambda[p], 8, 3))
			} else {
				b.WriteString(" " + f(s.Lambda[p], 5, 3))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n\n PEER COUNT SUMMARY:\n   (i.e., no. times each firm is a peer for another)\n\n" + pad + "  firm  peer count:\n")
	for j := range sc {
		fmt.Fprintf(&b, "%s%8d\n", key(name(j)), count[j])
	}
	b.WriteString("\n")
	table("SUMMARY OF OUTPUT TARGETS", "output:", len(s0.OutputTarget), func(s Score) []float64 { return s.OutputTarget }, false)
	table("SUMMARY OF INPUT TARGETS", "input:", len(s0.InputTarget), func(s Score) []float64 { return s.InputTarget }, false)
	return b.String()
}
