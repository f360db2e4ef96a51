package browsertest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
)

// TestTable1InJupyterLab runs notebooks/06-table1.ipynb in JupyterLab and
// checks that the paper-layout Table 1 (lib/report HTML, see
// lib/report/testdata/table1_paper.html) renders without error outputs.
func TestTable1InJupyterLab(t *testing.T) {
	s := openNotebook(t, "06-table1.ipynb", 1400, 2000)
	runAll(t, s.Page)
	finishRun(t, s.Page, s.Trace, 8*time.Minute)
	p := s.Page.Timeout(time.Minute)
	table, err := p.ElementR(".jp-OutputArea-output table.econb-table", "SAGG")
	if err != nil {
		t.Fatalf("no rendered econb table with SAGG: %v", err)
	}
	text, err := table.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Table 1", "SAGG", "2SLS", "IV-GMM", "Kleibergen-Paap rk LM statistic", "Hansen J statistic", "3393"} {
		if !strings.Contains(text, want) {
			t.Errorf("Table 1 lacks %q:\n%s", want, tail(text, 1500))
		}
	}
	scrollShot(t, s.Page, table, filepath.Join(s.Repo, "build", "browsertest", "06-table1.png"))
}

// TestTFPPlotInJupyterLab runs notebooks/03-malmquist.ipynb in JupyterLab
// and checks that the TFP/TC/EC figure renders as an image: the first
// figure of the output area that saves 03-paths-tfp (the notebook draws
// other figures too: the truth comparison, the bootstrap intervals).
func TestTFPPlotInJupyterLab(t *testing.T) {
	s := openNotebook(t, "03-malmquist.ipynb", 1400, 2000)
	runAll(t, s.Page)
	finishRun(t, s.Page, s.Trace, 8*time.Minute)
	// textContent, not innerText (ElementR): JupyterLab skips rendering the
	// cells out of view (content-visibility), whose innerText is empty.
	fig, err := s.Page.Timeout(time.Minute).ElementByJS(rod.Eval(`() => {
		const out = [...document.querySelectorAll('.jp-OutputArea')].find(a => a.textContent.includes('saved figures/03-paths-tfp'));
		return out ? out.querySelector('.jp-OutputArea-output img, .jp-OutputArea-output svg') : null;
	}`))
	if err != nil {
		t.Fatalf("no figure (<img>/<svg>) in the output area that saves figures/03-paths-tfp: %v", err)
	}
	// JupyterLab renders the cells above as they come into view, which
	// pushes the figure down: scroll to it until it stays.
	for range 3 {
		if _, err := fig.Eval(`function() { this.scrollIntoView({block: "start"}) }`); err != nil {
			t.Errorf("scrolling: %v", err)
		}
		time.Sleep(time.Second)
	}
	scrollShot(t, s.Page, fig, filepath.Join(s.Repo, "build", "browsertest", "03-tfp-plot.png"))
}

// TestLanguageInJupyterLab runs notebooks/10-language.ipynb in JupyterLab:
// its datasets render as HTML tables (header, types row, a city's name in
// Chinese, read from a GB18030 file; the first one in view is taken, as
// JupyterLab leaves the text of cells out of view unrendered), and the regression table of its
// three model values (robust, FE clustered, csw with two models) as an
// HTML table with the four columns and SE(x) = 0.097 (nbtests checks the
// numbers; here, what a reader sees). Screenshots of both go to
// build/browsertest.
func TestLanguageInJupyterLab(t *testing.T) {
	s := openNotebook(t, "10-language.ipynb", 1400, 2000)
	runAll(t, s.Page)
	finishRun(t, s.Page, s.Trace, 8*time.Minute)
	p := s.Page.Timeout(time.Minute)
	frame, err := p.ElementR(".jp-OutputArea-output .econb-frame table", "南京")
	if err != nil {
		t.Fatalf("the dataset did not render as an HTML table: %v", err)
	}
	text, err := frame.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"name", "gdp", "str", "南京"} {
		if !strings.Contains(text, want) {
			t.Errorf("dataset table lacks %q:\n%s", want, tail(text, 800))
		}
	}
	scrollShot(t, s.Page, frame, filepath.Join(s.Repo, "build", "browsertest", "10-dataset.png"))
	table, err := p.ElementR(".jp-OutputArea-output table.econb-table", `FE, cluster`)
	if err != nil {
		t.Fatalf("no rendered regression table with the column \"FE, cluster\": %v", err)
	}
	if text, err = table.Text(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"robust", "FE, cluster", "csw (1)", "csw (2)", "(0.097)"} {
		if !strings.Contains(text, want) {
			t.Errorf("regression table lacks %q:\n%s", want, tail(text, 1500))
		}
	}
	scrollShot(t, s.Page, table, filepath.Join(s.Repo, "build", "browsertest", "10-models.png"))
}
