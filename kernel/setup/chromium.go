package setup

import (
	"fmt"
	"io"
	"os"
	"os/exec"
)

// aptLockWait is how long, in seconds, apt-get waits for a dpkg lock held
// by another process.
const aptLockWait = 600

// chromiumPaths are where the browser test looks for Chromium, in order.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"}

// ensureChromium returns the Chromium binary, installing Debian's package
// with apt-get when it is missing and we are root.
func EnsureChromium(w io.Writer) (string, error) {
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
	// Another apt or dpkg (an unattended upgrade, a second installer) may
	// hold the dpkg lock: wait for it, up to aptLockWait seconds, instead of
	// failing at once.
	lock := fmt.Sprintf("DPkg::Lock::Timeout=%d", aptLockWait)
	for _, args := range [][]string{{"-o", lock, "update", "-q"}, {"-o", lock, "install", "-y", "-q", "chromium"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = aptEnv
		cmd.Stdout, cmd.Stderr = w, w
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("apt-get %s (waited up to %ds for the dpkg lock): %w", args[2], aptLockWait, err)
		}
	}
	if p := find(); p != "" {
		return p, nil
	}
	return "", fmt.Errorf("apt-get installed chromium but none of %v exists", chromiumPaths)
}
