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
	s := runNotebook(t, "06-table1.ipynb", 1400, 2000)
	table := renderedWith(t, s, ".jp-OutputArea-output table.econb-table", "SAGG",
		"Table 1", "SAGG", "2SLS", "IV-GMM", "Kleibergen-Paap rk LM statistic", "Hansen J statistic", "3393")
	scrollShot(t, s.Page, table, filepath.Join(s.Repo, "build", "browsertest", "06-table1.png"))
}

// runNotebook opens the notebook in JupyterLab, runs all its cells and
// waits until they are done.
func runNotebook(t *testing.T, name string, width, height int) session {
	t.Helper()
	s := openNotebook(t, name, width, height)
	runAll(t, s.Page)
	finishRun(t, s.Page, s.Trace, 8*time.Minute)
	return s
}

// renderedWith returns the first element matching selector whose text
// matches re, failing t unless it exists and its text holds each of want.
func renderedWith(t *testing.T, s session, selector, re string, want ...string) *rod.Element {
	t.Helper()
	el, err := s.Page.Timeout(time.Minute).ElementR(selector, re)
	if err != nil {
		t.Fatalf("no rendered %s with %q: %v", selector, re, err)
	}
	text, err := el.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", selector, w, tail(text, 1500))
		}
	}
	return el
}

// TestTFPPlotInJupyterLab runs notebooks/03-malmquist.ipynb in JupyterLab
// and checks that the TFP/TC/EC figure renders as an image: the first
// figure of the output area that saves 03-paths-tfp (the notebook draws
// other figures too: the truth comparison, the bootstrap intervals).
func TestTFPPlotInJupyterLab(t *testing.T) {
	s := runNotebook(t, "03-malmquist.ipynb", 1400, 2000)
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
// JupyterLab leaves the text of cells out of view unrendered), and the
// regression table of its three model values (robust, FE clustered, csw with two models) as an
// HTML table with the four columns and SE(x) = 0.097 (nbtests checks the
// numbers; here, what a reader sees). Screenshots of both go to
// build/browsertest.
func TestLanguageInJupyterLab(t *testing.T) {
	s := runNotebook(t, "10-language.ipynb", 1400, 2000)
	frame := renderedWith(t, s, ".jp-OutputArea-output .econb-frame table", "南京", "name", "gdp", "str", "南京")
	scrollShot(t, s.Page, frame, filepath.Join(s.Repo, "build", "browsertest", "10-dataset.png"))
	table := renderedWith(t, s, ".jp-OutputArea-output table.econb-table", `FE, cluster`, "robust", "FE, cluster", "csw (1)", "csw (2)", "(0.097)")
	scrollShot(t, s.Page, table, filepath.Join(s.Repo, "build", "browsertest", "10-models.png"))
}
