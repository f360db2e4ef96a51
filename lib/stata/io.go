package stata

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/internal/atomicfile"
)

// WriteFileAtomic writes a file through a temporary file in the same
// directory, renamed into place when complete (lib/internal/atomicfile);
// an existing file is an error unless replace (Stata's rule for save,
// export and esttab using).
func WriteFileAtomic(path string, replace bool, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s is a directory: %w", path, ErrFile)
		}
		if !replace {
			return fmt.Errorf("file %s already exists; add the option replace to overwrite it: %w", path, ErrFileExists)
		}
	}
	if err := atomicfile.Write(path, 0o644, write); err != nil {
		return fmt.Errorf("writing %s: %v: %w", path, unwrapPath(err), ErrFile)
	}
	return nil
}

// create writes the file name (relative to the working directory) with
// Options.Create (or WriteFileAtomic); an existing file without replace
// is reported under the name the do-file gave.
func (s *Session) create(name string, replace bool, write func(io.Writer) error) error {
	if s.opt.NoFiles {
		return fmt.Errorf("writing %s: files are disabled in this session: %w", name, ErrFile)
	}
	path := s.path(name)
	var err error
	if s.opt.Create != nil {
		err = s.opt.Create(path, replace, write)
	} else {
		err = WriteFileAtomic(path, replace, write)
	}
	if errors.Is(err, ErrFileExists) {
		return fmt.Errorf("file %s already exists; add the option replace to overwrite it: %w", name, ErrFileExists)
	}
	return err
}

// open checks that a file to read exists, with Stata's message.
func (s *Session) open(cmd, name string) (string, error) {
	if s.opt.NoFiles {
		return "", fmt.Errorf("%s: reading %s: files are disabled in this session: %w", cmd, name, ErrFile)
	}
	p := s.path(name)
	fi, err := os.Stat(p)
	if err != nil {
		hint := ""
		if !filepath.IsAbs(name) {
			wd := s.opt.Dir
			if wd == "" {
				wd, _ = os.Getwd()
			}
			hint = fmt.Sprintf(" (relative names are read from the working directory %s, as in Stata; cd there or give the full path)", wd)
		}
		return "", fmt.Errorf("%s: file %s not found%s: %w", cmd, name, hint, errFileNotFound)
	}
	if fi.IsDir() {
		return "", fmt.Errorf("%s: %s is a directory: %w", cmd, name, ErrFile)
	}
	return p, nil
}

// readDataset reads a Stata dataset (.dta; .parquet too) for use, merge
// and append; a name without an extension gets .dta, as in Stata.
func (s *Session) readDataset(cmd, name string) (*frame.Frame, error) {
	if filepath.Ext(name) == "" {
		name += ".dta"
	}
	p, err := s.open(cmd, name)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".dta":
		return frame.ReadDTA(p)
	case ".parquet", ".pq":
		return frame.ReadParquet(p)
	case ".csv", ".txt", ".tsv":
		return nil, fmt.Errorf("%s: %s is a text file; read it with import delimited and save it as .dta first, as in Stata: %w", cmd, name, ErrSyntax)
	}
	return nil, fmt.Errorf("%s: %s is not a Stata dataset (.dta; econb also reads .parquet): %w", cmd, name, ErrSyntax)
}

// checkClear refuses to replace changed data without clear (Stata r(4)).
func (s *Session) checkClear(cmd string, clear bool) error {
	if !clear && s.dirty && s.data.Len() > 0 {
		return fmt.Errorf("%s: no; the dataset in memory has changed since it was last saved; add , clear to discard it (or save it first): %w", cmd, errDataLost)
	}
	return nil
}

// loaded replaces the data with a file just read.
func (s *Session) loaded(f *frame.Frame, name string) {
	s.println(f.Notes()...)
	s.data, s.dirty, s.filename, s.tsTime = f.WithNotes(nil), false, name, ""
}

func (s *Session) cmdUse(c *cmdCall) error {
	main, opts := splitComma(c.Args)
	o, err := parseOptions(opts)
	if err != nil {
		return fmt.Errorf("use: %w", err)
	}
	clear := o.flag("clear", 5)
	o.flag("nolabel", 5)
	if err := o.rest("use"); err != nil {
		return err
	}
	var vars, file string
	var q qualifiers
	if before, f, after, ok := usingFile(main); ok {
		if strings.TrimSpace(after) != "" {
			return syntaxErr("use", fmt.Sprintf("unexpected %q after the file name", after), "[varlist] [if] [in] using filename [, clear]")
		}
		vars, q = cutQualifiers(before)
		file = f
	} else {
		var rest string
		file, rest = firstFileName(main)
		if strings.TrimSpace(rest) != "" {
			return syntaxErr("use", fmt.Sprintf("unexpected %q after the file name", strings.TrimSpace(rest)), "filename [, clear]")
		}
	}
	if file == "" {
		return syntaxErr("use", "no file name", "filename [, clear]")
	}
	if err := s.checkClear("use", clear); err != nil {
		return err
	}
	f, err := s.readDataset("use", file)
	if err != nil {
		return err
	}
	if vars != "" {
		names, err := Varlist(f, vars)
		if err != nil {
			return fmt.Errorf("use: %w", err)
		}
		if f, err = f.KeepVars(names...); err != nil {
			return err
		}
	}
	if q.If != "" || q.In != "" {
		if f, _, err = restrict("use", f, q); err != nil {
			return err
		}
	}
	s.loaded(f, file)
	return nil
}

func (s *Session) cmdImport(c *cmdCall) error {
	sub := firstWord(c.Args)
	rest := strings.TrimSpace(c.Args[len(sub):])
	main, opts := splitComma(rest)
	main = strings.TrimSpace(main)
	if w := firstWord(main); w == "using" {
		main = strings.TrimSpace(main[len(w):])
	}
	file, extra := firstFileName(main)
	if strings.TrimSpace(extra) != "" {
		return syntaxErr("import "+sub, fmt.Sprintf("unexpected %q after the file name (import reads every variable; drop or keep them afterwards)", strings.TrimSpace(extra)), "[using] filename [, options]")
	}
	if file == "" {
		return syntaxErr("import "+sub, "no file name", "[using] filename [, options]")
	}
	o, err := parseOptions(opts)
	if err != nil {
		return fmt.Errorf("import %s: %w", sub, err)
	}
	clear := o.flag("clear", 5)
	switch {
	case abbrev(sub, "delimited", 5):
		return s.importDelimited(file, clear, o)
	case sub == "excel":
		return s.importExcel(file, clear, o)
	}
	return fmt.Errorf("import %s: econb imports delimited (CSV) and excel (.xlsx) files: %w", sub, ErrUnsupported)
}

func (s *Session) importDelimited(file string, clear bool, o options) error {
	var co frame.CSVOptions
	if d, ok := o.take("delimiters", 5); ok {
		switch v := unquote(d.Arg); v {
		case ",", ";", "|", "\t":
			co.Delimiter = v[0]
		case "tab", "\\t":
			co.Delimiter = '\t'
		default:
			return fmt.Errorf("import delimited: delimiters(%s): econb reads one of , ; | tab: %w", d.Arg, ErrUnsupported)
		}
	}
	if e, ok := o.take("encoding", 3); ok {
		co.Encoding = strings.ToLower(unquote(e.Arg))
	}
	if d, ok := o.take("decimalseparator", 3); ok {
		if unquote(d.Arg) != "," {
			return fmt.Errorf("import delimited: decimalseparator(%s): only , is an alternative: %w", d.Arg, ErrUnsupported)
		}
		co.DecimalComma = true
	}
	caseRule := "lower"
	if x, ok := o.take("case", 4); ok {
		switch x.Arg {
		case "preserve", "lower", "upper":
			caseRule = x.Arg
		default:
			return fmt.Errorf("import delimited: case(%s): preserve, lower or upper: %w", x.Arg, ErrSyntax)
		}
	}
	if x, ok := o.take("varnames", 4); ok && strings.TrimSpace(x.Arg) != "1" {
		return fmt.Errorf("import delimited: varnames(%s): econb reads the names from the first row (varnames(1)): %w", x.Arg, ErrUnsupported)
	}
	o.flag("asdouble", 5)
	o.take("bindquotes", 4)
	if o.flag("asfloat", 5) {
		return fmt.Errorf("import delimited: asfloat: econb stores every number as a double (asdouble): %w", ErrUnsupported)
	}
	if err := o.rest("import delimited"); err != nil {
		return fmt.Errorf("%w; econb's options: clear, delimiters(), encoding(), decimalseparator(,), case(), varnames(1), asdouble", err)
	}
	if err := s.checkClear("import delimited", clear); err != nil {
		return err
	}
	p, err := s.open("import delimited", file)
	if err != nil {
		return err
	}
	f, _, err := frame.ReadCSVWith(p, co)
	if err != nil {
		return fmt.Errorf("import delimited: %w", err)
	}
	f, renamed, err := stataNames(f, caseRule)
	if err != nil {
		return fmt.Errorf("import delimited: %w", err)
	}
	s.loaded(f.WithNotes(append(f.Notes(), renamed...)), file)
	return nil
}

// stataNames makes a CSV's column names Stata variable names, as import
// delimited does: case(lower) by default, and an invalid name becomes v#
// (its column number) with the header as the variable label.
func stataNames(f *frame.Frame, rule string) (*frame.Frame, []string, error) {
	var notes []string
	names := f.Names()
	var err error
	for j, n := range names {
		to := n
		switch rule {
		case "lower":
			to = strings.ToLower(n)
		case "upper":
			to = strings.ToUpper(n)
		}
		label := ""
		if !validName(to) {
			label = n
			to = fmt.Sprintf("v%d", j+1)
			notes = append(notes, fmt.Sprintf("(note: column %d's header %q is not a Stata name; the variable is %s, labelled with the header)", j+1, n, to))
		}
		if to == n {
			continue
		}
		if f.Has(to) {
			return nil, nil, fmt.Errorf("columns %q and %q both become %s; use case(preserve): %w", n, to, to, frame.ErrDuplicateName)
		}
		if f, err = f.Rename(n, to); err != nil {
			return nil, nil, err
		}
		if label != "" {
			if f, err = f.SetLabel(to, label); err != nil {
				return nil, nil, err
			}
		}
	}
	return f, notes, nil
}

func (s *Session) importExcel(file string, clear bool, o options) error {
	var xo frame.XLSXOptions
	xo.Sheet = unquote(o.arg("sheet", 5))
	if r := o.arg("cellrange", 4); r != "" {
		xo.Range = unquote(r)
		if xo.Sheet != "" {
			xo.Range = xo.Sheet + "!" + xo.Range
		}
	}
	xo.NoHeader = !o.flag("firstrow", 5)
	caseRule := "preserve"
	if x, ok := o.take("case", 4); ok {
		caseRule = x.Arg
	}
	if err := o.rest("import excel"); err != nil {
		return fmt.Errorf("%w; econb's options: clear, sheet(), cellrange(), firstrow, case()", err)
	}
	if err := s.checkClear("import excel", clear); err != nil {
		return err
	}
	p, err := s.open("import excel", file)
	if err != nil {
		return err
	}
	f, err := frame.ReadXLSX(p, xo)
	if err != nil {
		return fmt.Errorf("import excel: %w", err)
	}
	f, renamed, err := stataNames(f, caseRule)
	if err != nil {
		return fmt.Errorf("import excel: %w", err)
	}
	notes := append(f.Notes(), renamed...)
	notes = append(notes, fmt.Sprintf("(%s vars, %s obs)", commas(f.Width()), commas(f.Len())))
	s.loaded(f.WithNotes(notes), file)
	return nil
}

func (s *Session) cmdSave(c *cmdCall) error {
	main, opts := splitComma(c.Args)
	o, err := parseOptions(opts)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	replace := o.flag("replace", 2)
	o.flag("nolabel", 5)
	if err := o.rest("save"); err != nil {
		return err
	}
	file, rest := firstFileName(main)
	if strings.TrimSpace(rest) != "" {
		return syntaxErr("save", fmt.Sprintf("unexpected %q", strings.TrimSpace(rest)), "[filename] [, replace]")
	}
	if file == "" {
		if file = s.filename; file == "" || !replace {
			return syntaxErr("save", "no file name", "filename [, replace]")
		}
	}
	if filepath.Ext(file) == "" {
		file += ".dta"
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".dta":
	default:
		return fmt.Errorf("save %s: save writes Stata .dta files; use export delimited for CSV: %w", file, ErrSyntax)
	}
	data := s.data
	if err := s.create(file, replace, data.WriteDTATo); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	s.filename, s.dirty = file, false
	s.printf("file %s saved\n", file)
	return nil
}

func (s *Session) cmdExport(c *cmdCall) error {
	sub := firstWord(c.Args)
	if !abbrev(sub, "delimited", 5) {
		return fmt.Errorf("export %s: econb exports delimited (CSV) files; save writes .dta: %w", sub, ErrUnsupported)
	}
	rest := strings.TrimSpace(c.Args[len(sub):])
	main, opts := splitComma(rest)
	var vars, file string
	var q qualifiers
	if before, f, after, ok := usingFile(main); ok {
		vars, file = before, f
		a, qa := cutQualifiers(" " + after)
		if strings.TrimSpace(a) != "" {
			return syntaxErr("export delimited", fmt.Sprintf("unexpected %q", strings.TrimSpace(a)), "[varlist] using filename [if] [in] [, replace delimiter()]")
		}
		vb, qb := cutQualifiers(vars)
		vars = vb
		q = qa
		if qb.If != "" {
			q.If = qb.If
		}
		if qb.In != "" {
			q.In = qb.In
		}
	} else {
		var extra string
		file, extra = firstFileName(main)
		if strings.TrimSpace(extra) != "" {
			return syntaxErr("export delimited", fmt.Sprintf("unexpected %q (a varlist goes before using)", strings.TrimSpace(extra)), "[varlist] using filename [if] [in] [, replace]")
		}
	}
	if file == "" {
		return syntaxErr("export delimited", "no file name", "[varlist] using filename [, replace]")
	}
	if filepath.Ext(file) == "" {
		file += ".csv"
	}
	o, err := parseOptions(opts)
	if err != nil {
		return fmt.Errorf("export delimited: %w", err)
	}
	replace := o.flag("replace", 7)
	delim := byte(',')
	if d, ok := o.take("delimiter", 5); ok {
		switch v := unquote(d.Arg); v {
		case ",", ";", "|":
			delim = v[0]
		case "tab", "\t":
			delim = '\t'
		default:
			return fmt.Errorf("export delimited: delimiter(%s): one of , ; | tab: %w", d.Arg, ErrUnsupported)
		}
	}
	o.flag("nolabel", 5)
	if err := o.rest("export delimited"); err != nil {
		return fmt.Errorf("%w; econb's options: replace, delimiter(), nolabel (econb always writes values, and numbers in their shortest exact form)", err)
	}
	f := s.data
	if q.If != "" || q.In != "" {
		if f, _, err = restrict("export delimited", f, q); err != nil {
			return err
		}
	}
	if vars != "" {
		names, err := Varlist(f, vars)
		if err != nil {
			return fmt.Errorf("export delimited: %w", err)
		}
		if f, err = f.KeepVars(names...); err != nil {
			return err
		}
	}
	if err := s.create(file, replace, func(w io.Writer) error { return f.WriteCSVTo(w, delim) }); err != nil {
		return fmt.Errorf("export delimited: %w", err)
	}
	s.printf("file %s saved\n", file)
	return nil
}

func (s *Session) cmdClear(c *cmdCall) error {
	a := strings.TrimSpace(c.Args)
	switch a {
	case "":
	case "all", "*":
		s.stored, s.e, s.scalars, s.r = nil, nil, map[string]float64{}, map[string]float64{}
		s.preserved = nil
	default:
		return fmt.Errorf("clear %s: econb has clear and clear all: %w", a, ErrUnsupported)
	}
	s.data, s.dirty, s.tsTime = frame.New(0), false, ""
	return nil
}

func (s *Session) cmdPreserve(c *cmdCall) error {
	if s.preserved != nil {
		return fmt.Errorf("preserve: already preserved; restore first (Stata keeps one copy): %w", ErrState)
	}
	s.preserved = s.data
	s.preservedTS = s.tsTime
	return nil
}

func (s *Session) cmdRestore(c *cmdCall) error {
	opt := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.Args), ","))
	if s.preserved == nil {
		return fmt.Errorf("restore: nothing to restore (no preserve before it): %w", ErrState)
	}
	switch opt {
	case "not":
		s.preserved = nil
		return nil
	case "", "preserve":
	default:
		return fmt.Errorf("restore, %s: econb has restore, restore, not and restore, preserve: %w", opt, ErrUnsupported)
	}
	s.data, s.tsTime, s.dirty = s.preserved, s.preservedTS, true
	if opt == "" {
		s.preserved = nil
	}
	return nil
}

func (s *Session) cmdCd(c *cmdCall) error {
	dir := unquote(strings.TrimSpace(c.Args))
	if dir == "" {
		return s.cmdPwd(c)
	}
	p := s.path(dir)
	fi, err := os.Stat(p)
	if err != nil || !fi.IsDir() {
		return fmt.Errorf("cd: unable to change to %s: %w", dir, errFileNotFound)
	}
	s.opt.Dir = p
	s.printf("%s\n", p)
	return nil
}

func (s *Session) cmdPwd(c *cmdCall) error {
	d := s.opt.Dir
	if d == "" {
		d, _ = os.Getwd()
	}
	s.printf("%s\n", d)
	return nil
}

// cmdLog runs log using (the log is kept and written when closed or at
// the end of the do-file) and log close.
func (s *Session) cmdLog(c *cmdCall) error {
	sub := firstWord(c.Args)
	switch sub {
	case "using":
		if s.log != nil {
			return fmt.Errorf("log using: a log is already open; log close first: %w", ErrState)
		}
		main, opts := splitComma(strings.TrimSpace(c.Args[len(sub):]))
		file, _ := firstFileName(main)
		if file == "" {
			return syntaxErr("log", "no file name", "using filename [, replace text]")
		}
		o, err := parseOptions(opts)
		if err != nil {
			return fmt.Errorf("log: %w", err)
		}
		replace := o.flag("replace", 7)
		o.flag("text", 4)
		o.flag("smcl", 4)
		if err := o.rest("log using"); err != nil {
			return err
		}
		if filepath.Ext(file) == "" {
			file += ".log"
		}
		if _, err := os.Stat(s.path(file)); err == nil && !replace {
			return fmt.Errorf("log using: file %s already exists; add the option replace to overwrite it: %w", file, ErrFileExists)
		}
		var buf bytes.Buffer
		s.log = &buf
		s.logClose = func() error {
			return s.create(file, replace, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
		}
		return nil
	case "close":
		return s.closeLog()
	case "off", "on", "query":
		return nil
	}
	return fmt.Errorf("log %s: econb has log using file and log close: %w", sub, ErrUnsupported)
}

func (s *Session) closeLog() error {
	if s.log == nil {
		return nil
	}
	f := s.logClose
	s.log, s.logClose = nil, nil
	return f()
}
