package frame

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the frame as comma-separated UTF-8 text with a header
// (Stata export delimited): numbers in their shortest exact form, missing
// cells empty, text quoted when it holds a comma, a quote or a line break.
func (f *Frame) WriteCSV(path string) error {
	return writeFile(path, func(w io.Writer) error { return f.WriteCSVTo(w, ',') })
}

// WriteCSVTo writes the frame as delimited text to w (see WriteCSV).
func (f *Frame) WriteCSVTo(w io.Writer, delim byte) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	special := string([]byte{delim, '"', '\n', '\r'})
	quote := func(b []byte, s string) []byte {
		if !strings.ContainsAny(s, special) && strings.TrimSpace(s) == s {
			return append(b, s...)
		}
		return append(append(append(b, '"'), strings.ReplaceAll(s, `"`, `""`)...), '"')
	}
	var line []byte
	for j, c := range f.cols {
		if j > 0 {
			line = append(line, delim)
		}
		line = quote(line, c.name)
	}
	line = append(line, '\n')
	bw.Write(line)
	for r := range f.n {
		line = line[:0]
		for j, c := range f.cols {
			if j > 0 {
				line = append(line, delim)
			}
			if c.IsMissing(r) {
				continue
			}
			switch c.kind {
			case Float:
				line = strconv.AppendFloat(line, c.f[r], 'g', -1, 64)
			case Int:
				line = strconv.AppendInt(line, c.i[r], 10)
			default:
				line = quote(line, c.dict[c.codes[r]])
			}
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}
