package citypanel

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// Write writes records as CSV in the layout of Header, numbers in fixed
// notation with the Decimals of their Schema column (so that a value
// produced as an integer count divided by 10^Decimals reads back as the
// same float64).
func Write(w io.Writer, recs []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header()); err != nil {
		return err
	}
	row := make([]string, 0, len(keyColumns)+len(Schema))
	for i := range recs {
		r := &recs[i]
		row = append(row[:0], r.City, r.Province, r.Region, strconv.Itoa(r.Year))
		for _, c := range Schema {
			row = append(row, strconv.FormatFloat(*c.field(r), 'f', c.Decimals, 64))
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("citypanel: writing city %s, %d: %w", r.City, r.Year, err)
		}
	}
	cw.Flush()
	return cw.Error()
}
