package nb

import (
	"fmt"
	"math"
)

// Assert stops the cell unless cond holds, as Stata's assert stops a
// do-file: the literate checks of a notebook ("N = 3393", "every city
// matched"). what says what was checked; it is printed either way, so the
// executed notebook shows its checks.
func Assert(cond bool, what string, args ...any) {
	msg := fmt.Sprintf(what, args...)
	if !cond {
		Errorf("assertion failed: %s", msg)
	}
	say(fmt.Sprintf("check: %s", msg))
}

// Equal stops the cell unless got == want, printing both.
func Equal[T comparable](got, want T, what string) {
	if got != want {
		Errorf("assertion failed: %s is %v, want %v", what, got, want)
	}
	say(fmt.Sprintf("check: %s = %v", what, got))
}

// Near stops the cell unless |got - want| <= tol (absolute; NaN never
// passes), printing both.
func Near(got, want, tol float64, what string) {
	if !(math.Abs(got-want) <= tol) {
		Errorf("assertion failed: %s is %.10g, want %.10g ± %.3g (off by %.3g)", what, got, want, tol, got-want)
	}
	say(fmt.Sprintf("check: %s = %.10g (want %.10g ± %.3g)", what, got, want, tol))
}
