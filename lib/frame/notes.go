package frame

import "slices"

// WithNotes returns f with notes as its Notes, sharing f's columns, panel
// declaration and lineage key: for a front end that adds to a verb's report
// (lib/stata notes how an if condition treated missing values).
func (f *Frame) WithNotes(notes []string) *Frame {
	g := *f
	g.notes = slices.Clone(notes)
	return &g
}

// WithLabel returns the column with its variable label set to label.
func (c *Column) WithLabel(label string) *Column { return c.labelled(label) }
