// Package suggest finds the "did you mean" candidate for a misspelt name:
// a column in a frame, a variable in a formula or an expression.
//
// The rule (shared by lib/frame, lib/formula and lib/expr, so every error
// suggests the same way): a candidate equal to the name but for case wins;
// otherwise the candidate at the smallest optimal-string-alignment distance
// (Levenshtein with an adjacent transposition counted as one edit, compared
// case-insensitively, in runes), provided that distance is at most a third
// of the name's length in runes (and at least 1). Ties go to the earlier
// candidate. The name itself is never suggested.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate closest to name under the package's rule,
// and false when none is close enough.
func Closest(name string, candidates []string) (string, bool) {
	for _, c := range candidates {
		if c != name && strings.EqualFold(c, name) {
			return c, true
		}
	}
	limit := max(1, utf8.RuneCountInString(name)/3)
	best, bestD := "", limit+1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := Distance(lname, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// Distance is the optimal string alignment distance between a and b in
// runes: insertions, deletions, substitutions and transpositions of two
// adjacent runes each cost 1 (case-sensitive).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
