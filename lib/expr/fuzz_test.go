package expr

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/econb/econb/lib/panel"
)

// FuzzParse checks that Parse never panics, returns only *Error values,
// and that an expression it accepts prints to a canonical text that parses
// to an Equal node and prints the same again. Accepted expressions are
// also compiled and run on a small panel, which must not panic either.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a*b + log(c)", "-2^2", "x > 5 & !missing(x)", "cond(x, 1, 2, .)", "L.x + F2.x - D.x + S4.x",
		"L(1/2).x", "l(log(x), 2)", "x[_n-1] + _N", `substr(s, 2, .) + "z"`, "`my var` * 2", "inrange(x, ., 3)",
		"round(x, .01) ~= 1", "(a", "x =", "LD.x", "1e308*10", "`\"a\"'", "D.L.(x*2)",
	} {
		f.Add(s)
	}
	ix, _ := panel.NewIndex([]string{"a", "a", "b"}, []int{1, 2, 4})
	src, _ := NewMap(map[string][]float64{"a": {1, 2, 3}, "b": {0, -1, math.NaN()}, "c": {4, 5, 6}, "x": {1, math.NaN(), 3}},
		map[string][]string{"s": {"p", "", "q"}}, ix)
	f.Fuzz(func(t *testing.T, in string) {
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second): // a hang, not a slow machine
				panic(fmt.Sprintf("slow input %q", in))
			}
		}()
		n, err := Parse(in)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			_ = err.Error()
			return
		}
		s := n.String()
		m, err := Parse(s)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", s, in, err)
		}
		if !Equal(n, m) {
			t.Fatalf("canonical %q of %q parses to %q", s, in, m.String())
		}
		if m.String() != s {
			t.Fatalf("String not stable: %q then %q", s, m.String())
		}
		if width(n) > 64 {
			return
		}
		for _, e := range Expand(n) {
			p, err := Compile(e, src, Options{Src: in})
			if err != nil {
				_ = err.Error()
				continue
			}
			p.Run()
		}
	})
}
