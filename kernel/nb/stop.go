package nb

import (
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"github.com/econb/econb/kernel/display"
)

// exit ends the cell's program, and stdout and stderr receive what the
// verbs print; tests replace them.
var (
	exit             = os.Exit
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)

// stopped is what a replaced exit panics with in tests.
type stopped struct{ msg string }

// Stop ends the cell with err shown as one clean message (no goroutine
// dump): in a notebook an HTML box and its text form, outside a notebook
// the text on stderr; then the program exits with status 1, which the
// notebook marks as the cell's error, so Run All stops there, as Stata
// stops a do-file at its first error. The message is err's own text: econb's
// library errors say what went wrong, where (column, row, term, DMU) and
// the fix.
func Stop(err error) {
	if err == nil {
		return
	}
	msg := Message(err)
	if display.InNotebook() {
		_ = display.SendBundle(map[string]any{
			display.MIMEText: msg,
			display.MIMEHTML: `<div class="econb-error" style="border-left:4px solid #c0392b;background:#fdf2f2;padding:6px 10px;margin:4px 0">` +
				`<pre style="margin:0;white-space:pre-wrap;color:#7b1f1f;font-size:13px">` + html.EscapeString(msg) + `</pre></div>`,
		})
	} else {
		fmt.Fprintln(stderr, msg)
	}
	exit(1)
	panic(stopped{msg}) // not reached with os.Exit
}

// Message is how Stop words err: "econb: " and the error's text, its lines
// kept (formula errors draw a caret under the place).
func Message(err error) string {
	s := strings.TrimSpace(err.Error())
	if !strings.HasPrefix(s, "econb") {
		s = "econb: " + s
	}
	return s
}

// Check stops the cell if err is not nil (see Stop).
func Check(err error) {
	if err != nil {
		Stop(err)
	}
}

// Must returns x, or stops the cell if err is not nil:
//
//	fr := nb.Must(frame.ReadCSV("data/x.csv"))
func Must[T any](x T, err error) T {
	Check(err)
	return x
}

// Errorf stops the cell with a formatted message.
func Errorf(format string, args ...any) {
	Stop(errors.New(fmt.Sprintf(format, args...)))
}
