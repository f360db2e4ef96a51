package frame

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteCSVRoundTrip(t *testing.T) {
	f := small(t)
	var buf bytes.Buffer
	if err := f.WriteCSVTo(&buf, ','); err != nil {
		t.Fatal(err)
	}
	want := "prov,year,x,s\nHebei,2001,1,a\nHebei,2002,,b\nShanxi,2001,4,\nShanxi,2002,6,c\n,2001,7,d\n"
	if buf.String() != want {
		t.Errorf("csv:\n%s", buf.String())
	}
	g, err := ReadCSVFrom(&buf)
	if err != nil {
		t.Fatal(err)
	}
	assertSameFrame(t, f, g)
	q, _ := ReadCSVFrom(strings.NewReader("a,b\n\"x,\"\"y\"\"\",0.1\n"))
	buf.Reset()
	q.WriteCSVTo(&buf, ',')
	if buf.String() != "a,b\n\"x,\"\"y\"\"\",0.1\n" {
		t.Errorf("quoting: %q", buf.String())
	}
}

// TestReadXLSX builds a workbook with excelize (a title row above the
// table, as yearbook sheets have) and reads a range of it.
func TestReadXLSX(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "GDP")
	x.SetCellValue("GDP", "A1", "Table 3-1 Gross regional product")
	rows := [][]any{{"省份", "年份", "GDP"}, {"北京", 2017, 28014.94}, {"河北", 2017, 34016.32}, {"山西", 2017, nil}}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+2, i+3)
			if v != nil {
				x.SetCellValue("GDP", cell, v)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f, err := ReadXLSX(path, XLSXOptions{Range: "GDP!B3:D6"})
	if err != nil {
		t.Fatal(err)
	}
	gdp, _ := f.Float("GDP")
	prov, _, _ := f.Strings("省份")
	if f.Len() != 3 || prov[1] != "河北" || gdp[0] != 28014.94 || !f.IsNumeric("年份") || f.Kind("年份") != Int {
		t.Errorf("read %d rows, prov %q gdp %v", f.Len(), prov, gdp)
	}
	if _, err := ReadXLSX(path, XLSXOptions{Sheet: "GPD"}); err == nil || !strings.Contains(err.Error(), `did you mean "GDP"?`) {
		t.Errorf("unknown sheet: %v", err)
	}
	if _, err := ReadXLSX(path, XLSXOptions{Range: "A1:D6"}); err == nil || !strings.Contains(err.Error(), "header cell B1 is empty") {
		t.Errorf("empty header: %v", err)
	}
}

// TestDataFrameRoundTrip converts to a gota DataFrame and back: types,
// values and missing cells survive.
func TestDataFrameRoundTrip(t *testing.T) {
	f := small(t)
	df := f.DataFrame()
	if df.Nrow() != 5 || df.Ncol() != 4 || df.Col("year").Type() != "int" || df.Col("x").Type() != "int" || df.Col("s").Type() != "string" {
		t.Fatalf("gota frame %v", df.Types())
	}
	if !df.Col("x").Elem(1).IsNA() || !df.Col("prov").Elem(4).IsNA() {
		t.Error("missing cells must be NA in gota")
	}
	g, err := FromDataFrame(df)
	if err != nil {
		t.Fatal(err)
	}
	assertSameFrame(t, f, g)
}
