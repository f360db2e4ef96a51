// Package assets holds the files the econb command installs or runs: the
// kernel logos (logo-32x32.png, logo-64x64.png, drawn by Logo and
// committed; `go test ./kernel/assets -update` rewrites them) and the
// Python driver that executes notebooks through nbclient (run_notebook.py),
// and the file econb adds to GoNB when it builds it
// (gonbpatch/econb_history.go.src; see kernel/setup_gonb.go).
package assets

import "embed"

// Files holds the logos and the notebook driver, by file name.
//
//go:embed logo-32x32.png logo-64x64.png run_notebook.py gonbpatch/econb_history.go.src
var Files embed.FS

// Logos are the kernelspec logo files, as Jupyter names them.
var Logos = []string{"logo-32x32.png", "logo-64x64.png"}

// NotebookDriver is the file name of the nbclient driver script in Files.
const NotebookDriver = "run_notebook.py"

// GonbPatch is the file in Files that econb adds to GoNB's
// internal/dispatcher package, and GonbPatchMarker the text it puts into
// the GoNB binary.
const (
	GonbPatch       = "gonbpatch/econb_history.go.src"
	GonbPatchMarker = "econb-gonb-patch-1: history_request publishes busy and idle"
)
