package chen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
)

// EnvOutDir names the environment variable that sets the replication
// output folder (econb replicate sets it).
const EnvOutDir = "ECONB_REPLICATION_DIR"

// OutDir returns the folder where a notebook saves its exports of one
// kind ("tables", "figures"): $ECONB_REPLICATION_DIR/kind when the
// variable is set, else ../build/replication/kind relative to the
// notebook folder (the working directory of a notebook's cells; from the
// repository root, build/replication/kind). The folder is not created:
// SaveTable, SaveFigure, report.Save and plot's Save create it.
func OutDir(kind string) string {
	if dir := os.Getenv(EnvOutDir); dir != "" {
		return filepath.Join(dir, kind)
	}
	if _, err := os.Stat("notebooks"); err == nil {
		if _, err := os.Stat("go.mod"); err == nil { // the repository root
			return filepath.Join("build", "replication", kind)
		}
	}
	return filepath.Join("..", "build", "replication", kind)
}

// SaveTable writes t into OutDir("tables") as name.tex, .md, .csv and .html.
func SaveTable(t report.Renderable, name string) error {
	var errs []error
	for _, ext := range []string{".tex", ".md", ".csv", ".html"} {
		if err := report.Save(t, filepath.Join(OutDir("tables"), name+ext)); err != nil {
			errs = append(errs, fmt.Errorf("chen: saving table %s%s: %w", name, ext, err))
		}
	}
	return errors.Join(errs...)
}

// SaveFigure writes f into OutDir("figures") as name.svg and name.png.
func SaveFigure(f *plot.Figure, name string) error {
	var errs []error
	for _, ext := range []string{".svg", ".png"} {
		if err := f.Save(filepath.Join(OutDir("figures"), name+ext)); err != nil {
			errs = append(errs, fmt.Errorf("chen: saving figure %s%s: %w", name, ext, err))
		}
	}
	return errors.Join(errs...)
}

// DataPath finds a file of the notebooks' data folder: data/name from the
// notebook folder, notebooks/data/name from the repository root.
func DataPath(name string) string {
	for _, p := range []string{filepath.Join("data", name), filepath.Join("notebooks", "data", name)} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join("data", name)
}
