package browsertest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// chromiumPaths are tried in order when ECONB_CHROMIUM is unset.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"}

// findChromium returns the browser binary, or skips (fails when
// ECONB_REQUIRE_BROWSER=1).
func findChromium(t *testing.T) string {
	t.Helper()
	paths := chromiumPaths
	if p := os.Getenv("ECONB_CHROMIUM"); p != "" {
		paths = []string{p}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("browsertest: no Chromium at %v; run `go run ./kernel test`, which installs it", paths)
	if os.Getenv("ECONB_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// lab is a running JupyterLab server.
type lab struct {
	URL   string // http://127.0.0.1:PORT plus the base URL, ending in "/"
	Token string
	Root  string // served directory
}

// labConfig says how to start JupyterLab.
type labConfig struct {
	Jupyter string   // the jupyter command
	Root    string   // directory to serve
	Env     []string // added to the test's environment (or, with Cred, to a minimal one)
	BaseURL string   // "/" if empty; Binder serves under "/user/<name>/"
	// Cred runs the server as another user; Dir is then a directory that
	// user owns, for JupyterLab's settings, workspaces and runtime files.
	Cred *syscall.Credential
	Dir  string
	// FailLog receives the whole server log (the kernel's included) when
	// the test fails.
	FailLog string
}

// startLab starts JupyterLab as c says and stops it when the test ends.
// The server logs at debug level (kernel messages, websocket nudges) and
// exposes the app to the page's JavaScript (kernelStateJS reads it).
func startLab(t *testing.T, c labConfig) lab {
	t.Helper()
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		t.Fatal(err)
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	l := lab{Token: hex.EncodeToString(tok), Root: c.Root}
	port := freePort(t)
	l.URL = fmt.Sprintf("http://127.0.0.1:%d%s", port, c.BaseURL)
	dir := c.Dir
	if dir == "" {
		dir = t.TempDir()
	}
	settings := filepath.Join(dir, "lab-settings")
	// No news or update pop-ups over the screenshot.
	writeFile(t, filepath.Join(settings, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"),
		`{"fetchNews": "false", "checkForUpdates": false}`)
	args := []string{"lab", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port),
		"--IdentityProvider.token=" + l.Token, "--ServerApp.root_dir=" + c.Root, "--ServerApp.base_url=" + c.BaseURL,
		"--ServerApp.port_retries=0", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--debug",
		"--LabApp.expose_app_in_browser=True"}
	if os.Geteuid() == 0 && c.Cred == nil {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command(c.Jupyter, args...)
	cmd.Env = append(os.Environ(), c.Env...)
	if c.Cred != nil {
		cmd.Env = c.Env
	}
	cmd.Env = append(cmd.Env, "JUPYTERLAB_SETTINGS_DIR="+settings, "JUPYTERLAB_WORKSPACES_DIR="+filepath.Join(dir, "ws"))
	if c.Cred == nil {
		cmd.Env = append(cmd.Env, "JUPYTER_CONFIG_DIR="+filepath.Join(dir, "config"), "JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"))
	}
	cmd.Dir = c.Root
	logf, err := os.Create(filepath.Join(t.TempDir(), "lab.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	// SIGTERM when the test process dies (a timeout, ^C): jupyter then stops
	// its kernels, instead of living on with them.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: c.Cred, Pdeathsig: syscall.SIGTERM}
	if c.Cred != nil {
		if err := chownTree(dir, int(c.Cred.Uid), int(c.Cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting jupyter lab: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			if c.FailLog != "" {
				if err := os.WriteFile(c.FailLog, b, 0o644); err == nil {
					t.Logf("jupyter lab and kernel log: %s", c.FailLog)
				}
			}
			t.Logf("jupyter lab log (end):\n%s", tail(string(b), 4000))
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(l.URL + "api/status?token=" + l.Token)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return l
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logf.Name())
			t.Fatalf("jupyter lab did not answer on %s within 90s; log:\n%s", l.URL, tail(string(b), 4000))
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// chownTree gives dir and everything under it to uid:gid.
func chownTree(dir string, uid, gid int) error {
	return filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

// freePort asks the kernel for an unused TCP port on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
