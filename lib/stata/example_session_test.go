package stata_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/stata"
)

// A do-file run on data in memory: macros, a loop, by-groups and display.
func ExampleSession_Run() {
	f, err := frame.ReadCSVFrom(strings.NewReader("city,year,gdp\nA,2004,100\nA,2005,120\nB,2004,50\nB,2005,60\n"))
	if err != nil {
		panic(err)
	}
	s := stata.New(stata.Options{Out: os.Stdout})
	s.SetData(f)
	err = s.Run(strings.Join([]string{
		"* growth by city, with Stata's row-by-row replace",
		"bysort city (year): generate double growth = gdp / gdp[_n-1] - 1",
		"local total 0",
		"foreach c in A B {",
		"    quietly summarize growth if city == \"`c'\"",
		"    local total = `total' + r(mean)",
		"}",
		"display \"mean growth: \" %5.3f `total' / 2",
	}, "\n"))
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	//
	// . bysort city (year): generate double growth = gdp / gdp[_n-1] - 1
	// (2 missing values generated)
	//
	// . local total 0
	//
	// . foreach c in A B {
	//   2.     quietly summarize growth if city == "`c'"
	//   3.     local total = `total' + r(mean)
	//   4. }
	//
	// . display "mean growth: " %5.3f `total' / 2
	// mean growth: 0.200
}

// Errors name the line and the command; an unknown command lists the
// subset econb runs.
func ExampleError() {
	s := stata.New(stata.Options{})
	err := s.Run("display 1\nreghdfe y x, absorb(id)\n")
	fmt.Println(strings.SplitN(err.Error(), ".", 2)[0])
	// Output:
	// do-file, line 2: unrecognized command: reghdfe is not in the subset of Stata that econb runs
}
