package citypanel

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Write writes records as CSV in the layout of Header, numbers in fixed
// notation with the Decimals of their Schema column (so that a value
// produced as an integer count divided by 10^Decimals reads back as the
// same float64). An optional column (so2) is written when any record has
// a non-zero value in it and left out otherwise, so that a panel read
// without it is written back without it.
func Write(w io.Writer, recs []Record) error {
	var cols []Column
	head := append([]string(nil), keyColumns...)
	for _, c := range Schema {
		if c.Optional && !anyNonZero(recs, c) {
			continue
		}
		cols = append(cols, c)
		head = append(head, c.Name)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, 0, len(head))
	for i := range recs {
		r := &recs[i]
		row = append(row[:0], r.City, r.Province, r.Region, strconv.Itoa(r.Year))
		for _, c := range cols {
			v := *c.field(r)
			if c.Optional && (math.IsNaN(v) || math.IsInf(v, 0)) {
				return fmt.Errorf("citypanel: writing city %s, %d: column %s is %v; fill it or leave the column out (0 in every record)", r.City, r.Year, c.Name, v)
			}
			row = append(row, strconv.FormatFloat(v, 'f', c.Decimals, 64))
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("citypanel: writing city %s, %d: %w", r.City, r.Year, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

// anyNonZero reports whether any record has a non-zero value in column c.
func anyNonZero(recs []Record, c Column) bool {
	for i := range recs {
		if *c.field(&recs[i]) != 0 {
			return true
		}
	}
	return false
}
