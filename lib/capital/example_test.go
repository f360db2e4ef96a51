package capital_test

import (
	"fmt"

	"github.com/econb/econb/lib/capital"
)

func ExampleStock() {
	nominal := []float64{10, 22, 24.2}                         // investment at current prices
	price := []float64{1, 1.1, 1.1}                            // deflator, first year = 1
	k, err := capital.Stock(nominal, price, capital.Options{}) // Zhang, δ = 9.6 %
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.2f\n", k)
	// Output: [100.00 110.40 121.80]
}
