package stata

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
)

// TestLex checks the commands and line numbers the lexer gives, by
// Stata's rules ([U] 16.1.2 comments and blank lines in do-files,
// [P] #delimit).
func TestLex(t *testing.T) {
	cases := []struct {
		src  string
		want []Line
	}{
		{"gen y = 1\n\ngen z = 2\n", []Line{{"gen y = 1", 1, 1}, {"gen z = 2", 3, 3}}},
		// * starts a comment only at the start of a command
		{"* note\ngen y = 2 * x\n  * indented note\n", []Line{{"gen y = 2 * x", 2, 2}}},
		// // after a blank or at the start of a line; not inside a word or a string
		{"// top\nimport delimited http://x.csv // note\ndi \"a // b\"\n", []Line{{"import delimited http://x.csv", 2, 2}, {"di \"a // b\"", 3, 3}}},
		// /// joins lines; the rest of the line is a comment
		{"reg y x1 /// first\n    x2 /// second\n    x3\nlist\n", []Line{{"reg y x1 x2 x3", 1, 3}, {"list", 4, 4}}},
		// /* */ anywhere, across lines, nested
		{"gen /* a */ y = 1\n/* multi\n /* nested */\n line */ list\n", []Line{{"gen   y = 1", 1, 1}, {"list", 4, 4}}},
		// #delimit ; : commands end at ;, blocks at { and }
		{"#delimit ;\ngen y = 1\n + 2;\nforeach v in a b {\n di \"`v'\";\n}\n#delimit cr\nlist\n", []Line{
			{"gen y = 1  + 2", 2, 3}, {"foreach v in a b {", 4, 4}, {"di \"`v'\"", 5, 5}, {"}", 6, 6}, {"list", 8, 8}}},
		// a compound quote keeps // and /* as text
		{"di `\"say \"hi\" // not a comment\"'\n", []Line{{"di `\"say \"hi\" // not a comment\"'", 1, 1}}},
	}
	for _, c := range cases {
		got, err := Lex(c.src)
		if err != nil {
			t.Errorf("Lex(%q): %v", c.src, err)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("Lex(%q) = %+v, want %+v", c.src, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Lex(%q)[%d] = %+v, want %+v", c.src, i, got[i], c.want[i])
			}
		}
	}
	for _, bad := range []string{"gen y = 1 /* never closed\n", "di `\"open\n", "#delimit ;\ngen y = 1\n"} {
		if _, err := Lex(bad); !errors.Is(err, ErrSyntax) {
			t.Errorf("Lex(%q) = %v, want a syntax error", bad, err)
		}
	}
}

// TestExpand checks macro expansion ([U] 18.3, [P] macro): nested
// references expand from the inside, undefined macros are empty, compound
// quotes are text, $name and ${name} are globals.
func TestExpand(t *testing.T) {
	m := newMacros()
	m.locals["i"] = "2"
	m.locals["x2"] = "two"
	m.locals["a"] = "A"
	m.globals["G"] = "gl"
	x := &expander{m: m, eval: func(e string) (string, error) { return "<" + e + ">", nil }}
	cases := [][2]string{
		{"`a'", "A"},
		{"`x`i''", "two"},
		{"`nothing'", ""},
		{"$G ${G}x $1", "gl glx $1"},
		{"`\"text\"'", "`\"text\"'"},
		{"cost $ 5", "cost $ 5"},
		{"it's", "it's"},
		{"`=1+1' `++i'", "<1+1> 3"},
	}
	for _, c := range cases {
		got, err := x.Expand(c[0])
		if err != nil || got != c[1] {
			t.Errorf("Expand(%q) = %q, %v; want %q", c[0], got, err, c[1])
		}
	}
	if _, err := x.Expand("`open"); !errors.Is(err, ErrMacro) {
		t.Errorf("an unclosed reference: %v", err)
	}
}

// TestStataNames: formula terms back to Stata's coefficient names ([TS]
// tsvarlist, [U] 11.4.3 factor variables).
func TestStataNames(t *testing.T) {
	for in, want := range map[string]string{
		"l(sagg,1)": "L.sagg", "l(sagg,2)": "L2.sagg", "f(x,1)": "F.x", "d(x)": "D.x",
		"l(d(x),1)": "LD.x", "region::2": "2.region", "x": "x", "_cons": "_cons",
	} {
		if got := stataName(in); got != want {
			t.Errorf("stataName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFormulaTranslation checks the econb formula each estimation command
// becomes.
func TestFormulaTranslation(t *testing.T) {
	f, err := frame.ReadCSVFrom(strings.NewReader("id,t,y,x1,x2,x3,d,z\n1,1,1,2,3,4,5,6\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := New(Options{})
	s.SetData(f)
	cases := []struct {
		cmd, args, want string
	}{
		{"regress", "y x1-x3, robust", "y ~ x1 + x2 + x3"},
		{"regress", "y x*, noconstant", "y ~ 0 + x1 + x2 + x3"},
		{"ivreg2", "y x1 (d = L.z L2.z), gmm2s", "y ~ x1 | d ~ l(z, 1) + l(z, 2)"},
		{"ivreg2", "D.y L(0/2).x1 (d = z)", "d(y) ~ x1 + l(x1, 1:2) | d ~ z"},
		{"ivregress", "2sls y i.t (d = z)", "y ~ i(t) | d ~ z"},
		{"xtivreg2", "y x1 i.t (d = L(1/2).d), fe", "y ~ x1 | id + t | d ~ l(d, 1:2)"},
		{"xtreg", "y LD.x1, fe", "y ~ l(d(x1), 1) | id"},
	}
	s.data, _ = s.data.XTSet("id", "t")
	for _, c := range cases {
		e, err := parseEstimation(c.cmd, c.args)
		if err != nil {
			t.Errorf("%s %s: %v", c.cmd, c.args, err)
			continue
		}
		_, fe, err := s.estOptions(e)
		if err != nil {
			t.Errorf("%s %s: %v", c.cmd, c.args, err)
			continue
		}
		dep, _, _ := s.terms([]string{e.dep}, false)
		exog, absorbed, _ := s.terms(e.exog, c.cmd == "xtivreg2" || c.cmd == "xtreg")
		endog, _, _ := s.terms(e.endog, false)
		instr, _, _ := s.terms(e.instr, false)
		got := buildFormula(dep[0], exog, append(fe, absorbed...), endog, instr, e.opts.flag("noconstant", 6))
		if got != c.want {
			t.Errorf("%s %s\n got %s\nwant %s", c.cmd, c.args, got, c.want)
		}
	}
}

// TestSequentialReplace: Stata's replace runs row by row, so x[_n-1] reads
// the value just replaced, while x[_n+1] reads the old one. Expected
// values: a plain loop over the rows, as Stata's replace is described in
// [U] 13.7 (explicit subscripting).
func TestSequentialReplace(t *testing.T) {
	f, err := frame.ReadCSVFrom(strings.NewReader("g,x,v\n1,1,10\n1,2,20\n1,3,30\n2,4,40\n2,5,50\n"))
	if err != nil {
		t.Fatal(err)
	}
	loop := func(g []float64, x []float64, f func(r int, x []float64) (float64, bool)) []float64 {
		x = append([]float64(nil), x...)
		for r := range x {
			if v, ok := f(r, x); ok {
				x[r] = v
			}
		}
		return x
	}
	gs, _ := f.Numeric("g")
	xs, _ := f.Numeric("x")
	vs, _ := f.Numeric("v")
	prevInGroup := func(r int) int {
		if r > 0 && gs[r-1] == gs[r] {
			return r - 1
		}
		return -1
	}
	codes, _ := groupCodes(f, []string{"g"})
	cases := []struct {
		args string
		by   []int32
		want []float64
	}{
		// a running product within g: 1, 2, 6 | 4, 20
		{"x = x[_n-1] * x if _n > 1", codes, loop(gs, xs, func(r int, x []float64) (float64, bool) {
			if p := prevInGroup(r); p >= 0 {
				return x[p] * x[r], true
			}
			return 0, false
		})},
		// without by: one chain over all rows, with the old value of the next row
		{"x = x[_n-1] + x[_n+1] in 2/4", nil, loop(gs, xs, func(r int, x []float64) (float64, bool) {
			if r >= 1 && r <= 3 {
				return x[r-1] + xs[r+1], true
			}
			return 0, false
		})},
		// the condition reads the new value of the row before
		{"x = 0 if x[_n-1] < 2", nil, loop(gs, xs, func(r int, x []float64) (float64, bool) {
			if r >= 1 && x[r-1] < 2 {
				return 0, true
			}
			return 0, false
		})},
		// perpetual inventory as the Table 1 do-file writes it
		{"x = (1 - 0.096) * x[_n-1] + v if _n > 1", codes, loop(gs, xs, func(r int, x []float64) (float64, bool) {
			if p := prevInGroup(r); p >= 0 {
				return float64((1-0.096)*x[p]) + vs[r], true
			}
			return 0, false
		})},
	}
	for _, c := range cases {
		g, err := replace(f, c.args, c.by)
		if err != nil {
			t.Errorf("replace %s: %v", c.args, err)
			continue
		}
		if got := floats(t, g, "x"); !same(got, c.want) {
			t.Errorf("replace %s = %v, want %v", c.args, got, c.want)
		}
	}
	if _, err := Replace(f, "x = x[1] + 1"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("replace x = x[1]: %v, want ErrUnsupported", err)
	}
}

// TestDisplayFormats: display's default format (%9.0g as display shows
// numbers) and explicit formats, as Stata prints them.
func TestDisplayFormats(t *testing.T) {
	for v, want := range map[float64]string{
		1.0 / 3: ".33333333", -1.0 / 3: "-.33333333", math.Pi: "3.1415927", 12345678: "12345678",
		123456789: "1.235e+08", 50: "50", 0: "0", 0.5: ".5", math.NaN(): ".",
	} {
		if got := defaultNumber(v); got != want {
			t.Errorf("display %v = %q, want %q", v, got, want)
		}
	}
	for _, c := range []struct {
		format string
		v      float64
		want   string
	}{
		{"%9.3f", math.Pi, "    3.142"}, {"%-9.2f", 2.5, "2.50     "}, {"%12.0fc", 1234567, "   1,234,567"},
		{"%10.2e", 12345, "  1.23e+04"}, {"%6.4f", 0.06761, "0.0676"},
	} {
		if got, err := formatNumber(c.format, c.v); err != nil || got != c.want {
			t.Errorf("display %s %v = %q, %v; want %q", c.format, c.v, got, err, c.want)
		}
	}
}

// TestErrors: what a user sees for commands outside the subset and for
// malformed ones: the file, the line, the command, what is supported.
func TestErrors(t *testing.T) {
	data := "import delimited cities.csv, clear\n"
	cases := []struct {
		script string
		want   []string
		rc     int
	}{
		{data + "xtlogit gdp pop, fe\n", []string{"do-file, line 2: unrecognized command: xtlogit is not in the subset of Stata that econb runs. Supported: data: use, import,",
			"estimation: regress, xtreg, ivregress, ivreg2, xtivreg2", "econb extensions: malmquist", "\n  . xtlogit gdp pop, fe"}, 199},
		{data + "generate lgdp = ln(gdp\n", []string{"do-file, line 2: generate: expr: unclosed \"(\"", "  . generate lgdp = ln(gdp"}, 198},
		{data + "egen cid = group(city)\nxtset cid year\nxtreg gdp pop, re\n", []string{"line 4: xtreg: econb estimates the fixed-effects (within) model only: add , fe (not re)"}, 199},
		{data + "regress gdp pop, beta\n", []string{"line 2: regress: option beta not allowed", "regress's options in econb: robust, vce("}, 198},
		{data + "merge m:m prov using x\n", []string{"line 2: merge: file x.dta not found"}, 601},
		{data + "foreach v in a {\n", []string{"line 2: the block opened with \"{\" is never closed"}, 198},
		{data + "keep if gdpp > 1\n", []string{"did you mean \"gdp\"?"}, 111},
		{data + "ivregress 2sls gdp (pop = year), vce(bootstrap)\n", []string{"vce(bootstrap) is not supported"}, 199},
	}
	for _, c := range cases {
		s := New(Options{Dir: "testdata/do"})
		err := s.Run(c.script)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %v is not an *Error", c.script, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error:\n%s\nwant it to contain %q", err, w)
			}
		}
		if e.RC() != c.rc {
			t.Errorf("%q: r(%d), want r(%d) (%v)", c.script, e.RC(), c.rc, err)
		}
	}
}

// TestQuietAndCapture: quietly silences output, noisily brings it back,
// capture keeps going and sets _rc (Stata's rules in [P] quietly, capture).
func TestQuietAndCapture(t *testing.T) {
	var out bytes.Buffer
	s := New(Options{Out: &out})
	err := s.Run("quietly display \"hidden\"\nquietly noisily display \"shown\"\ncapture display 1 +\nlocal rc = _rc\ncapture display \"quiet\"\n")
	if err != nil {
		t.Fatal(err)
	}
	log := out.String()
	if strings.Contains(log, "\nhidden\n") || !strings.Contains(log, "\nshown\n") || strings.Contains(log, "\nquiet\n") {
		t.Errorf("log:\n%s", log)
	}
	if s.Local("rc") != "198" {
		t.Errorf("_rc after a syntax error = %q, want 198", s.Local("rc"))
	}
}
