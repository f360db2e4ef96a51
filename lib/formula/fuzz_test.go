package formula

import (
	"fmt"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics and that a formula it accepts
// prints to a canonical text that parses to the same formula, and prints
// the same again.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"tfp ~ str + gov + pgdp + fdi + h + road + pop | city + year | sagg ~ l(sagg, 1:2)",
		"y ~ x | endo ~ z1 + z2", "y ~ -1 + x", "y ~ 0", "log(y) ~ l(x, -1:1) + d(x):z + i(r)",
		"`a b` ~ 收入 | id", "y ~ x |", "y ~ l(x, ", "y ~ x ~ z", "y ~ f(log(x:z), 2:3)",
		"y ~ I(x^2 + L.z) + sqrt(x)", "c(y1, y2) ~ csw0(a, b + c) | sw(f1, f1^f2)", "y ~ I(cond(x > 0 | z, 1, .))",
		"y ~ mvsw(a, b) | e ~ sw(z1, z2)", "y ~ mvsw(a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,aa,bb,cc,dd)", "y ~ x | a^b^c", `y ~ I(strlen("a)b"))`, "y ~ I(",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second): // a hang, not a slow machine
				panic(fmt.Sprintf("slow input %q", src))
			}
		}()
		g, err := Parse(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			_ = err.Error() // rendering must not panic either
			return
		}
		s := g.String()
		h, err := Parse(s)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", s, src, err)
		}
		if !g.Equal(h) {
			t.Fatalf("canonical %q of %q parses to %q", s, src, h.String())
		}
		if h.String() != s {
			t.Fatalf("String not stable: %q then %q", s, h.String())
		}
	})
}
