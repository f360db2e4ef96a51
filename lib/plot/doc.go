// Package plot draws the figures of a replication with gonum/plot, as SVG
// or PNG, for files and for inline display in a notebook:
//
//	Coefficients  coefficient estimates with confidence intervals across
//	              models (any report.Fitted), one row per coefficient
//	Paths         series by group over time: one faint line per unit and a
//	              mean line per group (TFP / TC / EC levels by region)
//	Boxes         distributions by group and period (LQ by region and year)
//
// Every function returns a *Figure: SVG() and PNG() give the bytes (what
// kernel/display sends to the notebook), Save(path) writes .svg, .png or
// .pdf by extension, and Plot is the gonum plot for further changes.
//
// Confidence intervals are b ± z·SE with z the standard normal quantile
// of the level (1.96 at 95%), as Stata prints for z statistics.
package plot
