package frame

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// ReadCSV reads a CSV file with a header row, detecting the delimiter and
// the encoding (see ReadCSVWith).
func ReadCSV(path string) (*Frame, error) {
	f, _, err := ReadCSVWith(path, CSVOptions{})
	return f, err
}

// ReadCSVFrom reads CSV from r (see ReadCSVWith).
func ReadCSVFrom(r io.Reader) (*Frame, error) {
	f, _, err := ReadCSVFromWith(r, CSVOptions{})
	return f, err
}

// ReadCSVWith reads a delimited text file with a header row naming the
// columns (Stata import delimited, pandas read_csv), straight into typed
// columns, in parallel chunks. Each column is Int when every non-missing
// cell is an integer, Float when every one is a number, String otherwise;
// missing cells are those IsMissing accepts. "Inf" and "-Inf" cells are read
// as ±Inf and noted (Stata has no infinity: drop or replace them before
// estimation); a number beyond ±1.8e308 is an error naming its row.
//
// Errors name the line: a row with the wrong number of fields, an empty
// file ("no header row"), an empty or duplicated column name. A column name
// may contain spaces (write it `in backticks` in a formula).
func ReadCSVWith(path string, opt CSVOptions) (*Frame, *ReadInfo, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("frame: %w", err)
	}
	defer fh.Close()
	f, info, err := readCSV(fh, true, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, info, nil
}

// ReadCSVFromWith is ReadCSVWith on a reader (read into memory first).
func ReadCSVFromWith(r io.Reader, opt CSVOptions) (*Frame, *ReadInfo, error) {
	return readCSV(r, false, opt)
}

// csvRead is the state of one read.
type csvRead struct {
	opt      CSVOptions
	delim    byte
	names    []string
	ncols    int
	workers  int
	block    int
	info     *ReadInfo
	hasher   *xxhash.Digest
	mem      []byte   // the body when held in memory
	memAll   []byte   // the raw input when held in memory (for a second reading)
	file     *os.File // the file to stream the body from, else nil
	bodyOff  int64    // offset of the body in the file
	bodyHead []byte   // the part of the body already read from the file
	hr       *hashReader
	size     int64 // the file's size (0 when unknown)
	line0    int   // line of the body's first record
	encAuto  bool  // the encoding was detected as UTF-8, not given
}

// hashReader hashes what is read through it.
type hashReader struct {
	r io.Reader
	h *xxhash.Digest
	n int64
}

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if h.h != nil {
		h.h.Write(p[:n])
	}
	h.n += int64(n)
	return n, err
}

func readCSV(r io.Reader, stream bool, opt CSVOptions) (*Frame, *ReadInfo, error) {
	rd := &csvRead{opt: opt, info: &ReadInfo{}, hasher: xxhash.New()}
	rd.workers = opt.Workers
	if rd.workers <= 0 {
		rd.workers = runtime.GOMAXPROCS(0)
	}
	rd.block = opt.BlockSize
	if rd.block <= 0 {
		rd.block = 4 << 20
	}
	hr := &hashReader{r: r, h: rd.hasher}
	rd.hr = hr
	if fh, ok := r.(*os.File); ok {
		if st, err := fh.Stat(); err == nil {
			rd.size = st.Size()
		}
	}
	head := make([]byte, rd.block)
	n, err := io.ReadFull(hr, head)
	complete := err == io.EOF || err == io.ErrUnexpectedEOF
	if err != nil && !complete {
		return nil, nil, fmt.Errorf("frame: reading CSV: %w", err)
	}
	head = head[:n]
	if len(bytes.TrimSpace(head)) == 0 && complete {
		return nil, nil, &Error{Err: ErrParse, Msg: "empty CSV: no header row", Hint: "the first line must name the columns"}
	}
	enc, bom, encName, err := sniffEncoding(head, opt.Encoding, complete)
	if err != nil {
		return nil, nil, err
	}
	rd.info.Encoding = encName
	rd.encAuto = opt.Encoding == "" && enc == nil
	le := lineEnding(head)
	switch {
	case enc != nil:
		all, err := decodeAll(enc, io.MultiReader(bytes.NewReader(head), hr))
		if err != nil {
			return nil, nil, fmt.Errorf("frame: decoding CSV as %s: %w", encName, err)
		}
		all = bytes.TrimPrefix(all, []byte("\ufeff"))
		rd.mem = all
	case !stream || complete || le == "CR":
		rest, err := io.ReadAll(hr)
		if err != nil {
			return nil, nil, fmt.Errorf("frame: reading CSV: %w", err)
		}
		rd.memAll = append(head, rest...)
		rd.mem = rd.memAll[bom:]
	default:
		rd.file = r.(*os.File)
		rd.bodyHead = head[bom:]
		rd.bodyOff = int64(bom)
	}
	if rd.mem != nil {
		le = lineEnding(rd.mem)
		if le == "CR" {
			rd.mem = bytes.ReplaceAll(bytes.ReplaceAll(rd.mem, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		}
	}
	rd.info.LineEnding = le
	src := rd.mem
	if src == nil {
		src = rd.bodyHead
	}
	if err := rd.header(src, complete || rd.mem != nil); err != nil {
		return nil, nil, err
	}
	f, err := rd.body()
	if errors.Is(err, errNotUTF8) {
		// A string that is not UTF-8 past the first block: read again as
		// GB18030 (the encoding of Chinese statistical yearbook files).
		opt.Encoding = "gb18030"
		if fh, ok := r.(*os.File); ok && stream {
			if _, err := fh.Seek(0, io.SeekStart); err != nil {
				return nil, nil, fmt.Errorf("frame: rereading CSV: %w", err)
			}
			return readCSV(fh, stream, opt)
		}
		return readCSV(bytes.NewReader(rd.memAll), false, opt)
	}
	if err != nil {
		return nil, nil, err
	}
	rd.info.Size = hr.n
	rd.info.Hash = rd.hasher.Sum64()
	rd.info.Rows, rd.info.Cols = f.n, len(f.cols)
	rd.info.Delimiter = rd.delim
	f.key = SourceKey("csv", rd.info.Hash, rd.info.Size, fmt.Sprintf("%+v", opt))
	f.notes = append([]string{fmt.Sprintf("(%s vars, %s obs; %s-delimited, %s, %s line endings)",
		commas(len(f.cols)), commas(f.n), delimName(rd.delim), rd.info.Encoding, le)}, rd.info.Notes...)
	return f, rd.info, nil
}

// header parses the header record at the start of b, sets the delimiter
// and the names, and cuts the header off the body.
func (rd *csvRead) header(b []byte, whole bool) error {
	rd.delim = rd.opt.Delimiter
	if rd.delim == 0 {
		rd.delim = sniffDelimiter(b)
	}
	end, _, _ := recordBounds(b, whole)
	if end == 0 && !whole {
		return &Error{Err: ErrParse, Msg: fmt.Sprintf("the header line is longer than %d bytes", len(b)), Hint: "check the delimiter and the quotes"}
	}
	// The header is the first record: cut at its end.
	t := &tokenizer{b: b, delim: rd.delim, line: 1}
	if !t.skipBlank() {
		return &Error{Err: ErrParse, Msg: "empty CSV: no header row", Hint: "the first line must name the columns"}
	}
	var names []string
	for {
		fld, e, err := t.field()
		if err != nil {
			return &Error{Err: ErrParse, Msg: "reading the header: " + err.Error()}
		}
		names = append(names, strings.TrimSpace(strings.TrimPrefix(string(fld), "\ufeff")))
		if e == endRecord {
			break
		}
	}
	seen := map[string]int{}
	for j, name := range names {
		if name == "" {
			return &Error{Err: ErrBadName, Msg: fmt.Sprintf("CSV column %d has an empty name in the header", j+1),
				Hint: "name every column in the first line (a trailing delimiter makes an empty last column)"}
		}
		if k, dup := seen[name]; dup {
			return &Error{Column: name, Err: ErrDuplicateName,
				Msg:  fmt.Sprintf("%q appears twice in the header (columns %d and %d)", name, k+1, j+1),
				Hint: "rename one"}
		}
		seen[name] = j
	}
	rd.names, rd.ncols = names, len(names)
	if rd.mem != nil {
		rd.mem = rd.mem[t.pos:]
	} else {
		rd.bodyHead = rd.bodyHead[t.pos:]
		rd.bodyOff += int64(t.pos)
	}
	rd.line0 = t.line
	return nil
}
