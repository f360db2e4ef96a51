package report_test

import (
	"fmt"
	"math"

	"github.com/econb/econb/lib/chen/paper"
	"github.com/econb/econb/lib/report"
)

// A regression table from two fitted models (any report.Fitted).
func ExampleRegression() {
	nan := math.NaN()
	m1 := fake{title: "2SLS", dep: "tfp", fe: []string{"city", "year"},
		coefs: []report.Coef{{Name: "sagg", B: 0.050, SE: 0.0195, T: 2.56, P: 0.0105}},
		stats: []report.Stat{{Code: "n", Value: 3393, P: nan}, {Code: "hansen_j", Value: 0.090, P: 0.7644}}}
	m2 := fake{title: "IV-GMM", dep: "tfp", fe: []string{"city", "year"},
		coefs: []report.Coef{{Name: "sagg_hi", B: 0.058, SE: 0.0133, T: 4.37, P: 0.00001}},
		stats: []report.Stat{{Code: "n", Value: 3393, P: nan}, {Code: "hansen_j", Value: 0.167, P: 0.6832}}}
	tab, err := report.Regression([]report.Fitted{m1, m2}, report.RegOptions{
		Groups:  []report.Span{{Text: "2SLS", Cols: 1}, {Text: "IV-GMM", Cols: 1}},
		Columns: []string{"Total", "High-end"},
		Labels:  map[string]string{"sagg": "SAGG", "sagg_hi": "SAGG", "hansen_j": "Hansen J"},
		FE:      []string{"year", "city"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tab)
	// Output:
	// ============================
	//             2SLS     IV-GMM
	//           --------  --------
	// Variable   Total    High-end
	// ----------------------------
	// SAGG      0.050**   0.058***
	//            (2.56)    (4.37)
	// ----------------------------
	// Year         Y         Y
	// City         Y         Y
	// ----------------------------
	// Hansen J   0.090     0.167
	//           [0.7644]  [0.6832]
	// N           3393      3393
	// ============================
	// t statistics in parentheses; p-values in square brackets.
	// * p<0.10, ** p<0.05, *** p<0.01
}

// Malmquist annual means in DEAP's layout (DEAP 2.1 EG4 example).
func ExampleDEAPSummary() {
	rows := []report.IndexRow{
		{Key: "2", EffCh: 0.8436, TechCh: 1.3333, PECh: 0.9550, SECh: 0.8833, TFPCh: 1.1247},
		{Key: "3", EffCh: 1, TechCh: 1, PECh: 1, SECh: 1, TFPCh: 1},
	}
	mean := report.IndexRow{EffCh: 0.9185, TechCh: 1.1547, PECh: 0.9773, SECh: 0.9398, TFPCh: 1.06054}
	fmt.Print(report.DEAPSummary("MALMQUIST INDEX SUMMARY OF ANNUAL MEANS", "year", rows, &mean))
	// Output:
	//  MALMQUIST INDEX SUMMARY OF ANNUAL MEANS
	//
	//    year   effch  techch    pech    sech   tfpch
	//
	//      2   0.844   1.333   0.955   0.883   1.125
	//      3   1.000   1.000   1.000   1.000   1.000
	//
	//  mean    0.918   1.155   0.977   0.940   1.061
}

// Our estimates next to the published ones, cell by cell.
func ExampleCompare() {
	p, err := paper.Published() // Chen's Tables 1-3 (lib/chen/paper)
	if err != nil {
		fmt.Println(err)
		return
	}
	t1, _ := p.Table("1")
	// Six fitted models, one per column of Table 1 (fakes here: the
	// published numbers with every 2SLS/High-end coefficient off by 0.0006,
	// and no R²).
	models := fromPublished(t1, []float64{0, 0.0006, 0, 0, 0, 0})
	cmp, err := report.Compare(t1, models, report.CompareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	w, n := cmp.Within()
	fmt.Printf("%d of %d within the printed precision\n", w, n)
	for _, c := range cmp.Outside()[:2] {
		fmt.Printf("%s %s %s: ours %.4f, paper %.3f\n", c.Header, c.Row, c.What, c.Ours, c.Published)
	}
	// Output:
	// 172 of 186 within the printed precision
	// (1) 2SLS / Total sample r2 stat: ours NaN, paper 0.887
	// (2) 2SLS / High-end SAGG coef: ours 0.0586, paper 0.058
}
