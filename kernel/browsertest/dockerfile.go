package browsertest

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// instruction is one Dockerfile instruction: its keyword (upper case) and
// the rest of its logical line, continuation lines joined.
type instruction struct {
	Line int    // line of the keyword, from 1
	Cmd  string // ARG, FROM, ENV, USER, WORKDIR, COPY, RUN
	Args string
}

// supported are the instructions the Binder emulation knows how to run;
// any other one in the Dockerfile is an error, so that the emulation and
// the file cannot drift apart silently.
var supported = map[string]bool{"ARG": true, "FROM": true, "ENV": true, "USER": true, "WORKDIR": true, "COPY": true, "RUN": true}

// parseDockerfile reads the instructions of the Dockerfile at path: comment
// lines and blank lines are skipped, a line ending in a backslash continues
// on the next one, joined without the backslash and the newline (comment
// lines inside a continuation are dropped), as Docker does.
func parseDockerfile(path string) ([]instruction, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out   []instruction
		cur   strings.Builder
		start int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "#") || (trim == "" && cur.Len() == 0) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(trim, `\`) {
			// Docker removes the backslash and the newline: the logical
			// line is the physical lines joined.
			cur.WriteString(strings.TrimSuffix(strings.TrimRight(line, " \t"), `\`))
			continue
		}
		cur.WriteString(line)
		logical := strings.TrimSpace(cur.String())
		cur.Reset()
		if logical == "" {
			continue
		}
		cmd, args, _ := strings.Cut(logical, " ")
		cmd = strings.ToUpper(cmd)
		if !supported[cmd] {
			return nil, fmt.Errorf("%s:%d: instruction %s is not emulated (kernel/browsertest/dockerfile.go knows %s)", path, start, cmd, "ARG FROM ENV USER WORKDIR COPY RUN")
		}
		out = append(out, instruction{Line: start, Cmd: cmd, Args: strings.TrimSpace(args)})
	}
	if cur.Len() > 0 {
		return nil, fmt.Errorf("%s:%d: the last instruction ends in a line continuation", path, start)
	}
	return out, sc.Err()
}

var dockerVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// expand substitutes ${VAR} and $VAR from vars, as Docker does in ENV,
// USER, WORKDIR and COPY (an unset variable becomes empty).
func expand(s string, vars map[string]string) string {
	return dockerVar.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.Trim(m, "${}")
		return vars[name]
	})
}

// keyValues splits the arguments of ENV or ARG: name=value pairs (values
// may be double-quoted), or the legacy "ENV name value" form.
func keyValues(args string) ([][2]string, error) {
	if !strings.Contains(strings.Fields(args)[0], "=") {
		name, value, _ := strings.Cut(args, " ")
		return [][2]string{{name, strings.TrimSpace(value)}}, nil
	}
	var kv [][2]string
	for _, f := range strings.Fields(args) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want name=value", f)
		}
		kv = append(kv, [2]string{k, strings.Trim(v, `"`)})
	}
	return kv, nil
}
