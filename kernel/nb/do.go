package nb

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/econb/econb/lib/ivgmm"
	"github.com/econb/econb/lib/stata"
)

// DoResult is what a do-file run in a cell left behind: its log, the
// dataset in memory at the end, the estimates it stored (estimates store,
// eststo) and its macros and scalars. The dataset and the estimates are
// the notebook's own types, so a cell goes on from a do-file with the
// verbs and tables of nb:
//
//	r := nb.DoFile("table1.do")
//	d := r.Data().Keep("if year >= 2005")
//	nb.Table(r.Est("tsls_high"), r.Est("gmm_high"))
type DoResult struct {
	log string
	s   *stata.Session
}

// Do runs a do-file given as text (Stata's syntax; the subset of package
// lib/stata) in the cell, printing its log as Stata's Results window shows
// it, and returns what it left. Relative file names are read from the
// notebook's folder (the cell's working directory), as Stata reads them
// from its working directory. The first error stops the do-file and the
// cell, naming the line and the command, as Stata stops a do-file.
func Do(script string) *DoResult { return runDo("Do(…)", "", script) }

// DoFile runs the do-file at path (see Do).
func DoFile(path string) *DoResult { return runDo(fmt.Sprintf("DoFile(%q)", path), path, "") }

func runDo(what, path, script string) *DoResult {
	var log bytes.Buffer
	s := stata.New(stata.Options{Out: &log})
	var err error
	if path != "" {
		err = s.RunFile(path)
	} else {
		err = s.Run(script)
	}
	r := &DoResult{log: log.String(), s: s}
	if text := strings.TrimLeft(r.log, "\n"); text != "" {
		printNotes(noteID(what, []string{text}), []string{strings.TrimRight(text, "\n")})
	}
	if err != nil {
		Stop(fmt.Errorf("%s: %w", what, err))
	}
	return r
}

// Log is the do-file's output as text.
func (r *DoResult) Log() string { return r.log }

// String is the log (so fmt.Println(r) prints it).
func (r *DoResult) String() string { return r.log }

// Data is the dataset in memory when the do-file ended.
func (r *DoResult) Data() *Data {
	d := FromFrame(r.s.Data())
	d.what = "DoResult.Data()"
	return d
}

// Est returns the estimates the do-file stored under name (estimates
// store name, eststo name), for Table, Coefplot, Coef and SE; it stops the
// cell, listing the stored names, when there is none.
func (r *DoResult) Est(name string) *Models {
	for _, e := range r.s.Estimates() {
		if e.Name == name {
			return r.models(e)
		}
	}
	var names []string
	for _, e := range r.s.Estimates() {
		names = append(names, e.Name)
	}
	Stop(fmt.Errorf("DoResult.Est(%q): the do-file stored no estimates %s; it stored: %s", name, name, strings.Join(names, ", ")))
	return nil
}

// Estimates are all stored estimates, in the order stored, as one
// *Models (Table(r.Estimates()) is esttab of them all).
func (r *DoResult) Estimates() *Models {
	ms := &Models{labels: r.labels()}
	for _, e := range r.s.Estimates() {
		ms.rs = append(ms.rs, e.Result)
		ms.formulas = append(ms.formulas, e.Formula)
	}
	if len(ms.rs) == 0 {
		Stop(fmt.Errorf("DoResult.Estimates: the do-file stored no estimates (estimates store name after an estimation command)"))
	}
	return ms
}

// Names are the names of the stored estimates, in order.
func (r *DoResult) Names() []string {
	var out []string
	for _, e := range r.s.Estimates() {
		out = append(out, e.Name)
	}
	return out
}

// Last is the most recent estimation results (Stata's e()).
func (r *DoResult) Last() *Models {
	e := r.s.Last()
	if e == nil {
		Stop(fmt.Errorf("DoResult.Last: the do-file ran no estimation command"))
	}
	return r.models(e)
}

// Local returns a local macro as the do-file left it; Global a global.
func (r *DoResult) Local(name string) string  { return r.s.Local(name) }
func (r *DoResult) Global(name string) string { return r.s.Global(name) }

// Scalar returns a scalar the do-file defined; it stops the cell when there
// is none.
func (r *DoResult) Scalar(name string) float64 {
	v, ok := r.s.Scalar(name)
	if !ok {
		Stop(fmt.Errorf("DoResult.Scalar(%q): the do-file defined no scalar %s", name, name))
	}
	return v
}

// Session is the interpreter, for the library's functions (lib/stata).
func (r *DoResult) Session() *stata.Session { return r.s }

func (r *DoResult) models(e *stata.Estimate) *Models {
	return &Models{rs: []*ivgmm.Result{e.Result}, formulas: []string{e.Formula}, labels: r.labels()}
}

func (r *DoResult) labels() map[string]string {
	m := map[string]string{}
	f := r.s.Data()
	for _, n := range f.Names() {
		if l := f.Label(n); l != "" {
			m[n] = l
		}
	}
	return m
}
