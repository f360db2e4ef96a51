package lq_test

import (
	"fmt"
	"strings"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/lq"
)

func ExampleQuotient() {
	// Finance employment and total employment of three cities in two years.
	finance := lq.Panel{Regions: 3, Periods: 2, Data: []float64{
		10, 12, // city 0
		2, 2, // city 1
		8, 6, // city 2
	}}
	total := lq.Panel{Regions: 3, Periods: 2, Data: []float64{
		100, 100,
		100, 100,
		200, 200,
	}}
	q, err := lq.Quotient(finance, total, lq.Options{})
	if err != nil {
		panic(err)
	}
	for r := 0; r < 3; r++ {
		fmt.Printf("city %d: %.3f %.3f\n", r, q.At(r, 0), q.At(r, 1))
	}
	// Output:
	// city 0: 2.000 2.400
	// city 1: 0.400 0.400
	// city 2: 0.800 0.600
}

func ExampleCube_Quotients() {
	// Two regions × three sectors × one period.
	c := &lq.Cube{Regions: 2, Sectors: 3, Periods: 1, Data: []float64{10, 20, 70, 30, 20, 50}}
	q, _ := c.Quotients()
	k, _ := c.Krugman()
	fmt.Printf("LQ %.3f\nKrugman %.2f %.2f\n", q, k.At(0, 0), k.At(1, 0))
	// Output:
	// LQ [0.500 1.000 1.167 1.500 1.000 0.833]
	// Krugman 0.20 0.20
}

// A long table (one row per city and year) read with lib/frame becomes
// region × period panels; the quotient of finance against total
// employment follows.
func ExampleFromFrame() {
	fr, err := frame.ReadCSVFrom(strings.NewReader("city,year,fin,tot\nA,2004,10,100\nB,2004,30,100\nA,2005,20,100\nB,2005,20,100\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := lq.FromFrame(fr, "city", "year", []string{"fin", "tot"})
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := lq.Quotient(p["fin"], p["tot"], lq.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("A: %.2f %.2f\nB: %.2f %.2f\n", q.At(0, 0), q.At(0, 1), q.At(1, 0), q.At(1, 1))
	// Output:
	// A: 0.50 1.00
	// B: 1.50 1.00
}
