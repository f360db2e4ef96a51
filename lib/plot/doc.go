// Package plot draws the figures of a replication with gonum/plot, in one
// theme a journal would accept, as SVG, PNG or PDF, for files and for
// inline display in a notebook:
//
//	Coefficients  estimates with confidence intervals of any models that
//	              implement report.Fitted, one labelled row per model or
//	              cell, with the paper's estimate and the DGP truth as extra
//	              markers (Stata's coefplot, R's dotwhisker)
//	CoefRows      the same from rows of (label, estimate, SE or interval)
//	Paths         series by group over time: one faint line per unit and a
//	              mean line per group, labelled at its end
//	Boxes         distributions by group and period (LQ by region and year)
//	New           an empty themed figure for plots built with gonum/plot
//
// Every function returns a *Figure: SVG() and PNG() give the bytes (what
// kernel/display sends to the notebook, which shows the SVG), Save(path)
// writes .svg, .png or .pdf by extension, and Plot is the gonum plot for
// further changes. The same figure always renders to the same bytes.
//
// # Theme
//
// Liberation Sans (metric clone of Arial/Helvetica; SVG text stays text
// and names Arial, Helvetica and sans-serif as fall-backs), title 12 pt
// and left-aligned, axis labels 10 pt, ticks and legends 9 pt; a
// light grey major grid, left and bottom axes only, short outward ticks;
// the colour-blind-safe palette of Okabe and Ito (2008) with a distinct
// shape per series, so markers differ in greyscale too; legends outside
// the data area (right, or below for coefficient plots); direct labels at
// line ends instead of a legend for up to eight groups. PNG is 192 dpi,
// twice a CSS pixel, for high-DPI screens.
//
// # Intervals
//
// Confidence intervals are b ± z·SE with z = Φ⁻¹((1+level)/2), 1.96 at
// 95% (see Interval), as Stata's ivreg2/xtivreg2 and coefplot print them
// for z statistics.
//
// # References
//
// Okabe, M. and K. Ito (2008). Color Universal Design (CUD): How to make
// figures and presentations that are friendly to colorblind people.
// https://jfly.uni-koeln.de/color/
//
// Jann, B. (2014). Plotting regression coefficients and other estimates.
// The Stata Journal 14(4): 708–737.
//
// Hyndman, R. J. and Y. Fan (1996). Sample quantiles in statistical
// packages. The American Statistician 50(4): 361–365.
//
// Wickham, H. (2016). ggplot2: Elegant Graphics for Data Analysis, 2nd ed.
// Springer (theme_bw, geom_pointrange, geom_boxplot, legend placement).
package plot
