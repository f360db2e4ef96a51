package citypanel

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Sentinel errors of Read; the returned errors wrap them with the row
// (file line, header = line 1) and column at fault.
var (
	ErrHeader    = errors.New("citypanel: bad header")
	ErrValue     = errors.New("citypanel: bad value")
	ErrDuplicate = errors.New("citypanel: duplicate city-year")
	ErrGap       = errors.New("citypanel: unbalanced panel")
)

// City is one cross-sectional unit of the panel.
type City struct {
	Name, Province, Region string
}

// Panel is a validated, balanced city panel: Records[i*len(Years)+t] is
// city i in year Years[t]. Cities keep the order of first appearance in
// the file; years are consecutive.
type Panel struct {
	Cities  []City
	Years   []int
	Records []Record
	// Optional lists the optional columns (Schema, e.g. so2) the panel
	// has, in Schema order; the records' fields of the others are 0.
	Optional []string
}

// At returns the record of city i in the t-th year.
func (p *Panel) At(i, t int) *Record { return &p.Records[i*len(p.Years)+t] }

// Has reports whether the panel has column name: always for the required
// columns of Schema, for an optional one (so2) only if the CSV had it.
func (p *Panel) Has(name string) bool {
	for _, c := range Schema {
		if c.Name == name {
			return !c.Optional || slices.Contains(p.Optional, name)
		}
	}
	return false
}

// Read parses and validates a panel CSV in the layout of Header (columns
// may come in any order). Every problem is reported with its line and
// column: unknown or missing columns, unparsable or implausible values
// (see Schema for the ranges, which catch unit mistakes), producer-service
// employment above total employment, value added above GDP, duplicate
// city-years, cities whose province or region changes, and gaps (every
// city must have every year of the panel). Optional columns (so2) may be
// absent; Panel.Optional lists those present.
func Read(r io.Reader) (*Panel, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHeader, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%w: column %q appears twice", ErrHeader, h)
		}
		col[h] = i
	}
	want, all := RequiredHeader(), Header()
	var missing, unknown []string
	for _, w := range want {
		if _, ok := col[w]; !ok {
			missing = append(missing, w)
		}
	}
	for h := range col {
		if !slices.Contains(all, h) {
			unknown = append(unknown, h)
		}
	}
	sort.Strings(unknown)
	if len(missing) > 0 || len(unknown) > 0 {
		return nil, fmt.Errorf("%w: missing columns %v, unknown columns %v; the header must be: %s (optional: %s)",
			ErrHeader, missing, unknown, strings.Join(want, ","), strings.Join(OptionalColumns(), ","))
	}
	var optional []string
	for _, c := range Schema {
		if _, ok := col[c.Name]; ok && c.Optional {
			optional = append(optional, c.Name)
		}
	}

	var recs []Record
	var lines []int
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrValue, err)
		}
		line, _ := cr.FieldPos(0)
		rec, err := parseRow(row, col, line)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%w: no data rows", ErrValue)
	}
	p, err := assemble(recs, lines)
	if err != nil {
		return nil, err
	}
	p.Optional = optional
	return p, nil
}

func parseRow(row []string, col map[string]int, line int) (Record, error) {
	var rec Record
	get := func(name string) string { return strings.TrimSpace(row[col[name]]) }
	rec.City, rec.Province, rec.Region = get("city"), get("province"), get("region")
	if rec.City == "" {
		return rec, fmt.Errorf("%w: line %d, column city: empty", ErrValue, line)
	}
	if !slices.Contains(Regions, rec.Region) {
		return rec, fmt.Errorf("%w: line %d, column region: %q is not one of %v", ErrValue, line, rec.Region, Regions)
	}
	y, err := strconv.Atoi(get("year"))
	if err != nil || y < 1949 || y > 2100 {
		return rec, fmt.Errorf("%w: line %d, column year: %q is not a year", ErrValue, line, get("year"))
	}
	rec.Year = y
	for _, c := range Schema {
		if _, ok := col[c.Name]; !ok && c.Optional {
			continue
		}
		s := get(c.Name)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return rec, fmt.Errorf("%w: line %d (city %s, %d), column %s: %q is not a number (%s); missing values must be filled before loading",
				ErrValue, line, rec.City, y, c.Name, s, c.Unit)
		}
		if v < c.Min || v > c.Max {
			return rec, fmt.Errorf("%w: line %d (city %s, %d), column %s: %v outside the plausible range [%g, %g] %s; check the unit",
				ErrValue, line, rec.City, y, c.Name, v, c.Min, c.Max, c.Unit)
		}
		*c.field(&rec) = v
	}
	ps := rec.EmpTransport + rec.EmpICT + rec.EmpFinance + rec.EmpLeasing + rec.EmpResearch
	if ps > rec.EmpTotal {
		return rec, fmt.Errorf("%w: line %d (city %s, %d): the five producer-service sectors employ %v (10,000 persons), more than emp_total %v",
			ErrValue, line, rec.City, y, ps, rec.EmpTotal)
	}
	if rec.VASecondary+rec.VATertiary > rec.GDP*1.0001 {
		return rec, fmt.Errorf("%w: line %d (city %s, %d): va_secondary + va_tertiary = %v exceeds gdp %v",
			ErrValue, line, rec.City, y, rec.VASecondary+rec.VATertiary, rec.GDP)
	}
	return rec, nil
}

// assemble orders the records city by city, checks duplicates, constant
// attributes and gaps.
func assemble(recs []Record, lines []int) (*Panel, error) {
	p := &Panel{}
	cityIdx := map[string]int{}
	minY, maxY := recs[0].Year, recs[0].Year
	for i, r := range recs {
		ci, ok := cityIdx[r.City]
		if !ok {
			ci = len(p.Cities)
			cityIdx[r.City] = ci
			p.Cities = append(p.Cities, City{r.City, r.Province, r.Region})
		} else if c := p.Cities[ci]; c.Province != r.Province || c.Region != r.Region {
			return nil, fmt.Errorf("%w: line %d: city %s is in %s/%s here but %s/%s on an earlier line; a city keeps its province and region",
				ErrValue, lines[i], r.City, r.Province, r.Region, c.Province, c.Region)
		}
		minY, maxY = min(minY, r.Year), max(maxY, r.Year)
	}
	T := maxY - minY + 1
	for y := minY; y <= maxY; y++ {
		p.Years = append(p.Years, y)
	}
	p.Records = make([]Record, len(p.Cities)*T)
	seen := make([]int, len(p.Records)) // line of the record, 0 if none
	for i, r := range recs {
		k := cityIdx[r.City]*T + r.Year - minY
		if seen[k] != 0 {
			return nil, fmt.Errorf("%w: lines %d and %d: city %s, year %d", ErrDuplicate, seen[k], lines[i], r.City, r.Year)
		}
		seen[k] = lines[i]
		p.Records[k] = r
	}
	for k, l := range seen {
		if l == 0 {
			c := p.Cities[k/T]
			return nil, fmt.Errorf("%w: city %s has no row for %d (the panel runs %d–%d and must be balanced without gaps)",
				ErrGap, c.Name, p.Years[k%T], minY, maxY)
		}
	}
	return p, nil
}
