package expr_test

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/expr"
	"github.com/econb/econb/lib/panel"
)

func ExampleEval() {
	// Two cities; Beijing skips 2004, so its lag at 2005 is missing.
	ix, _ := panel.NewIndex([]string{"Beijing", "Beijing", "Tianjin", "Tianjin"}, []int{2003, 2005, 2003, 2004})
	src, _ := expr.NewMap(map[string][]float64{"gdp": {100, 121, 50, math.NaN()}}, nil, ix)
	for _, e := range []string{"ln(gdp)", "D.gdp", "gdp > 60"} {
		col, _ := expr.Eval(src, e)
		fmt.Printf("%-8s %.4g  (%d missing)\n", e, col.Num, col.Missing)
	}
	// Output:
	// ln(gdp)  [4.605 4.796 3.912 NaN]  (1 missing)
	// D.gdp    [NaN NaN NaN NaN]  (4 missing)
	// gdp > 60 [1 1 0 1]  (0 missing)
}

func ExampleConstant() {
	for _, e := range []string{"2+2", "-2^2", "1/0", ". > 1e300", `"a" + "b"`} {
		v, _ := expr.Constant(e)
		fmt.Println(e, "=", v)
	}
	// Output:
	// 2+2 = 4
	// -2^2 = -4
	// 1/0 = .
	// . > 1e300 = 1
	// "a" + "b" = ab
}

func ExampleParse() {
	n, _ := expr.Parse("l(x, 2) + D.x")
	fmt.Println(n)
	fmt.Println(expr.Equal(n, expr.MustParse("L2.x + d(x)")))
	_, err := expr.Parse("ln(gdp) = 2")
	fmt.Println(err)
	// Output:
	// l(x,2)+D.x
	// true
	// expr: unexpected "=" (1:9); write == to test equality
	//  | ln(gdp) = 2
	//  | ........^
}
