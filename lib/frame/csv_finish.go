package frame

import (
	"bytes"
	"fmt"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// finish turns the filled arrays into columns: Int columns that met floats
// become Float, validity bitmaps are set, the per-block dictionaries merge.
func (rd *csvRead) finish(cols *csvCols, outs []*jobOut, n int) (*Frame, error) {
	f := New(n)
	for j, name := range rd.names {
		var c *Column
		switch cols.mode[j] {
		case sinkStr:
			codes := cols.codes[j]
			dict, err := rd.mergeDicts(j, outs, codes)
			if err != nil {
				return nil, err
			}
			c = newCodesColumn(name, codes, dict)
			rd.decimalCommaHint(name, dict)
		case sinkFloat:
			c = NewFloatColumn(name, cols.f[j])
		case sinkInt:
			ints := cols.i[j]
			toFloat := false
			nmiss := 0
			for _, o := range outs {
				toFloat = toFloat || o.esc[j] == escFloat
				nmiss += len(o.intMiss[j])
			}
			if nmiss == n && n > 0 {
				toFloat = true
			}
			if toFloat {
				fl := unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(ints))), len(ints))
				parallelJobs(outs, func(o *jobOut) {
					if lf := o.localF[j]; lf != nil {
						copy(fl[o.row0:o.row0+o.nrows], lf)
						return
					}
					for r := o.row0; r < o.row0+o.nrows; r++ {
						fl[r] = float64(ints[r])
					}
					for _, r := range o.intMiss[j] {
						fl[r] = nan
					}
				}, rd.workers)
				c = NewFloatColumn(name, fl)
				break
			}
			d := &data{kind: Int, n: n, i: ints}
			if nmiss > 0 {
				bm := allValid(n)
				for _, o := range outs {
					for _, r := range o.intMiss[j] {
						bm[r>>6] &^= 1 << (uint(r) & 63)
					}
				}
				d.valid = bm
			}
			c = &Column{name: name, data: d}
		}
		ninf, line := 0, 0
		for _, o := range outs {
			if k := o.ninf[j]; k > 0 {
				if ninf == 0 {
					line = o.firstInf[j]
				}
				ninf += k
			}
		}
		if ninf > 0 {
			rd.info.Notes = append(rd.info.Notes, fmt.Sprintf("(note: column %s has %s (first on line %d), kept as ±Inf; Stata has no infinity: replace them with missing or drop those rows before estimating)",
				name, plural(ninf, "infinite value", "infinite values"), line))
		}
		if err := f.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// mergeDicts unites the per-block dictionaries of column j and recodes the
// blocks into it.
func (rd *csvRead) mergeDicts(j int, outs []*jobOut, codes []int32) ([]string, error) {
	index := map[string]int32{}
	var dict []string
	maps := make([][]int32, len(outs))
	for k, o := range outs {
		d := o.dicts[j]
		m := make([]int32, len(d))
		for q, s := range d {
			g, ok := index[s]
			if !ok {
				if rd.encAuto && !utf8.ValidString(s) {
					return nil, errNotUTF8
				}
				g = int32(len(dict))
				index[s] = g
				dict = append(dict, s)
			}
			m[q] = g
		}
		maps[k] = m
	}
	idx := make(map[*jobOut]int, len(outs))
	for k, o := range outs {
		idx[o] = k
	}
	parallelJobs(outs, func(o *jobOut) {
		m := maps[idx[o]]
		identity := true
		for q, g := range m {
			if int32(q) != g {
				identity = false
				break
			}
		}
		if identity {
			return
		}
		for r := o.row0; r < o.row0+o.nrows; r++ {
			if c := codes[r]; c >= 0 {
				codes[r] = m[c]
			}
		}
	}, rd.workers)
	return dict, nil
}

// decimalCommaHint notes a text column whose every value is a number
// written with a decimal comma.
func (rd *csvRead) decimalCommaHint(name string, dict []string) {
	if rd.opt.DecimalComma || rd.delim == ',' || len(dict) == 0 {
		return
	}
	comma := false
	for _, s := range dict {
		if k, _, _ := parseCell([]byte(s)); k != cellText {
			continue
		}
		if !bytes.Contains([]byte(s), []byte{','}) {
			return
		}
		if k, _, _ := parseCell(bytes.ReplaceAll([]byte(s), []byte{','}, []byte{'.'})); k != cellFloat && k != cellInt {
			return
		}
		comma = true
	}
	if comma {
		rd.info.Notes = append(rd.info.Notes, fmt.Sprintf("(note: column %s looks like numbers with a decimal comma, such as %q; it was read as text: read with CSVOptions{DecimalComma: true})", name, dict[0]))
	}
}

// parallelJobs runs fn on every block, on up to w goroutines.
func parallelJobs(outs []*jobOut, fn func(o *jobOut), w int) {
	if len(outs) < 2 || w < 2 {
		for _, o := range outs {
			fn(o)
		}
		return
	}
	ch := make(chan *jobOut)
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range ch {
				fn(o)
			}
		}()
	}
	for _, o := range outs {
		ch <- o
	}
	close(ch)
	wg.Wait()
}

// compact closes the gaps that blank lines left (the producer counts lines,
// the workers records) by moving the blocks' rows down, and returns the
// number of rows.
func compact(cols *csvCols, outs []*jobOut) int {
	row := 0
	for _, o := range outs {
		if o.row0 != row {
			d := o.row0 - row
			for j, m := range cols.mode {
				switch m {
				case sinkInt:
					copy(cols.i[j][row:], cols.i[j][o.row0:o.row0+o.nrows])
				case sinkFloat:
					copy(cols.f[j][row:], cols.f[j][o.row0:o.row0+o.nrows])
				case sinkStr:
					copy(cols.codes[j][row:], cols.codes[j][o.row0:o.row0+o.nrows])
				}
			}
			for _, rows := range o.intMiss {
				for k := range rows {
					rows[k] -= int32(d)
				}
			}
			o.row0 = row
		}
		row += o.nrows
	}
	return row
}
