package stata

import (
	"strings"
	"testing"
	"time"

	"github.com/econb/econb/lib/frame"
)

// fuzzSeeds are do-file fragments covering the lexer's and the
// interpreter's syntax: comments, continuations, #delimit, quotes,
// macros, blocks, prefixes and the commands.
var fuzzSeeds = []string{
	"* comment\ngen y = x + 1 // end\n",
	"gen y = x ///\n  * 2\n/* block\n /* nested */ */ list\n",
	"#delimit ;\ngen z = 1;\nforeach v of varlist x y {;\n  replace `v' = `v' + 1;\n};\n#delimit cr\n",
	"local a 1\nlocal b`a' two\ndisplay \"`b`a''\" `=2+2'\n",
	"forvalues i = 1(2)9 {\n display `i'\n}\nwhile 0 {\n}\n",
	"if 1 {\n display \"yes\"\n}\nelse {\n display \"no\"\n}\n",
	"capture noisily drop nosuchvar\ndisplay _rc\nquietly {\n count\n}\n",
	"bysort g (x): gen n = _n\nby g: egen m = mean(x)\nreplace x = x[_n-1] + 1 if _n > 1\n",
	"regress y x\nestimates store a\nesttab a, se stats(N r2)\ndisplay _b[x] e(N)\n",
	"ivreg2 y (x = z), robust first\nxtset g t\nxtivreg2 y (x = L.x), fe\n",
	"display `\"compound \"quote\"'\" %9.3f 1/3 _col(20) \"end\" _n(2)\n",
	"scalar s = 2\ngen w = x * s\nassert w == 2*x\ncollapse (mean) x, by(g)\n",
	"preserve\nkeep in 1/2\nrestore\nsort x\ngsort -x\nrename x xx\nlabel variable xx \"X\"\n",
	"reshape long x, i(g) j(t)\nmalmquist x = y, dmu(g) period(t)\n",
	"local ++i\nlocal n : word count a b c\nforeach w of local n {\ncontinue\n}\n",
	"tabulate g\nsummarize x, detail\nlist x in 1\ndescribe\ncount if x > 1\n",
}

// fuzzData is a small panel for FuzzRun: two groups, three periods.
func fuzzData(t testing.TB) *frame.Frame {
	f, err := frame.ReadCSVFrom(strings.NewReader("g,t,x,y,z\n1,1,1,2,3\n1,2,2,3,1\n1,3,4,5,2\n2,1,3,1,4\n2,2,5,4,2\n2,3,6,7,9\n"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// FuzzLex: the lexer never panics, terminates in linear time, and returns
// commands in order with line numbers inside the source.
func FuzzLex(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines, err := Lex(src)
		if err != nil {
			return
		}
		total := strings.Count(src, "\n") + 1
		last := 0
		for _, l := range lines {
			if l.Line < last || l.Line < 1 || l.Line > total || l.EndLine < l.Line {
				t.Fatalf("line numbers out of order or range: %+v (previous %d, %d lines)", l, last, total)
			}
			last = l.Line
			if strings.TrimSpace(l.Text) != l.Text || l.Text == "" {
				t.Fatalf("command not trimmed or empty: %q", l.Text)
			}
		}
		if _, err := parseProgram(lines); err != nil {
			return
		}
	})
}

// FuzzRun: running any text as a do-file on a small dataset never panics
// and stops (files off, at most 200 commands); errors are *Error values
// with a return code.
func FuzzRun(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	data := fuzzData(f)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4000 {
			return
		}
		s := New(Options{NoFiles: true, MaxSteps: 200})
		s.SetData(data)
		start := time.Now()
		err := s.Run(src)
		if time.Since(start) > 10*time.Second {
			t.Fatalf("took %v", time.Since(start))
		}
		if err != nil {
			var e *Error
			if !asError(err, &e) {
				t.Fatalf("error is %T, not *Error: %v", err, err)
			}
			if e.RC() == 0 {
				t.Fatalf("error with return code 0: %v", err)
			}
		}
	})
}
