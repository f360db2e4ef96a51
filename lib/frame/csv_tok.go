package frame

import (
	"bytes"
	"fmt"
)

// tokenizer splits a block of complete records into fields. Records end at
// '\n' (a '\r' before it is dropped); fields are separated by delim and may
// be quoted with '"' (a doubled quote inside is one quote; delimiters and
// line breaks inside quotes are data).
type tokenizer struct {
	b       []byte
	pos     int
	delim   byte
	line    int    // 1-based line of the file at pos
	scratch []byte // unescaped quoted fields
}

// fieldEnd tells what followed a field.
type fieldEnd uint8

const (
	endDelim  fieldEnd = iota // a delimiter: more fields follow
	endRecord                 // '\n' or the end of the block
)

// skipBlank skips empty lines (also "\r\n") and reports whether a record
// follows.
func (t *tokenizer) skipBlank() bool {
	for t.pos < len(t.b) {
		c := t.b[t.pos]
		if c == '\n' {
			t.pos++
			t.line++
			continue
		}
		if c == '\r' && t.pos+1 < len(t.b) && t.b[t.pos+1] == '\n' {
			t.pos += 2
			t.line++
			continue
		}
		return true
	}
	return false
}

// field returns the next field and what ends it. The slice is valid until
// the next call.
func (t *tokenizer) field() ([]byte, fieldEnd, error) {
	b, pos, delim := t.b, t.pos, t.delim
	if pos < len(b) && b[pos] == '"' {
		return t.quoted()
	}
	start := pos
	for pos < len(b) {
		c := b[pos]
		if c == delim {
			t.pos = pos + 1
			return b[start:pos], endDelim, nil
		}
		if c == '\n' {
			t.pos = pos + 1
			t.line++
			end := pos
			if end > start && b[end-1] == '\r' {
				end--
			}
			return b[start:end], endRecord, nil
		}
		pos++
	}
	t.pos = pos
	end := pos
	if end > start && b[end-1] == '\r' {
		end--
	}
	return b[start:end], endRecord, nil
}

// quoted reads a quoted field starting at t.pos.
func (t *tokenizer) quoted() ([]byte, fieldEnd, error) {
	b := t.b
	pos := t.pos + 1
	startLine := t.line
	t.scratch = t.scratch[:0]
	for {
		q := bytes.IndexByte(b[pos:], '"')
		if q < 0 {
			return nil, endRecord, fmt.Errorf("line %d: a quoted field is not closed (no matching '\"' before the end of the file)", startLine)
		}
		seg := b[pos : pos+q]
		t.line += bytes.Count(seg, []byte{'\n'})
		t.scratch = append(t.scratch, seg...)
		pos += q + 1
		if pos < len(b) && b[pos] == '"' { // "" inside quotes
			t.scratch = append(t.scratch, '"')
			pos++
			continue
		}
		break
	}
	// After the closing quote: spaces, then a delimiter or the record's end.
	for pos < len(b) && (b[pos] == ' ' || b[pos] == '\r') {
		pos++
	}
	switch {
	case pos >= len(b):
		t.pos = pos
		return t.scratch, endRecord, nil
	case b[pos] == t.delim:
		t.pos = pos + 1
		return t.scratch, endDelim, nil
	case b[pos] == '\n':
		t.pos = pos + 1
		t.line++
		return t.scratch, endRecord, nil
	}
	return nil, endRecord, fmt.Errorf("line %d: text %q after the closing quote of a field; quote the whole field", t.line, clip(b[pos:], 10))
}

// skipRecord moves past the rest of the current record and returns how many
// more fields it had.
func (t *tokenizer) skipRecord() (int, error) {
	n := 0
	for {
		_, end, err := t.field()
		if err != nil {
			return n, err
		}
		n++
		if end == endRecord {
			return n, nil
		}
	}
}

func clip(b []byte, n int) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// recordBounds scans b (starting at a record boundary, outside quotes) and
// returns the end of its last complete record, how many non-blank records
// and lines end before it. When eof, trailing bytes form a last record.
func recordBounds(b []byte, eof bool) (end, rows, lines int) {
	if bytes.IndexByte(b, '"') < 0 {
		end = bytes.LastIndexByte(b, '\n') + 1
		if eof {
			end = len(b)
		}
		body := b[:end]
		lines = bytes.Count(body, []byte{'\n'})
		rows = lines
		if end > 0 && body[end-1] != '\n' {
			rows++ // last record without a newline
		}
		// Blank lines are counted as rows here; the workers find them and
		// the gaps are closed afterwards (compact).
		return end, rows, lines
	}
	inq := false
	recStart := 0
	blank := true
	for i, c := range b {
		switch {
		case c == '"':
			inq = !inq
			blank = false
		case c == '\n':
			lines++
			if inq {
				continue
			}
			if !blank {
				rows++
			}
			end, recStart, blank = i+1, i+1, true
		case c != '\r':
			blank = false
		}
	}
	if eof && recStart < len(b) {
		if !blank {
			rows++
		}
		end = len(b)
	}
	return end, rows, lines
}
