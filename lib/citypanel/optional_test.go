package citypanel

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// withSO2 appends an so2 column (10,000 tonnes) to the tiny panel.
func withSO2(tiny string, values ...string) string {
	lines := strings.Split(strings.TrimSpace(tiny), "\n")
	lines[0] += ",so2"
	for i, v := range values {
		lines[i+1] += "," + v
	}
	return strings.Join(lines, "\n") + "\n"
}

// The optional column so2: a CSV without it reads (SO2 = 0, Has false) and
// is written back without it, byte for byte; a CSV with it reads its
// values (Has true) and is written back with it, byte for byte. Expected
// values: the literals of the test file.
func TestOptionalSO2(t *testing.T) {
	tiny := readTiny(t)
	p, err := Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	if p.Has("so2") || len(p.Optional) != 0 || !p.Has("gdp") || p.Has("nonsense") {
		t.Errorf("without so2: Has(so2) %v, Optional %v, Has(gdp) %v", p.Has("so2"), p.Optional, p.Has("gdp"))
	}
	var b bytes.Buffer
	if err := Write(&b, p.Records); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(b.String(), "\n"); head+"\n" != tiny[:len(head)+1] {
		t.Errorf("a panel without so2 is written with the header %s", head)
	}

	in := withSO2(tiny, "5.7401", "6.0000", "0.1234", "12.5")
	q, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !q.Has("so2") || len(q.Optional) != 1 || q.Optional[0] != "so2" {
		t.Errorf("with so2: Has %v, Optional %v", q.Has("so2"), q.Optional)
	}
	for k, want := range []float64{5.7401, 6, 0.1234, 12.5} {
		if q.Records[k].SO2 != want {
			t.Errorf("record %d: SO2 %v, want %v", k, q.Records[k].SO2, want)
		}
		if v, ok := q.Records[k].Value("so2"); !ok || v != want {
			t.Errorf("record %d: Value(so2) = %v, %v", k, v, ok)
		}
	}
	b.Reset()
	if err := Write(&b, q.Records); err != nil {
		t.Fatal(err)
	}
	var col []string
	for i, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		f := strings.Split(line, ",")
		if len(f) != len(Header()) {
			t.Fatalf("line %d has %d fields, want %d", i+1, len(f), len(Header()))
		}
		col = append(col, f[len(f)-1])
	}
	if got := strings.Join(col, " "); got != "so2 5.7401 6.0000 0.1234 12.5000" {
		t.Errorf("the so2 column is written as %s", got)
	}
	r, err := Read(&b)
	if err != nil || r.Records[3] != q.Records[3] || !r.Has("so2") {
		t.Errorf("round trip with so2: %v", err)
	}
	if len(RequiredHeader())+len(OptionalColumns()) != len(Header()) || OptionalColumns()[0] != "so2" {
		t.Errorf("headers: required %v optional %v all %v", RequiredHeader(), OptionalColumns(), Header())
	}
}

// A NaN in the optional column cannot be written (it would not read back).
func TestOptionalSO2WriteNaN(t *testing.T) {
	tiny := readTiny(t)
	p, err := Read(strings.NewReader(withSO2(tiny, "1", "2", "3", "4")))
	if err != nil {
		t.Fatal(err)
	}
	p.Records[2].SO2 = math.NaN()
	var b bytes.Buffer
	err = Write(&b, p.Records)
	if err == nil || !strings.Contains(err.Error(), "writing city Beta, 2010: column so2 is NaN") {
		t.Errorf("writing a NaN so2: %v", err)
	}
}
