package expr

import (
	"fmt"
	"slices"

	"github.com/econb/econb/lib/panel"
)

// Source is the data an expression reads: equally long named columns,
// numeric or text, and optionally a declared panel.
//
// Numeric returns a numeric column with NaN for missing values (and no
// infinities: Stata has none, and the evaluator would order them with the
// missing values); the evaluator only reads it. Text returns a text column as dictionary codes
// (code -1, or a code of "", is missing) and the dictionary. Both return
// false for a name that is not a column of that type. Names lists the
// columns, for "did you mean". Panel returns the panel index that lags,
// leads and differences follow (Stata's xtset or tsset), nil without one.
type Source interface {
	Len() int
	Names() []string
	Numeric(name string) ([]float64, bool)
	Text(name string) (codes []int32, dict []string, ok bool)
	Panel() *panel.Index
}

// Map is a Source of plain columns, for tests and small programs.
type Map struct {
	Num   map[string][]float64 // numeric columns, NaN = missing
	Str   map[string][]string  // text columns, "" = missing
	Index *panel.Index         // the panel, or nil
	n     int
	codes map[string][]int32
	dicts map[string][]string
}

// NewMap returns a Map source of the given columns, which must be equally
// long, with the panel index ix (nil for none).
func NewMap(num map[string][]float64, text map[string][]string, ix *panel.Index) (*Map, error) {
	m := &Map{Num: num, Str: text, Index: ix, n: -1, codes: map[string][]int32{}, dicts: map[string][]string{}}
	check := func(name string, n int) error {
		if m.n >= 0 && n != m.n {
			return fmt.Errorf("expr: column %q has %d rows, the others %d", name, n, m.n)
		}
		m.n = n
		return nil
	}
	for _, name := range sortedKeys(num) {
		if err := check(name, len(num[name])); err != nil {
			return nil, err
		}
	}
	for _, name := range sortedKeys(text) {
		if err := check(name, len(text[name])); err != nil {
			return nil, err
		}
		if _, dup := num[name]; dup {
			return nil, fmt.Errorf("expr: column %q is both numeric and text", name)
		}
		codes, dict := Encode(text[name])
		m.codes[name], m.dicts[name] = codes, dict
	}
	if m.n < 0 {
		m.n = 0
		if ix != nil {
			m.n = ix.Rows()
		}
	}
	if ix != nil && ix.Rows() != m.n {
		return nil, fmt.Errorf("expr: the panel index has %d rows, the columns %d", ix.Rows(), m.n)
	}
	return m, nil
}

// Encode dictionary-codes text: codes index dict in order of first
// appearance; "" (missing) gets code -1.
func Encode(s []string) (codes []int32, dict []string) {
	codes = make([]int32, len(s))
	index := map[string]int32{}
	for i, v := range s {
		if v == "" {
			codes[i] = -1
			continue
		}
		k, ok := index[v]
		if !ok {
			k = int32(len(dict))
			index[v] = k
			dict = append(dict, v)
		}
		codes[i] = k
	}
	return codes, dict
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Len implements Source.
func (m *Map) Len() int { return m.n }

// Names implements Source: the numeric columns, then the text ones, each sorted.
func (m *Map) Names() []string { return append(sortedKeys(m.Num), sortedKeys(m.Str)...) }

// Numeric implements Source.
func (m *Map) Numeric(name string) ([]float64, bool) { x, ok := m.Num[name]; return x, ok }

// Text implements Source.
func (m *Map) Text(name string) ([]int32, []string, bool) {
	c, ok := m.codes[name]
	return c, m.dicts[name], ok
}

// Panel implements Source.
func (m *Map) Panel() *panel.Index { return m.Index }
