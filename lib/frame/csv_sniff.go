package frame

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// CSVOptions configure ReadCSVWith. The zero value detects everything.
type CSVOptions struct {
	// Delimiter is the field separator; 0 detects it among ',' ';' '\t' and
	// '|' from the first lines (Stata import delimited's delimiters()).
	Delimiter byte
	// Encoding is "" (detect: UTF-8, UTF-8 with a byte-order mark, UTF-16
	// with a byte-order mark, else GB18030), "utf-8", "gb18030" (or "gbk",
	// its subset; Chinese yearbook files), or "utf-16" (Stata encoding()).
	Encoding string
	// DecimalComma reads "1,5" as 1.5 (a ';' or tab-delimited file from a
	// European locale; Stata import delimited's decimalseparator(,)).
	DecimalComma bool
	// Workers is the number of parsing goroutines (0: GOMAXPROCS).
	Workers int
	// BlockSize is the size of the chunks parsed in parallel (0: 8 MiB).
	BlockSize int
}

// ReadInfo says how a file was read (also in the frame's Notes).
type ReadInfo struct {
	Delimiter  byte
	Encoding   string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "GB18030"
	LineEnding string // "LF", "CRLF" or "CR"
	Rows, Cols int
	Hash       uint64 // xxhash64 of the file's bytes
	Size       int64  // bytes read
	Notes      []string
}

func delimName(d byte) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "pipe"
	}
	return fmt.Sprintf("%q", d)
}

// sniffEncoding looks at the first bytes: a byte-order mark, or invalid
// UTF-8 (then GB18030). It returns the decoder to apply (nil: none), the
// number of BOM bytes to skip and the encoding's name.
func sniffEncoding(head []byte, want string, complete bool) (encoding.Encoding, int, string, error) {
	switch want {
	case "":
	case "utf-8", "utf8", "UTF-8":
		if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
			return nil, 3, "UTF-8 with BOM", nil
		}
		return nil, 0, "UTF-8", nil
	case "gb18030", "GB18030", "gbk", "GBK", "gb2312", "GB2312":
		return simplifiedchinese.GB18030, 0, "GB18030", nil
	case "utf-16", "UTF-16", "utf-16le", "UTF-16LE":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), 0, "UTF-16LE", nil
	case "utf-16be", "UTF-16BE":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), 0, "UTF-16BE", nil
	default:
		return nil, 0, "", argErr("encoding %q is not supported; use utf-8, gb18030 or utf-16", want)
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return nil, 3, "UTF-8 with BOM", nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), 0, "UTF-16LE", nil
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), 0, "UTF-16BE", nil
	}
	if validUTF8Prefix(head, complete) {
		return nil, 0, "UTF-8", nil
	}
	return simplifiedchinese.GB18030, 0, "GB18030", nil
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut at the end of an
// incomplete head.
func validUTF8Prefix(b []byte, complete bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if complete {
		return false
	}
	for k := 1; k <= 3 && k <= len(b); k++ {
		if utf8.Valid(b[:len(b)-k]) {
			return true
		}
	}
	return false
}

// decodeAll converts the whole input to UTF-8.
func decodeAll(enc encoding.Encoding, r io.Reader) ([]byte, error) {
	return io.ReadAll(transform.NewReader(r, enc.NewDecoder()))
}

// sniffDelimiter picks the delimiter that splits the first lines (outside
// quotes) into the same number of fields, preferring more fields; a file
// with a single column has none, and gets ','.
func sniffDelimiter(head []byte) byte {
	cands := []byte{',', ';', '\t', '|'}
	var counts [4][]int
	line := [4]int{}
	inq := false
	nlines := 0
	for i := 0; i < len(head) && nlines < 50; i++ {
		c := head[i]
		if c == '"' {
			inq = !inq
			continue
		}
		if inq {
			continue
		}
		if c == '\n' {
			for k := range cands {
				counts[k] = append(counts[k], line[k])
				line[k] = 0
			}
			nlines++
			continue
		}
		for k, d := range cands {
			if c == d {
				line[k]++
			}
		}
	}
	if nlines == 0 { // one (unterminated) line: the header alone
		for k := range cands {
			counts[k] = append(counts[k], line[k])
		}
	}
	best, bestN := byte(','), 0
	for k, d := range cands {
		cs := counts[k]
		if len(cs) == 0 || cs[0] == 0 {
			continue
		}
		consistent := true
		for _, n := range cs {
			if n != cs[0] {
				consistent = false
				break
			}
		}
		if consistent && cs[0] > bestN {
			best, bestN = d, cs[0]
		}
	}
	if bestN > 0 {
		return best
	}
	// No delimiter splits every line alike (ragged rows): the most common
	// one in the header, so the error names the bad row.
	for k, d := range cands {
		if len(counts[k]) > 0 && counts[k][0] > bestN {
			best, bestN = d, counts[k][0]
		}
	}
	return best
}

// lineEnding names the line ending of the first line.
func lineEnding(head []byte) string {
	i := bytes.IndexAny(head, "\r\n")
	switch {
	case i < 0:
		return "LF"
	case head[i] == '\n':
		return "LF"
	case i+1 < len(head) && head[i+1] == '\n':
		return "CRLF"
	case i+1 == len(head):
		return "LF" // undecided at the end of the head; CR alone is handled when whole
	}
	return "CR"
}
