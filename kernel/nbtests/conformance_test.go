package nbtests

import (
	"context"
	"github.com/econb/econb/kernel/runner"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestConformance runs jupyter_kernel_test against the installed econb
// kernel (testdata/conformance.py; its docstring lists what GoNB does not
// support and how that is checked). A deadline turns a hung kernel into a
// failure instead of a stuck test run.
func TestConformance(t *testing.T) {
	jup := FindJupyter(t)
	env := InstallKernel(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, jup.Python, "-m", "unittest", "-v", "conformance")
	cmd.Dir = "testdata"
	cmd.Env = append(append(os.Environ(), env...), "ECONB_KERNEL=econb", "PYTHONDONTWRITEBYTECODE=1")
	// Its own process group, so a deadline also stops the kernel it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	logPath := filepath.Join(t.TempDir(), "conformance.log")
	out, err := cmd.CombinedOutput()
	_ = os.WriteFile(logPath, out, 0o644)
	results := unittestLines(string(out))
	t.Logf("jupyter_kernel_test results:\n%s", results)
	if ctx.Err() != nil {
		t.Fatalf("conformance suite did not finish in 10 min (a hung kernel?); output:\n%s", runner.LastLines(string(out), 60))
	}
	if err != nil {
		t.Fatalf("conformance suite failed: %v\n%s", err, runner.LastLines(string(out), 80))
	}
	// Every supported test must have run, not been skipped.
	for _, name := range []string{"test_kernel_info", "test_execute_stdout", "test_execute_stderr", "test_error",
		"test_display_data", "test_completion", "test_inspect"} {
		if !strings.Contains(results, name+" ") || strings.Contains(results, name+" (conformance.EconbKernelTests."+name+") ... skipped") {
			t.Errorf("%s did not run and pass", name)
		}
	}
}

// unittestLines keeps the "test_x (...) ... ok|skipped|FAIL" lines (and
// their docstring lines) of unittest's verbose output, dropping kernel logs.
func unittestLines(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "test_") || strings.HasPrefix(l, "Ran ") || l == "OK" || strings.HasPrefix(l, "OK (") || strings.HasPrefix(l, "FAILED") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
