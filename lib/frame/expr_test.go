package frame

import (
	"math"
	"strings"
	"testing"
)

// TestSourceInterface: the methods lib/expr's Source needs (Len, Names,
// Numeric, Text, Panel) give shared views of the columns and the panel.
func TestSourceInterface(t *testing.T) {
	f, _ := ReadCSVFrom(strings.NewReader("id,t,x,s\na,1,1.5,u\na,2,,v\nb,1,3,u\n"))
	f, err := f.XTSet("id", "t")
	if err != nil {
		t.Fatal(err)
	}
	x, ok := f.Numeric("x")
	if !ok || x[0] != 1.5 || !math.IsNaN(x[1]) {
		t.Errorf("Numeric x %v %v", x, ok)
	}
	tv, ok := f.Numeric("t") // Int converted once, shared
	tv2, _ := f.Numeric("t")
	if !ok || tv[1] != 2 || &tv[0] != &tv2[0] {
		t.Errorf("Numeric t %v", tv)
	}
	if _, ok := f.Numeric("s"); ok {
		t.Error("s is text")
	}
	codes, dict, ok := f.Text("s")
	if !ok || dict[codes[2]] != "u" {
		t.Errorf("Text s %v %v", codes, dict)
	}
	ix := f.Panel()
	if ix == nil || ix.NumEntities() != 2 || ix.NumPeriods() != 2 || f.Panel() != ix {
		t.Fatalf("panel index %v", ix)
	}
	if e, tm, ok := f.PanelVars(); !ok || e != "id" || tm != "t" {
		t.Errorf("PanelVars %s %s %v", e, tm, ok)
	}
}
