package frame

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestParquetRoundTrip writes and reads back every kind with missing
// values, labels, value labels and the panel declaration.
func TestParquetRoundTrip(t *testing.T) {
	f, err := small(t).SetLabel("x", "GDP, 100 million yuan")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.WriteParquetTo(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := ReadParquetFrom(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	assertSameFrame(t, f, g)
	path := filepath.Join(t.TempDir(), "f.parquet")
	if err := f.WriteParquet(path); err != nil {
		t.Fatal(err)
	}
	h, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	assertSameFrame(t, f, h)
	if h.Key().IsZero() {
		t.Error("a frame read from a file has a lineage key")
	}
}

// assertSameFrame checks names, kinds, labels and every cell.
func assertSameFrame(t *testing.T, a, b *Frame) {
	t.Helper()
	if strings.Join(a.Names(), ",") != strings.Join(b.Names(), ",") || a.Len() != b.Len() {
		t.Fatalf("names %v / %v, rows %d / %d", a.Names(), b.Names(), a.Len(), b.Len())
	}
	for _, ca := range a.cols {
		cb, _ := b.Col(ca.name)
		if ca.kind != cb.kind || ca.label != cb.label {
			t.Errorf("%s: kind %v/%v label %q/%q", ca.name, ca.kind, cb.kind, ca.label, cb.label)
		}
		for r := range a.n {
			if ca.IsMissing(r) != cb.IsMissing(r) || ca.Text(r) != cb.Text(r) {
				t.Errorf("%s row %d: %q (missing %v) / %q (missing %v)", ca.name, r+1, ca.Text(r), ca.IsMissing(r), cb.Text(r), cb.IsMissing(r))
			}
		}
	}
}

// TestReadParquetPolars reads a file written by polars 1.44.2
// (testdata/parquet/make_parquet.py: dictionary-encoded strings, nulls,
// INT32, FLOAT, BOOLEAN) and compares every cell with what polars reads
// back (polars_expected.csv).
func TestReadParquetPolars(t *testing.T) {
	f, err := ReadParquet(filepath.Join("testdata", "parquet", "polars.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadCSV(filepath.Join("testdata", "parquet", "polars_expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.Names(), ",") != "id,x,f32,city,flag" {
		t.Errorf("names %v", f.Names())
	}
	for _, name := range want.Names() {
		a, _ := f.Col(name)
		b, _ := want.Col(name)
		for r := range f.Len() {
			if a.IsMissing(r) != b.IsMissing(r) || a.Value(r) != b.Value(r) && a.Text(r) != b.Text(r) {
				t.Errorf("%s row %d: %q, polars %q", name, r+1, a.Text(r), b.Text(r))
			}
		}
	}
}
