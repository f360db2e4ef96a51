package browsertest

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The Binder emulation: no container engine runs where econb is built, so
// TestBinderEmulation rebuilds what the Dockerfile's image would hold on
// this machine, as close to the image as a process can get:
//
//   - the base image's state: a Python environment with Jupyter on PATH
//     (a venv from kernel/requirements.txt standing in for /opt/conda),
//     user jovyan = uid 1000 (gid 100) with a fresh HOME under /home, and
//     the base image's environment (NB_USER, NB_UID, NB_GID, HOME, PATH);
//   - then every instruction after FROM, parsed from the Dockerfile itself:
//     ARG, ENV, USER, WORKDIR, COPY (the build context, minus
//     .dockerignore) and RUN (/bin/sh -c, as the instruction's user, with
//     the ARG and ENV values in its environment). Only build arguments are
//     overridden, as `docker build --build-arg` would: GO_PREFIX, so that
//     Go is unpacked into a scratch directory and not over this machine's.
//
// What it cannot show: the real base image's packages and versions, the
// image's file system layers and size, repo2docker's own steps, and
// mybinder.org's network, resource limits and start-up.

// binderUID and binderGID are the base image's jovyan (NB_UID, NB_GID).
const (
	binderUID = 1000
	binderGID = 100
)

// binderImage is the emulated image after the Dockerfile's steps.
type binderImage struct {
	Home  string   // jovyan's HOME, holding the repository copy
	Env   []string // the image's environment (ENV), for the processes started in it
	Cred  *syscall.Credential
	Steps []binderStep
}

// binderStep is one emulated instruction and how long it took.
type binderStep struct {
	Instruction instruction
	Took        time.Duration
}

// binderPython returns the bin directory of the Python environment that
// stands in for the base image's /opt/conda: a venv made with the system
// Python (readable by every user, unlike a pyenv in /root) from
// kernel/requirements.txt, under /opt/econb-binder, reused while
// requirements.txt is unchanged.
func binderPython(t *testing.T, repo string) string {
	t.Helper()
	req, err := os.ReadFile(filepath.Join(repo, "kernel", "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(req)
	dir := "/opt/econb-binder/python"
	stamp := filepath.Join(dir, "econb-requirements.sha256")
	if b, err := os.ReadFile(stamp); err == nil && string(b) == hex.EncodeToString(sum[:]) {
		return filepath.Join(dir, "bin")
	}
	_ = os.RemoveAll(dir)
	for _, args := range [][]string{
		{"/usr/bin/python3", "-m", "venv", dir},
		{filepath.Join(dir, "bin", "python3"), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", filepath.Join(repo, "kernel", "requirements.txt")},
	} {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("binder python: %v: %v\n%s", args, err, out)
		}
	}
	if err := os.WriteFile(stamp, []byte(hex.EncodeToString(sum[:])), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "bin")
}

// emulateBinder builds the emulated image of repo's Dockerfile (see the
// comment above). Each RUN's output goes to logDir/step-<line>.log.
func emulateBinder(t *testing.T, repo, pythonBin, logDir string) binderImage {
	t.Helper()
	ins, err := parseDockerfile(filepath.Join(repo, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	home := "/home/econb-binder-" + hex.EncodeToString(suffix)
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(home, binderUID, binderGID); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ECONB_BINDER_KEEP") == "" {
		t.Cleanup(func() { _ = os.RemoveAll(home) })
	} else {
		t.Logf("binder: keeping %s (ECONB_BINDER_KEEP)", home)
	}
	scratch := t.TempDir()
	goPrefix := filepath.Join(scratch, "usr-local")
	if err := os.MkdirAll(goPrefix, 0o755); err != nil {
		t.Fatal(err)
	}
	// Let uid 1000 reach the unpacked Go under the test's temporary folder.
	for d := goPrefix; d != "/" && d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o005 != 0o005 {
			_ = os.Chmod(d, fi.Mode().Perm()|0o005)
		}
	}
	buildArgs := map[string]string{"GO_PREFIX": goPrefix}

	// The base image's environment (docker-stacks base-notebook).
	env := map[string]string{
		"HOME": home, "NB_USER": "jovyan", "NB_UID": strconv.Itoa(binderUID), "NB_GID": strconv.Itoa(binderGID),
		"CONDA_DIR": filepath.Dir(pythonBin), "SHELL": "/bin/bash", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
		"PATH": pythonBin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	}
	args := map[string]string{}
	uid, gid, workdir := binderUID, binderGID, home
	img := binderImage{Home: home}
	seenFrom := false
	for _, in := range ins {
		if in.Cmd == "FROM" {
			seenFrom = true
			continue
		}
		if !seenFrom { // global ARGs only parameterise FROM
			continue
		}
		vars := merge(env, args)
		start := time.Now()
		switch in.Cmd {
		case "ARG":
			kv, err := keyValues(in.Args)
			if err != nil {
				t.Fatalf("Dockerfile:%d: %v", in.Line, err)
			}
			for _, p := range kv {
				args[p[0]] = expand(p[1], vars)
				if v, ok := buildArgs[p[0]]; ok {
					args[p[0]] = v
				}
			}
		case "ENV":
			kv, err := keyValues(in.Args)
			if err != nil {
				t.Fatalf("Dockerfile:%d: %v", in.Line, err)
			}
			for _, p := range kv {
				env[p[0]] = expand(p[1], vars)
			}
		case "USER":
			switch u := expand(in.Args, vars); u {
			case "root", "0":
				uid, gid = 0, 0
			case "jovyan", strconv.Itoa(binderUID):
				uid, gid = binderUID, binderGID
			default:
				t.Fatalf("Dockerfile:%d: USER %s is not emulated (root or jovyan/%d)", in.Line, u, binderUID)
			}
		case "WORKDIR":
			workdir = expand(in.Args, vars)
			if err := os.MkdirAll(workdir, 0o755); err != nil {
				t.Fatal(err)
			}
		case "COPY":
			copyContext(t, repo, in, vars)
		case "RUN":
			runStep(t, in, merge(vars, nil), uid, gid, workdir, logDir)
		}
		img.Steps = append(img.Steps, binderStep{Instruction: in, Took: time.Since(start)})
	}
	for k, v := range env {
		img.Env = append(img.Env, k+"="+v)
	}
	img.Cred = &syscall.Credential{Uid: binderUID, Gid: binderGID, Groups: []uint32{}}
	return img
}

// merge returns a copy of a with b's entries added.
func merge(a, b map[string]string) map[string]string {
	m := make(map[string]string, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// runStep runs a RUN instruction: /bin/sh -c with vars (ARG and ENV) as
// the environment, as uid:gid, in workdir.
func runStep(t *testing.T, in instruction, vars map[string]string, uid, gid int, workdir, logDir string) {
	t.Helper()
	logPath := filepath.Join(logDir, fmt.Sprintf("step-%d.log", in.Line))
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command("/bin/sh", "-c", in.Args)
	cmd.Dir = workdir
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}}
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		b, _ := os.ReadFile(logPath)
		t.Fatalf("Dockerfile:%d: RUN %s: %v after %.0fs\n%s", in.Line, firstLine(in.Args), err, time.Since(t0).Seconds(), tail(string(b), 3000))
	}
	summaryf(t, "binder: Dockerfile:%d RUN %s (uid %d): %.1fs", in.Line, firstLine(in.Args), uid, time.Since(t0).Seconds())
}

// copyContext runs `COPY [--chown=U:G] . DEST`: the build context (the
// repository) minus the .dockerignore patterns, owned by U:G.
func copyContext(t *testing.T, repo string, in instruction, vars map[string]string) {
	t.Helper()
	fields := strings.Fields(expand(in.Args, vars))
	uid, gid := 0, 0
	if strings.HasPrefix(fields[0], "--chown=") {
		u, g, _ := strings.Cut(strings.TrimPrefix(fields[0], "--chown="), ":")
		var err1, err2 error
		uid, err1 = strconv.Atoi(u)
		gid, err2 = strconv.Atoi(g)
		if err1 != nil || err2 != nil {
			t.Fatalf("Dockerfile:%d: --chown wants numeric ids here, got %s", in.Line, fields[0])
		}
		fields = fields[1:]
	}
	if len(fields) != 2 || fields[0] != "." {
		t.Fatalf("Dockerfile:%d: only COPY [--chown=U:G] . DEST is emulated, got %q", in.Line, in.Args)
	}
	ignore := dockerignore(t, repo)
	dst := fields[1]
	err := filepath.WalkDir(repo, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo, p)
		if rel != "." && ignored(rel, ignore) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case d.Type()&os.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := os.Symlink(link, target); err != nil {
				return err
			}
		default:
			if err := copyFile(p, target); err != nil {
				return err
			}
		}
		return os.Lchown(target, uid, gid)
	})
	if err != nil {
		t.Fatalf("Dockerfile:%d: COPY: %v", in.Line, err)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// dockerignore reads repo/.dockerignore: one pattern a line, # comments.
func dockerignore(t *testing.T, repo string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repo, ".dockerignore"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var pats []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			pats = append(pats, strings.TrimSuffix(strings.TrimPrefix(l, "/"), "/"))
		}
	}
	return pats
}

// ignored reports whether the relative path rel, or one of its parent
// directories, matches a .dockerignore pattern: path.Match syntax against
// the path from the context root, as Docker's (without "**" and "!"
// exceptions, which the file does not use).
func ignored(rel string, pats []string) bool {
	for p := rel; p != "." && p != ""; p = filepath.Dir(p) {
		for _, pat := range pats {
			if ok, _ := filepath.Match(pat, p); ok {
				return true
			}
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return truncate(s, 80)
}

// reuseBinder describes an image kept by an earlier run (ECONB_BINDER_KEEP)
// at home; the environment is the base image's and the Dockerfile's ENV
// as the build left them (Go under a scratch prefix is gone, but nothing
// after the build runs go).
func reuseBinder(home, pythonBin string) binderImage {
	return binderImage{
		Home: home,
		Env: []string{"HOME=" + home, "NB_USER=jovyan", "NB_UID=" + strconv.Itoa(binderUID), "NB_GID=" + strconv.Itoa(binderGID),
			"SHELL=/bin/bash", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PATH=" + pythonBin + ":/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		Cred: &syscall.Credential{Uid: binderUID, Gid: binderGID, Groups: []uint32{}},
	}
}

// The Binder emulation's figures (each step's time, the first cells'
// latencies) are logged and also written to build/browsertest/binder/
// summary.txt, so that a passing run (whose log go test hides) leaves them.
var summary struct {
	sync.Mutex
	path string
}

// startSummary empties the summary file at path and sends summaryf there.
func startSummary(t *testing.T, path string) {
	summary.Lock()
	defer summary.Unlock()
	summary.path = path
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Error(err)
	}
}

// summaryf is t.Logf that also appends the line to the summary file.
func summaryf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf(format, args...)
	summary.Lock()
	defer summary.Unlock()
	if summary.path == "" {
		return
	}
	f, err := os.OpenFile(summary.path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, format+"\n", args...)
}
