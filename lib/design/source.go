package design

import (
	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/panel"
)

// Source adapts a frame to package expr (expr.Source): its numeric
// columns (Float and Int, NaN for missing, read without a copy), its text
// columns as dictionary codes, and a panel index for lags (nil for none).
// Package design evaluates formula terms through it; a frame verb such as
// generate can too.
type Source struct {
	Frame *frame.Frame
	Index *panel.Index
}

// Len implements expr.Source.
func (s *Source) Len() int { return s.Frame.Len() }

// Names implements expr.Source.
func (s *Source) Names() []string { return s.Frame.Names() }

// Numeric implements expr.Source.
func (s *Source) Numeric(name string) ([]float64, bool) {
	c, err := s.Frame.Col(name)
	if err != nil || !c.IsNumeric() {
		return nil, false
	}
	return c.Floats(), true
}

// Text implements expr.Source.
func (s *Source) Text(name string) ([]int32, []string, bool) {
	c, err := s.Frame.Col(name)
	if err != nil || c.Kind() != frame.String {
		return nil, nil, false
	}
	codes, dict := c.Codes()
	return codes, dict, true
}

// Panel implements expr.Source.
func (s *Source) Panel() *panel.Index { return s.Index }
