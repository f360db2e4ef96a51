package stata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/frame"
)

// The data commands of the do-file front end: each resolves e(), r(),
// _b[] and scalars in its arguments, runs the package's verb (the same
// function a notebook's d.Gen, d.Keep, ... calls) and prints its notes.

func (s *Session) exprArgs(c *cmdCall) (string, error) { return s.resolve(c.Args, true) }

func (s *Session) cmdGenerate(c *cmdCall) error { return s.byVerb(c, generate) }
func (s *Session) cmdReplace(c *cmdCall) error  { return s.byVerb(c, replace) }

// byVerb runs a verb that takes by-groups (nil without by) on the data.
func (s *Session) byVerb(c *cmdCall, f func(*frame.Frame, string, []int32) (*frame.Frame, error)) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	g, err := f(s.data, args, c.codes)
	if err != nil {
		return err
	}
	s.setData(g)
	return nil
}

func (s *Session) cmdEgen(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	if c.By != nil {
		sep := ", "
		if _, opts := splitComma(args); opts != "" {
			sep = " "
		}
		args += sep + "by(" + strings.Join(c.By.vars, " ") + ")"
	}
	g, err := Egen(s.data, args)
	if err != nil {
		return err
	}
	s.setData(g)
	return nil
}

func (s *Session) cmdKeep(c *cmdCall) error { return s.keepDrop("keep", c) }
func (s *Session) cmdDrop(c *cmdCall) error { return s.keepDrop("drop", c) }

func (s *Session) keepDrop(cmd string, c *cmdCall) error {
	if a := strings.TrimSpace(c.Args); cmd == "drop" && (a == "_all" || a == "*") {
		s.setData(frame.New(0))
		return nil
	}
	return s.byVerb(c, func(f *frame.Frame, args string, by []int32) (*frame.Frame, error) {
		return keepDropBy(cmd, f, args, by)
	})
}

// usingFile cuts "... using filename ..." into the text before, the file
// and the text after it.
func usingFile(args string) (before, file, after string, ok bool) {
	at := keywordAt(args, "using")
	if at < 0 {
		return args, "", "", false
	}
	before = strings.TrimSpace(args[:at])
	rest := strings.TrimSpace(args[at+len("using"):])
	file, after = firstFileName(rest)
	return before, file, strings.TrimSpace(after), true
}

// firstFileName reads a file name at the start of s: "quoted name" or up
// to the first blank or comma.
func firstFileName(s string) (name, rest string) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "`\""):
		if end := matchCompound(s); end > 0 {
			return s[2:end], s[end+2:]
		}
	case strings.HasPrefix(s, "\""):
		if end := strings.IndexByte(s[1:], '"'); end >= 0 {
			return s[1 : 1+end], s[end+2:]
		}
	}
	end := strings.IndexAny(s, " \t,")
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

func (s *Session) cmdMerge(c *cmdCall) error {
	before, file, after, ok := usingFile(c.Args)
	if !ok || file == "" {
		return syntaxErr("merge", "no using file", mergeSyntax+" (the using file after using)")
	}
	using, err := s.readDataset("merge", file)
	if err != nil {
		return err
	}
	g, err := Merge(s.data, before+" "+after, using)
	if err != nil {
		return err
	}
	s.setData(g)
	return nil
}

func (s *Session) cmdAppend(c *cmdCall) error {
	before, file, after, ok := usingFile(c.Args)
	if !ok || file == "" || before != "" {
		return syntaxErr("append", "no using file", "using filename [filename ...]")
	}
	files := []string{file}
	main, opts := splitComma(after)
	for rest := main; strings.TrimSpace(rest) != ""; {
		var f string
		f, rest = firstFileName(rest)
		files = append(files, f)
	}
	if opts != "" {
		return fmt.Errorf("append: options %q are not supported (econb matches columns by name; a column in one file only is missing in the other's rows): %w", opts, ErrUnsupported)
	}
	g := s.data
	for _, f := range files {
		using, err := s.readDataset("append", f)
		if err != nil {
			return err
		}
		if g, err = Append(g, using); err != nil {
			return err
		}
	}
	s.setData(g)
	return nil
}

func (s *Session) verb(f func(*frame.Frame, string) (*frame.Frame, error), c *cmdCall) error {
	return s.byVerb(c, func(g *frame.Frame, args string, _ []int32) (*frame.Frame, error) { return f(g, args) })
}

func (s *Session) cmdReshape(c *cmdCall) error  { return s.verb(Reshape, c) }
func (s *Session) cmdCollapse(c *cmdCall) error { return s.verb(Collapse, c) }
func (s *Session) cmdSort(c *cmdCall) error {
	if c.Name != "gsort" && strings.Contains(c.Args, "-") && !strings.Contains(c.Args, " - ") {
		for _, t := range strings.Fields(c.Args) {
			if strings.HasPrefix(t, "-") {
				return fmt.Errorf("sort %s: sort orders ascending; write gsort %s for a descending order: %w", c.Args, c.Args, ErrSyntax)
			}
		}
	}
	return s.verb(Sort, c)
}
func (s *Session) cmdRename(c *cmdCall) error  { return s.verb(Rename, c) }
func (s *Session) cmdWinsor2(c *cmdCall) error { return s.verb(Winsor2, c) }

func (s *Session) cmdOrder(c *cmdCall) error {
	main, opts := splitComma(c.Args)
	if opts != "" {
		return fmt.Errorf("order: options %q are not supported (econb moves the variables to the front): %w", opts, ErrUnsupported)
	}
	vars, err := Varlist(s.data, main)
	if err != nil {
		return fmt.Errorf("order: %w", err)
	}
	seen := map[string]bool{}
	for _, v := range vars {
		seen[v] = true
	}
	for _, n := range s.data.Names() {
		if !seen[n] {
			vars = append(vars, n)
		}
	}
	g, err := s.data.KeepVars(vars...)
	if err != nil {
		return err
	}
	s.setData(g)
	return nil
}

func (s *Session) cmdLabel(c *cmdCall) error {
	sub := firstWord(c.Args)
	if !abbrev(sub, "variable", 3) {
		return fmt.Errorf("label %s: econb supports label variable varname \"label\" (value labels are read from .dta files but not defined): %w", sub, ErrUnsupported)
	}
	return s.verb(Label, &cmdCall{Args: strings.TrimSpace(c.Args[len(sub):])})
}

func (s *Session) cmdXtset(c *cmdCall) error {
	if strings.TrimSpace(c.Args) == "" {
		e, t, ok := s.data.PanelVars()
		if !ok {
			return fmt.Errorf("xtset: the data are not xtset: %w", ErrState)
		}
		s.printf("Panel variable: %s\n Time variable: %s\n", e, t)
		return nil
	}
	if err := s.verb(Xtset, c); err != nil {
		return err
	}
	s.tsTime = ""
	return nil
}

func (s *Session) cmdTsset(c *cmdCall) error {
	main, _ := splitComma(c.Args)
	vars, err := Varlist(s.data, main)
	if err != nil {
		return fmt.Errorf("tsset: %w", err)
	}
	switch len(vars) {
	case 2:
		return s.cmdXtset(c)
	case 1:
		x, ok := s.data.Numeric(vars[0])
		if !ok {
			return fmt.Errorf("tsset %s: the time variable must be numeric: %w", vars[0], frame.ErrNotNumeric)
		}
		lo, hi := 0.0, 0.0
		seen := map[float64]bool{}
		for i, v := range x {
			if v != v || v != float64(int64(v)) {
				return fmt.Errorf("tsset %s: row %d has %s, not an integer time: %w", vars[0], i+1, defaultNumber(v), ErrSyntax)
			}
			if seen[v] {
				return fmt.Errorf("tsset %s: repeated time value %s (row %d): %w", vars[0], defaultNumber(v), i+1, ErrSyntax)
			}
			seen[v] = true
			if i == 0 || v < lo {
				lo = v
			}
			if i == 0 || v > hi {
				hi = v
			}
		}
		s.tsTime = vars[0]
		s.printf("Time variable: %s, %s to %s\n        Delta: 1 unit\n", vars[0], defaultNumber(lo), defaultNumber(hi))
		s.printf("(econb: a time series declared with tsset serves the kernel covariances bw() and vce(hac); L. and F. need xtset panelvar timevar)\n")
		return nil
	}
	return syntaxErr("tsset", fmt.Sprintf("%d variables given", len(vars)), "[panelvar] timevar")
}

func (s *Session) cmdSummarize(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	sum, err := Summarize(s.data, args)
	if err != nil {
		return err
	}
	s.println(sum.String())
	s.r = map[string]float64{}
	if n := len(sum.Stats); n > 0 {
		st := sum.Stats[n-1]
		s.r["N"], s.r["mean"], s.r["sd"], s.r["min"], s.r["max"] = float64(st.N), st.Mean, st.SD, st.Min, st.Max
		s.r["Var"] = st.SD * st.SD
		s.r["sum"] = st.Mean * float64(st.N)
		if sum.Detail {
			s.r["sum"], s.r["Var"], s.r["skewness"], s.r["kurtosis"] = st.Sum, st.Variance, st.Skewness, st.Kurtosis
			for i, p := range frame.PctileLevels {
				s.r["p"+strconv.Itoa(int(p))] = st.Pctiles[i]
			}
		}
	}
	return nil
}

func (s *Session) cmdDescribe(c *cmdCall) error {
	if strings.TrimSpace(c.Args) != "" {
		vars, err := Varlist(s.data, c.Args)
		if err != nil {
			return fmt.Errorf("describe: %w", err)
		}
		g, err := s.data.KeepVars(vars...)
		if err != nil {
			return err
		}
		s.println(Describe(g).String())
		return nil
	}
	s.println(Describe(s.data).String())
	return nil
}

func (s *Session) cmdTabulate(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	t, err := Tabulate(s.data, args)
	if err != nil {
		return err
	}
	s.println(t.String())
	return nil
}

func (s *Session) cmdList(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	_, opts := splitComma(args)
	if o, err := parseOptions(opts); err != nil {
		return fmt.Errorf("list: %w", err)
	} else {
		o.flag("clean", 5)
		o.flag("noobs", 5)
		o.flag("sep", 3)
		o.arg("separator", 3)
		o.flag("abbreviate", 2)
		if err := o.rest("list"); err != nil {
			return err
		}
	}
	t, err := List(s.data, args)
	if err != nil {
		return err
	}
	s.println(t.String())
	return nil
}

func (s *Session) cmdCount(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	n, err := Count(s.data, args)
	if err != nil {
		return err
	}
	s.printf("  %s\n", commas(n))
	s.r = map[string]float64{"N": float64(n)}
	return nil
}

func (s *Session) cmdAssert(c *cmdCall) error {
	args, err := s.exprArgs(c)
	if err != nil {
		return err
	}
	main, opts := splitComma(args)
	if strings.TrimSpace(opts) != "" && strings.TrimSpace(opts) != "fast" && strings.TrimSpace(opts) != "rc0" {
		return fmt.Errorf("assert: option %q is not supported: %w", opts, ErrUnsupported)
	}
	return Assert(s.data, main)
}

func (s *Session) cmdDisplay(c *cmdCall) error { return s.display(c.Args) }

// commas writes n with thousands separators, as Stata prints counts.
func commas(n int) string {
	t := strconv.Itoa(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	var b strings.Builder
	for i, ch := range t {
		if i > 0 && (len(t)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}
