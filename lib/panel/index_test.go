package panel

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestNewIndexCodes checks that the index built from entity codes is the
// one NewIndex builds from the labels: same entity and period codes, same
// lags, same errors.
func TestNewIndexCodes(t *testing.T) {
	labels := []string{"b", "a", "c"} // codes 0 1 2, first seen in the order a, b, c
	codes := []int32{1, 1, 0, 0, 0, 2}
	time := []int{2001, 2002, 2001, 2002, 2004, 1999}
	byCode, err := NewIndexCodes(codes, labels, time)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(codes))
	for r, c := range codes {
		names[r] = labels[c]
	}
	byName, err := NewIndex(names, time)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(byCode.Entities(), " ") != "a b c" || strings.Join(byName.Entities(), " ") != "a b c" {
		t.Errorf("entities %v %v", byCode.Entities(), byName.Entities())
	}
	for r := range codes {
		if byCode.EntityCodes()[r] != byName.EntityCodes()[r] || byCode.TimeCodes()[r] != byName.TimeCodes()[r] {
			t.Errorf("row %d: codes (%d, %d) vs (%d, %d)", r, byCode.EntityCodes()[r], byCode.TimeCodes()[r],
				byName.EntityCodes()[r], byName.TimeCodes()[r])
		}
	}
	// Periods 1999 2001 2002 2004 coded 0..3.
	if got := byCode.TimeCodes(); got[5] != 0 || got[0] != 1 || got[4] != 3 {
		t.Errorf("time codes %v", got)
	}
	// Lag rows: b's 2004 has no 2003 (a gap), so -1; a's 2002 lags to row 0.
	want := []int32{-1, 0, -1, 2, -1, -1}
	for k, ix := range []*Index{byCode, byName} {
		got := ix.LagRows(1)
		for r := range want {
			if got[r] != want[r] {
				t.Errorf("index %d LagRows(1) = %v, want %v", k, got, want)
				break
			}
		}
	}
	if got := byCode.LagRows(-2); got[2] != -1 || got[3] != 4 { // b: 2001+2 absent, 2002+2 = row 4
		t.Errorf("LagRows(-2) = %v", got)
	}
	x := []float64{1, 2, 3, 4, 5, 6}
	lag := byCode.Lag(x, 1)
	for r, s := range want {
		if s < 0 != math.IsNaN(lag[r]) || s >= 0 && lag[r] != x[s] {
			t.Errorf("Lag(x, 1) = %v disagrees with LagRows", lag)
		}
	}
	// Duplicates name the rows and the entity label.
	_, err = NewIndexCodes([]int32{0, 1, 0}, []string{"x", "y"}, []int{1, 1, 1})
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), `rows 1 and 3 both have entity "x" and time 1`) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := NewIndexCodes([]int32{0, 5}, []string{"x"}, []int{1, 2}); err == nil || !strings.Contains(err.Error(), "row 2 has entity code 5") {
		t.Errorf("bad code: %v", err)
	}
	// A time span too wide for the dense grid takes the map; same lags.
	wide, err := NewIndexCodes([]int32{0, 0, 0}, []string{"x"}, []int{1, 2, 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	if got := wide.LagRows(1); got[1] != 0 || got[2] != -1 || wide.TimeCodes()[2] != 2 {
		t.Errorf("wide: lags %v, time codes %v", got, wide.TimeCodes())
	}
}

// TestNewIndexRanked checks that the index built from codes of both
// columns equals NewIndexCodes' on the same rows (entity and period codes,
// entities, periods, lags, the duplicate error), with the entity codes in
// and out of first-appearance order, a dense and a sparse time range, and
// that codes already in its coding are kept rather than copied.
func TestNewIndexRanked(t *testing.T) {
	for _, c := range []struct {
		name   string
		codes  []int // entity codes (into labels)
		labels []string
		time   []int
	}{
		{"sorted", []int{0, 0, 0, 1, 1, 2}, []string{"a", "b", "c"}, []int{2001, 2002, 2004, 2001, 2003, 1999}},
		{"unsorted", []int{1, 1, 0, 0, 0, 2}, []string{"b", "a", "c"}, []int{2001, 2002, 2001, 2002, 2004, 1999}},
		{"unused label", []int{0, 0, 1}, []string{"x", "y", "z"}, []int{1, 2, 1}},
		{"unused label, unsorted", []int{2, 0, 2}, []string{"x", "y", "z"}, []int{1, 1, 2}},
		{"wide time span", []int{0, 0, 0, 1}, []string{"x", "y"}, []int{1, 2, 1 << 40, 2}},
	} {
		c32 := make([]int32, len(c.codes))
		for r, v := range c.codes {
			c32[r] = int32(v)
		}
		want, err := NewIndexCodes(c32, c.labels, c.time)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := NewIndexRanked(c.codes, c.labels, want.TimeCodes(), want.Times())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(got.EntityCodes(), want.EntityCodes()) || !slices.Equal(got.TimeCodes(), want.TimeCodes()) ||
			!slices.Equal(got.Entities(), want.Entities()) || !slices.Equal(got.Times(), want.Times()) {
			t.Errorf("%s: index %v %v %v %v, want %v %v %v %v", c.name, got.EntityCodes(), got.TimeCodes(), got.Entities(), got.Times(),
				want.EntityCodes(), want.TimeCodes(), want.Entities(), want.Times())
		}
		for _, k := range []int{1, 2, -1} {
			if !slices.Equal(got.LagRows(k), want.LagRows(k)) {
				t.Errorf("%s: LagRows(%d) = %v, want %v", c.name, k, got.LagRows(k), want.LagRows(k))
			}
		}
		inOrder := !strings.Contains(c.name, "unsorted")
		if shared := &got.EntityCodes()[0] == &c.codes[0]; shared != inOrder {
			t.Errorf("%s: entity codes shared = %v, want %v", c.name, shared, inOrder)
		}
	}
	_, err := NewIndexRanked([]int{0, 1, 0}, []string{"x", "y"}, []int{0, 0, 0}, []int{1})
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), `rows 1 and 3 both have entity "x" and time 1`) {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range []struct {
		codes, tcodes, times []int
		msg                  string
	}{
		{[]int{0, 5}, []int{0, 0}, []int{1}, "row 2 has entity code 5"},
		{[]int{0, 0}, []int{0, 3}, []int{1, 2}, "row 2 has period code 3"},
		{[]int{0, 0}, []int{0, 1}, []int{2, 1}, "the periods must increase"},
		{[]int{0}, []int{0, 1}, []int{1, 2}, "1 entity codes but 2 time codes"},
	} {
		if _, err := NewIndexRanked(bad.codes, []string{"x"}, bad.tcodes, bad.times); err == nil || !strings.Contains(err.Error(), bad.msg) {
			t.Errorf("%v: error %v, want %q", bad, err, bad.msg)
		}
	}
}
