package browsertest

import (
	"context"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/launcher"
)

// launchChromium starts headless Chromium and returns its DevTools URL.
//
// go-rod's launcher would leave the browser running when the test binary
// dies without running its cleanups (go test's -timeout panics, a killed
// CI job): Chromium was reparented to init and kept ~500 MB per page until
// the machine rebooted. Its "leakless" guard extracts a helper binary into
// the temporary directory, which hardened hosts refuse to execute. So the
// browser is started here, in its own process group, with the kernel's
// parent-death signal: when the test process exits for any reason,
// Chromium gets SIGKILL, and its renderers, which watch their parent, exit
// with it. The cleanup kills the whole group.
func launchChromium(t *testing.T, chrome string) string {
	t.Helper()
	args := launcher.New().Bin(chrome).Leakless(false).Headless(true).NoSandbox(true).
		Set("disable-gpu").Set("disable-background-networking").Set("disable-component-update").
		Set("disable-sync").Set("no-first-run").Set("remote-debugging-port", "0").
		UserDataDir(filepath.Join(t.TempDir(), "chrome")).FormatArgs()
	cmd := exec.Command(chrome, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	parser := launcher.NewURLParser().Context(ctx)
	cmd.Stderr = parser
	if err := cmd.Start(); err != nil {
		t.Fatalf("launching %s: %v", chrome, err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	var u string
	select {
	case u = <-parser.URL:
	case <-ctx.Done():
		t.Fatalf("launching %s: no DevTools URL on its standard error within 60 s: %v", chrome, parser.Err())
	}
	ws, err := launcher.ResolveURL(u)
	if err != nil {
		t.Fatalf("launching %s: %v", chrome, err)
	}
	return ws
}
