package setup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/econb/econb/kernel/internal/cli"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/kernel/assets"
)

// kernelSpec is a Jupyter kernel.json; see
// https://jupyter-client.readthedocs.io/en/latest/kernels.html#kernel-specs.
type kernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env"`
	Metadata      specMetadata      `json:"metadata"`
}

// specMetadata records what econb doctor needs to check an installation.
type specMetadata struct {
	Econb struct {
		Repo  string `json:"repo"`  // repository root, the -go_work path
		Tools string `json:"tools"` // directory of gonb, goimports, gopls
	} `json:"econb"`
}

// displayName is what Jupyter's launcher shows for the kernel.
const displayName = "Go (econb)"

// makeSpec returns the kernelspec for l, with goBin the directory of the
// go command. PATH puts the tools and go first and keeps the server's
// PATH after them (jupyter_client substitutes ${PATH}), so the kernel works
// whatever PATH the Jupyter server was started with.
func makeSpec(l layout, goBin string) kernelSpec {
	s := kernelSpec{
		Argv: []string{
			filepath.Join(l.ToolsDir, exeName("gonb")),
			"--kernel", "{connection_file}",
			"-go_work=" + l.Repo,
		},
		DisplayName:   displayName,
		Language:      "go",
		InterruptMode: "message",
		Env: map[string]string{
			"PATH": strings.Join([]string{l.ToolsDir, goBin, "${PATH}"}, string(os.PathListSeparator)),
		},
	}
	s.Metadata.Econb.Repo = l.Repo
	s.Metadata.Econb.Tools = l.ToolsDir
	return s
}

// encodeSpec returns the kernel.json bytes for s.
func encodeSpec(s kernelSpec) []byte {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic("econb: kernelSpec does not marshal: " + err.Error()) // a programming error
	}
	return append(b, '\n')
}

// writeKernel writes kernel.json and the logos into l.KernelDir(), leaving
// files that already have the right content untouched. It reports each
// file on w as "written" or "unchanged".
func writeKernel(l layout, spec kernelSpec, w io.Writer) error {
	dir := l.KernelDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the kernelspec directory: %w", err)
	}
	files := map[string][]byte{"kernel.json": encodeSpec(spec)}
	for _, name := range assets.Logos {
		b, err := assets.Files.ReadFile(name)
		if err != nil {
			return err
		}
		files[name] = b
	}
	for _, name := range append([]string{"kernel.json"}, assets.Logos...) {
		p := filepath.Join(dir, name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, files[name]) {
			fmt.Fprintf(w, "  unchanged %s\n", p)
			continue
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("writing the kernelspec: %w", err)
		}
		fmt.Fprintf(w, "  written   %s\n", p)
	}
	return nil
}

// installer builds the tools; tests replace it to avoid a real build.
var installer = buildTools

// downloadModules fetches every module of go.mod's build list into the
// module cache, so that notebooks (whose go.work loads the whole module
// graph) build offline, as %noautoget cells need. Tests replace it.
var downloadModules = realDownloadModules

func realDownloadModules(repo string, w io.Writer) error {
	fmt.Fprintln(w, "modules: go mod download all (notebooks then build offline)")
	if _, err := goCmd(repo, nil, "mod", "download", "all"); err != nil {
		return fmt.Errorf("downloading the modules go.mod pins: %w", err)
	}
	return nil
}

// install builds the tools and the econb command, downloads the modules
// notebooks need and writes the kernelspec for l.
//
// When the econb command's directory is not on PATH, modifyPath adds it to
// the user's shell profiles (see ensurePath).
func Install(l layout, modifyPath bool, w io.Writer) error {
	if err := installer(l.Repo, l.ToolsDir, w); err != nil {
		return err
	}
	if err := downloadModules(l.Repo, w); err != nil {
		return err
	}
	fmt.Fprintf(w, "econb command (on the kernel's PATH, and for your shell):\n")
	if err := installCommand(l, modifyPath, w); err != nil {
		return err
	}
	goBin, err := goBinDir()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "kernelspec %q (%s), notebooks import %s/... from %s:\n", l.Name, displayName, modulePath, l.Repo)
	if err := writeKernel(l, makeSpec(l, goBin), w); err != nil {
		return err
	}
	fmt.Fprintf(w, "done: pick %q in JupyterLab's launcher; `econb doctor` checks the set-up\n", displayName)
	return nil
}

func runInstall(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("install", "[--user | --prefix DIR] [--name econb] [--no-modify-path]", stderr)
	user := fs.Bool("user", false, "install for the current user: kernelspec in $JUPYTER_DATA_DIR or ~/.local/share/jupyter, tools in ~/.local/share/econb/bin (the default)")
	prefix := fs.String("prefix", "", "install under `DIR` instead: kernelspec in DIR/share/jupyter, tools in DIR/bin")
	name := fs.String("name", "econb", "kernelspec `name`")
	noModifyPath := fs.Bool("no-modify-path", false, "do not add the econb command's directory (~/.local/bin) to PATH in ~/.profile, ~/.bashrc, ~/.zshrc; print the line to add instead")
	if err := cli.ParseFlags(fs, args); err != nil {
		return err
	}
	if *user && *prefix != "" {
		return fmt.Errorf("%w: --user and --prefix exclude each other", cli.ErrUsage)
	}
	l, err := chooseLayout(*prefix, *name)
	if err != nil {
		return err
	}
	if err := Install(l, !*noModifyPath && *prefix == "", stdout); err != nil {
		return err
	}
	if *prefix != "" {
		fmt.Fprintf(stdout, "note: Jupyter finds this kernelspec if %s is its sys.prefix, or with JUPYTER_PATH=%s\n", *prefix, l.DataDir)
	}
	return nil
}

// chooseLayout returns the user layout, or the prefix layout when prefix
// is set, for the repository around the working directory.
func chooseLayout(prefix, name string) (layout, error) {
	if name == "" || strings.ContainsAny(name, `/\ `) {
		return layout{}, fmt.Errorf("%w: kernel name %q must be a non-empty word", cli.ErrUsage, name)
	}
	repo, err := FindRepoRoot(".")
	if err != nil {
		return layout{}, err
	}
	if prefix != "" {
		return prefixLayout(repo, prefix, name)
	}
	return UserLayout(repo, name)
}
