// Package citypanel defines the CSV layout of the city panel behind
// Chen's regressions (China City Statistical Yearbook variables), loads
// and validates it, and builds the regression variables.
//
// # The CSV (one row per city and year; columns in any order)
//
//	city, province, region (east|central|west), year
//	emp_transport, emp_ict, emp_finance, emp_leasing, emp_research   employees in urban units by producer-service sector, 10,000 persons
//	emp_total        employees in urban units, all sectors, year-end, 10,000 persons (DEA labour input; LQ reference)
//	gdp              GDP, current prices, 10,000 yuan
//	gdp_index        GDP index, previous year = 100
//	va_secondary     value added of the secondary industry, 10,000 yuan
//	va_tertiary      value added of the tertiary industry, 10,000 yuan
//	fai              fixed-asset investment, current prices, 10,000 yuan
//	fai_price_index  fixed-asset investment price index (province), previous year = 100
//	budget_exp       general public budget expenditure, 10,000 yuan
//	fdi_usd          foreign capital actually used, 10,000 US$
//	usd_cny          yuan per US$, annual average
//	students         students in regular institutions of higher education, persons
//	pop              year-end population, 10,000 persons
//	road_area        area of paved urban roads, 10,000 m²
//	so2              optional: industrial SO2 emissions, 10,000 tonnes (the yearbook's tonnes / 10⁴),
//	                 the bad output of a green (Malmquist-Luenberger) TFP index; Panel.Has("so2")
//
// Schema gives each column's unit and a plausibility range that catches
// unit mistakes. The index of the first year (gdp_index, fai_price_index)
// is not used: real values are at first-year prices.
//
// # Validation (Read)
//
// Unknown or missing columns (an optional column may be absent: its
// Record field is then 0 and Write leaves it out); unparsable, missing (NaN/empty) or
// implausible values; producer-service employment above emp_total; value
// added above GDP; duplicate city-years; a city changing province or
// region; gaps (the panel must be balanced over consecutive years). Every
// error names the file line, the city, the year and the column.
//
// # Regression variables (Build), as the paper defines them
//
//	SAGG  location quotient of producer-service employment (lib/lq presets
//	      total, high, low) against emp_total, national = all cities of the panel
//	STR   va_secondary / va_tertiary
//	GOV   budget_exp / gdp
//	PGDP  gdp / pop / 10⁴           (10,000 yuan per person, current prices)
//	FDI   fdi_usd · usd_cny / gdp
//	H     students / (pop · 10⁴)
//	ROAD  road_area / pop           (m² per person)
//	POP   ln pop                    (pop in 10,000 persons)
//	K     perpetual-inventory capital stock of fai deflated by the chained
//	      fai_price_index (lib/capital: Zhang's initial stock, δ = 9.6 %)
//	L     emp_total
//	Y     real GDP at first-year prices: gdp of the first year chained with gdp_index
//
// The paper does not give the units of PGDP and POP; ours are stated
// above. Its TFP is a DEA Malmquist index of (K, L; Y), cumulated from the
// first year (lib/malmquist).
package citypanel
