// Package nbtests is test code only: the kernel's integration tests, which
// execute notebooks through Jupyter with kernel/runner (nbclient, driven by
// kernel/assets/run_notebook.py) and check their outputs, and the
// jupyter_kernel_test conformance test. No command imports it, so the econb
// binary does not link package testing.
//
// The helpers (FindJupyter, InstallKernel, RepoRoot, ReadNotebook,
// Sequence) find a Python with Jupyter, install the econb kernelspec into a
// temporary Jupyter data directory and read and match executed notebooks. The idea follows GoNB's own
// internal nbtests (nbconvert-executed notebooks checked with line
// matchers); this is our own small version, since GoNB's is internal.
//
// # Environment
//
// `go run ./kernel test` sets these; plain `go test ./...` works without
// them and skips the Jupyter tests when no Jupyter is found:
//
//	ECONB_JUPYTER_BIN       directory holding python and jupyter (a venv's bin)
//	ECONB_REQUIRE_JUPYTER=1 fail, instead of skip, when Jupyter is missing
//	ECONB_BIN               a prebuilt econb command (default: go build ./kernel)
//
// Without ECONB_JUPYTER_BIN the tests look for the venv `econb test`
// creates (~/.local/share/econb/venv) and then for python3 on PATH.
package nbtests
