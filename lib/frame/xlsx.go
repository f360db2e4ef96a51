package frame

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions configure ReadXLSX.
type XLSXOptions struct {
	// Sheet to read; "" is the first sheet.
	Sheet string
	// Range is a cell range such as "A3:F200", optionally with the sheet
	// ("Sheet1!A3:F200"); "" is the sheet's used area. Yearbook tables
	// often have title rows above the header: point Range at the header.
	Range string
	// NoHeader reads the first row as data and names the columns A, B, ...
	// (Stata import excel without firstrow).
	NoHeader bool
}

// ReadXLSX reads a sheet of an Excel .xlsx workbook (Stata import excel
// ..., firstrow): the first row of the range names the columns, and each
// column is typed as a CSV column is (see AddText), from the cells' raw
// values (a date is its serial number; format it in Excel as text first to
// keep it as written). Errors name the sheet, the cell and the problem.
func ReadXLSX(path string, opt XLSXOptions) (*Frame, error) {
	sheet, rng := opt.Sheet, opt.Range
	if s, r, ok := strings.Cut(rng, "!"); ok {
		sheet, rng = strings.Trim(s, "'"), r
	}
	x, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, &Error{Err: ErrParse, Msg: path + ": the workbook has no sheets"}
		}
		sheet = sheets[0]
	} else if idx, _ := x.GetSheetIndex(sheet); idx < 0 {
		e := unknownColumn(sheet, sheets)
		e.Msg = fmt.Sprintf("%s: no sheet %q (sheets: %s)", path, sheet, strings.Join(sheets, ", "))
		e.Err = ErrArgument
		return nil, e
	}
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("frame: %s, sheet %s: %w", path, sheet, err)
	}
	c0, r0, c1, r1 := 1, 1, 0, len(rows)
	for _, row := range rows {
		c1 = max(c1, len(row))
	}
	if rng != "" {
		a, b, ok := strings.Cut(rng, ":")
		if !ok {
			b = a
		}
		if c0, r0, err = excelize.CellNameToCoordinates(strings.ToUpper(a)); err == nil {
			c1, r1, err = excelize.CellNameToCoordinates(strings.ToUpper(b))
		}
		if err != nil || c1 < c0 || r1 < r0 {
			return nil, argErr("range %q: give it as A3:F200", opt.Range)
		}
		r1 = min(r1, len(rows))
	}
	cell := func(r, c int) string { // 1-based
		if r-1 < len(rows) && c-1 < len(rows[r-1]) {
			return rows[r-1][c-1]
		}
		return ""
	}
	ncol := c1 - c0 + 1
	names := make([]string, ncol)
	first := r0
	for j := range names {
		name, _ := excelize.ColumnNumberToName(c0 + j)
		if !opt.NoHeader {
			ref, _ := excelize.CoordinatesToCellName(c0+j, r0)
			name = strings.TrimSpace(cell(r0, c0+j))
			if name == "" {
				return nil, &Error{Err: ErrBadName, Msg: fmt.Sprintf("%s, sheet %s: header cell %s is empty", path, sheet, ref),
					Hint: "name every column, or set XLSXOptions.Range to the table's header row and columns"}
			}
		}
		names[j] = name
	}
	if !opt.NoHeader {
		first = r0 + 1
	}
	n := max(0, r1-first+1)
	f := New(n)
	for j, name := range names {
		cells := make([]string, n)
		for i := range cells {
			cells[i] = cell(first+i, c0+j)
		}
		if err := f.AddText(name, cells); err != nil {
			return nil, fmt.Errorf("%s, sheet %s: %w", path, sheet, err)
		}
	}
	f.notes = []string{fmt.Sprintf("(%s vars, %s obs; sheet %s, rows %d to %d)", commas(ncol), commas(n), sheet, first, r1)}
	return f, nil
}
