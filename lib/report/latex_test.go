package report_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/report"
)

// TestLaTeXCompiles typesets the paper's Table 1, a fitted-model table, the
// side-by-side comparison (with its † marks) and a Malmquist table (with
// LaTeX special characters in the caption) with pdflatex (booktabs). It skips only
// when pdflatex is not installed (Debian: texlive-latex-base and
// texlive-latex-recommended).
func TestLaTeXCompiles(t *testing.T) {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not installed")
	}
	t1, err := loadPaper(t, "1").Regression(report.RegOptions{FE: paperFE})
	if err != nil {
		t.Fatal(err)
	}
	fit, err := report.Regression(twoModels(), report.RegOptions{Labels: map[string]string{"sagg_hi": "sagg"}})
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := report.Compare(loadPaper(t, "1"), fromPublished(loadPaper(t, "1"), []float64{0, 0.0006, 0, 0, 0, 0}), report.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	idx := report.IndexTable("Malmquist & friends: 100% of #DMUs_{t}", "year", eg4Years, &eg4Mean)
	doc := "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n" +
		"\\usepackage[landscape,margin=1.5cm]{geometry}\n\\begin{document}\n" +
		t1.LaTeX() + fit.LaTeX() + cmp.SideBySide().LaTeX() + idx.LaTeX() + "\\end{document}\n"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.tex"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "t.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdflatex failed: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "t.pdf")); err != nil {
		t.Fatalf("no PDF: %v", err)
	}
	if strings.Contains(string(out), "Undefined control sequence") {
		t.Errorf("pdflatex warnings:\n%s", out)
	}
}
