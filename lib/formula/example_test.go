package formula_test

import (
	"fmt"

	"github.com/econb/econb/lib/formula"
)

func ExampleParse() {
	f, err := formula.Parse("tfp ~ str + gov + pgdp | city + year | sagg ~ l(sagg, 1:2)")
	if err != nil {
		panic(err)
	}
	fmt.Println(f)
	for _, t := range formula.ExpandTerms(f.Instruments) {
		fmt.Println("instrument", t)
	}
	// Output:
	// tfp ~ str + gov + pgdp | city + year | sagg ~ l(sagg,1:2)
	// instrument l(sagg,1)
	// instrument l(sagg,2)
}

func ExampleValidate() {
	f := formula.MustParse("tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)")
	err := formula.Validate(f, []string{"tfp", "str", "gov", "city", "year", "sagg"}, true)
	fmt.Println(err)
	// Output:
	// formula: unknown column "yaer" in fixed effects (1:26); did you mean "year"?
	//  | tfp ~ str + gov | city + yaer | sagg ~ l(sagg, 1:2)
	//  | .........................^
}
