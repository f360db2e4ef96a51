package stata

import (
	"strings"
	"testing"

	"github.com/econb/econb/lib/frame"
)

// TestReplaceLagOfItself: "replace k = 0.9*L.k + 1" would read the new values
// of k in Stata (replace works observation by observation); econb refuses it
// with the k[_n-1] spelling it does evaluate that way, instead of a different
// answer.
func TestReplaceLagOfItself(t *testing.T) {
	f, _ := frame.ReadCSVFrom(strings.NewReader("id,t,k\n1,1,1\n1,2,2\n"))
	f, _ = f.XTSet("id", "t")
	_, err := Replace(f, "k = 0.9*L.k + 1 if t > 1")
	if err == nil || !strings.Contains(err.Error(), "k[_n-1]") {
		t.Fatalf("replace with L.k: %v", err)
	}
	t.Log(err)
}
