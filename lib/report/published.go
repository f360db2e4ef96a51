package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// ErrPublished is returned for a published-tables file that cannot be read
// or does not hold the table asked for.
var ErrPublished = errors.New("report: bad published tables")

// PubValue is a number as a paper prints it: its value and the decimals
// written in the source (0.05 has 2; if the paper printed 0.050, the
// printed precision comes from Decimals and the quantity's convention,
// whichever is finer).
type PubValue struct {
	Value    float64
	Decimals int
}

// UnmarshalJSON reads a JSON number, keeping how many decimals it has.
func (v *PubValue) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("number %s: %w", s, err)
	}
	v.Value = f
	if strings.ContainsAny(s, "eE") {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		v.Decimals = len(s) - i - 1
	}
	return nil
}

// PubCoef is one published coefficient cell: estimate, t, and the number of
// stars printed.
type PubCoef struct {
	Coef  PubValue `json:"coef"`
	T     PubValue `json:"t"`
	Stars int      `json:"stars"`
}

// PubRow is one variable's row, one cell per column.
type PubRow struct {
	Name  string
	Cells []PubCoef
}

// PubStat is one statistic's row. Codes ending in "_p" hold the p-value of
// the statistic named by the rest ("kp_lm_p" is the p of "kp_lm").
type PubStat struct {
	Code   string
	Values []PubValue
}

// PublishedTable is one regression table as a paper printed it (see
// ParsePublished for the file format). Rows and Stats keep the file's
// order.
type PublishedTable struct {
	ID      string
	Caption string
	Columns []map[string]string // descriptors: {"estimator": "2sls", "sagg": "total"}
	Rows    []PubRow
	Stats   []PubStat
	Notes   string
	FE      []string // fixed effects of every column (from the file's conventions)
	// Labels print the descriptors' values in headers ({"2sls": "2SLS"});
	// a value without a label prints as it is. RegOptions.Labels win.
	Labels map[string]string
}

// Published is a file of published tables.
type Published struct {
	Source      string
	Conventions map[string]string
	OCRFixes    map[string]string
	Tables      []*PublishedTable
}

// SetLabels sets the header labels of every table (PublishedTable.Labels):
// how the paper prints its column descriptors.
func (p *Published) SetLabels(labels map[string]string) {
	for _, t := range p.Tables {
		t.Labels = labels
	}
}

// LoadPublished reads a published-tables file (format: ParsePublished).
func LoadPublished(path string) (*Published, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPublished, err)
	}
	defer f.Close()
	p, err := ParsePublished(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// ParsePublished decodes a published-tables document and checks that every
// row and statistic has one value per column. The format (lib/chen/paper's
// tables.json is one):
//
//	{"source": "…", "conventions": {"fixed_effects": "city and year", …}, "ocr_fixes": {…},
//	 "tables": [{"table": "1", "caption": "…", "notes": "…",
//	             "columns": [{"estimator": "2sls", "sagg": "total"}, …],      one descriptor per column
//	             "rows":  {"SAGG": [{"coef": 0.050, "t": 2.56, "stars": 2}, …], …},
//	             "stats": {"kp_lm": [101.265, …], "kp_lm_p": [0.000, …], "n": [3393, …], …}}]}
//
// Numbers keep the decimals they are written with (PubValue); rows and
// statistics keep the file's order; a code ending in "_p" is the p-value
// of the statistic before it; the conventions' "fixed_effects" lists the
// absorbed effects of every column.
func ParsePublished(r io.Reader) (*Published, error) {
	var raw struct {
		Source      string            `json:"source"`
		Conventions map[string]string `json:"conventions"`
		OCRFixes    map[string]string `json:"ocr_fixes"`
		Tables      []struct {
			Table   string              `json:"table"`
			Caption string              `json:"caption"`
			Columns []map[string]string `json:"columns"`
			Rows    json.RawMessage     `json:"rows"`
			Stats   json.RawMessage     `json:"stats"`
			Notes   string              `json:"notes"`
		} `json:"tables"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPublished, err)
	}
	p := &Published{Source: raw.Source, Conventions: raw.Conventions, OCRFixes: raw.OCRFixes}
	fe := splitList(raw.Conventions["fixed_effects"])
	for _, rt := range raw.Tables {
		t := &PublishedTable{ID: rt.Table, Caption: rt.Caption, Columns: rt.Columns, Notes: rt.Notes, FE: fe}
		err := decodeOrdered(rt.Rows, func(name string, d *json.Decoder) error {
			row := PubRow{Name: name}
			if err := d.Decode(&row.Cells); err != nil {
				return err
			}
			t.Rows = append(t.Rows, row)
			return checkLen(t, "row "+name, len(row.Cells))
		})
		if err == nil {
			err = decodeOrdered(rt.Stats, func(code string, d *json.Decoder) error {
				st := PubStat{Code: code}
				if err := d.Decode(&st.Values); err != nil {
					return err
				}
				t.Stats = append(t.Stats, st)
				return checkLen(t, "statistic "+code, len(st.Values))
			})
		}
		if err != nil {
			return nil, fmt.Errorf("%w: table %s: %w", ErrPublished, rt.Table, err)
		}
		p.Tables = append(p.Tables, t)
	}
	return p, nil
}

func checkLen(t *PublishedTable, what string, n int) error {
	if n != len(t.Columns) {
		return fmt.Errorf("%s has %d values for %d columns", what, n, len(t.Columns))
	}
	return nil
}

// decodeOrdered walks a JSON object in file order.
func decodeOrdered(raw json.RawMessage, each func(key string, d *json.Decoder) error) error {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("expected a JSON object, got %s", truncate(string(raw), 40))
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := each(key, d); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// splitList splits "city and year" or "city, year" into names.
func splitList(s string) []string {
	s = strings.ReplaceAll(s, " and ", ",")
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Table returns the published table with the given id ("1", "2", …).
func (p *Published) Table(id string) (*PublishedTable, error) {
	ids := make([]string, 0, len(p.Tables))
	for _, t := range p.Tables {
		if t.ID == id {
			return t, nil
		}
		ids = append(ids, t.ID)
	}
	return nil, fmt.Errorf("%w: no table %q; the file has tables %s", ErrPublished, id, strings.Join(ids, ", "))
}

// Regression lays the published table out as Regression lays out fitted
// models, with the published stars. Unless opt says otherwise, the caption
// is "Table <id>. <caption>", the column labels come from the descriptor
// that changes fastest across columns and the group row from the next one
// (e.g. the estimator over the agglomeration index), printed through
// opt.Labels, then the table's Labels.
func (pt *PublishedTable) Regression(opt RegOptions) (*Table, error) {
	if opt.Caption == "" {
		opt.Caption = "Table " + pt.ID + ". " + pt.Caption
	}
	if opt.Name == "" {
		opt.Name = "table" + pt.ID
	}
	if opt.Groups == nil && opt.Columns == nil {
		opt.Groups, opt.Columns = pt.header(opt)
	}
	if opt.Stats == nil {
		for _, s := range pt.Stats {
			if !strings.HasSuffix(s.Code, "_p") {
				opt.Stats = append(opt.Stats, s.Code)
			}
		}
	}
	return buildRegression(pt.columns(), opt)
}

// columns converts the published cells to the builder's columns.
func (pt *PublishedTable) columns() []column {
	cols := make([]column, len(pt.Columns))
	for j := range cols {
		c := &cols[j]
		c.fe = pt.FE
		c.title = "column " + strconv.Itoa(j+1)
		for _, r := range pt.Rows {
			pc := r.Cells[j]
			se := math.NaN()
			if pc.T.Value != 0 {
				se = pc.Coef.Value / pc.T.Value
			}
			c.coefs = append(c.coefs, colCoef{
				Coef:  Coef{Name: r.Name, B: pc.Coef.Value, SE: se, T: pc.T.Value, P: math.NaN()},
				stars: pc.Stars,
			})
		}
		for _, s := range pt.Stats {
			if strings.HasSuffix(s.Code, "_p") && pt.stat(strings.TrimSuffix(s.Code, "_p")) != nil {
				continue
			}
			st := Stat{Code: s.Code, Value: s.Values[j].Value, P: math.NaN()}
			if p := pt.stat(s.Code + "_p"); p != nil {
				st.P = p.Values[j].Value
			}
			c.stats = append(c.stats, st)
		}
	}
	return cols
}

func (pt *PublishedTable) stat(code string) *PubStat {
	for i := range pt.Stats {
		if pt.Stats[i].Code == code {
			return &pt.Stats[i]
		}
	}
	return nil
}

// header derives the group spans and column labels from the descriptors.
func (pt *PublishedTable) header(opt RegOptions) ([]Span, []string) {
	type key struct {
		name string
		runs int
	}
	var keys []key
	for name := range pt.Columns[0] {
		runs := 1
		for j := 1; j < len(pt.Columns); j++ {
			if pt.Columns[j][name] != pt.Columns[j-1][name] {
				runs++
			}
		}
		if runs > 1 {
			keys = append(keys, key{name, runs})
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].runs != keys[b].runs {
			return keys[a].runs > keys[b].runs
		}
		return keys[a].name < keys[b].name
	})
	name := func(v string) string {
		if l, ok := opt.Labels[v]; ok {
			return l
		}
		if l, ok := pt.Labels[v]; ok {
			return l
		}
		return v
	}
	labels := make([]string, len(pt.Columns))
	if len(keys) == 0 {
		for j := range labels {
			labels[j] = fmt.Sprintf("(%d)", j+1)
		}
		return nil, labels
	}
	for j, c := range pt.Columns {
		labels[j] = name(c[keys[0].name])
		if len(keys) > 2 {
			for _, k := range keys[2:] {
				labels[j] += ", " + name(c[k.name])
			}
		}
	}
	if len(keys) < 2 {
		return nil, labels
	}
	var groups []Span
	g := keys[1].name
	for j, c := range pt.Columns {
		if j > 0 && c[g] == pt.Columns[j-1][g] {
			groups[len(groups)-1].Cols++
			continue
		}
		groups = append(groups, Span{Text: name(c[g]), Cols: 1})
	}
	return groups, labels
}
