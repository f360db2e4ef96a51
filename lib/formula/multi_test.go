package formula

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// pyfixestModel reads one of pyfixest's expanded formulas in econb's
// syntax: without the parentheses around each stepwise argument, and
// without a fixed-effects part "1" (pyfixest maps it to no fixed effects).
func pyfixestModel(t *testing.T, s string) *Formula {
	t.Helper()
	s = strings.NewReplacer("(", "", ")", "").Replace(s)
	if base, fe, ok := strings.Cut(s, "|"); ok && strings.TrimSpace(fe) == "1" {
		s = base
	}
	f, err := Parse(s)
	if err != nil {
		t.Fatalf("pyfixest model %q: %v", s, err)
	}
	return f
}

// TestExpandPyfixest checks Expand against pyfixest's documented expansions
// (testdata/pyfixest_multiple_estimation.txt names the file and commit):
// the same models, in the same order.
func TestExpandPyfixest(t *testing.T) {
	file, err := os.Open("testdata/pyfixest_multiple_estimation.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	type tcase struct {
		in   string
		want []string
	}
	var cases []tcase
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "=> "):
			cases[len(cases)-1].want = append(cases[len(cases)-1].want, strings.TrimPrefix(line, "=> "))
		default:
			cases = append(cases, tcase{in: line})
		}
	}
	if len(cases) < 30 {
		t.Fatalf("read %d cases", len(cases))
	}
	for _, tc := range cases {
		f, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		got := Expand(f)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d models, pyfixest %d", tc.in, len(got), len(tc.want))
			continue
		}
		for i, g := range got {
			if w := pyfixestModel(t, tc.want[i]); !g.Equal(w) {
				t.Errorf("%s: model %d is %q, pyfixest %q", tc.in, i+1, g, tc.want[i])
			}
		}
	}
}

// TestExpandStrings checks the printed models of fixest's documented
// examples (fixest, "Multiple estimations" vignette and ?stepwise) and of
// the forms pyfixest does not have (c() responses, IV parts).
func TestExpandStrings(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"c(y1, y2) ~ x1 + x2", []string{"y1 ~ x1 + x2", "y2 ~ x1 + x2"}},
		{"c(y1, log(y2)) ~ x | id", []string{"y1 ~ x | id", "log(y2) ~ x | id"}},
		{"y ~ x1 + csw0(x2, x3) | sw0(id, id^year)", []string{
			"y ~ x1", "y ~ x1 | id", "y ~ x1 | id^year",
			"y ~ x1 + x2", "y ~ x1 + x2 | id", "y ~ x1 + x2 | id^year",
			"y ~ x1 + x2 + x3", "y ~ x1 + x2 + x3 | id", "y ~ x1 + x2 + x3 | id^year"}},
		{"y ~ x | id | e ~ sw(z1, z1 + z2)", []string{"y ~ x | id | e ~ z1", "y ~ x | id | e ~ z1 + z2"}},
		{"y ~ sw(x, I(x^2)) | e ~ z", []string{"y ~ x | e ~ z", "y ~ I(x^2) | e ~ z"}},
		{"y ~ 0 + sw0(x)", []string{"y ~ 0", "y ~ 0 + x"}},
	}
	for _, tc := range tests {
		f, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		var got []string
		for _, g := range Expand(f) {
			got = append(got, g.String())
			if g.HasMulti() {
				t.Errorf("%s: model %s still has multiple estimation", tc.in, g)
			}
		}
		if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
			t.Errorf("%s:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
