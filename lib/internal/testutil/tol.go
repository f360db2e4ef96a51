// Package testutil holds the tolerance policy and small helpers shared by
// the tests of econb's packages.
package testutil

import (
	"math"
	"testing"
)

// Close reports whether got equals want within tol, taken as a relative
// tolerance when |want| > 1 and as an absolute one otherwise (the
// "reldif" of Stata's certification scripts: |got-want| / (|want|+1)).
// Two NaNs are equal; a NaN and a number are not.
func Close(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want)/(math.Abs(want)+1) <= tol
}

// Check fails t with a message naming what when got and want are not Close.
func Check(t testing.TB, what string, got, want, tol float64) {
	t.Helper()
	if !Close(got, want, tol) {
		t.Errorf("%s = %.10g, want %.10g (reldif %.3g > tol %.3g)", what, got, want,
			math.Abs(got-want)/(math.Abs(want)+1), tol)
	}
}

// LRE is the log relative error of got against a certified value, the
// number of correct significant digits as the NIST StRD reports it.
func LRE(got, cert float64) float64 {
	if got == cert {
		return 15
	}
	if cert == 0 {
		return -math.Log10(math.Abs(got))
	}
	return -math.Log10(math.Abs(got-cert) / math.Abs(cert))
}
