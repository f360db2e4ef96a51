package stata

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/report"
)

// store saves the current estimates under name (estimates store, eststo).
func (s *Session) store(name string, fromEststo bool) error {
	if s.e == nil {
		return fmt.Errorf("estimates store: no estimates to store; run an estimation command first: %w", ErrState)
	}
	if name == "" {
		s.eststoN++
		name = "est" + strconv.Itoa(s.eststoN)
	}
	if !validName(name) {
		return fmt.Errorf("estimates store: %q is not a valid name: %w", name, ErrSyntax)
	}
	e := *s.e
	e.Name = name
	for i, x := range s.stored {
		if x.Name == name {
			s.stored[i] = &e
			s.e = &e
			return nil
		}
	}
	s.stored = append(s.stored, &e)
	s.e = &e
	return nil
}

func (s *Session) cmdEstimates(c *cmdCall) error {
	sub := firstWord(c.Args)
	rest := strings.TrimSpace(c.Args[len(sub):])
	switch {
	case abbrev(sub, "store", 3):
		main, _ := splitComma(rest)
		if strings.TrimSpace(main) == "" || len(strings.Fields(main)) != 1 {
			return syntaxErr("estimates store", "give one name", "name")
		}
		return s.store(strings.TrimSpace(main), false)
	case abbrev(sub, "restore", 3):
		for _, e := range s.stored {
			if e.Name == rest {
				s.e = e
				return nil
			}
		}
		return fmt.Errorf("estimates restore: estimation result %s not found (stored: %s): %w", rest, s.storedNames(), ErrState)
	case sub == "clear":
		s.stored = nil
		return nil
	case sub == "dir":
		for _, e := range s.stored {
			s.printf("  %-12s %-10s %s\n", e.Name, e.Cmd, e.Result.DepVar)
		}
		return nil
	case abbrev(sub, "table", 3):
		return s.esttab(rest, "estimates table")
	case sub == "drop":
		for _, n := range strings.Fields(rest) {
			found := false
			for i, e := range s.stored {
				if e.Name == n {
					s.stored = append(s.stored[:i], s.stored[i+1:]...)
					found = true
					break
				}
			}
			if !found {
				return fmt.Errorf("estimates drop: %s not found: %w", n, ErrState)
			}
		}
		return nil
	}
	return fmt.Errorf("estimates %s: econb has estimates store, restore, dir, table, drop and clear: %w", sub, ErrUnsupported)
}

func (s *Session) storedNames() string {
	var n []string
	for _, e := range s.stored {
		n = append(n, e.Name)
	}
	if len(n) == 0 {
		return "none"
	}
	return strings.Join(n, " ")
}

func (s *Session) cmdEststo(c *cmdCall) error {
	a := strings.TrimSpace(c.Args)
	main, _ := splitComma(a)
	switch {
	case main == "clear":
		s.stored, s.eststoN = nil, 0
		return nil
	case len(strings.Fields(main)) > 1:
		return syntaxErr("eststo", "give one name", "[name] | eststo [name]: command | eststo clear")
	}
	return s.store(main, true)
}

// stataFitted shows a result in an esttab table: statistics under their
// e() names (N, r2, r2_a, ...), no fixed-effect rows.
type stataFitted struct{ *ivgmm.Result }

func (f stataFitted) ReportFE() []string { return nil }

func (f stataFitted) ReportStats() []report.Stat {
	m := eScalars(f.Result)
	var out []report.Stat
	for _, k := range esttabStats {
		if v, ok := m[k]; ok && !math.IsNaN(v) {
			out = append(out, report.Stat{Code: k, Label: k, Value: v, P: math.NaN()})
		}
	}
	return out
}

// esttabStats are the e() scalars an esttab table can show, in order.
var esttabStats = []string{"N", "N_clust", "N_g", "r2", "r2_a", "r2_w", "rmse", "F", "chi2", "j", "jp", "jdf", "sargan", "sarganp",
	"idstat", "idp", "widstat", "cdf", "rkf", "estat", "estatp", "arf", "arfp", "df_r", "df_m", "rss", "mss", "kclass", "lambda"}

// tableSpec is what esttab, estout and estimates table were asked for.
type tableSpec struct {
	models []*Estimate
	file   string
	opt    report.RegOptions
	// noNumbers and noTitles leave out the row of model numbers and of
	// titles (esttab's nonumbers, nomtitles)
	noNumbers, noTitles bool
}

// esttab runs esttab (and estimates table) with esttab's defaults:
// coefficients with stars * p<0.05, ** p<0.01, *** p<0.001 and t
// statistics in parentheses, N below.
func (s *Session) cmdEsttab(c *cmdCall) error { return s.esttab(c.Args, "esttab") }

func (s *Session) esttab(args, cmd string) error {
	spec, o, replace, err := s.tableArgs(cmd, args)
	if err != nil {
		return err
	}
	spec.opt.Stars = &report.Stars{Levels: []float64{0.05, 0.01, 0.001}, Marks: []string{"*", "**", "***"}}
	spec.opt.Stats = []string{"N"}
	if cmd == "estimates table" {
		spec.opt.Under = report.UnderNone
		spec.opt.Stars = &report.Stars{}
		spec.opt.Stats = nil
		if o.flag("se", 2) {
			spec.opt.Under = report.UnderSE
		}
		if o.flag("t", 1) {
			spec.opt.Under = report.UnderT
		}
		if o.flag("star", 4) {
			spec.opt.Stars = &report.Stars{Levels: []float64{0.05, 0.01, 0.001}, Marks: []string{"*", "**", "***"}}
		}
	}
	if x, ok := o.take("b", 1); ok && x.Has {
		d, err := decimals(x.Arg)
		if err != nil {
			return fmt.Errorf("%s: b(%s): %w", cmd, x.Arg, err)
		}
		spec.opt.Decimals = d
	}
	for _, u := range []struct {
		name  string
		under report.Under
	}{{"se", report.UnderSE}, {"t", report.UnderT}, {"z", report.UnderT}} {
		if x, ok := o.take(u.name, len(u.name)); ok {
			spec.opt.Under = u.under
			if x.Has {
				d, err := decimals(x.Arg)
				if err != nil {
					return fmt.Errorf("%s: %s(%s): %w", cmd, u.name, x.Arg, err)
				}
				if u.under == report.UnderSE {
					spec.opt.Decimals = max(spec.opt.Decimals, d)
				} else {
					spec.opt.TDecimals = d
				}
			}
		}
	}
	if o.flag("not", 3) {
		spec.opt.Under = report.UnderNone
	}
	if _, ok := o.take("p", 1); ok {
		return fmt.Errorf("%s: p-values under the coefficients are not supported (se, t or z): %w", cmd, ErrUnsupported)
	}
	if x, ok := o.take("star", 4); ok && x.Has {
		st, err := starLevels(x.Arg)
		if err != nil {
			return fmt.Errorf("%s: star(%s): %w", cmd, x.Arg, err)
		}
		spec.opt.Stars = st
	}
	if o.flag("nostar", 6) {
		spec.opt.Stars = &report.Stars{}
	}
	if err := s.statsOption(cmd, &spec.opt, &o); err != nil {
		return err
	}
	for _, f := range []string{"nonumbers", "nonumber", "compress", "nogaps", "gaps", "booktabs", "plain", "noobs", "nonotes", "nolines", "tex", "csv", "html", "md", "markdown", "fragment", "wide", "nodepvars", "depvars", "numbers", "onecell", "noconstant", "obslast", "r2", "ar2", "pr2"} {
		if o.flag(f, len(f)) {
			switch f {
			case "noobs":
				spec.opt.Stats = removeString(spec.opt.Stats, "N")
			case "r2":
				spec.opt.Stats = append(spec.opt.Stats, "r2")
			case "ar2":
				spec.opt.Stats = append(spec.opt.Stats, "r2_a")
			case "noconstant":
				spec.opt.Drop = append(spec.opt.Drop, "_cons")
			case "nonotes":
				spec.opt.NoStandardNotes = true
			}
		}
	}
	if err := o.rest(cmd); err != nil {
		return fmt.Errorf("%w; econb's esttab options: using, replace, b(#), se, t, z, not, star(), nostar, stats(), scalars(), r2, ar2, noobs, keep(), drop(), mtitles(), nomtitles, title(), label, varlabels(), coeflabels(), addnotes(), nonotes (layout options such as booktabs and nogaps are accepted)", err)
	}
	return s.writeTable(cmd, spec, replace)
}

// cmdEstout runs estout: by default the coefficients only (cells(b)),
// no stars, no statistics; cells(b(star fmt(3)) se(par)) and
// starlevels() as in estout.
func (s *Session) cmdEstout(c *cmdCall) error {
	spec, o, replace, err := s.tableArgs("estout", c.Args)
	if err != nil {
		return err
	}
	spec.opt.Under = report.UnderNone
	spec.opt.Stars = &report.Stars{}
	spec.opt.Stats = nil
	stars := &report.Stars{Levels: []float64{0.05, 0.01, 0.001}, Marks: []string{"*", "**", "***"}}
	if x, ok := o.take("starlevels", 5); ok {
		st, err := starLevels(x.Arg)
		if err != nil {
			return fmt.Errorf("estout: starlevels(%s): %w", x.Arg, err)
		}
		stars = st
	}
	if x, ok := o.take("cells", 1); ok {
		cells := strings.Trim(unquote(x.Arg), " ")
		elems, err := parseOptions(cells)
		if err != nil {
			return fmt.Errorf("estout: cells(%s): %w", x.Arg, err)
		}
		for i, e := range elems {
			sub, err := parseOptions(e.Arg)
			if err != nil {
				return fmt.Errorf("estout: cells(%s): %w", x.Arg, err)
			}
			if sub.flag("star", 4) {
				spec.opt.Stars = stars
			}
			sub.flag("par", 3)
			if f, ok := sub.take("fmt", 3); ok {
				d, err := decimals(f.Arg)
				if err != nil {
					return fmt.Errorf("estout: cells(): fmt(%s): %w", f.Arg, err)
				}
				if e.Name == "t" {
					spec.opt.TDecimals = d
				} else {
					spec.opt.Decimals = max(spec.opt.Decimals, d)
				}
			}
			if len(sub) > 0 {
				return fmt.Errorf("estout: cells(): %s(%s): econb reads star, par and fmt(): %w", e.Name, e.Arg, ErrUnsupported)
			}
			switch {
			case i == 0 && e.Name == "b":
			case i == 1 && e.Name == "se":
				spec.opt.Under = report.UnderSE
			case i == 1 && (e.Name == "t" || e.Name == "z"):
				spec.opt.Under = report.UnderT
			default:
				return fmt.Errorf("estout: cells(%s): econb's cells are b, then se or t: %w", x.Arg, ErrUnsupported)
			}
		}
	}
	if err := s.statsOption("estout", &spec.opt, &o); err != nil {
		return err
	}
	for _, f := range []string{"style", "varwidth", "modelwidth", "collabels", "mlabels", "prehead", "posthead", "prefoot", "postfoot", "varlabels"} {
		if x, ok := o.take(f, len(f)); ok && f != "varlabels" {
			if f == "style" && (x.Arg == "tex" || x.Arg == "tab" || x.Arg == "fixed" || x.Arg == "html") {
				continue
			}
			return fmt.Errorf("estout: %s() is not supported: %w", f, ErrUnsupported)
		}
	}
	if err := o.rest("estout"); err != nil {
		return fmt.Errorf("%w; econb's estout options: using, replace, cells(), starlevels(), stats(), keep(), drop(), mtitles(), title(), label", err)
	}
	return s.writeTable("estout", spec, replace)
}

// tableArgs reads what esttab, estout and estimates table share: the
// models, using, replace, keep(), drop(), mtitles(), title(), label,
// varlabels()/coeflabels(), addnotes().
func (s *Session) tableArgs(cmd, args string) (*tableSpec, options, bool, error) {
	main, opts := splitComma(args)
	spec := &tableSpec{}
	names := main
	if before, file, after, ok := usingFile(main); ok {
		if strings.TrimSpace(after) != "" {
			return nil, nil, false, syntaxErr(cmd, fmt.Sprintf("unexpected %q after the file name", after), "[names] [using filename] [, options]")
		}
		names, spec.file = before, file
	}
	models, err := s.pickModels(cmd, names)
	if err != nil {
		return nil, nil, false, err
	}
	spec.models = models
	o, err := parseOptions(opts)
	if err != nil {
		return nil, nil, false, fmt.Errorf("%s: %w", cmd, err)
	}
	replace := o.flag("replace", 7)
	o.flag("append", 6)
	if x, ok := o.take("keep", 4); ok {
		spec.opt.Keep = s.matchCoefs(models, x.Arg)
	}
	if x, ok := o.take("drop", 4); ok {
		spec.opt.Drop = s.matchCoefs(models, x.Arg)
	}
	if x, ok := o.take("mtitles", 3); ok {
		if x.Has {
			spec.opt.Columns = words(x.Arg)
		} else {
			for _, m := range models {
				spec.opt.Columns = append(spec.opt.Columns, m.Result.DepVar)
			}
		}
		if len(spec.opt.Columns) != len(models) {
			return nil, nil, false, fmt.Errorf("%s: mtitles() gives %d titles for %d models: %w", cmd, len(spec.opt.Columns), len(models), ErrSyntax)
		}
	}
	spec.noTitles = o.flag("nomtitles", 5)
	spec.noNumbers = o.flag("nonumbers", 8)
	if x, ok := o.take("title", 3); ok {
		spec.opt.Caption = unquote(x.Arg)
	}
	labels := map[string]string{}
	if o.flag("label", 3) {
		for _, n := range s.data.Names() {
			if l := s.data.Label(n); l != "" {
				labels[n] = l
			}
		}
	}
	for _, name := range []string{"varlabels", "coeflabels"} {
		if x, ok := o.take(name, 4); ok {
			w := words(x.Arg)
			if len(w)%2 != 0 {
				return nil, nil, false, fmt.Errorf("%s: %s() takes pairs: name \"label\" ...: %w", cmd, name, ErrSyntax)
			}
			for i := 0; i < len(w); i += 2 {
				labels[w[i]] = w[i+1]
			}
		}
	}
	if len(labels) > 0 {
		spec.opt.Labels = labels
	}
	if x, ok := o.take("addnotes", 4); ok {
		spec.opt.Notes = append(spec.opt.Notes, words(x.Arg)...)
	}
	return spec, o, replace, nil
}

// pickModels resolves esttab's name list (names and wildcards; empty: all
// stored, or the current estimates when none are stored; . the current).
func (s *Session) pickModels(cmd, names string) ([]*Estimate, error) {
	names = strings.TrimSpace(names)
	if names == "" {
		if len(s.stored) > 0 {
			return append([]*Estimate(nil), s.stored...), nil
		}
		if s.e == nil {
			return nil, fmt.Errorf("%s: no estimates; run an estimation command (and estimates store or eststo) first: %w", cmd, ErrState)
		}
		return []*Estimate{s.e}, nil
	}
	var out []*Estimate
	for _, w := range strings.Fields(names) {
		if w == "." {
			if s.e == nil {
				return nil, fmt.Errorf("%s: no current estimates for \".\": %w", cmd, ErrState)
			}
			out = append(out, s.e)
			continue
		}
		n := 0
		for _, e := range s.stored {
			if ok, _ := filepath.Match(w, e.Name); ok {
				out = append(out, e)
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: estimation result %s not found (stored: %s): %w", cmd, w, s.storedNames(), ErrState)
		}
	}
	return out, nil
}

// matchCoefs expands keep()/drop() names with wildcards against the
// coefficients of the models.
func (s *Session) matchCoefs(models []*Estimate, list string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(list) {
		matched := false
		for _, m := range models {
			for _, n := range m.Result.Names {
				if ok, _ := filepath.Match(w, n); ok && !seen[n] {
					seen[n] = true
					out = append(out, n)
					matched = true
				}
			}
		}
		if !matched && !seen[w] {
			seen[w] = true
			out = append(out, w) // report names the unknown coefficient
		}
	}
	return out
}

// statsOption reads stats(list [, labels() fmt()]) and scalars(list).
func (s *Session) statsOption(cmd string, opt *report.RegOptions, o *options) error {
	for _, name := range []string{"stats", "scalars"} {
		x, ok := o.take(name, len(name)-1)
		if !ok {
			continue
		}
		list, sub := splitComma(x.Arg)
		opt.Stats = nil
		for _, w := range strings.Fields(list) {
			if !contains(esttabStats, w) {
				return fmt.Errorf("%s: %s(%s): econb's statistics are %s: %w", cmd, name, w, strings.Join(esttabStats, " "), ErrUnsupported)
			}
			opt.Stats = append(opt.Stats, w)
		}
		so, err := parseOptions(sub)
		if err != nil {
			return fmt.Errorf("%s: %s(): %w", cmd, name, err)
		}
		if opt.StatFormats == nil {
			opt.StatFormats = map[string]report.StatFormat{}
		}
		labels := words(so.arg("labels", 3))
		fmts := strings.Fields(so.arg("fmt", 3))
		for i, code := range opt.Stats {
			f := statFormat(code)
			if i < len(labels) {
				f.Label = labels[i]
			}
			if len(fmts) > 0 {
				d, err := decimals(fmts[min(i, len(fmts)-1)])
				if err != nil {
					return fmt.Errorf("%s: %s(, fmt()): %w", cmd, name, err)
				}
				f.Decimals = d
			}
			opt.StatFormats[code] = f
		}
		if err := so.rest(cmd + " " + name + "()"); err != nil {
			return err
		}
	}
	return nil
}

func statFormat(code string) report.StatFormat {
	switch code {
	case "N", "N_clust", "N_g", "df_r", "df_m", "jdf":
		return report.StatFormat{Label: code, Decimals: -1}
	}
	return report.StatFormat{Label: code, Decimals: 3}
}

// writeTable builds the table, prints it and writes it to the file of using.
func (s *Session) writeTable(cmd string, spec *tableSpec, replace bool) error {
	if spec.opt.StatFormats == nil {
		spec.opt.StatFormats = map[string]report.StatFormat{}
	}
	for _, code := range spec.opt.Stats {
		if _, ok := spec.opt.StatFormats[code]; !ok {
			spec.opt.StatFormats[code] = statFormat(code)
		}
	}
	// keep() names several coefficients that share a label (sagg_total,
	// sagg_high, sagg_low all "SAGG"): one row for the label
	if spec.opt.Labels != nil && spec.opt.Keep != nil {
		seen := map[string]bool{}
		var keep []string
		for _, k := range spec.opt.Keep {
			l := k
			if x, ok := spec.opt.Labels[k]; ok {
				l = x
			}
			if !seen[l] {
				seen[l] = true
				keep = append(keep, k)
			}
		}
		spec.opt.Keep = keep
	}
	if spec.opt.Stub == "" {
		spec.opt.Stub = " "
	}
	fs := make([]report.Fitted, len(spec.models))
	for i, m := range spec.models {
		fs[i] = stataFitted{m.Result}
	}
	// esttab's header: the model numbers, then the titles (by default
	// the dependent variables)
	if len(spec.models) > 0 && !spec.noNumbers {
		for i := range spec.models {
			spec.opt.Groups = append(spec.opt.Groups, report.Span{Text: fmt.Sprintf("(%d)", i+1), Cols: 1})
		}
	}
	if spec.opt.Columns == nil && !spec.noTitles {
		for _, m := range spec.models {
			spec.opt.Columns = append(spec.opt.Columns, m.Result.DepVar)
		}
	}
	if spec.opt.Columns == nil {
		spec.opt.Columns = make([]string, len(spec.models))
	}
	t, err := report.Regression(fs, spec.opt)
	if err != nil {
		return fmt.Errorf("%s: %w", cmd, err)
	}
	if spec.file == "" {
		s.println(t.String())
		return nil
	}
	var text string
	switch strings.ToLower(filepath.Ext(spec.file)) {
	case ".tex":
		text = t.LaTeX()
	case ".csv":
		text = t.CSV()
	case ".html", ".htm":
		text = t.HTML()
	case ".md":
		text = t.Markdown()
	case ".txt", ".log", "":
		text = t.String()
	case ".rtf":
		return fmt.Errorf("%s using %s: econb writes .tex, .csv, .html, .md and .txt tables, not .rtf: %w", cmd, spec.file, ErrUnsupported)
	default:
		return fmt.Errorf("%s using %s: give the file a .tex, .csv, .html, .md or .txt extension: %w", cmd, spec.file, ErrSyntax)
	}
	file := spec.file
	if err := s.create(file, replace, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		return fmt.Errorf("%s: %w", cmd, err)
	}
	s.println(t.String())
	s.printf("(output written to %s)\n", file)
	return nil
}

// decimals reads a format's decimals: 3, %9.3f, %9.3g (3).
func decimals(f string) (int, error) {
	f = strings.TrimSpace(f)
	if d, err := strconv.Atoi(f); err == nil && d >= 0 && d <= 12 {
		return d, nil
	}
	if spec, err := parseFormat(f); err == nil && spec.dec <= 12 {
		return spec.dec, nil
	}
	if len(f) == 2 && f[0] == 'a' && f[1] >= '1' && f[1] <= '9' {
		return int(f[1] - '0'), nil
	}
	return 0, fmt.Errorf("format %q: give a number of decimals or %%w.df: %w", f, ErrSyntax)
}

// starLevels reads "* 0.10 ** 0.05 *** 0.01".
func starLevels(s string) (*report.Stars, error) {
	f := strings.Fields(unquote(s))
	if len(f)%2 != 0 || len(f) == 0 {
		return nil, fmt.Errorf("give symbol level pairs: * 0.10 ** 0.05 *** 0.01: %w", ErrSyntax)
	}
	st := &report.Stars{}
	for i := 0; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i+1], 64)
		if err != nil || v <= 0 || v >= 1 {
			return nil, fmt.Errorf("%q is not a level between 0 and 1: %w", f[i+1], ErrSyntax)
		}
		if i > 0 && v >= st.Levels[len(st.Levels)-1] {
			return nil, fmt.Errorf("levels must decrease (* 0.10 ** 0.05 *** 0.01): %w", ErrSyntax)
		}
		st.Marks = append(st.Marks, unquote(f[i]))
		st.Levels = append(st.Levels, v)
	}
	return st, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func removeString(xs []string, x string) []string {
	var out []string
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
