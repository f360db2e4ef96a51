// Package report lays out econometric results as publication tables, in
// the notebook and out of it.
//
// # One model, five renderers
//
// A *Table holds header rows (with spans for column groups), body rows of
// already formatted cells, and notes. Numbers are formatted once, when the
// table is built; the renderers only align and escape:
//
//	t.String()    fixed-width text (text/plain; fmt.Println(t))
//	t.HTML()      HTML fragment with a small embedded style sheet that follows
//	              JupyterLab's light and dark themes (text/html)
//	t.LaTeX()     booktabs float (needs \usepackage{booktabs}); LaTeXTabular()
//	              for the tabular alone
//	t.Markdown()  GitHub pipe table
//	t.CSV()       header rows and body rows as records
//	t.Save(path)  by extension: .txt .html .tex .md .csv
//
// This follows statsmodels/linearmodels Summary.as_text/as_html/as_latex.
//
// # Regression tables
//
// Regression(models, RegOptions) builds a paper's multi-column layout from
// any slice of models implementing Fitted ([]*ivgmm.Result as it is, or
// []Fitted mixing estimators): each coefficient with
// its stars and, beneath, (t) or (SE); fixed-effect indicator rows ("Year Y",
// "City Y"); diagnostics chosen by short stat codes (kp_lm, kp_f, hansen_j, n,
// r2, …; see StatCodes) with [p] beneath; column groups ("2SLS" / "IV-GMM");
// a labels dictionary; the stars legend as a note. Stars count the levels p
// passes: * p<0.10, ** p<0.05, *** p<0.01 (DefaultStars). Coefficients print
// with 3 decimals, widened until a digit shows (-0.0004), t with 2.
//
// # Published tables and comparisons
//
// LoadPublished and ParsePublished read a published-tables file (a paper's
// tables transcribed as JSON; lib/chen/paper embeds one, with the labels
// of its headers). PublishedTable.Regression lays a published table out
// in the same layout, with the published stars. Compare sets every published
// number against fitted models: the difference, and whether our estimate
// rounds to the printed value (|ours - published| <= 0.5·10^-d, d the
// printed decimals; stars: the same count).
//
// # Tidy tables
//
// Tidy builds a plain table from records; IndexTable and DEAPSummary lay out
// Malmquist summaries as tidy tables and in DEAP 2.1's fixed-width layout
// (Coelli 1996, CEPA Working Paper 96/08), from plain IndexRow values.
//
// Package report never imports an estimator, and never imports gonbui:
// kernel/display shows any Renderable as one MIME bundle.
package report
