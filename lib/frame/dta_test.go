package frame

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
)

// TestReadDTAPandas reads .dta files written by pandas 3.1.1's to_stata
// (testdata/dta/make_dta.py) in formats 114, 117, 118 and 119 and compares
// every cell with what pandas reads back (the _expected.csv files), and the
// labels with those the script wrote.
func TestReadDTAPandas(t *testing.T) {
	for _, v := range []int{114, 117, 118, 119} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			f, err := ReadDTA(filepath.Join("testdata", "dta", fmt.Sprintf("pandas_%d.dta", v)))
			if err != nil {
				t.Fatal(err)
			}
			want, err := ReadCSV(filepath.Join("testdata", "dta", fmt.Sprintf("pandas_%d_expected.csv", v)))
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range want.Names() {
				a, _ := f.Col(name)
				b, _ := want.Col(name)
				if a == nil {
					t.Fatalf("no column %s in %v", name, f.Names())
				}
				for r := range f.Len() {
					if a.IsMissing(r) != b.IsMissing(r) || a.Text(r) != b.Text(r) {
						t.Errorf("%s row %d: %q (missing %v), pandas %q", name, r+1, a.Text(r), a.IsMissing(r), b.Text(r))
					}
				}
			}
			wantGDP := "GDP (100 million yuan)"
			if v >= 118 {
				wantGDP = "地区生产总值 (亿元)"
			}
			if f.Label("gdp") != wantGDP || f.Label("id") != "City identifier" {
				t.Errorf("labels %q %q", f.Label("gdp"), f.Label("id"))
			}
			c, _ := f.Col("region")
			lab, name := c.ValueLabels()
			if lab[1] != "East" || lab[3] != "West" || name != "region" {
				t.Errorf("value labels %v %q", lab, name)
			}
			if f.Kind("id") != Int || f.Kind("gdp") != Float || f.Kind("city") != String {
				t.Errorf("kinds %v %v %v", f.Kind("id"), f.Kind("gdp"), f.Kind("city"))
			}
			g, err := ReadDTAWith(filepath.Join("testdata", "dta", fmt.Sprintf("pandas_%d.dta", v)), DTAOptions{LabelsAsText: true})
			if err != nil {
				t.Fatal(err)
			}
			rs, _, _ := g.Strings("region")
			if rs[0] != "East" || rs[3] != "West" {
				t.Errorf("labels as text: %q", rs)
			}
		})
	}
}

// TestDTARoundTrip writes format 118 and reads it back.
func TestDTARoundTrip(t *testing.T) {
	f, err := ReadDTA(filepath.Join("testdata", "dta", "pandas_118.dta"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.WriteDTATo(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := ReadDTAFrom(&buf, DTAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	assertSameFrame(t, f, g)
	c, _ := g.Col("region")
	if lab, _ := c.ValueLabels(); lab[2] != "Central" {
		t.Errorf("value labels after the round trip: %v", lab)
	}
	bad, _ := FromMap(map[string][]float64{"my var": {1}})
	if err := bad.WriteDTATo(&buf); err == nil {
		t.Error("a name with a space is not a Stata name")
	}
}
