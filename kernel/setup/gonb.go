package setup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/kernel/assets"
)

// GoNB is built with one file added (assets.GonbPatch): without it a fresh
// kernel shows "Unknown" in JupyterLab until the first cell runs (see the
// file's comment and the upstream report in kernel/assets/gonbpatch). The
// build uses the version go.mod pins and go.mod's versions of every other
// module, exactly as `go install tool` does, through a temporary go.work
// that replaces the GoNB module by a patched copy of it.

// gonbModule is GoNB's module path.
const gonbModule = "github.com/janpfeifer/gonb"

// gonbWorkspace copies the GoNB module pinned by repo's go.mod into a new
// directory under tmp, adds the patch file to its dispatcher package, and
// writes a go.work there that uses repo and replaces GoNB by the copy. It
// returns the go.work path.
func gonbWorkspace(repo, tmp, version string) (string, error) {
	// go mod download fetches the module on a fresh machine (go list -m
	// would report no directory) and prints where it is.
	out, err := goCmd(repo, nil, "mod", "download", "-json", gonbModule+"@"+version)
	if err != nil {
		return "", fmt.Errorf("downloading GoNB %s (needs the module proxy once): %w", version, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
		return "", fmt.Errorf("go mod download -json %s@%s: no module directory in %q (%v)", gonbModule, version, out, err)
	}
	src := mod.Dir
	dst := filepath.Join(tmp, "gonb@"+version)
	if err := copyModule(src, dst); err != nil {
		return "", fmt.Errorf("copying GoNB %s: %w", version, err)
	}
	patch, err := assets.Files.ReadFile(assets.GonbPatch)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dst, "internal", "dispatcher", "econb_history.go"), patch, 0o644); err != nil {
		return "", err
	}
	goVersion, err := goCmd(repo, nil, "list", "-m", "-f", "{{.GoVersion}}")
	if err != nil {
		return "", err
	}
	work := fmt.Sprintf("go %s\n\nuse %s\n\nreplace %s %s => %s\n", goVersion, repo, gonbModule, version, dst)
	path := filepath.Join(tmp, "go.work")
	return path, os.WriteFile(path, []byte(work), 0o644)
}

// copyModule copies the files of the module in src that a build reads
// (sources, embedded files, go.mod, go.sum) into dst, leaving out tests,
// documentation and examples.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel == "docs" || rel == "examples" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(p, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// gonbPatched reports whether the GoNB binary at path carries the patch.
func gonbPatched(path string) bool {
	b, err := os.ReadFile(path)
	return err == nil && bytes.Contains(b, []byte(assets.GonbPatchMarker))
}
