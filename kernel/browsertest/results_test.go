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
