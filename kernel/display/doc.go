// Package display shows econb values in a GoNB notebook cell. It is the
// only econb package that imports gonbui; lib/ stays free of it.
//
// Show sends ONE display_data MIME bundle per value, so the front end picks
// the richest form it renders and nbconvert keeps the others:
//
//	tables (report.Renderable)  text/plain, text/html, text/latex, text/markdown
//	fitted models (report.Fitted without a renderer of their own)
//	                            the report.Summary table, as above, with
//	                            the model's own String as text/plain
//	figures (SVG()/PNG() bytes) image/svg+xml, image/png, text/plain
//	fmt.Stringer, string        text/plain
//
// Outside a notebook (a plain go run, go test, the econb CLI) gonbui's
// IsNotebook is false and Show prints the text/plain form to Stdout instead.
// No widgets or comms are used, so output works on Binder and in exported
// notebooks.
package display
