package report

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
)

// ErrOptions is returned when table options name something the models do
// not have, or do not fit the number of models.
var ErrOptions = errors.New("report: bad table options")

// Under says what is printed in parentheses under each coefficient.
type Under int

// What goes under a coefficient.
const (
	UnderT    Under = iota // t (or z) statistic, as many papers print
	UnderSE                // standard error
	UnderNone              // nothing
)

// DefaultStats are the statistic rows of an IV regression table as
// ivreg2-based papers print them: underidentification (KP rk LM), weak
// identification (KP rk Wald F), over-identification (Hansen J), N and R².
var DefaultStats = []string{"kp_lm", "kp_f", "hansen_j", "n", "r2"}

// RegOptions shape a regression table. The zero value gives numbered columns,
// t statistics in parentheses, DefaultStats and the
// * p<0.10, ** p<0.05, *** p<0.01 legend.
type RegOptions struct {
	Caption string // printed above the table
	Name    string // LaTeX label / HTML id

	// Groups is a header row above the model columns, e.g.
	// {{"2SLS", 3}, {"IV-GMM", 3}}; the spans must cover every model.
	Groups []Span
	// Columns labels each model column; nil gives "(1)", "(2)", ….
	Columns []string
	// Stub heads the label column; "" gives "Variable".
	Stub string

	// Labels maps coefficient names, fixed-effect names and stat codes to
	// what the table prints ({"sagg": "SAGG", "year": "Year"}). Coefficients
	// of different models with the same label share a row, so sagg, sagg_hi
	// and sagg_lo can all print as "SAGG".
	Labels map[string]string
	// Keep lists the coefficients to show, in order, by name or label;
	// nil shows all, in order of first appearance.
	Keep []string
	// Drop lists coefficients (names or labels) to leave out.
	Drop []string
	// FE orders the fixed-effect indicator rows by variable name; nil lists
	// every model's ReportFE in order of first appearance.
	FE []string
	// Stats lists statistic codes in order; nil gives DefaultStats (rows
	// that no model reports are then skipped; codes named here must exist).
	Stats []string
	// StatFormats overrides the built-in format of a statistic code.
	StatFormats map[string]StatFormat

	Under     Under
	Decimals  int    // coefficient (and SE) decimals; 0 means 3
	TDecimals int    // t decimals; 0 means 2
	Stars     *Stars // nil means DefaultStars
	Yes, No   string // fixed-effect indicator cells; "" means "Y" and "N"

	Notes           []string // appended after the standard notes
	NoStandardNotes bool     // leave out the parentheses/brackets/stars notes
}

// column is one model as the table builder sees it: a Fitted model, or a
// published column whose stars are given rather than computed.
type column struct {
	coefs []colCoef
	stats []Stat
	fe    []string
	title string
}

type colCoef struct {
	Coef
	stars int // -1: from P and the table's Stars
}

// fromFitted converts a model; i is its 0-based position, for messages.
func fromFitted(i int, m Fitted) (column, error) {
	if isNil(m) {
		return column{}, fmt.Errorf("%w: model %d is nil", ErrOptions, i+1)
	}
	c := column{stats: m.ReportStats(), fe: m.ReportFE(), title: m.ReportTitle()}
	for _, k := range m.ReportCoefs() {
		c.coefs = append(c.coefs, colCoef{Coef: k, stars: -1})
	}
	return c, nil
}

// isNil reports whether m is nil or a nil pointer (a slice of results
// with a missing fit).
func isNil(m Fitted) bool {
	if m == nil {
		return true
	}
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Regression builds a multi-column regression table from fitted models, in
// the layout of a paper's regression tables: coefficient with stars and
// (t) or (SE) beneath, fixed-effect indicator rows, diagnostics with [p]
// beneath, N and R², and the stars legend as a note. models is any slice
// of a type that implements Fitted: []*ivgmm.Result as FitAll returns it,
// or []Fitted mixing estimators.
func Regression[M Fitted](models []M, opt RegOptions) (*Table, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("%w: no models given", ErrOptions)
	}
	cols := make([]column, len(models))
	for i, m := range models {
		c, err := fromFitted(i, m)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return buildRegression(cols, opt)
}

func (o RegOptions) label(name string) string {
	if l, ok := o.Labels[name]; ok {
		return l
	}
	return name
}

func (o RegOptions) stars() Stars {
	if o.Stars != nil {
		return *o.Stars
	}
	return DefaultStars
}

func buildRegression(cols []column, opt RegOptions) (*Table, error) {
	k := len(cols)
	dec, tdec := opt.Decimals, opt.TDecimals
	if dec == 0 {
		dec = 3
	}
	if tdec == 0 {
		tdec = 2
	}
	t := &Table{Caption: opt.Caption, Name: opt.Name}
	if err := regHeader(t, k, opt); err != nil {
		return nil, err
	}
	order, byLabel, err := coefRows(cols, opt)
	if err != nil {
		return nil, err
	}
	st := opt.stars()
	for _, lab := range order {
		main := make([]Cell, 0, k+1)
		sub := make([]Cell, 0, k+1)
		main = append(main, C(lab))
		sub = append(sub, C(""))
		for j := range cols {
			c, ok := byLabel[j][lab]
			if !ok {
				main = append(main, C(""))
				sub = append(sub, C(""))
				continue
			}
			n := c.stars
			if n < 0 {
				n = st.Count(c.P)
			}
			main = append(main, Cell{Text: FormatCoef(c.B, dec), Sup: st.Mark(n)})
			sub = append(sub, C(underText(c.Coef, opt.Under, dec, tdec)))
		}
		t.Rows = append(t.Rows, Row{Cells: main})
		if opt.Under != UnderNone {
			t.Rows = append(t.Rows, Row{Cells: sub, Kind: RowSub})
		}
	}
	feRows(t, cols, opt)
	hasP, err := statRows(t, cols, opt)
	if err != nil {
		return nil, err
	}
	if !opt.NoStandardNotes {
		var parts []string
		switch opt.Under {
		case UnderT:
			parts = append(parts, "t statistics in parentheses")
		case UnderSE:
			parts = append(parts, "Standard errors in parentheses")
		}
		if hasP {
			parts = append(parts, "p-values in square brackets")
		}
		if len(parts) > 0 {
			t.Notes = append(t.Notes, strings.Join(parts, "; ")+".")
		}
		t.Notes = append(t.Notes, st.Note())
	}
	t.Notes = append(t.Notes, opt.Notes...)
	return t, nil
}

// regHeader adds the group row (if any) and the column-label row.
func regHeader(t *Table, k int, opt RegOptions) error {
	if len(opt.Groups) > 0 {
		row := []Span{{Cols: 1}}
		s := 0
		for _, g := range opt.Groups {
			if g.Cols < 1 {
				return fmt.Errorf("%w: group %q covers %d columns", ErrOptions, g.Text, g.Cols)
			}
			s += g.Cols
			row = append(row, g)
		}
		if s != k {
			return fmt.Errorf("%w: groups cover %d columns but there are %d models", ErrOptions, s, k)
		}
		t.Header = append(t.Header, row)
	}
	if opt.Columns != nil && len(opt.Columns) != k {
		return fmt.Errorf("%w: %d column labels for %d models", ErrOptions, len(opt.Columns), k)
	}
	stub := opt.Stub
	if stub == "" {
		stub = "Variable"
	}
	row := []Span{{Text: stub, Cols: 1}}
	for j := 0; j < k; j++ {
		l := fmt.Sprintf("(%d)", j+1)
		if opt.Columns != nil {
			l = opt.Columns[j]
		}
		row = append(row, Span{Text: l, Cols: 1})
	}
	t.Header = append(t.Header, row)
	return nil
}

// coefRows resolves Keep/Drop and labels: the row order and, per model, its
// coefficients by label.
func coefRows(cols []column, opt RegOptions) ([]string, []map[string]colCoef, error) {
	byLabel := make([]map[string]colCoef, len(cols))
	var seen []string
	has := map[string]bool{}
	names := map[string]string{} // name -> label, for Keep/Drop by name
	for j, c := range cols {
		byLabel[j] = map[string]colCoef{}
		from := map[string]string{}
		for _, k := range c.coefs {
			lab := opt.label(k.Name)
			if prev, dup := from[lab]; dup {
				return nil, nil, fmt.Errorf("%w: model %d (%s): coefficients %q and %q both print as %q; give them different labels",
					ErrOptions, j+1, c.title, prev, k.Name, lab)
			}
			from[lab] = k.Name
			byLabel[j][lab] = k
			names[k.Name] = lab
			if !has[lab] {
				has[lab] = true
				seen = append(seen, lab)
			}
		}
	}
	resolve := func(what, s string) (string, error) {
		if has[s] {
			return s, nil
		}
		if l, ok := names[s]; ok {
			return l, nil
		}
		return "", fmt.Errorf("%w: %s names %q, which no model has; coefficients are %s", ErrOptions, what, s, strings.Join(seen, ", "))
	}
	order := seen
	if opt.Keep != nil {
		order = nil
		for _, s := range opt.Keep {
			l, err := resolve("Keep", s)
			if err != nil {
				return nil, nil, err
			}
			order = append(order, l)
		}
	}
	drop := map[string]bool{}
	for _, s := range opt.Drop {
		l, err := resolve("Drop", s)
		if err != nil {
			return nil, nil, err
		}
		drop[l] = true
	}
	out := order[:0:0]
	for _, l := range order {
		if !drop[l] {
			out = append(out, l)
		}
	}
	return out, byLabel, nil
}

// underText is the statistic under a coefficient: (t) or (se), or "(.)",
// Stata's missing value, when it does not exist (a standard error that is
// NaN, a t statistic that is NaN or infinite), as esttab prints it.
func underText(c Coef, u Under, dec, tdec int) string {
	switch u {
	case UnderT:
		t := c.T
		if math.IsNaN(t) || (t == 0 && c.SE != 0) {
			t = c.B / c.SE
		}
		return "(" + Missing(Fixed(t, tdec)) + ")"
	case UnderSE:
		se := c.SE
		if (math.IsNaN(se) || se == 0) && c.T != 0 && !math.IsNaN(c.T) {
			se = c.B / c.T
		}
		return "(" + Missing(FormatCoef(se, dec)) + ")"
	}
	return ""
}

// Missing returns s, or Stata's missing value "." for a number that does
// not exist: s empty (NaN) or infinite.
func Missing(s string) string {
	if s == "" || s == "Inf" || s == "-Inf" {
		return "."
	}
	return s
}

// feRows adds the fixed-effect indicator rows.
func feRows(t *Table, cols []column, opt RegOptions) {
	order := opt.FE
	if order == nil {
		seen := map[string]bool{}
		for _, c := range cols {
			for _, f := range c.fe {
				if !seen[f] {
					seen[f] = true
					order = append(order, f)
				}
			}
		}
	}
	yes, no := opt.Yes, opt.No
	if yes == "" {
		yes = "Y"
	}
	if no == "" {
		no = "N"
	}
	for i, f := range order {
		cells := []Cell{C(feLabel(f, opt))}
		for _, c := range cols {
			v := no
			for _, g := range c.fe {
				if g == f {
					v = yes
				}
			}
			cells = append(cells, C(v))
		}
		t.Rows = append(t.Rows, Row{Cells: cells, Rule: i == 0})
	}
}

// feLabel is the printed name of a fixed effect: its label, or the variable
// name with a capital first letter ("city" -> "City").
func feLabel(f string, opt RegOptions) string {
	if l, ok := opt.Labels[f]; ok {
		return l
	}
	if f == "" {
		return f
	}
	return strings.ToUpper(f[:1]) + f[1:]
}

// statRows adds the diagnostics block; it reports whether a [p] row was
// printed.
func statRows(t *Table, cols []column, opt RegOptions) (bool, error) {
	codes := opt.Stats
	explicit := codes != nil
	if !explicit {
		codes = DefaultStats
	}
	first, hasP := true, false
	for _, code := range codes {
		vals := make([]*Stat, len(cols))
		any, anyP := false, false
		label := ""
		for j, c := range cols {
			for i := range c.stats {
				if c.stats[i].Code == code {
					vals[j] = &c.stats[i]
					any = true
					anyP = anyP || !math.IsNaN(c.stats[i].P)
					if label == "" {
						label = c.stats[i].Label
					}
				}
			}
		}
		if !any {
			if explicit {
				return false, fmt.Errorf("%w: statistic %q is reported by no model; known codes are %s",
					ErrOptions, code, strings.Join(StatCodes(), ", "))
			}
			continue
		}
		f, known := LookupStat(code)
		if o, ok := opt.StatFormats[code]; ok {
			f, known = o, true
		}
		if !known && label != "" {
			f.Label = label
		}
		if l, ok := opt.Labels[code]; ok {
			f.Label = l
		}
		main := []Cell{C(f.Label)}
		sub := []Cell{C("")}
		for _, s := range vals {
			if s == nil {
				main, sub = append(main, C("")), append(sub, C(""))
				continue
			}
			main = append(main, C(f.value(s.Value)))
			p := ""
			if !math.IsNaN(s.P) {
				p = "[" + Fixed(s.P, f.PDecimals) + "]"
			}
			sub = append(sub, C(p))
		}
		t.Rows = append(t.Rows, Row{Cells: main, Rule: first})
		first = false
		if anyP {
			hasP = true
			t.Rows = append(t.Rows, Row{Cells: sub, Kind: RowSub})
		}
	}
	return hasP, nil
}
