package expr

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/econb/econb/lib/panel"
)

// The evaluator runs a program chunk by chunk: every operation over rows
// [lo, lo+chunk) before the next chunk, so that the intermediate results
// (one buffer of chunk floats per register) stay in the processor's cache.
// Rows are split in contiguous blocks among up to GOMAXPROCS workers.
const (
	chunk       = 1024
	parallelMin = 1 << 16 // rows per worker below which one worker does all
)

// program is a compiled expression over one chunk: straight-line code
// writing registers (numeric and string registers share one numbering).
type program struct {
	code  []func(w *worker, lo, hi int)
	nreg  int
	isStr []bool
	knum  []konst
	kstr  []skonst
	views map[int]bool // registers that point into a source column
	last  int          // the register the last instruction writes
	out   int
	typ   Type
}

type konst struct {
	reg int
	v   float64
}

type skonst struct {
	reg int
	v   string
}

func (p *program) newNum() int {
	p.isStr = append(p.isStr, false)
	p.nreg++
	return p.nreg - 1
}

func (p *program) newStr() int {
	p.isStr = append(p.isStr, true)
	p.nreg++
	return p.nreg - 1
}

func (p *program) emit(r int, f func(w *worker, lo, hi int)) {
	p.code = append(p.code, f)
	p.last = r
}

func (p *program) view(r int, f func(w *worker, lo, hi int)) {
	p.emit(r, f)
	if p.views == nil {
		p.views = map[int]bool{}
	}
	p.views[r] = true
}

// exec is the state of one run.
type exec struct {
	n       int
	missing int         // missing values of the last program run (without a mask)
	cols    [][]float64 // outputs of the stages
	mask    []bool
	notes   []noteAcc
}

type noteAcc struct {
	rows, first int
	args        []float64
}

// worker evaluates a block of rows of one program.
type worker struct {
	x       *exec
	p       *program
	num     [][]float64 // the current chunk of each numeric register
	str     [][]string
	nbuf    [][]float64 // the buffers the registers are computed into
	sbuf    [][]string
	outNum  []float64
	outStr  []string
	notes   []noteAcc
	missing int // missing values written (without a mask)
}

// dst returns the buffer register r is computed into for rows [lo, hi):
// the output column itself for the output register.
func (w *worker) dst(r, lo, hi int) []float64 {
	if r == w.p.out {
		return w.outNum[lo:hi]
	}
	return w.nbuf[r][:hi-lo]
}

func (w *worker) sdst(r, lo, hi int) []string {
	if r == w.p.out {
		return w.outStr[lo:hi]
	}
	return w.sbuf[r][:hi-lo]
}

// note counts the rows of a chunk where an operation made a missing value
// of non-missing operands (and records the first, with its operands).
func (w *worker) note(k, lo int, d []float64, ins ...[]float64) {
	acc := &w.notes[k]
rows:
	for i, v := range d {
		if v == v || w.x.mask != nil && !w.x.mask[lo+i] {
			continue
		}
		for _, in := range ins {
			if in[i] != in[i] {
				continue rows
			}
		}
		if acc.rows == 0 {
			acc.first = lo + i
			for _, in := range ins {
				acc.args = append(acc.args, in[i])
			}
		}
		acc.rows++
	}
}

var bufPool = sync.Pool{New: func() any { return new([]float64) }}

// run evaluates p over all rows and returns its output column.
func (x *exec) run(p *program) ([]float64, []string) {
	n := x.n
	var outNum []float64
	var outStr []string
	if p.typ == String {
		outStr = make([]string, n)
	} else {
		outNum = make([]float64, n)
	}
	workers := 1
	if n >= 2*parallelMin {
		workers = min(runtime.GOMAXPROCS(0), n/parallelMin)
	}
	per := ((n+workers-1)/workers + chunk - 1) / chunk * chunk
	ws := make([]*worker, 0, workers)
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += per {
		hi := min(n, lo+per)
		w := &worker{x: x, p: p, outNum: outNum, outStr: outStr, notes: make([]noteAcc, len(x.notes))}
		ws = append(ws, w)
		if workers == 1 {
			w.block(lo, hi)
			continue
		}
		wg.Go(func() { w.block(lo, hi) })
	}
	wg.Wait()
	x.missing = 0
	for _, w := range ws {
		x.missing += w.missing
	}
	for _, w := range ws { // in row order: the first worker with a note has its first row
		for k, a := range w.notes {
			acc := &x.notes[k]
			if a.rows > 0 && acc.rows == 0 {
				acc.first, acc.args = a.first, a.args
			}
			acc.rows += a.rows
		}
	}
	return outNum, outStr
}

// block evaluates rows [lo, hi) chunk by chunk.
func (w *worker) block(lo, hi int) {
	p := w.p
	w.num = make([][]float64, p.nreg)
	w.nbuf = make([][]float64, p.nreg)
	w.str = make([][]string, p.nreg)
	w.sbuf = make([][]string, p.nreg)
	pooled := bufPool.Get().(*[]float64)
	if cap(*pooled) < p.nreg*chunk {
		*pooled = make([]float64, p.nreg*chunk)
	}
	buf := (*pooled)[:p.nreg*chunk]
	for r := range p.nreg {
		if p.isStr[r] {
			w.sbuf[r] = make([]string, chunk)
		} else if !p.views[r] {
			w.nbuf[r] = buf[r*chunk : (r+1)*chunk : (r+1)*chunk]
		}
	}
	for _, k := range p.knum {
		fill(w.nbuf[k.reg], k.v)
	}
	for _, k := range p.kstr {
		for i := range w.sbuf[k.reg] {
			w.sbuf[k.reg][i] = k.v
		}
	}
	for c := lo; c < hi; c += chunk {
		e := min(hi, c+chunk)
		for _, k := range p.knum {
			w.num[k.reg] = w.nbuf[k.reg][:e-c]
		}
		for _, k := range p.kstr {
			w.str[k.reg] = w.sbuf[k.reg][:e-c]
		}
		for _, f := range p.code {
			f(w, c, e)
		}
		if w.x.mask == nil { // count the missing values while the chunk is in cache
			if w.outNum != nil {
				for _, v := range w.outNum[c:e] {
					if v != v {
						w.missing++
					}
				}
			} else {
				for _, s := range w.outStr[c:e] {
					if s == "" {
						w.missing++
					}
				}
			}
		}
	}
	bufPool.Put(pooled)
}

func fill(x []float64, v float64) {
	for i := range x {
		x[i] = v
	}
}

// Column is the value of an expression on every row.
type Column struct {
	Type    Type
	Num     []float64 // Numeric: NaN = missing
	Str     []string  // String: "" = missing
	Missing int       // rows where the value is missing
	Notes   []Note    // operations that made missing values of non-missing operands
}

// Codes returns a String column dictionary-coded: codes index dict in order
// of first appearance, -1 for missing.
func (c *Column) Codes() (codes []int32, dict []string) { return Encode(c.Str) }

// Note reports an operation that turned non-missing operands into a
// missing value on some rows, as Stata does silently (log of 0, division
// by 0): the verb that stores the column prints Stata's "(N missing values
// generated)" from Column.Missing, and can add these to say why.
type Note struct {
	Node   Node      // the operation: a *Binary or a *Call
	Reason string    // "division by zero", "log of a non-positive value", …
	Rows   int       // rows where it happened
	First  int       // the first such row, 0-based
	Args   []float64 // the numeric operands on that row
}

// String reads like "ln(x): log of a non-positive value on 3 rows (first: row 2)".
func (n Note) String() string {
	return fmt.Sprintf("%s: %s on %d %s (first: row %d)", n.Node, n.Reason, n.Rows, plural(n.Rows, "row", "rows"), n.First+1)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Run evaluates the program on every row of its source.
func (p *Program) Run() *Column { return p.RunMask(nil) }

// RunMask evaluates the program where mask is true (Stata's "if exp"); the
// value is missing elsewhere, and notes count only rows of the mask. A nil
// mask selects every row.
func (p *Program) RunMask(mask []bool) *Column {
	if mask != nil && len(mask) != p.rows {
		panic(fmt.Sprintf("expr: RunMask: mask of %d rows for %d", len(mask), p.rows))
	}
	x := &exec{n: p.rows, cols: make([][]float64, len(p.stages)), mask: mask, notes: make([]noteAcc, len(p.notes))}
	for i, st := range p.stages {
		x.cols[i], _ = x.run(st)
	}
	num, str := x.run(p.main)
	out := &Column{Type: p.typ, Num: num, Str: str, Missing: x.missing}
	switch {
	case mask == nil:
	case p.typ == String:
		for i := range str {
			if !mask[i] {
				str[i] = ""
			}
			if str[i] == "" {
				out.Missing++
			}
		}
	default:
		for i, v := range num {
			if !mask[i] {
				num[i] = nan
				v = nan
			}
			if v != v {
				out.Missing++
			}
		}
	}
	for k, a := range x.notes {
		if a.rows > 0 {
			out.Notes = append(out.Notes, Note{Node: p.notes[k].node, Reason: p.notes[k].reason, Rows: a.rows, First: a.first, Args: a.args})
		}
	}
	return out
}

// Eval parses text and evaluates it on every row of s.
func Eval(s Source, text string) (*Column, error) {
	n, err := Parse(text)
	if err != nil {
		return nil, err
	}
	p, err := Compile(n, s, Options{Src: text})
	if err != nil {
		return nil, err
	}
	return p.Run(), nil
}

// Value is one value: a number (NaN for missing) or a string.
type Value struct {
	Type Type
	Num  float64
	Str  string
}

// String prints the value as Stata's display does for missing ("."), and
// numbers in the canonical form.
func (v Value) String() string {
	if v.Type == String {
		return v.Str
	}
	if v.Num != v.Num {
		return "."
	}
	return FormatNumber(v.Num)
}

// Constant evaluates an expression that reads no column, as Stata's
// display does: Constant("2+2") is 4, Constant("1/0") is missing.
func Constant(text string) (Value, error) {
	n, err := Parse(text)
	if err != nil {
		return Value{}, err
	}
	p, err := Compile(n, noColumns{}, Options{Src: text})
	if err != nil {
		var e *Error
		if asError(err, &e) && e.Err == ErrUnknownColumn {
			e.Hint = strings.TrimPrefix(e.Hint+"; ", "; ") + "a constant expression reads no column"
		}
		return Value{}, err
	}
	col := p.Run()
	if col.Type == String {
		return Value{Type: String, Str: col.Str[0]}, nil
	}
	return Value{Type: Numeric, Num: col.Num[0]}, nil
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

// noColumns is the one-row source of Constant.
type noColumns struct{}

func (noColumns) Len() int                              { return 1 }
func (noColumns) Names() []string                       { return nil }
func (noColumns) Numeric(string) ([]float64, bool)      { return nil, false }
func (noColumns) Text(string) ([]int32, []string, bool) { return nil, nil, false }
func (noColumns) Panel() *panel.Index                   { return nil }
