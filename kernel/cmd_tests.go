// The `econb test` command. (Not cmd_test.go: go would take that name for a test file.)

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func init() {
	register(&command{
		name:    "test",
		summary: "set up Jupyter, Chromium and the kernel if missing, then go vet, go test ./... and replicate",
		run:     runTest,
	})
}

// chromiumPaths are where the browser test looks for Chromium, in order.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"}

func runTest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("test", "[--no-browser] [--run REGEXP]", stderr)
	noBrowser := fs.Bool("no-browser", false, "do not install Chromium; the browser test is skipped")
	run := fs.String("run", "", "pass -run `REGEXP` to go test")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	start := time.Now()
	repo, err := findRepoRoot(".")
	if err != nil {
		return err
	}
	py, err := ensurePython(repo, testModules, stderr)
	if err != nil {
		return err
	}
	env := []string{"ECONB_JUPYTER_BIN=" + py.BinDir, "ECONB_REQUIRE_JUPYTER=1"}
	if !*noBrowser {
		chrome, err := ensureChromium(stderr)
		if err != nil {
			return err
		}
		env = append(env, "ECONB_CHROMIUM="+chrome, "ECONB_REQUIRE_BROWSER=1")
	}
	l, err := userLayout(repo, "econb")
	if err != nil {
		return err
	}
	if err := install(l, true, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "set-up done in %.0fs\n", time.Since(start).Seconds())

	steps := [][]string{{"vet", "./..."}, {"test", "-count=1", "-timeout=20m", "./..."}}
	if *run != "" {
		steps[1] = append(steps[1][:3], "-run", *run, "./...")
	}
	for _, s := range steps {
		fmt.Fprintf(stderr, "go %v\n", s)
		t0 := time.Now()
		cmd := exec.Command("go", s...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s failed after %.0fs: %w", s[0], time.Since(t0).Seconds(), err)
		}
	}
	// The notebooks, as the Dockerfile executes them (so CI tests its
	// commands too).
	fmt.Fprintln(stderr, "econb replicate")
	if err := replicate(repo, filepath.Join(repo, "build", "replication"), py.Python, 600, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "econb test: all passed in %.0fs\n", time.Since(start).Seconds())
	return nil
}

// ensureChromium returns the Chromium binary, installing Debian's package
// with apt-get when it is missing and we are root.
func ensureChromium(w io.Writer) (string, error) {
	if p := os.Getenv("ECONB_CHROMIUM"); p != "" {
		return p, nil
	}
	find := func() string {
		for _, p := range chromiumPaths {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		return ""
	}
	if p := find(); p != "" {
		fmt.Fprintf(w, "chromium: using %s\n", p)
		return p, nil
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		return "", fmt.Errorf("chromium not found in %v: install it (Debian/Ubuntu: sudo apt-get install -y chromium), set ECONB_CHROMIUM=/path/to/chromium, or pass --no-browser to skip the browser test", chromiumPaths)
	}
	fmt.Fprintln(w, "chromium: apt-get install -y chromium (a minute or two)...")
	aptEnv := append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	for _, args := range [][]string{{"update", "-q"}, {"install", "-y", "-q", "chromium"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = aptEnv
		cmd.Stdout, cmd.Stderr = w, w
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("apt-get %s: %w", args[0], err)
		}
	}
	if p := find(); p != "" {
		return p, nil
	}
	return "", fmt.Errorf("apt-get installed chromium but none of %v exists", chromiumPaths)
}
