package citypanel

import "github.com/econb/econb/lib/lq"

// Record is one city-year row of the panel CSV. Units are those of the
// China City Statistical Yearbook (中国城市统计年鉴), whole city (全市)
// unless noted; see Schema for the column names and plausible ranges.
type Record struct {
	City     string // city name or code, unique across the panel
	Province string // province (pinyin or Chinese)
	Region   string // "east", "central" or "west" (NBS three-region division)
	Year     int

	EmpTransport float64 // employees in urban units, transport, storage and post, 10,000 persons
	EmpICT       float64 // … information transmission, computer services and software
	EmpFinance   float64 // … finance
	EmpLeasing   float64 // … leasing and business services
	EmpResearch  float64 // … scientific research, technical services and geological exploration
	EmpTotal     float64 // employees in urban units, all sectors, year-end, 10,000 persons

	GDP           float64 // gross regional product, current prices, 10,000 yuan
	GDPIndex      float64 // GDP index, previous year = 100 (constant prices)
	VASecondary   float64 // value added of the secondary industry, current prices, 10,000 yuan
	VATertiary    float64 // value added of the tertiary industry, current prices, 10,000 yuan
	FAI           float64 // fixed-asset investment, current prices, 10,000 yuan
	FAIPriceIndex float64 // fixed-asset investment price index of the province, previous year = 100
	BudgetExp     float64 // general public budget expenditure of local government, 10,000 yuan
	FDIUSD        float64 // foreign capital actually used, 10,000 US dollars
	USDCNY        float64 // yuan per US dollar, annual average (central parity)
	Students      float64 // students enrolled in regular institutions of higher education, persons
	Pop           float64 // year-end registered population, 10,000 persons
	RoadArea      float64 // area of paved urban roads, 10,000 m²

	// SO2 is the optional column so2: industrial sulphur dioxide
	// emissions, 10,000 tonnes (the yearbook prints tonnes: divide by
	// 10⁴), the undesirable output of a green (Malmquist-Luenberger) TFP
	// index. 0 when the CSV has no so2 column (Panel.Has tells).
	SO2 float64
}

// Column describes one numeric column of the CSV.
type Column struct {
	Name     string
	Unit     string
	Meaning  string
	Min, Max float64 // plausible range for a Chinese prefecture-level city
	Decimals int     // digits after the point when written
	// Optional columns may be absent from a CSV (Read then leaves the
	// field 0 and Panel.Has reports false); when present they are
	// validated like the others.
	Optional bool
	field    func(*Record) *float64
}

// Key columns, in order, before the numeric ones.
var keyColumns = []string{"city", "province", "region", "year"}

// Regions are the valid values of the region column.
var Regions = []string{"east", "central", "west"}

// Schema lists the numeric columns in CSV order. The ranges are wide
// plausibility bounds meant to catch unit mistakes (yuan for 10,000 yuan,
// persons for 10,000 persons, an index with the previous year = 1).
var Schema = []Column{
	{"emp_" + lq.Transport, "10,000 persons", "employees in urban units: transport, storage and post", 0, 200, 4, false, func(r *Record) *float64 { return &r.EmpTransport }},
	{"emp_" + lq.ICT, "10,000 persons", "employees in urban units: information transmission, computer services and software", 0, 200, 4, false, func(r *Record) *float64 { return &r.EmpICT }},
	{"emp_" + lq.Finance, "10,000 persons", "employees in urban units: finance", 0, 200, 4, false, func(r *Record) *float64 { return &r.EmpFinance }},
	{"emp_" + lq.Leasing, "10,000 persons", "employees in urban units: leasing and business services", 0, 200, 4, false, func(r *Record) *float64 { return &r.EmpLeasing }},
	{"emp_" + lq.Research, "10,000 persons", "employees in urban units: scientific research, technical services and geological exploration", 0, 200, 4, false, func(r *Record) *float64 { return &r.EmpResearch }},
	{"emp_total", "10,000 persons", "employees in urban units, all sectors, year-end", 0.5, 2000, 4, false, func(r *Record) *float64 { return &r.EmpTotal }},
	{"gdp", "10,000 yuan", "gross regional product, current prices", 1e4, 1e10, 0, false, func(r *Record) *float64 { return &r.GDP }},
	{"gdp_index", "previous year = 100", "GDP index at constant prices", 70, 140, 3, false, func(r *Record) *float64 { return &r.GDPIndex }},
	{"va_secondary", "10,000 yuan", "value added, secondary industry, current prices", 0, 1e10, 0, false, func(r *Record) *float64 { return &r.VASecondary }},
	{"va_tertiary", "10,000 yuan", "value added, tertiary industry, current prices", 1, 1e10, 0, false, func(r *Record) *float64 { return &r.VATertiary }},
	{"fai", "10,000 yuan", "fixed-asset investment, current prices", 1e3, 2e10, 0, false, func(r *Record) *float64 { return &r.FAI }},
	{"fai_price_index", "previous year = 100", "fixed-asset investment price index (province)", 80, 125, 3, false, func(r *Record) *float64 { return &r.FAIPriceIndex }},
	{"budget_exp", "10,000 yuan", "general public budget expenditure", 1e3, 1e10, 0, false, func(r *Record) *float64 { return &r.BudgetExp }},
	{"fdi_usd", "10,000 US$", "foreign capital actually used", 0, 1e8, 0, false, func(r *Record) *float64 { return &r.FDIUSD }},
	{"usd_cny", "yuan per US$", "exchange rate, annual average", 5, 10, 4, false, func(r *Record) *float64 { return &r.USDCNY }},
	{"students", "persons", "students in regular institutions of higher education", 0, 2e6, 0, false, func(r *Record) *float64 { return &r.Students }},
	{"pop", "10,000 persons", "year-end population", 10, 5000, 2, false, func(r *Record) *float64 { return &r.Pop }},
	{"road_area", "10,000 m²", "area of paved urban roads", 1, 1e5, 2, false, func(r *Record) *float64 { return &r.RoadArea }},
	// Optional.
	{"so2", "10,000 tonnes", "industrial SO2 emissions (optional: the bad output of a green TFP index)", 0, 500, 4, true, func(r *Record) *float64 { return &r.SO2 }},
}

// Header returns the full CSV header: the key columns then Schema's
// names, optional columns included (the layout Write uses when the
// records have them).
func Header() []string {
	h := append([]string(nil), keyColumns...)
	for _, c := range Schema {
		h = append(h, c.Name)
	}
	return h
}

// RequiredHeader returns the columns every CSV must have: Header without
// the optional columns.
func RequiredHeader() []string {
	h := append([]string(nil), keyColumns...)
	for _, c := range Schema {
		if !c.Optional {
			h = append(h, c.Name)
		}
	}
	return h
}

// OptionalColumns returns the names of the optional columns of Schema.
func OptionalColumns() []string {
	var h []string
	for _, c := range Schema {
		if c.Optional {
			h = append(h, c.Name)
		}
	}
	return h
}

// Value returns the numeric column named name of r.
func (r *Record) Value(name string) (float64, bool) {
	for _, c := range Schema {
		if c.Name == name {
			return *c.field(r), true
		}
	}
	return 0, false
}

// sectorEmp returns the producer-service employment by lq sector key.
func (r *Record) sectorEmp(key string) float64 {
	switch key {
	case lq.Transport:
		return r.EmpTransport
	case lq.ICT:
		return r.EmpICT
	case lq.Finance:
		return r.EmpFinance
	case lq.Leasing:
		return r.EmpLeasing
	case lq.Research:
		return r.EmpResearch
	}
	panic("citypanel: unknown sector " + key)
}
