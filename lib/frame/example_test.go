package frame_test

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/frame"
)

const yearbook = `province,year,gdp,region
Hebei,2016,32070.45,east
Hebei,2017,34016.32,east
Shanxi,2016,13050.41,central
Shanxi,2017,15528.42,central
Jilin,2016,14776.8,
`

func ExampleReadCSVFrom() {
	f, err := frame.ReadCSVFrom(strings.NewReader(yearbook))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Notes()[0])
	for _, name := range f.Names() {
		fmt.Println(name, f.Kind(name))
	}
	// Output:
	// (4 vars, 5 obs; comma-delimited, UTF-8, LF line endings)
	// province str
	// year int64
	// gdp float64
	// region str
}

func ExampleFrame_Egen() {
	f, _ := frame.ReadCSVFrom(strings.NewReader(yearbook))
	g, _ := f.Egen("gdp_mean", "mean", "gdp", "province") // bysort province: egen gdp_mean = mean(gdp)
	x, _ := g.Float("gdp_mean")
	fmt.Println(x)
	// Output:
	// [33043.385 33043.385 14289.415 14289.415 14776.8]
}

func ExampleFrame_Merge() {
	f, _ := frame.ReadCSVFrom(strings.NewReader(yearbook))
	pop, _ := frame.ReadCSVFrom(strings.NewReader("province,pop\nHebei,7520\nShanxi,3702\nTibet,337\n"))
	m, err := f.Merge("m:1", []string{"province"}, pop, frame.MergeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Notes()[0])
	// Output:
	//     Result                      Number of obs
	//     -----------------------------------------
	//     Not matched                             2
	//         from master                         1  (_merge==1)
	//         from using                          1  (_merge==2)
	//
	//     Matched                                 4  (_merge==3)
	//     -----------------------------------------
}

func ExampleFrame_ReshapeWide() {
	f, _ := frame.ReadCSVFrom(strings.NewReader(yearbook))
	f, _ = f.KeepVars("province", "year", "gdp")
	w, _ := f.ReshapeWide([]string{"gdp"}, []string{"province"}, "year")
	fmt.Println(w.Names())
	fmt.Println(w.Notes()[0])
	// Output:
	// [province gdp2016 gdp2017]
	// (j = year: 2016 2017)
}

func ExampleFrame_Summarize() {
	f, _ := frame.ReadCSVFrom(strings.NewReader(yearbook))
	s, _ := f.Summarize([]string{"gdp"}, false)
	fmt.Println(s)
	// sd = 10245.668 by Python's statistics.stdev (divisor N-1), as Stata's.
	// Output:
	// Variable | Obs      Mean  Std. dev.       Min       Max
	// ---------+---------------------------------------------
	//      gdp |   5  21888.48   10245.67  13050.41  34016.32
}
