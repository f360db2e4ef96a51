package frame

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"unsafe"
)

// Sink modes: where a worker writes a column's cells.
const (
	sinkInt    uint8 = iota // global []int64 (missing rows listed per job)
	sinkFloat               // global []float64
	sinkStr                 // global []int32 codes into a per-job dictionary
	sinkSkip                // not read in this pass
	sinkLocalF              // this job's own []float64 (an Int column met a float)
)

// Escalations a job reports for a column.
const (
	escNone uint8 = iota
	escFloat
	escString
)

var errNotUTF8 = errors.New("frame: text is not UTF-8")

// csvCols are the columns being filled, with room for cap rows.
type csvCols struct {
	mode  []uint8
	f     [][]float64
	i     [][]int64
	codes [][]int32
}

type csvJob struct {
	b       []byte
	release func()
	row0    int
	line0   int
	out     *jobOut
}

// jobOut is what parsing one block found.
type jobOut struct {
	row0, nrows int
	gap         int // rows reserved for blank lines, removed by compact
	err         error
	errLine     int
	esc         []uint8
	localF      map[int][]float64
	intMiss     map[int][]int32 // global rows of missing cells of Int columns
	dicts       map[int][]string
	ninf        map[int]int
	firstInf    map[int]int // line of the first infinite cell
}

// sniffTypes guesses the sink of each column from the first records of b:
// Float when a float appears, String when text does, Int otherwise (an Int
// column escalates cheaply when a float comes later).
func (rd *csvRead) sniffTypes(b []byte) []uint8 {
	modes := make([]uint8, rd.ncols)
	t := &tokenizer{b: b, delim: rd.delim, line: rd.line0}
	for rec := 0; rec < 1000 && t.skipBlank(); rec++ {
		for j := 0; j < rd.ncols; j++ {
			fld, end, err := t.field()
			if err != nil {
				return modes
			}
			if modes[j] != sinkStr {
				switch k, _, _ := rd.cell(fld); k {
				case cellFloat, cellInf:
					modes[j] = sinkFloat
				case cellText:
					modes[j] = sinkStr
				}
			}
			if end == endRecord {
				break
			}
		}
	}
	return modes
}

// cell types a numeric cell, reading a decimal comma when asked.
func (rd *csvRead) cell(fld []byte) (cellKind, int64, float64) {
	if rd.opt.DecimalComma && bytes.IndexByte(fld, ',') >= 0 {
		tmp := bytes.ReplaceAll(fld, []byte{','}, []byte{'.'})
		return parseCell(tmp)
	}
	return parseCell(fld)
}

// body parses every record after the header into typed columns.
func (rd *csvRead) body() (*Frame, error) {
	var first []byte
	if rd.mem != nil {
		first = rd.mem[:min(len(rd.mem), rd.block)]
	} else {
		first = rd.bodyHead
	}
	modes := rd.sniffTypes(first)
	cols := &csvCols{mode: modes, f: make([][]float64, rd.ncols), i: make([][]int64, rd.ncols), codes: make([][]int32, rd.ncols)}
	outs, nrows, err := rd.pass(cols, true)
	if err != nil {
		return nil, err
	}
	// Columns that met text after the sample: read again as strings.
	var again []int
	for j := range rd.ncols {
		for _, o := range outs {
			if o.esc[j] == escString {
				again = append(again, j)
				break
			}
		}
	}
	if len(again) > 0 {
		cols2 := &csvCols{mode: make([]uint8, rd.ncols), f: cols.f, i: cols.i, codes: make([][]int32, rd.ncols)}
		for j := range cols2.mode {
			cols2.mode[j] = sinkSkip
		}
		for _, j := range again {
			cols2.mode[j] = sinkStr
		}
		if err := rd.rewind(); err != nil {
			return nil, err
		}
		outs2, n2, err := rd.pass(cols2, false)
		if err != nil {
			return nil, err
		}
		if n2 != nrows {
			return nil, fmt.Errorf("frame: the file changed while it was read (%d rows, then %d)", nrows, n2)
		}
		for _, j := range again {
			modes[j] = sinkStr
			cols.codes[j] = cols2.codes[j]
			cols.f[j], cols.i[j] = nil, nil
			for k, o := range outs {
				o.dicts = mergeDictMap(o.dicts, j, outs2[k].dicts[j])
			}
		}
	}
	return rd.finish(cols, outs, nrows)
}

func mergeDictMap(m map[int][]string, j int, d []string) map[int][]string {
	if m == nil {
		m = map[int][]string{}
	}
	m[j] = d
	return m
}

// rewind positions the source at the body's start again.
func (rd *csvRead) rewind() error {
	if rd.file == nil {
		return nil
	}
	if _, err := rd.file.Seek(rd.bodyOff, io.SeekStart); err != nil {
		return fmt.Errorf("frame: rereading CSV: %w", err)
	}
	rd.bodyHead = nil
	rd.hr = &hashReader{r: rd.file, h: nil}
	return nil
}

// pass runs the parallel parse over the body once.
func (rd *csvRead) pass(cols *csvCols, firstPass bool) ([]*jobOut, int, error) {
	capRows := 0
	grow := func(need int) {
		newCap := max(need+need/4+1024, 2*capRows)
		// One goroutine per column: zeroing and faulting in the pages of
		// hundreds of megabytes is worth spreading over the cores.
		var g sync.WaitGroup
		sem := make(chan struct{}, rd.workers)
		for j, m := range cols.mode {
			g.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; g.Done() }()
				switch m {
				case sinkInt:
					cols.i[j] = growSlice(cols.i[j], newCap)
				case sinkFloat:
					cols.f[j] = growSlice(cols.f[j], newCap)
				case sinkStr:
					cols.codes[j] = growSlice(cols.codes[j], newCap)
				}
			}()
		}
		g.Wait()
		capRows = newCap
	}
	jobs := make(chan *csvJob, rd.workers)
	var inflight sync.WaitGroup
	var wg sync.WaitGroup
	for range rd.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range jobs {
				rd.parseJob(cols, jb)
				if jb.release != nil {
					jb.release()
				}
				inflight.Done()
			}
		}()
	}
	var outs []*jobOut
	row, line := 0, rd.line0
	dispatch := func(b []byte, rows, lines int, release func()) {
		if row+rows > capRows {
			inflight.Wait()
			if capRows == 0 && firstPass {
				est := rows + 1024
				if total := rd.totalBytes(); total > 0 && len(b) > 0 {
					est = int(float64(rows)*float64(total)/float64(len(b))*1.05) + 1024
				}
				grow(max(est, row+rows))
			} else {
				grow(row + rows)
			}
		}
		o := &jobOut{row0: row, nrows: rows, esc: make([]uint8, rd.ncols)}
		outs = append(outs, o)
		inflight.Add(1)
		jobs <- &csvJob{b: b, release: release, row0: row, line0: line, out: o}
		row += rows
		line += lines
	}
	err := rd.produce(dispatch)
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, 0, err
	}
	for _, o := range outs {
		if o.err != nil {
			return nil, 0, o.err
		}
	}
	row = compact(cols, outs)
	for j, m := range cols.mode {
		switch m {
		case sinkInt:
			cols.i[j] = cols.i[j][:row]
		case sinkFloat:
			cols.f[j] = cols.f[j][:row]
		case sinkStr:
			cols.codes[j] = cols.codes[j][:row]
		}
	}
	return outs, row, nil
}

// growSlice returns s with room for n elements. A first allocation is a
// plain make: Go's make-and-copy clears the whole new slice itself, while
// a plain make of fresh memory leaves the pages to be faulted in by the
// parsing workers, in parallel.
func growSlice[T any](s []T, n int) []T {
	if len(s) == 0 {
		return make([]T, n)
	}
	out := make([]T, n)
	copy(out, s)
	return out
}

func (rd *csvRead) totalBytes() int {
	if rd.mem != nil {
		return len(rd.mem)
	}
	return int(rd.size - rd.bodyOff)
}

// produce cuts the body into blocks of whole records and dispatches them.
func (rd *csvRead) produce(dispatch func(b []byte, rows, lines int, release func())) error {
	if rd.mem != nil {
		pos := 0
		for pos < len(rd.mem) {
			size := rd.block
			for {
				lim := min(len(rd.mem), pos+size)
				eof := lim == len(rd.mem)
				end, rows, lines := recordBounds(rd.mem[pos:lim], eof)
				if end == 0 && !eof {
					size *= 2
					continue
				}
				dispatch(rd.mem[pos:pos+end], rows, lines, nil)
				pos += end
				break
			}
		}
		return nil
	}
	pool := make(chan []byte, 2*rd.workers+2) // held by the producer, the queue and the workers
	for range cap(pool) {
		pool <- nil
	}
	getBuf := func(n int) []byte {
		b := <-pool
		if cap(b) < n {
			b = make([]byte, n)
		}
		return b[:cap(b)]
	}
	pending := rd.bodyHead
	size := rd.block
	for {
		buf := getBuf(max(size, 2*len(pending)))
		copy(buf, pending)
		n, err := io.ReadFull(rd.hr, buf[len(pending):])
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return fmt.Errorf("frame: reading CSV: %w", err)
		}
		data := buf[:len(pending)+n]
		end, rows, lines := recordBounds(data, eof)
		if end == 0 && !eof { // one record longer than the buffer
			pending = data
			size = 2 * len(data)
			pool <- buf[:0]
			// pending aliases buf; getBuf may return the same buffer, and
			// copy handles the overlap.
			continue
		}
		if end > 0 {
			b := buf
			dispatch(data[:end], rows, lines, func() { pool <- b[:0] })
		} else {
			pool <- buf[:0]
		}
		pending = data[end:]
		if eof {
			return nil
		}
	}
}

// parseJob parses one block into the columns.
func (rd *csvRead) parseJob(cols *csvCols, jb *csvJob) {
	o := jb.out
	ncols := rd.ncols
	mode := append([]uint8(nil), cols.mode...)
	var local map[int][]float64
	var dicts []map[string]int32
	var dictList [][]string
	for j, m := range mode {
		if m == sinkStr {
			if dicts == nil {
				dicts = make([]map[string]int32, ncols)
				dictList = make([][]string, ncols)
			}
			dicts[j] = map[string]int32{}
		}
	}
	t := &tokenizer{b: jb.b, delim: rd.delim, line: jb.line0}
	b, delim := jb.b, rd.delim
	r := jb.row0
	fail := func(line int, format string, args ...any) {
		o.err = &Error{Row: r + 1, Err: ErrParse, Msg: fmt.Sprintf("line %d (data row %d): ", line, r+1) + fmt.Sprintf(format, args...)}
		o.errLine = line
	}
	dc := rd.opt.DecimalComma
	last := ncols - 1
	for t.skipBlank() {
		line := t.line
		for j := 0; j < ncols; j++ {
			m := mode[j]
			// The hot path: a plain number where a number is expected.
			if m <= sinkFloat && !dc {
				kind, iv, fv, next, end, nl, ok := scanNumber(b, t.pos, delim)
				if ok && (end == endDelim) == (j < last) && (m == sinkFloat || kind == cellInt) {
					t.pos = next
					if nl {
						t.line++
					}
					if m == sinkFloat {
						cols.f[j][r] = fv
					} else {
						cols.i[j][r] = iv
					}
					continue
				}
			}
			fld, end, err := t.field()
			if err != nil {
				o.err = &Error{Row: r + 1, Err: ErrParse, Msg: err.Error()}
				return
			}
			if end == endRecord && j < last {
				fail(line, "has %s; the header has %d", plural(j+1, "field", "fields"), ncols)
				o.err.(*Error).Hint = "check the delimiter (" + delimName(rd.delim) + ") and quotes on that line"
				return
			}
			if end == endDelim && j == last {
				more, _ := t.skipRecord()
				fail(line, "has %d fields; the header has %d", ncols+more, ncols)
				o.err.(*Error).Hint = "check the delimiter (" + delimName(rd.delim) + ") and quotes on that line, or name the extra columns in the header"
				return
			}
			if m == sinkSkip {
				continue
			}
			if m == sinkStr {
				if isMissingBytes(fld) {
					cols.codes[j][r] = -1
					continue
				}
				fld = trimBytes(fld)
				d := dicts[j]
				k, ok := d[unsafe.String(unsafe.SliceData(fld), len(fld))]
				if !ok {
					k = int32(len(dictList[j]))
					s := string(fld)
					d[s] = k
					dictList[j] = append(dictList[j], s)
				}
				cols.codes[j][r] = k
				continue
			}
			var kind cellKind
			var iv int64
			var fv float64
			if dc {
				kind, iv, fv = rd.cell(fld)
			} else {
				kind, iv, fv = parseCell(fld)
			}
			switch kind {
			case cellText:
				o.esc[j] = escString
				mode[j] = sinkSkip
				continue
			case cellOverflow:
				o.err = overflowError(rd.names[j], r+1, string(fld))
				o.err.(*Error).Msg += fmt.Sprintf(" (line %d)", line)
				return
			case cellInf:
				if o.ninf == nil {
					o.ninf, o.firstInf = map[int]int{}, map[int]int{}
				}
				if o.ninf[j] == 0 {
					o.firstInf[j] = line
				}
				o.ninf[j]++
			}
			switch m {
			case sinkFloat:
				if kind == cellMissing {
					fv = nan
				}
				cols.f[j][r] = fv
			case sinkLocalF:
				if kind == cellMissing {
					fv = nan
				}
				local[j][r-jb.row0] = fv
			case sinkInt:
				switch kind {
				case cellInt:
					cols.i[j][r] = iv
				case cellMissing:
					cols.i[j][r] = 0
					if o.intMiss == nil {
						o.intMiss = map[int][]int32{}
					}
					o.intMiss[j] = append(o.intMiss[j], int32(r))
				default: // a float in an Int column: this job keeps floats
					if local == nil {
						local = map[int][]float64{}
					}
					lf := make([]float64, o.nrows)
					for q := jb.row0; q < r; q++ {
						lf[q-jb.row0] = float64(cols.i[j][q])
					}
					for _, q := range o.intMiss[j] {
						lf[int(q)-jb.row0] = nan
					}
					lf[r-jb.row0] = fv
					local[j] = lf
					mode[j] = sinkLocalF
					o.esc[j] = escFloat
				}
			}
		}
		r++
	}
	if got := r - jb.row0; got != o.nrows {
		if got > o.nrows {
			o.err = fmt.Errorf("frame: internal error: block at row %d has %d records, counted %d", jb.row0+1, got, o.nrows)
		}
		o.gap = o.nrows - got // blank lines the producer counted as rows
		o.nrows = got
	}
	o.localF = local
	if dictList != nil {
		o.dicts = map[int][]string{}
		for j, d := range dictList {
			if dicts[j] != nil {
				o.dicts[j] = d
			}
		}
	}
}
