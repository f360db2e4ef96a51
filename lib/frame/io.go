package frame

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// FromDataFrame converts a gota DataFrame. Int, Float and Bool series become
// numeric columns, with gota's NA elements as NaN; String series are typed
// cell by cell as in AddText, so a string column of numbers with "NA" or
// empty cells is numeric.
func FromDataFrame(df dataframe.DataFrame) (*Frame, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("frame: the DataFrame carries an error: %w", df.Err)
	}
	f := New(df.Nrow())
	for _, name := range df.Names() {
		s := df.Col(name)
		var err error
		if s.Type() == series.String {
			cells := make([]string, s.Len())
			for i := range cells {
				if e := s.Elem(i); !e.IsNA() {
					cells[i] = e.String()
				}
			}
			err = f.AddText(name, cells)
		} else {
			x := make([]float64, s.Len())
			for i := range x {
				e := s.Elem(i)
				if e.IsNA() {
					x[i] = math.NaN()
				} else {
					x[i] = e.Float()
				}
			}
			err = f.AddFloat(name, x)
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// ReadCSV reads a CSV file with a header row (see ReadCSVFrom).
func ReadCSV(path string) (*Frame, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	defer fh.Close()
	f, err := ReadCSVFrom(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// ReadCSVFrom reads CSV with a header row naming the columns (spaces around
// names and a leading byte-order mark are removed); each column is typed as
// in AddText. A row with the wrong number of fields is an error naming its
// line.
func ReadCSVFrom(r io.Reader) (*Frame, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("frame: empty CSV: no header row")
	}
	if err != nil {
		return nil, fmt.Errorf("frame: reading CSV header: %w", err)
	}
	cells := make([][]string, len(header))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("frame: reading CSV: %w", err)
		}
		for j, s := range rec {
			cells[j] = append(cells[j], s)
		}
	}
	n := 0
	if len(cells) > 0 {
		n = len(cells[0])
	}
	f := New(n)
	for j, name := range header {
		if j == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // the byte-order mark Excel writes
		}
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("frame: CSV column %d has an empty name in the header", j+1)
		}
		if err := f.AddText(name, cells[j]); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func sortStrings(s []string) { sort.Strings(s) }
