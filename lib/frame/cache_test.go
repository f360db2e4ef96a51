package frame

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCacheKeys: a key is stable for the same bytes and options, changes
// when one byte of the input changes, when an option changes, and along
// each verb with its arguments.
func TestCacheKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.csv")
	os.WriteFile(path, []byte("id,x\n1,2.5\n2,3.5\n"), 0o644)
	f1, _ := ReadCSV(path)
	f2, _ := ReadCSV(path)
	k, _ := FileKey(path, CSVOptions{})
	if f1.Key() != f2.Key() || f1.Key() != k || f1.Key().IsZero() {
		t.Fatalf("keys %s %s %s", f1.Key(), f2.Key(), k)
	}
	os.WriteFile(path, []byte("id,x\n1,2.5\n2,3.6\n"), 0o644) // one byte changed
	f3, _ := ReadCSV(path)
	if f3.Key() == f1.Key() {
		t.Error("changing one byte of the input must change the key")
	}
	f4, _, _ := ReadCSVWith(path, CSVOptions{DecimalComma: true})
	if f4.Key() == f3.Key() {
		t.Error("reader options are part of the key")
	}
	a, _ := f1.Egen("m", "mean", "x")
	b, _ := f2.Egen("m", "mean", "x")
	c, _ := f1.Egen("m", "max", "x")
	if a.Key() != b.Key() || a.Key() == c.Key() || a.Key() == f1.Key() {
		t.Error("verb keys: same verb and arguments agree, different ones differ")
	}
	m1, _ := f1.KeepRows([]bool{true, false})
	m2, _ := f1.KeepRows([]bool{false, true})
	if m1.Key() == m2.Key() {
		t.Error("masks are part of the key")
	}
	hand, _ := FromMap(map[string][]float64{"x": {1}})
	if !hand.Key().IsZero() {
		t.Error("a frame built by hand has no lineage")
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(path, []byte("id,x,s\n1,2.5,a\n2,,b\n3,4,\n"), 0o644)
	f, err := c.ReadCSV(path, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, ok, err := c.Get(f.Key())
	if err != nil || !ok {
		t.Fatalf("stored frame not found: %v", err)
	}
	assertSameFrame(t, f, g)
	calls := 0
	step := func() (*Frame, error) { calls++; return f.Egen("m", "mean", "x") }
	k := f.Key().Extend("egen m = mean(x)")
	h1, _ := c.Memo(k, step)
	h2, _ := c.Memo(k, step)
	if calls != 1 || h1.Key() != k || h2.Key() != k {
		t.Errorf("memo computed %d times", calls)
	}
	assertSameFrame(t, h1, h2)
}
