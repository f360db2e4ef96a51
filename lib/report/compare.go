package report

import (
	"fmt"
	"math"
	"strings"
)

// CompareCell is one published number set against ours.
type CompareCell struct {
	Column    int     // 0-based column of the published table
	Header    string  // the column's header, e.g. "2SLS / Total sample"
	Row       string  // published row: "SAGG", or a stat code such as "kp_lm"
	What      string  // "coef", "t", "stars", "stat" or "p"
	Ours      float64 // NaN when our model lacks it
	Published float64
	Decimals  int     // decimals the published table printed
	Diff      float64 // Ours - Published
	Within    bool    // |Diff| <= half a unit of the last printed decimal (stars: equal)
	Note      string  // why a cell could not be compared
}

// Comparison is a published table set against fitted models, cell by cell.
type Comparison struct {
	Caption string
	Cells   []CompareCell
}

// CompareOptions maps published names to the models' names.
type CompareOptions struct {
	// Labels maps our coefficient names to the published row names
	// ({"sagg_hi": "SAGG"}); the same dictionary RegOptions.Labels takes.
	// Without an entry a row matches a coefficient of the same name,
	// ignoring case.
	Labels map[string]string
	// Stars is the convention used to count our stars; nil means
	// DefaultStars.
	Stars *Stars
}

// The printed precision assumed for a published coefficient and t when the
// JSON literal has fewer decimals (0.05 for a printed 0.050): the
// precision Regression prints by default (RegOptions.Decimals,
// TDecimals). A literal with more decimals (-0.0004) sets its own.
const (
	pubCoefDecimals = 3
	pubTDecimals    = 2
)

// Compare sets every number of a published table against the models, one
// per column, in order (models: any slice of a Fitted type, as for
// Regression). A number is within the reported precision when our
// estimate rounds to it: |ours - published| <= 0.5·10^-d, d the decimals
// printed. Stars are compared by count. Cells our models lack are kept,
// marked with a Note, and count as not within.
func Compare[M Fitted](pub *PublishedTable, models []M, opt CompareOptions) (*Comparison, error) {
	if len(models) != len(pub.Columns) {
		return nil, fmt.Errorf("%w: table %s has %d columns but %d models were given", ErrOptions, pub.ID, len(pub.Columns), len(models))
	}
	st := DefaultStars
	if opt.Stars != nil {
		st = *opt.Stars
	}
	groups, labels := pub.header(RegOptions{})
	heads := columnHeads(groups, labels)
	cmp := &Comparison{Caption: "Table " + pub.ID + " compared with the published values"}
	for j, m := range models {
		if isNil(m) {
			return nil, fmt.Errorf("%w: model %d is nil", ErrOptions, j+1)
		}
		coefs := m.ReportCoefs()
		for _, r := range pub.Rows {
			pc := r.Cells[j]
			c, ok := findCoef(coefs, r.Name, opt.Labels)
			add := func(what string, ours float64, pv PubValue, def int) {
				cell := CompareCell{Column: j, Header: heads[j], Row: r.Name, What: what, Ours: ours, Published: pv.Value,
					Decimals: max(pv.Decimals, def)}
				if !ok {
					cell.Ours, cell.Note = math.NaN(), fmt.Sprintf("model %d has no coefficient for %s", j+1, r.Name)
				}
				cmp.Cells = append(cmp.Cells, cell.judge())
			}
			add("coef", c.B, pc.Coef, pubCoefDecimals)
			add("t", c.T, pc.T, pubTDecimals)
			add("stars", float64(st.Count(c.P)), PubValue{Value: float64(pc.Stars)}, 0)
		}
		stats := m.ReportStats()
		for _, s := range pub.Stats {
			code, what := s.Code, "stat"
			if base := strings.TrimSuffix(code, "_p"); base != code && pub.stat(base) != nil {
				code, what = base, "p"
			}
			f, _ := LookupStat(code)
			def := max(f.Decimals, 0)
			if what == "p" {
				def = f.PDecimals
			}
			cell := CompareCell{Column: j, Header: heads[j], Row: s.Code, What: what, Ours: math.NaN(),
				Published: s.Values[j].Value, Decimals: max(s.Values[j].Decimals, def)}
			found := false
			for _, ms := range stats {
				if ms.Code == code {
					found = true
					cell.Ours = ms.Value
					if what == "p" {
						cell.Ours = ms.P
					}
				}
			}
			if !found {
				cell.Note = fmt.Sprintf("model %d does not report %s", j+1, code)
			}
			cmp.Cells = append(cmp.Cells, cell.judge())
		}
	}
	return cmp, nil
}

// judge fills Diff and Within.
func (c CompareCell) judge() CompareCell {
	c.Diff = c.Ours - c.Published
	if math.IsNaN(c.Ours) {
		c.Within = false
		if c.Note == "" {
			c.Note = "not available"
		}
		return c
	}
	if c.What == "stars" {
		c.Within = c.Diff == 0
		return c
	}
	// 1e-9 absorbs binary representation error of the printed decimal.
	c.Within = math.Abs(c.Diff) <= 0.5*math.Pow(10, -float64(c.Decimals))+1e-9
	return c
}

// findCoef finds the coefficient a published row names.
func findCoef(coefs []Coef, row string, labels map[string]string) (Coef, bool) {
	for _, c := range coefs {
		if l, ok := labels[c.Name]; ok && l == row {
			return c, true
		}
	}
	for _, c := range coefs {
		if strings.EqualFold(c.Name, row) {
			return c, true
		}
	}
	return Coef{B: math.NaN(), T: math.NaN(), P: math.NaN()}, false
}

func columnHeads(groups []Span, labels []string) []string {
	heads := append([]string(nil), labels...)
	j := 0
	for _, g := range groups {
		for k := 0; k < g.Cols && j < len(heads); k++ {
			heads[j] = g.Text + " / " + heads[j]
			j++
		}
	}
	for i := range heads {
		heads[i] = fmt.Sprintf("(%d) %s", i+1, heads[i])
	}
	return heads
}

// Within counts the cells within the reported precision, out of all.
func (c *Comparison) Within() (within, total int) {
	for _, x := range c.Cells {
		if x.Within {
			within++
		}
	}
	return within, len(c.Cells)
}

// Outside returns the cells not within the reported precision.
func (c *Comparison) Outside() []CompareCell {
	var out []CompareCell
	for _, x := range c.Cells {
		if !x.Within {
			out = append(out, x)
		}
	}
	return out
}

// Table lays the comparison out long: one row per number, with ours, the
// published value, the difference and whether it is within the printed
// precision ("yes"/"NO"), and a summary note.
func (c *Comparison) Table() *Table {
	t := New(c.Caption, "Column", "Row", "Quantity", "Ours", "Published", "Difference", "Within", "Note")
	t.Name = "comparison"
	t.Align = []Align{AlignLeft, AlignLeft, AlignLeft, AlignRight, AlignRight, AlignRight, AlignCenter, AlignLeft}
	for i, x := range c.Cells {
		dec := x.Decimals
		ours, pub, diff := Fixed(x.Ours, dec+1), Fixed(x.Published, dec), Fixed(x.Diff, dec+1)
		if x.What == "stars" {
			ours, pub, diff = Integer(x.Ours), Integer(x.Published), Integer(x.Diff)
		}
		within := "NO"
		if x.Within {
			within = "yes"
		}
		r := t.AddStrings(x.Header, x.Row, x.What, ours, pub, diff, within, x.Note)
		r.Rule = i > 0 && x.Column != c.Cells[i-1].Column
	}
	w, n := c.Within()
	t.Notes = []string{
		fmt.Sprintf("%d of %d numbers within the published precision (|ours - published| <= half a unit of the last printed decimal; stars: same count).", w, n),
	}
	return t
}

// String renders the comparison table as text.
func (c *Comparison) String() string { return c.Table().String() }

// HTML renders the comparison table as HTML.
func (c *Comparison) HTML() string { return c.Table().HTML() }

// LaTeX renders the comparison table as LaTeX.
func (c *Comparison) LaTeX() string { return c.Table().LaTeX() }

// Markdown renders the comparison table as Markdown.
func (c *Comparison) Markdown() string { return c.Table().Markdown() }

// CSV renders the comparison table as CSV.
func (c *Comparison) CSV() string { return c.Table().CSV() }

// Save writes the comparison by file extension, as Table.Save does.
func (c *Comparison) Save(path string) error { return c.Table().Save(path) }
