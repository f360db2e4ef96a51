// Package assets holds the files the econb command installs or runs: the
// kernel logos (logo-32x32.png, logo-64x64.png, drawn by Logo and
// committed; `go test ./kernel/assets -update` rewrites them) and the
// Python driver that executes notebooks through nbclient (run_notebook.py).
package assets

import "embed"

// Files holds the logos and the notebook driver, by file name.
//
//go:embed logo-32x32.png logo-64x64.png run_notebook.py
var Files embed.FS

// Logos are the kernelspec logo files, as Jupyter names them.
var Logos = []string{"logo-32x32.png", "logo-64x64.png"}

// NotebookDriver is the file name of the nbclient driver script in Files.
const NotebookDriver = "run_notebook.py"
