package design

import "fmt"

// Drop counts the rows left out of the estimation sample for one reason.
type Drop struct {
	Reason string // "missing l(sagg,2)", "missing city" (a fixed effect), "missing cluster g"
	Rows   int
}

func (d Drop) String() string { return fmt.Sprintf("%d %s: %s", d.Rows, plural(d.Rows), d.Reason) }

func plural(n int) string {
	if n == 1 {
		return "observation"
	}
	return "observations"
}

// Sample returns, per row, whether every variable of the model has a
// value there (keep), and for the other rows why not: each dropped row
// counts once, under the first variable missing on it in the order
// response, regressors, endogenous regressors, excluded instruments, fixed
// effects, cluster. Lags reaching outside the panel and i() dummies of a
// missing level are missing values of their column. An estimator that also
// drops singleton groups adds those itself; together they let it say
// "(12 observations deleted: missing l(sagg,2))" as Stata does.
func (d *Design) Sample() (keep []bool, drops []Drop) {
	keep = make([]bool, d.Rows)
	count := make([]int, len(d.missing))
	for r := range keep {
		keep[r] = true
		for k, m := range d.missing {
			if m.x != nil && m.x[r] != m.x[r] || m.code != nil && m.code[r] < 0 {
				keep[r] = false
				count[k]++
				break
			}
		}
	}
	for k, n := range count {
		if n > 0 {
			drops = append(drops, Drop{Reason: "missing " + d.missing[k].name, Rows: n})
		}
	}
	return keep, drops
}
