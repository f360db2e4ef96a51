// Package browsertest opens the tour notebook in a real JupyterLab 4 with
// headless Chromium (Debian's /usr/bin/chromium, driven by go-rod; nothing
// is downloaded), runs all cells from the Run menu, checks that the HTML
// table and the typeset formula are on the page, and saves a screenshot
// to build/browsertest/00-tour.png.
//
// JupyterLab listens on 127.0.0.1 with a random token, with its settings,
// runtime and Jupyter data directories (holding a fresh econb kernelspec)
// in a temporary directory, and serves a copy of the notebook so the
// repository's file is never autosaved.
//
// The test skips when Chromium or Jupyter is missing, unless
// `go run ./kernel test` asked for them (ECONB_REQUIRE_BROWSER=1,
// ECONB_REQUIRE_JUPYTER=1); ECONB_CHROMIUM names the browser binary.
package browsertest
