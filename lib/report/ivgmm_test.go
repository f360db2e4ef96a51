package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
)

// TestRealFit renders a real lib/ivgmm fit (Card 1995, gmm2s robust) and
// compares it with the Stata ivreg2 numbers of testdata/card_published.json,
// rounded as a paper prints them: every cell must be within the printed
// precision.
func TestRealFit(t *testing.T) {
	fh, err := os.Open(filepath.Join("testdata", "card.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	df := dataframe.ReadCSV(fh)
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	res, err := ivgmm.FitFormula("lwage ~ exper + expersq + black + south | educ ~ nearc2 + nearc4", df,
		ivgmm.Options{Estimator: ivgmm.GMM2S, VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	tsls, err := ivgmm.FitFormula("lwage ~ exper + expersq + black + south | educ ~ nearc2 + nearc4", df,
		ivgmm.Options{Estimator: ivgmm.TSLS, VCE: ivgmm.Robust()})
	if err != nil {
		t.Fatal(err)
	}
	tab, err := report.Regression([]report.Fitted{tsls, res}, report.RegOptions{
		Caption: "Card (1995): returns to schooling",
		Columns: []string{"2SLS", "IV-GMM"},
		Labels:  map[string]string{"_cons": "Constant"},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "card_fit.txt", tab.String())
	golden(t, "card_fit.html", tab.HTML())

	p, err := report.LoadPublished(filepath.Join("testdata", "card_published.json"))
	if err != nil {
		t.Fatal(err)
	}
	pt, err := p.Table("card")
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := report.Compare(pt, []report.Fitted{res}, report.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w, n := cmp.Within(); w != n || n != 6*3+7 {
		t.Errorf("%d of %d cells within the printed precision, want all 25:\n%s", w, n, cmp)
	}
}
