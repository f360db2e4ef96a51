package frame

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// FromDataFrame converts a gota DataFrame in one pass per column. Int
// series become Int columns and Float series Float columns, with gota's NA
// elements missing; Bool series become Int (true = 1). String series are
// typed cell by cell as in AddText, so a string column of numbers with "NA"
// or empty cells is numeric.
func FromDataFrame(df dataframe.DataFrame) (*Frame, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("frame: the DataFrame carries an error: %w", df.Err)
	}
	f := New(df.Nrow())
	for _, name := range df.Names() {
		s := df.Col(name)
		n := s.Len()
		var err error
		switch s.Type() {
		case series.String:
			cells := make([]string, n)
			for i := range cells {
				if e := s.Elem(i); !e.IsNA() {
					cells[i] = e.String()
				}
			}
			err = f.AddText(name, cells)
		case series.Float:
			err = f.AddFloat(name, s.Float())
		default: // Int, Bool
			x := make([]int64, n)
			var valid []bool
			for i := range x {
				e := s.Elem(i)
				if e.IsNA() {
					if valid == nil {
						valid = make([]bool, n)
						for k := range i {
							valid[k] = true
						}
					}
					continue
				}
				if valid != nil {
					valid[i] = true
				}
				v, ierr := e.Int()
				if ierr != nil {
					return nil, &Error{Column: name, Row: i + 1, Err: ErrType, Msg: fmt.Sprintf("column %q, row %d: %v", name, i+1, ierr)}
				}
				x[i] = int64(v)
			}
			err = f.AddInt(name, x, valid)
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// DataFrame returns the frame as a gota DataFrame: Float columns as Float
// series (NaN = NA), Int columns as Int series, String columns as String
// series, missing cells as gota's NA. Labels are dropped (gota has none).
func (f *Frame) DataFrame() dataframe.DataFrame {
	ss := make([]series.Series, len(f.cols))
	for k, c := range f.cols {
		switch c.kind {
		case Float:
			ss[k] = series.New(c.f, series.Float, c.name)
		case Int:
			x := make([]int, c.n)
			for r, v := range c.i {
				x[r] = int(v)
			}
			s := series.New(x, series.Int, c.name)
			if c.valid != nil {
				for r := range x {
					if !c.validAt(r) {
						s.Elem(r).Set(nil)
					}
				}
			}
			ss[k] = s
		case String:
			x := make([]string, c.n)
			for r, code := range c.codes {
				if code >= 0 {
					x[r] = c.dict[code]
				}
			}
			s := series.New(x, series.String, c.name)
			for r, code := range c.codes {
				if code < 0 {
					s.Elem(r).Set(nil)
				}
			}
			ss[k] = s
		}
	}
	if len(ss) == 0 {
		return dataframe.DataFrame{}
	}
	return dataframe.New(ss...)
}
