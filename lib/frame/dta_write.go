package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"time"
	"unicode"
	"unicode/utf8"
)

// WriteDTA writes the frame as a Stata .dta file in format 118 (Stata 14
// and later, UTF-8): Float columns as double, Int columns as the smallest
// of byte, int and long that holds them (double beyond long's range),
// String columns as str# (strL beyond 2,045 bytes), missing values as
// Stata's . (and "" for text), with variable labels and value labels.
// Column names must be Stata names (letters, digits and _, not starting
// with a digit, at most 32 characters); the error names the first that is
// not.
func (f *Frame) WriteDTA(path string) error { return writeFile(path, f.WriteDTATo) }

// validStataName reports whether s can be a Stata variable name.
func validStataName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 32 {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// WriteDTATo writes the frame as .dta format 118 to w (see WriteDTA).
func (f *Frame) WriteDTATo(w io.Writer) error {
	k := len(f.cols)
	if k > 32767 {
		return argErr("a .dta file of format 118 holds at most 32,767 variables, the frame has %d", k)
	}
	for _, c := range f.cols {
		if !validStataName(c.name) {
			return &Error{Column: c.name, Err: ErrBadName, Msg: fmt.Sprintf("%q is not a valid Stata variable name", c.name),
				Hint: "rename it: letters, digits and _ only, not starting with a digit, at most 32 characters"}
		}
	}
	le := binary.LittleEndian
	var b bytes.Buffer
	put16 := func(x int) { b.Write(le.AppendUint16(nil, uint16(x))) }
	put32 := func(x int) { b.Write(le.AppendUint32(nil, uint32(x))) }
	put64 := func(x uint64) { b.Write(le.AppendUint64(nil, x)) }
	fixed := func(s string, n int) {
		bs := []byte(s)
		if len(bs) > n-1 {
			bs = bs[:n-1]
			for len(bs) > 0 && !utf8.Valid(bs) {
				bs = bs[:len(bs)-1]
			}
		}
		b.Write(bs)
		b.Write(make([]byte, n-len(bs)))
	}
	var offs [14]int
	b.WriteString("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>")
	put16(k)
	b.WriteString("</K><N>")
	put64(uint64(f.n))
	b.WriteString("</N><label>")
	put16(0)
	b.WriteString("</label><timestamp>")
	ts := time.Now().Format("02 Jan 2006 15:04")
	b.WriteByte(byte(len(ts)))
	b.WriteString(ts)
	b.WriteString("</timestamp></header>")
	offs[1] = b.Len()
	b.WriteString("<map>")
	mapPos := b.Len()
	for range 14 {
		put64(0)
	}
	b.WriteString("</map>")
	// Storage types.
	types := make([]int, k)
	for j, c := range f.cols {
		types[j] = dtaType(c)
	}
	offs[2] = b.Len()
	b.WriteString("<variable_types>")
	for _, t := range types {
		put16(t)
	}
	b.WriteString("</variable_types>")
	offs[3] = b.Len()
	b.WriteString("<varnames>")
	for _, c := range f.cols {
		fixed(c.name, 129)
	}
	b.WriteString("</varnames>")
	offs[4] = b.Len()
	b.WriteString("<sortlist>")
	b.Write(make([]byte, 2*(k+1)))
	b.WriteString("</sortlist>")
	offs[5] = b.Len()
	b.WriteString("<formats>")
	for j := range f.cols {
		switch t := types[j]; {
		case t == dtaDouble || t == dtaFloat:
			fixed("%10.0g", 57)
		case t == dtaByte || t == dtaInt || t == dtaLong:
			fixed("%8.0g", 57)
		case t == dtaStrL:
			fixed("%9s", 57)
		default:
			fixed(fmt.Sprintf("%%%ds", max(t, 1)), 57)
		}
	}
	b.WriteString("</formats>")
	offs[6] = b.Len()
	b.WriteString("<value_label_names>")
	labsets := map[string]map[int64]string{}
	for _, c := range f.cols {
		name := ""
		if c.vlab != nil && c.kind == Int {
			name = c.vlabName
			if !validStataName(name) {
				name = c.name
			}
			labsets[name] = c.vlab
		}
		fixed(name, 129)
	}
	b.WriteString("</value_label_names>")
	offs[7] = b.Len()
	b.WriteString("<variable_labels>")
	for _, c := range f.cols {
		fixed(c.label, 321)
	}
	b.WriteString("</variable_labels>")
	offs[8] = b.Len()
	b.WriteString("<characteristics></characteristics>")
	offs[9] = b.Len()
	b.WriteString("<data>")
	type gso struct {
		v, o int
		s    string
	}
	var strls []gso
	for r := range f.n {
		for j, c := range f.cols {
			switch t := types[j]; t {
			case dtaByte:
				v := int64(101)
				if !c.IsMissing(r) {
					v = c.i[r]
				}
				b.WriteByte(byte(int8(v)))
			case dtaInt:
				v := int64(32741)
				if !c.IsMissing(r) {
					v = c.i[r]
				}
				put16(int(uint16(int16(v))))
			case dtaLong:
				v := int64(2147483621)
				if !c.IsMissing(r) {
					v = c.i[r]
				}
				put32(int(uint32(int32(v))))
			case dtaDouble:
				v := c.Value(r)
				if v != v {
					put64(0x7fe0000000000000)
				} else {
					put64(math.Float64bits(v))
				}
			case dtaStrL:
				s := c.Text(r)
				if s == "" {
					put64(0)
					continue
				}
				strls = append(strls, gso{j + 1, r + 1, s})
				// v (2 bytes), o (6 bytes)
				put16(j + 1)
				o := uint64(r + 1)
				b.Write(le.AppendUint32(nil, uint32(o)))
				b.Write(le.AppendUint16(nil, uint16(o>>32)))
			default:
				fixed(c.Text(r), t+1)
				b.Truncate(b.Len() - 1) // str# has no terminator when full
			}
		}
	}
	b.WriteString("</data>")
	offs[10] = b.Len()
	b.WriteString("<strls>")
	for _, g := range strls {
		b.WriteString("GSO")
		put32(g.v)
		put64(uint64(g.o))
		b.WriteByte(129)
		put32(len(g.s))
		b.WriteString(g.s)
	}
	b.WriteString("</strls>")
	offs[11] = b.Len()
	b.WriteString("<value_labels>")
	names := make([]string, 0, len(labsets))
	for n := range labsets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		lab := labsets[name]
		vals := make([]int64, 0, len(lab))
		for v := range lab {
			vals = append(vals, v)
		}
		sort.Slice(vals, func(a, c int) bool { return vals[a] < vals[c] })
		var txt []byte
		offsets := make([]int, len(vals))
		for i, v := range vals {
			offsets[i] = len(txt)
			txt = append(txt, lab[v]...)
			txt = append(txt, 0)
		}
		b.WriteString("<lbl>")
		put32(8 + 8*len(vals) + len(txt))
		fixed(name, 129)
		b.Write(make([]byte, 3))
		put32(len(vals))
		put32(len(txt))
		for _, o := range offsets {
			put32(o)
		}
		for _, v := range vals {
			put32(int(uint32(int32(v))))
		}
		b.Write(txt)
		b.WriteString("</lbl>")
	}
	b.WriteString("</value_labels>")
	offs[12] = b.Len()
	b.WriteString("</stata_dta>")
	offs[13] = b.Len()
	out := b.Bytes()
	for i, o := range offs {
		le.PutUint64(out[mapPos+8*i:], uint64(o))
	}
	_, err := w.Write(out)
	return err
}

// dtaType picks the .dta storage type of a column.
func dtaType(c *Column) int {
	switch c.kind {
	case Float:
		return dtaDouble
	case Int:
		lo, hi := int64(0), int64(0)
		for r, v := range c.i {
			if c.validAt(r) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		switch {
		case lo >= -127 && hi <= 100:
			return dtaByte
		case lo >= -32767 && hi <= 32740:
			return dtaInt
		case lo >= -2147483647 && hi <= 2147483620:
			return dtaLong
		}
		return dtaDouble
	}
	w := 1
	for _, s := range c.dict {
		w = max(w, len(s))
	}
	if w > 2045 {
		return dtaStrL
	}
	return w
}
