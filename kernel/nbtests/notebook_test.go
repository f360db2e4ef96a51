package nbtests

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSequence(t *testing.T) {
	text := "a 1\nb 2\nc 3\n"
	cases := []struct {
		name     string
		patterns []string
		wantErr  string // substring; "" for a match
	}{
		{"in order", []string{`a \d`, `c 3`}, ""},
		{"out of order", []string{`c 3`, `a 1`}, `no match for "a 1"`},
		{"absent", []string{`d`}, `no match for "d"`},
		{"bad regexp", []string{`(`}, "missing closing )"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Sequence(text, c.patterns...)
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Errorf("Sequence(%q) = %v, want error containing %q", c.patterns, err, c.wantErr)
			}
		})
	}
}

// TestCellText reads nbformat's two string encodings and picks outputs by
// MIME type.
func TestCellText(t *testing.T) {
	const cell = `{"cell_type": "code", "source": ["%%\n", "fmt.Println(1)"], "outputs": [
		{"output_type": "stream", "name": "stdout", "text": ["one\n", "two\n"]},
		{"output_type": "stream", "name": "stderr", "text": "warn\n"},
		{"output_type": "display_data", "data": {"text/html": ["<b>", "x</b>"], "application/json": {"a": 1}}},
		{"output_type": "error", "ename": "ERROR", "evalue": "exit status 1"}]}`
	var c Cell
	if err := json.Unmarshal([]byte(cell), &c); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ mime, want string }{
		{"text/plain", "one\ntwo\n"},
		{"stderr", "warn\n"},
		{"text/html", "<b>x</b>"},
		{"application/json", `{"a": 1}`},
		{"error", "ERROR: exit status 1"},
		{"image/png", ""},
	}
	for _, k := range cases {
		if got := c.Text(k.mime); got != k.want {
			t.Errorf("Text(%q) = %q, want %q", k.mime, got, k.want)
		}
	}
	if string(c.Source) != "%%\nfmt.Println(1)" {
		t.Errorf("source = %q", c.Source)
	}
}
