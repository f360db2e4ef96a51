package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Fuzzing `econb fit` and `econb malmquist` end to end (issue 13): the fuzz
// bytes drive a generator of a small CSV file and a command line (formula,
// estimator, covariance, frontier, ...), which runs through runMain in this
// process. The properties: no panic, an answer within fuzzTimeout, and
// never exit 0 with a non-finite number (NaN, ±Inf) in what is printed,
// text or JSON. Plain go test runs the seeds and any crashers kept in
// testdata/fuzz; go test -fuzz FuzzFitCLI (or FuzzMalmquistCLI) explores.

const fuzzTimeout = 20 * time.Second

// bytesSource turns fuzz bytes into choices; past the end it continues
// with a xorshift generator seeded by the bytes, so that a short input
// still gives a varied case.
type bytesSource struct {
	b []byte
	i int
	x uint64
}

func (s *bytesSource) byte() byte {
	if s.i < len(s.b) {
		s.i++
		return s.b[s.i-1]
	}
	if s.x == 0 {
		s.x = 88172645463325252
		for _, c := range s.b {
			s.x = (s.x ^ uint64(c)) * 1099511628211
		}
		s.x |= 1
	}
	s.x ^= s.x << 13
	s.x ^= s.x >> 7
	s.x ^= s.x << 17
	return byte(s.x >> 32)
}

// intn returns a choice in [0, n).
func (s *bytesSource) intn(n int) int { return int(s.byte()) % n }

func (s *bytesSource) pick(xs ...string) string { return xs[s.intn(len(xs))] }

// cell returns one CSV cell: an ordinary number drawn from the bytes,
// or with probability about hostile/4 a value that has broken estimators
// before (missing, infinite, out of range, text, zero, extreme).
func (s *bytesSource) cell(positive bool, hostile int) string {
	if s.intn(40) >= 10*hostile/4 || hostile == 0 {
		v := float64(s.byte()) + float64(s.byte())/256
		if !positive && s.intn(4) == 0 {
			v = -v
		}
		return fmt.Sprintf("%g", v/16+1)
	}
	switch s.intn(8) {
	case 0:
		return s.pick("NA", ".", "", "NaN")
	case 1:
		return s.pick("Inf", "-Inf", "inf")
	case 2:
		return s.pick("1e300", "-1e300", "1e-300", "5e-324", "1.7e308")
	case 3:
		return s.pick("1e400", "abc", "\"1,5\"", "\"2\"")
	case 4:
		return "0"
	case 5:
		return s.pick("1e150", "1e-150", "1e100", "-1e-100")
	}
	return fmt.Sprint(s.intn(3))
}

// hostility returns how hostile the cells of one file are: 0 (clean) for
// half the files, else 1 to 3.
func (s *bytesSource) hostility() int {
	h := s.intn(8)
	if h < 4 {
		return 0
	}
	return h - 3
}

// nonFinite matches NaN, Inf, +Inf, -Inf and infinity as words.
var nonFinite = regexp.MustCompile(`(?i)(^|[^a-z0-9_])[+-]?(nan|inf|infinity)([^a-z0-9_]|$)`)

// runFuzzed runs args with a time limit and checks the output properties.
func runFuzzed(t *testing.T, args []string, json bool) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
		panicked       any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked = p
				done <- r
			}
		}()
		var out, errb bytes.Buffer
		r.code = runMain(args, &out, &errb)
		r.stdout, r.stderr = out.String(), errb.String()
		done <- r
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(fuzzTimeout):
		t.Fatalf("no answer within %v: econb %s", fuzzTimeout, shellQuote(args))
	}
	if r.panicked != nil {
		t.Fatalf("panic: %v\n$ econb %s", r.panicked, shellQuote(args))
	}
	if r.code != 0 {
		if r.stderr == "" {
			t.Fatalf("exit %d without a message: econb %s", r.code, shellQuote(args))
		}
		return
	}
	if json {
		// JSON has no NaN or Inf: a valid document holds finite numbers
		// (undefined values are null)
		var v any
		if err := jsonUnmarshal(r.stdout, &v); err != nil {
			t.Fatalf("exit 0 with invalid JSON (%v): econb %s\n%s", err, shellQuote(args), r.stdout)
		}
		return
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.Contains(line, "AR set") { // (-inf, a] marks an unbounded set
			continue
		}
		if nonFinite.MatchString(line) {
			t.Fatalf("exit 0 with a non-finite number: econb %s\n%s\n(line: %q)", shellQuote(args), r.stdout, line)
		}
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// shellQuote prints args so that the run can be pasted into a shell.
func shellQuote(args []string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:,") == "" {
			b.WriteString(a)
		} else {
			b.WriteString("'" + strings.ReplaceAll(a, "'", `'\''`) + "'")
		}
	}
	return b.String()
}

// fitCase builds the CSV file and command line of econb fit from s.
func fitCase(s *bytesSource, path string) (args []string, asJSON bool, csv string) {
	nrows := 3 + s.intn(28)
	nx := 2 + s.intn(5) // x0..x{nx-1}
	units := 1 + s.intn(6)
	hostile := s.hostility()
	var b strings.Builder
	b.WriteString("id,t,g,y")
	for j := range nx {
		fmt.Fprintf(&b, ",x%d", j)
	}
	b.WriteString("\n")
	collinear := s.intn(8) == 0
	scale := s.pick("", "", "", "", "e200", "e-200", "e300", "e-300")
	for i := range nrows {
		fmt.Fprintf(&b, "%d,%d,%s", i%units, i/units+1, s.pick("a", "b", "c", "a"))
		var first string
		for j := range nx + 1 {
			c := s.cell(j == 0 && s.intn(2) == 0, hostile)
			if j == 1 && scale != "" && !strings.ContainsAny(c, "aAeEnN.,\"") && c != "" {
				c += scale
			}
			if j == 1 {
				first = c
			}
			if collinear && j == nx {
				c = first
			}
			b.WriteString("," + c)
		}
		b.WriteString("\n")
	}
	// x's are dealt out to the regressors, the endogenous and the instruments
	perm := make([]int, nx)
	for i := range perm {
		perm[i] = i
	}
	for i := nx - 1; i > 0; i-- {
		j := s.intn(i + 1)
		perm[i], perm[j] = perm[j], perm[i]
	}
	next := 0
	take := func() string {
		if next < nx && s.intn(8) != 0 {
			next++
			return fmt.Sprintf("x%d", perm[next-1])
		}
		return fmt.Sprintf("x%d", s.intn(nx)) // sometimes a clash
	}
	term := func() string {
		x := take()
		switch s.intn(16) {
		case 0:
			return "log(" + x + ")"
		case 1:
			return "l(" + x + ", " + s.pick("0", "1", "1:2") + ")"
		case 2:
			return "I(" + x + "^2)"
		case 3:
			return "i(g)"
		case 4:
			return x + ":" + fmt.Sprintf("x%d", s.intn(nx))
		case 5:
			return "d(" + x + ")"
		}
		return x
	}
	terms := func(n int) string {
		var ts []string
		for range n {
			ts = append(ts, term())
		}
		return strings.Join(ts, " + ")
	}
	f := s.pick("y", "y", "y", "log(y)", "d(y)") + " ~ " + terms(1+s.intn(2))
	if s.intn(3) == 0 {
		f += " | " + s.pick("id", "t", "id + t", "g", "id^g")
	}
	iv := s.intn(2) == 0
	if iv {
		ne := 1 + s.intn(2)
		f += " | " + terms(ne) + " ~ " + terms(ne+s.intn(2))
	}
	args = []string{"fit", "--data", path, "--formula", f}
	est := s.pick("2sls", "ols", "gmm2s", "liml", "cue", "fuller:1", "kclass:0.5")
	args = append(args, "--estimator", est)
	vce := s.pick("iid", "robust", "robust", "cluster:id", "cluster:id,t", "hac:bartlett:1", "dkraay:1", "kiefer", "cluster-hac:id:bartlett:1", "ac:parzen:2")
	args = append(args, "--vce", vce)
	if s.intn(2) == 0 || strings.HasPrefix(vce, "dkraay") || vce == "kiefer" || strings.HasPrefix(vce, "cluster-hac") || strings.Contains(f, "l(") || strings.Contains(f, "d(") {
		args = append(args, "--panel", "id,t")
	} else if strings.HasPrefix(vce, "hac") || strings.HasPrefix(vce, "ac") {
		args = append(args, "--time", "t")
	}
	if s.intn(3) == 0 {
		args = append(args, "--small")
	}
	if s.intn(6) == 0 {
		args = append(args, "--weights", s.pick("aweight", "pweight", "fweight", "iweight")+":x"+fmt.Sprint(s.intn(nx)))
	}
	if s.intn(6) == 0 && (est == "2sls" || est == "gmm2s" || est == "liml" || est == "ols") {
		args = append(args, "--convention", "ivregress")
	}
	if iv && s.intn(6) == 0 {
		args = append(args, "--ar-set", "-5:5:41")
	}
	asJSON = s.intn(2) == 0
	if asJSON {
		args = append(args, "--json")
	}
	return args, asJSON, b.String()
}

// malmquistCase builds the CSV panel and command line of econb malmquist
// from s.
func malmquistCase(s *bytesSource, path string) (args []string, asJSON bool, csv string) {
	ndmu, nper := 2+s.intn(9), 2+s.intn(4)
	hostile := s.hostility()
	dmuName := make([]string, ndmu)
	for d := range dmuName {
		dmuName[d] = fmt.Sprint(d)
		if s.intn(20) == 0 {
			dmuName[d] = fmt.Sprint(s.intn(ndmu)) // a duplicate
		}
	}
	var b strings.Builder
	b.WriteString("dmu,year,x1,x2,y1,y2,b\n")
	year := 2000
	for p := range nper {
		if p > 0 {
			year += 1 + map[bool]int{true: 1}[s.intn(10) == 0] // sometimes a gap
		}
		for d := range ndmu {
			if s.intn(30) == 0 {
				continue // unbalanced
			}
			fmt.Fprintf(&b, "%s,%d", dmuName[d], year)
			for range 5 {
				b.WriteString("," + s.cell(true, hostile))
			}
			b.WriteString("\n")
		}
	}
	inputs := s.pick("x1", "x1,x2", "x2")
	outputs := s.pick("y1", "y1,y2", "y2")
	args = []string{"malmquist", "--data", path, "--dmu", "dmu", "--period", "year", "--inputs", inputs, "--outputs", outputs}
	args = append(args, "--frontier", s.pick("contemporaneous", "sequential", "global", "biennial"))
	switch s.intn(6) {
	case 0:
		args = append(args, "--bad", "b")
	case 1:
		args = append(args, "--ddf")
	default:
		args = append(args, "--orient", s.pick("in", "out"))
		if s.intn(12) == 0 {
			args = append(args[:len(args)-4], "--frontier", "contemporaneous", "--bootstrap", fmt.Sprint(2+s.intn(4)), "--seed", "1")
		}
	}
	if s.intn(2) == 0 {
		args = append(args, "--common")
	}
	if s.intn(3) == 0 {
		args = append(args, "--gaps")
	}
	asJSON = s.intn(2) == 0
	if asJSON {
		args = append(args, "--json")
	}
	return args, asJSON, b.String()
}

func fuzzCLI(f *testing.F, build func(*bytesSource, string) ([]string, bool, string)) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "data.csv")
		args, asJSON, csv := build(&bytesSource{b: data}, path)
		if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if t.Failed() {
				t.Logf("data.csv:\n%s", csv)
			}
		}()
		runFuzzed(t, args, asJSON)
	})
}

// seeds adds a few byte strings that reach the main paths.
func seeds(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("0123456789abcdefghijklmnopqrstuvwxyz"))
	f.Add(bytes.Repeat([]byte{7, 200, 13, 41, 99, 3}, 40))
	f.Add(bytes.Repeat([]byte{255, 1, 128}, 60))
	for k := range 8 {
		b := make([]byte, 300)
		x := uint32(2463534242 + k)
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		f.Add(b)
	}
}

// FuzzFitCLI fuzzes econb fit end to end.
func FuzzFitCLI(f *testing.F) {
	seeds(f)
	fuzzCLI(f, fitCase)
}

// FuzzMalmquistCLI fuzzes econb malmquist end to end.
func FuzzMalmquistCLI(f *testing.F) {
	seeds(f)
	fuzzCLI(f, malmquistCase)
}

// TestCLIRandom runs the fuzz properties on a fixed set of generated cases
// of each command (the deterministic part of the fuzzing, for every go
// test run): no panic, an answer in time, no exit 0 with a non-finite
// number.
func TestCLIRandom(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 40
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		build func(*bytesSource, string) ([]string, bool, string)
	}{{"fit", fitCase}, {"malmquist", malmquistCase}} {
		for k := range n {
			b := []byte(fmt.Sprintf("%s case %d", c.name, k))
			path := filepath.Join(dir, "data.csv")
			args, asJSON, csv := c.build(&bytesSource{b: b}, path)
			if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Run(fmt.Sprintf("%s/%d", c.name, k), func(t *testing.T) {
				defer func() {
					if t.Failed() {
						t.Logf("data.csv:\n%s", csv)
					}
				}()
				runFuzzed(t, args, asJSON)
			})
		}
	}
}
