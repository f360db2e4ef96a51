package paper_test

import (
	"fmt"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/report"
)

// The paper's Table 1 as printed, from the embedded transcription alone.
func ExamplePublished() {
	p, err := paper.Published()
	if err != nil {
		fmt.Println(err)
		return
	}
	t1, _ := p.Table("1")
	tab, err := t1.Regression(report.RegOptions{FE: []string{"year", "city"}, Keep: []string{"SAGG"}, Stats: []string{"n"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tab.CSV())
	// Output:
	// ,2SLS,,,IV-GMM,,
	// Variable,Total sample,High-end,Low-end,Total sample,High-end,Low-end
	// SAGG,0.050**,0.058***,0.003,0.050***,0.058***,0.001
	// ,(2.56),(4.38),(0.24),(2.71),(4.37),(0.11)
	// Year,Y,Y,Y,Y,Y,Y
	// City,Y,Y,Y,Y,Y,Y
	// N,3393,3393,3393,3393,3393,3393
}

// A printed number by the column's descriptors: the structural high-end
// effect of the synthetic panel's east (lib/synth takes it from here).
func ExampleMustCoef() {
	fmt.Println(paper.MustCoef("2", map[string]string{"region": "east", "sagg": "high"}, "SAGG"))
	// Output: 0.068
}
