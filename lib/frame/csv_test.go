package frame

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The encoded fixtures in testdata were written by Python 3.11's codecs
// (testdata/README.md): the same four rows of a Chinese yearbook table in
// GBK, UTF-8 with BOM and CRLF, UTF-8 with ';' and CR line ends, UTF-16
// with BOM and tabs.
func TestReadCSVEncodings(t *testing.T) {
	tests := []struct {
		file, enc, le string
		delim         byte
	}{
		{"gbk.csv", "GB18030", "LF", ','},
		{"utf8_bom_crlf.csv", "UTF-8 with BOM", "CRLF", ','},
		{"cr_semicolon.csv", "UTF-8", "CR", ';'},
		{"utf16_tab.csv", "UTF-16LE", "LF", '\t'},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, info, err := ReadCSVWith(filepath.Join("testdata", tc.file), CSVOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if info.Encoding != tc.enc || info.LineEnding != tc.le || info.Delimiter != tc.delim {
				t.Errorf("info %+v, want encoding %s, line ending %s, delimiter %q", info, tc.enc, tc.le, tc.delim)
			}
			if got := strings.Join(f.Names(), "|"); got != "省份|年份|地区生产总值|城市" {
				t.Errorf("names %q", got)
			}
			prov, _, _ := f.Strings("省份")
			city, _, _ := f.Strings("城市")
			gdp, err := f.Float("地区生产总值")
			if err != nil {
				t.Fatal(err)
			}
			if f.Len() != 3 || prov[1] != "河北" || city[2] != "太原市" || gdp[0] != 28014.94 || f.Kind("年份") != Int {
				t.Errorf("rows %d prov %q city %q gdp %v kind %v", f.Len(), prov, city, gdp, f.Kind("年份"))
			}
		})
	}
}

func TestReadCSVDialects(t *testing.T) {
	tests := []struct {
		name, in string
		delim    byte
		want     string // col a as text, |-joined
	}{
		{"comma", "a,b\n1,x\n2,y\n", ',', "1|2"},
		{"semicolon", "a;b\n1,5;x\n2;y\n", ';', "1,5|2"},
		{"tab", "a\tb\n1\tx\n2\ty\n", '\t', "1|2"},
		{"pipe", "a|b\n1|x\n2|y\n", '|', "1|2"},
		{"quoted", "a,b\n\"1,0\",\"say \"\"hi\"\"\"\n\"2\n3\",y\n", ',', "1,0|2\n3"},
		{"crlf no final newline", "a,b\r\n1,x\r\n2,y", ',', "1|2"},
		{"blank lines", "a,b\n\n1,x\n\r\n2,y\n\n", ',', "1|2"},
		{"one column", "a\n1\n2\n", ',', "1|2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, info, err := ReadCSVFromWith(strings.NewReader(tc.in), CSVOptions{})
			if err != nil {
				t.Fatal(err)
			}
			a, _, _ := f.Strings("a")
			if info.Delimiter != tc.delim || strings.Join(a, "|") != tc.want {
				t.Errorf("delimiter %q a %q; want %q %q", info.Delimiter, a, tc.delim, tc.want)
			}
		})
	}
	f, _ := ReadCSVFrom(strings.NewReader("a,b\n\"1,0\",\"say \"\"hi\"\"\"\n"))
	b, _, _ := f.Strings("b")
	if b[0] != `say "hi"` {
		t.Errorf("escaped quotes: %q", b[0])
	}
}

// TestReadCSVErrors checks the exact messages.
func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		err      error
		want     string
	}{
		{"empty", "", ErrParse, "frame: empty CSV: no header row; the first line must name the columns"},
		{"blank", "\n\n", ErrParse, "frame: empty CSV: no header row; the first line must name the columns"},
		{"short row", "a,b\n1,2\n3\n", ErrParse, "frame: line 3 (data row 2): has 1 field; the header has 2; check the delimiter (comma) and quotes on that line"},
		{"long row", "a,b\n1,2,3,4\n", ErrParse, "frame: line 2 (data row 1): has 4 fields; the header has 2; check the delimiter (comma) and quotes on that line, or name the extra columns in the header"},
		{"duplicate", "a,b,a\n1,2,3\n", ErrDuplicateName, `frame: "a" appears twice in the header (columns 1 and 3); rename one`},
		{"empty name", "a,,c\n1,2,3\n", ErrBadName, "frame: CSV column 2 has an empty name in the header; name every column in the first line (a trailing delimiter makes an empty last column)"},
		{"overflow", "a,b\n1,2\n1e400,3\n", ErrOverflow, `frame: column "a", row 2: "1e400" overflows float64 (largest magnitude 1.8e308) (line 3); check the cell, or read the column as text`},
		{"unclosed quote", "a,b\n1,\"x\n", ErrParse, `frame: line 2: a quoted field is not closed (no matching '"' before the end of the file)`},
	}
	for _, tc := range tests {
		_, err := ReadCSVFrom(strings.NewReader(tc.in))
		if err == nil || err.Error() != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: error\n%v\nwant\n%s", tc.name, err, tc.want)
		}
	}
}

// TestReadCSVTyping: Int, Float and String columns, escalation after the
// sampled rows (a float or text far down the file), infinity, spaces in
// names, and blocks parsed in parallel (a tiny block size).
func TestReadCSVTyping(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("id,x,late float,late text,inf,empty\n")
	n := 5000
	for i := 1; i <= n; i++ {
		lf, lt, inf := fmt.Sprint(i), fmt.Sprint(i), "1.5"
		if i == 4000 {
			lf, lt = "2.5", "oops"
		}
		if i == 10 {
			inf = "-Inf"
		}
		if i%7 == 0 {
			lf = "NA"
		}
		fmt.Fprintf(&sb, "%d,%d.25,%s,%s,%s,\n", i, i, lf, lt, inf)
	}
	for _, block := range []int{0, 257, 4096} {
		f, info, err := ReadCSVFromWith(strings.NewReader(sb.String()), CSVOptions{BlockSize: block})
		if err != nil {
			t.Fatal(err)
		}
		kinds := []Kind{Int, Float, Float, String, Float, Float}
		for k, name := range f.Names() {
			if f.Kind(name) != kinds[k] {
				t.Errorf("block %d: %s is %v, want %v", block, name, f.Kind(name), kinds[k])
			}
		}
		lf, _ := f.Float("late float")
		lt, _, _ := f.Strings("late text")
		id, _ := f.Float("id")
		if f.Len() != n || lf[3999] != 2.5 || lf[0] != 1 || !math.IsNaN(lf[6]) || lf[4999] != 5000 || lt[3999] != "oops" || lt[4999] != "5000" || id[4999] != 5000 {
			t.Errorf("block %d: n %d lf %v %v %v lt %q %q", block, f.Len(), lf[0], lf[3999], lf[4999], lt[3999], lt[4999])
		}
		if len(info.Notes) != 1 || !strings.Contains(info.Notes[0], "column inf has 1 infinite value (first on line 11)") {
			t.Errorf("notes %q", info.Notes)
		}
		if _, err := f.Float("empty"); !errors.Is(err, ErrAllMissing) {
			t.Errorf("empty: %v", err)
		}
	}
}

func TestReadCSVDecimalComma(t *testing.T) {
	in := "region;gdp\nNord;1,5\nSüd;2,25\n"
	f, info, err := ReadCSVFromWith(strings.NewReader(in), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind("gdp") != String || len(info.Notes) != 1 || !strings.Contains(info.Notes[0], "DecimalComma") {
		t.Errorf("kind %v notes %q", f.Kind("gdp"), info.Notes)
	}
	f, _, err = ReadCSVFromWith(strings.NewReader(in), CSVOptions{DecimalComma: true})
	if err != nil {
		t.Fatal(err)
	}
	if x, _ := f.Float("gdp"); x[0] != 1.5 || x[1] != 2.25 {
		t.Errorf("gdp %v", x)
	}
}

// TestReadCSVFile reads through the streaming path (a file larger than
// one block) and checks it against the in-memory path.
func TestReadCSVFile(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("id,name,v\n")
	for i := range 20000 {
		name := []string{"a", "b", "河北", `"x,y"`}[i%4]
		fmt.Fprintf(&sb, "%d,%s,%g\n", i, name, float64(i)/3)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f, info, err := ReadCSVWith(path, CSVOptions{BlockSize: 10000})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := ReadCSVFrom(strings.NewReader(sb.String()))
	for _, name := range []string{"id", "name", "v"} {
		a, _, _ := f.Strings(name)
		b, _, _ := g.Strings(name)
		if strings.Join(a, "|") != strings.Join(b, "|") {
			t.Errorf("%s differs between the file and the reader", name)
		}
	}
	names, _, _ := f.Strings("name")
	if f.Len() != 20000 || names[3] != "x,y" || names[2] != "河北" || info.Size != int64(sb.Len()) {
		t.Errorf("len %d names %q size %d", f.Len(), names[:4], info.Size)
	}
}

// TestReadCSVLateGBK: an ASCII header and first block, GBK text further
// down: the reader notices the text is not UTF-8 and reads the file again
// as GB18030.
func TestReadCSVLateGBK(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("id,name\n")
	for i := range 3000 {
		fmt.Fprintf(&sb, "%d,city%d\n", i, i)
	}
	gbk, _ := os.ReadFile(filepath.Join("testdata", "gbk.csv")) // "省份,..." rows in GBK
	body := append([]byte(sb.String()), []byte("3000,")...)
	// The GBK bytes of "河北" are taken from the fixture's third line.
	lines := strings.Split(string(gbk), "\n")
	hebei := strings.Split(lines[2], ",")[0]
	body = append(body, hebei...)
	body = append(body, '\n')
	path := filepath.Join(t.TempDir(), "late.csv")
	os.WriteFile(path, body, 0o644)
	f, info, err := ReadCSVWith(path, CSVOptions{BlockSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	names, _, _ := f.Strings("name")
	if info.Encoding != "GB18030" || names[3000] != "河北" || names[5] != "city5" {
		t.Errorf("encoding %s, name %q", info.Encoding, names[3000])
	}
}
