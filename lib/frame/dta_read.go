package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/encoding/charmap"
)

// DTAOptions configure ReadDTAWith.
type DTAOptions struct {
	// LabelsAsText turns each numeric column with value labels into a text
	// column of its labels (values without a label keep their number as
	// text), as pandas' convert_categoricals or Stata's decode do. By
	// default the column stays numeric with its labels attached (see
	// Column.ValueLabels).
	LabelsAsText bool
}

// ReadDTA reads a Stata .dta file (formats 113 to 115, written by Stata 8
// to 12, and 117 to 119, Stata 13 to 18) with its variable labels and value
// labels. byte, int and long variables become Int columns, float and double
// Float columns (a float is widened exactly), str# and strL String columns;
// Stata's missing values (. and .a to .z) are missing, and so is the empty
// string. Text in formats before 118 is read as Windows-1252 (Latin-1),
// from 118 on as UTF-8.
func ReadDTA(path string) (*Frame, error) { return ReadDTAWith(path, DTAOptions{}) }

// ReadDTAWith is ReadDTA with options.
func ReadDTAWith(path string, opt DTAOptions) (*Frame, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	f, err := readDTA(b, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// ReadDTAFrom reads a .dta file from r (see ReadDTA).
func ReadDTAFrom(r io.Reader, opt DTAOptions) (*Frame, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	return readDTA(b, opt)
}

// dtaVar is one variable of a .dta file.
type dtaVar struct {
	name, label, vlabName string
	typ                   int // 117+ type code (old codes are translated)
}

// Type codes of formats 117+.
const (
	dtaStrL   = 32768
	dtaDouble = 65526
	dtaFloat  = 65527
	dtaLong   = 65528
	dtaInt    = 65529
	dtaByte   = 65530
)

type dtaReader struct {
	b         []byte
	pos       int
	bo        binary.ByteOrder
	release   int
	err       error
	dataStart int
}

func (d *dtaReader) fail(format string, args ...any) {
	if d.err == nil {
		d.err = &Error{Err: ErrParse, Msg: fmt.Sprintf("reading .dta (format %d) at byte %d: ", d.release, d.pos) + fmt.Sprintf(format, args...)}
	}
}

func (d *dtaReader) bytes(n int) []byte {
	if d.err != nil || n < 0 || d.pos+n > len(d.b) {
		d.fail("the file ends early")
		return make([]byte, max(n, 0))
	}
	out := d.b[d.pos : d.pos+n]
	d.pos += n
	return out
}

func (d *dtaReader) u8() int  { return int(d.bytes(1)[0]) }
func (d *dtaReader) u16() int { return int(d.bo.Uint16(d.bytes(2))) }
func (d *dtaReader) u32() int { return int(d.bo.Uint32(d.bytes(4))) }
func (d *dtaReader) u64() int { return int(d.bo.Uint64(d.bytes(8))) }
func (d *dtaReader) tag(t string) {
	if got := d.bytes(len(t)); d.err == nil && string(got) != t {
		d.fail("expected %s, found %q", t, clip(got, 20))
	}
}

// cstr is a fixed-width, NUL-terminated text field.
func (d *dtaReader) cstr(n int) string { return d.text(cut0(d.bytes(n))) }

func cut0(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// text decodes bytes of the file's encoding.
func (d *dtaReader) text(b []byte) string {
	if d.release >= 118 || utf8.Valid(b) && isASCII(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return string(b)
	}
	return string(s)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func readDTA(b []byte, opt DTAOptions) (*Frame, error) {
	d := &dtaReader{b: b}
	if len(b) < 2 {
		return nil, &Error{Err: ErrParse, Msg: "not a Stata .dta file (too short)"}
	}
	var vars []dtaVar
	var n int
	var dataLabel string
	var strls map[[2]uint64]string
	var vlabs map[string]map[int64]string
	if b[0] == '<' {
		vars, n, dataLabel, strls, vlabs = d.readNew()
	} else {
		vars, n, dataLabel, vlabs = d.readOld()
	}
	if d.err != nil {
		return nil, d.err
	}
	f, err := d.data(vars, n, strls, vlabs, opt)
	if err != nil {
		return nil, err
	}
	f.key = SourceKey("dta", xxhash.Sum64(b), int64(len(b)), fmt.Sprintf("%+v", opt))
	note := fmt.Sprintf("(Stata .dta format %d: %s vars, %s obs)", d.release, commas(len(vars)), commas(n))
	if dataLabel != "" {
		note = fmt.Sprintf("(Stata .dta format %d: %s vars, %s obs; data label %q)", d.release, commas(len(vars)), commas(n), dataLabel)
	}
	f.notes = append([]string{note}, f.notes...)
	return f, nil
}

// readOld reads the header and descriptors of formats 113 to 115.
func (d *dtaReader) readOld() ([]dtaVar, int, string, map[string]map[int64]string) {
	d.release = int(d.b[0])
	if d.release < 113 || d.release > 115 {
		d.fail("format %d is not supported (113, 114, 115, 117, 118 and 119 are); resave the file with a newer Stata", d.release)
		return nil, 0, "", nil
	}
	d.pos = 1
	switch d.u8() {
	case 1:
		d.bo = binary.BigEndian
	case 2:
		d.bo = binary.LittleEndian
	default:
		d.fail("unknown byte order")
		return nil, 0, "", nil
	}
	d.bytes(2) // filetype, unused
	k := d.u16()
	n := d.u32()
	label := d.cstr(81)
	d.bytes(18) // time stamp
	vars := make([]dtaVar, k)
	for j := range vars {
		t := d.u8()
		switch {
		case t >= 1 && t <= 244:
			vars[j].typ = t
		case t == 251:
			vars[j].typ = dtaByte
		case t == 252:
			vars[j].typ = dtaInt
		case t == 253:
			vars[j].typ = dtaLong
		case t == 254:
			vars[j].typ = dtaFloat
		case t == 255:
			vars[j].typ = dtaDouble
		default:
			d.fail("unknown variable type %d", t)
		}
	}
	for j := range vars {
		vars[j].name = d.cstr(33)
	}
	d.bytes(2 * (k + 1)) // sort list
	fmtLen := 49
	if d.release == 113 {
		fmtLen = 12
	}
	d.bytes(fmtLen * k)
	for j := range vars {
		vars[j].vlabName = d.cstr(33)
	}
	for j := range vars {
		vars[j].label = d.cstr(81)
	}
	for d.err == nil { // expansion fields
		t := d.u8()
		l := d.u32()
		if t == 0 && l == 0 {
			break
		}
		d.bytes(l)
	}
	d.dataStart = d.pos
	// Value labels follow the data.
	rowLen := 0
	for _, v := range vars {
		rowLen += dtaWidth(v.typ, d.release)
	}
	save := d.pos
	d.pos += rowLen * n
	vlabs := map[string]map[int64]string{}
	for d.err == nil && d.pos+4 <= len(d.b) {
		l := d.u32()
		name := d.cstr(33)
		d.bytes(3)
		vlabs[name] = d.labelTable(l)
	}
	d.pos = save
	return vars, n, label, vlabs
}

// labelTable reads a value_label_table of l bytes.
func (d *dtaReader) labelTable(l int) map[int64]string {
	start := d.pos
	m := d.u32()
	txtLen := d.u32()
	off := make([]int, m)
	for i := range off {
		off[i] = d.u32()
	}
	val := make([]int64, m)
	for i := range val {
		val[i] = int64(int32(d.u32()))
	}
	txt := d.bytes(txtLen)
	out := make(map[int64]string, m)
	for i := range m {
		if off[i] < len(txt) {
			out[val[i]] = d.text(cut0(txt[off[i]:]))
		}
	}
	d.pos = start + l
	return out
}

// dtaWidth is the width in bytes of a variable in a data row.
func dtaWidth(typ, release int) int {
	switch typ {
	case dtaByte:
		return 1
	case dtaInt:
		return 2
	case dtaLong, dtaFloat:
		return 4
	case dtaDouble, dtaStrL:
		return 8
	}
	return typ // str#
}

// readNew reads formats 117 to 119 up to the data.
func (d *dtaReader) readNew() ([]dtaVar, int, string, map[[2]uint64]string, map[string]map[int64]string) {
	d.tag("<stata_dta><header><release>")
	rel, err := strconv.Atoi(string(d.bytes(3)))
	if err != nil || rel < 117 || rel > 119 {
		d.fail("unknown release %q", d.b[28:31])
		return nil, 0, "", nil, nil
	}
	d.release = rel
	d.tag("</release><byteorder>")
	switch string(d.bytes(3)) {
	case "MSF":
		d.bo = binary.BigEndian
	case "LSF":
		d.bo = binary.LittleEndian
	default:
		d.fail("unknown byte order")
	}
	d.tag("</byteorder><K>")
	var k int
	if rel == 119 {
		k = d.u32()
	} else {
		k = d.u16()
	}
	d.tag("</K><N>")
	var n int
	if rel == 117 {
		n = d.u32()
	} else {
		n = d.u64()
	}
	d.tag("</N><label>")
	var ll int
	if rel == 117 {
		ll = d.u8()
	} else {
		ll = d.u16()
	}
	label := d.text(d.bytes(ll))
	d.tag("</label><timestamp>")
	d.bytes(d.u8())
	d.tag("</timestamp></header><map>")
	var offs [14]int
	for i := range offs {
		offs[i] = d.u64()
	}
	d.tag("</map><variable_types>")
	vars := make([]dtaVar, k)
	for j := range vars {
		vars[j].typ = d.u16()
	}
	d.tag("</variable_types><varnames>")
	nameLen, fmtLen, labLen := 129, 57, 321
	if rel == 117 {
		nameLen, fmtLen, labLen = 33, 49, 81
	}
	for j := range vars {
		vars[j].name = d.cstr(nameLen)
	}
	d.tag("</varnames><sortlist>")
	if rel == 119 {
		d.bytes(4 * (k + 1))
	} else {
		d.bytes(2 * (k + 1))
	}
	d.tag("</sortlist><formats>")
	d.bytes(fmtLen * k)
	d.tag("</formats><value_label_names>")
	for j := range vars {
		vars[j].vlabName = d.cstr(nameLen)
	}
	d.tag("</value_label_names><variable_labels>")
	for j := range vars {
		vars[j].label = d.cstr(labLen)
	}
	d.tag("</variable_labels>")
	if d.err != nil {
		return nil, 0, "", nil, nil
	}
	// strLs and value labels, by the map's offsets.
	strls := map[[2]uint64]string{}
	d.pos = offs[10]
	d.tag("<strls>")
	for d.err == nil && bytes.HasPrefix(d.b[d.pos:], []byte("GSO")) {
		d.bytes(3)
		v := uint64(d.u32())
		var o uint64
		if rel == 117 {
			o = uint64(d.u32())
		} else {
			o = uint64(d.u64())
		}
		t := d.u8()
		l := d.u32()
		s := d.bytes(l)
		if t == 130 && l > 0 {
			s = s[:l-1] // NUL-terminated text
		}
		strls[[2]uint64{v, o}] = d.text(s)
	}
	vlabs := map[string]map[int64]string{}
	d.pos = offs[11]
	d.tag("<value_labels>")
	for d.err == nil && bytes.HasPrefix(d.b[d.pos:], []byte("<lbl>")) {
		d.bytes(5)
		l := d.u32()
		name := d.cstr(nameLen)
		d.bytes(3)
		vlabs[name] = d.labelTable(l)
		d.tag("</lbl>")
	}
	d.pos = offs[9]
	d.tag("<data>")
	d.dataStart = d.pos
	return vars, n, label, strls, vlabs
}

// data reads the rows into columns.
func (d *dtaReader) data(vars []dtaVar, n int, strls map[[2]uint64]string, vlabs map[string]map[int64]string, opt DTAOptions) (*Frame, error) {
	d.pos = d.dataStart
	rowLen := 0
	offs := make([]int, len(vars))
	for j, v := range vars {
		offs[j] = rowLen
		rowLen += dtaWidth(v.typ, d.release)
	}
	if d.dataStart+rowLen*n > len(d.b) {
		return nil, &Error{Err: ErrParse, Msg: fmt.Sprintf("reading .dta: the data section is cut short (%d rows of %d bytes do not fit)", n, rowLen)}
	}
	rows := d.b[d.dataStart : d.dataStart+rowLen*n]
	f := New(n)
	for j, v := range vars {
		var c *Column
		off := offs[j]
		switch v.typ {
		case dtaByte, dtaInt, dtaLong:
			ints := make([]int64, n)
			valid := make([]bool, n)
			for r := range n {
				p := rows[r*rowLen+off:]
				var x int64
				var ok bool
				switch v.typ {
				case dtaByte:
					x = int64(int8(p[0]))
					ok = x <= 100
				case dtaInt:
					x = int64(int16(d.bo.Uint16(p)))
					ok = x <= 32740
				default:
					x = int64(int32(d.bo.Uint32(p)))
					ok = x <= 2147483620
				}
				if ok {
					ints[r], valid[r] = x, true
				}
			}
			c = NewIntColumn(v.name, ints, valid)
		case dtaFloat, dtaDouble:
			fl := make([]float64, n)
			for r := range n {
				p := rows[r*rowLen+off:]
				var x float64
				if v.typ == dtaFloat {
					x32 := math.Float32frombits(d.bo.Uint32(p))
					x = float64(x32)
					if x >= 0x1p127 { // Stata's float missing values start at 2^127
						x = nan
					}
				} else {
					x = math.Float64frombits(d.bo.Uint64(p))
					if x >= 0x1p1023 { // ... and double ones at 2^1023
						x = nan
					}
				}
				fl[r] = x
			}
			c = NewFloatColumn(v.name, fl)
		case dtaStrL:
			cells := make([]string, n)
			miss := make([]bool, n)
			for r := range n {
				p := rows[r*rowLen+off : r*rowLen+off+8]
				var vv, oo uint64
				switch d.release {
				case 117:
					vv, oo = uint64(d.bo.Uint32(p)), uint64(d.bo.Uint32(p[4:]))
				case 118:
					vv, oo = uint64(d.bo.Uint16(p)), uint48(p[2:], d.bo)
				default:
					vv, oo = uint24(p, d.bo), uint40(p[3:], d.bo)
				}
				cells[r] = strls[[2]uint64{vv, oo}]
				miss[r] = cells[r] == ""
			}
			c = NewStringColumn(v.name, cells, miss)
		default:
			if v.typ < 1 || v.typ > 2045 {
				return nil, &Error{Column: v.name, Err: ErrParse, Msg: fmt.Sprintf("variable %s has the unknown .dta type %d", v.name, v.typ)}
			}
			cells := make([]string, n)
			miss := make([]bool, n)
			for r := range n {
				s := d.text(cut0(rows[r*rowLen+off : r*rowLen+off+v.typ]))
				cells[r], miss[r] = s, s == ""
			}
			c = NewStringColumn(v.name, cells, miss)
		}
		c.label = v.label
		if lab, ok := vlabs[v.vlabName]; ok && v.vlabName != "" && c.IsNumeric() {
			if opt.LabelsAsText {
				cells := make([]string, n)
				miss := c.Missing()
				for r := range n {
					if miss[r] {
						continue
					}
					x := c.Value(r)
					if s, ok := lab[int64(x)]; ok && x == math.Trunc(x) {
						cells[r] = s
					} else {
						cells[r] = c.Text(r)
					}
				}
				label := c.label
				c = NewStringColumn(v.name, cells, miss)
				c.label = label
			} else {
				c.vlab, c.vlabName = lab, v.vlabName
			}
		}
		if err := f.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func uint24(b []byte, bo binary.ByteOrder) uint64 {
	if bo == binary.BigEndian {
		return uint64(b[0])<<16 | uint64(b[1])<<8 | uint64(b[2])
	}
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16
}

func uint40(b []byte, bo binary.ByteOrder) uint64 {
	var x uint64
	for i := range 5 {
		if bo == binary.BigEndian {
			x = x<<8 | uint64(b[i])
		} else {
			x |= uint64(b[i]) << (8 * i)
		}
	}
	return x
}

func uint48(b []byte, bo binary.ByteOrder) uint64 {
	var x uint64
	for i := range 6 {
		if bo == binary.BigEndian {
			x = x<<8 | uint64(b[i])
		} else {
			x |= uint64(b[i]) << (8 * i)
		}
	}
	return x
}
