package display

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/go-gota/gota/dataframe"
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/econb/econb/lib/frame"
	"github.com/econb/econb/lib/report"
)

// MIME types of a bundle.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMELaTeX    = "text/latex"
	MIMEMarkdown = "text/markdown"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
)

// ErrUnsupported is returned by Show and Bundle for a value they cannot
// display.
var ErrUnsupported = errors.New("display: unsupported value")

// Stdout receives the text form outside a notebook; nil means os.Stdout
// (looked up at each call, so redirections of os.Stdout are followed).
var Stdout io.Writer

// inNotebook is gonbui.IsNotebook, a variable so tests can switch it.
var inNotebook = func() bool { return gonbui.IsNotebook }

// send delivers a bundle to GoNB and waits until GoNB has forwarded it
// (gonbui.Sync), so displays and text printed afterwards by the cell keep
// their order in the notebook; tests replace it.
var send = func(b map[string]any, meta map[string]any) {
	data := make(map[protocol.MIMEType]any, len(b))
	for k, v := range b {
		data[protocol.MIMEType(k)] = v
	}
	gonbui.SendData(&protocol.DisplayData{Data: data, Metadata: meta})
	gonbui.Sync()
}

// sizer is a figure that knows its size on screen: its PNG is drawn at a
// higher resolution (2x), and the bundle's metadata tells the front end the
// width and height to show it at, as IPython's Image(width=...) does.
type sizer interface{ DisplaySize() (w, h int) }

// metadata is the bundle metadata for x: the PNG's display size.
func metadata(x any) map[string]any {
	if s, ok := x.(sizer); ok {
		if w, h := s.DisplaySize(); w > 0 && h > 0 {
			// map[string]int: gonbui encodes display data with gob, which
			// knows map[string]int (registered by gonbui/protocol) but not
			// map[string]any.
			return map[string]any{MIMEPNG: map[string]int{"width": w, "height": h}}
		}
	}
	return nil
}

type (
	htmler     interface{ HTML() string }
	latexer    interface{ LaTeX() string }
	markdowner interface{ Markdown() string }
	svger      interface{ SVG() ([]byte, error) }
	pnger      interface{ PNG() ([]byte, error) }
)

// Bundle returns the MIME bundle Show would send for x: MIME type to
// content (strings; PNG as raw bytes, which GoNB base64-encodes).
func Bundle(x any) (map[string]any, error) {
	if x == nil {
		return nil, fmt.Errorf("%w: nil", ErrUnsupported)
	}
	b := map[string]any{}
	_, isSVG := x.(svger)
	_, isPNG := x.(pnger)
	if isSVG || isPNG {
		if s, ok := x.(svger); ok {
			svg, err := s.SVG()
			if err != nil {
				return nil, fmt.Errorf("display: %w", err)
			}
			b[MIMESVG] = string(svg)
		}
		if p, ok := x.(pnger); ok {
			png, err := p.PNG()
			if err != nil {
				return nil, fmt.Errorf("display: %w", err)
			}
			b[MIMEPNG] = png
		}
		b[MIMEText] = fmt.Sprintf("<figure %T>", x)
		if s, ok := x.(fmt.Stringer); ok {
			b[MIMEText] = s.String()
		}
		return b, nil
	}
	switch df := x.(type) {
	case dataframe.DataFrame:
		return gotaBundle(df)
	case *dataframe.DataFrame:
		if df == nil {
			return nil, fmt.Errorf("%w: nil %T", ErrUnsupported, x)
		}
		return gotaBundle(*df)
	}
	if _, ok := x.(report.Renderable); !ok {
		if f, ok := x.(report.Fitted); ok {
			// A fitted model's own String (ivreg2-style text) stays the
			// text/plain part; the rich parts come from report.Summary.
			tab := report.Summary(f)
			b = map[string]any{MIMEText: tab.String(), MIMEHTML: tab.HTML(), MIMELaTeX: tab.LaTeX(), MIMEMarkdown: tab.Markdown()}
			if s, ok := x.(fmt.Stringer); ok {
				b[MIMEText] = s.String()
			}
			return b, nil
		}
	}
	switch v := x.(type) {
	case fmt.Stringer:
		b[MIMEText] = v.String()
	case string:
		b[MIMEText] = v
	default:
		return nil, fmt.Errorf("%w: %T has none of String, HTML, LaTeX, SVG or PNG", ErrUnsupported, x)
	}
	if h, ok := x.(htmler); ok {
		b[MIMEHTML] = h.HTML()
	}
	if l, ok := x.(latexer); ok {
		b[MIMELaTeX] = l.LaTeX()
	}
	if m, ok := x.(markdowner); ok {
		b[MIMEMarkdown] = m.Markdown()
	}
	return b, nil
}

// Show displays x in the current cell as one MIME bundle (see the package
// documentation); outside a notebook it prints x's text form to Stdout.
func Show(x any) error {
	b, err := Bundle(x)
	if err != nil {
		return err
	}
	return sendOrPrint(b, metadata(x))
}

func sendOrPrint(b map[string]any, meta map[string]any) error {
	if inNotebook() {
		send(b, meta)
		return gonbui.Error()
	}
	if s, ok := b[MIMEText].(string); ok {
		if len(s) > 0 && s[len(s)-1] != '\n' {
			s += "\n"
		}
		w := Stdout
		if w == nil {
			w = os.Stdout
		}
		_, err := io.WriteString(w, s)
		return err
	}
	return nil
}

// HTML displays an HTML fragment; outside a notebook it prints it.
func HTML(s string) error { return sendOrPrint(map[string]any{MIMEHTML: s, MIMEText: s}, nil) }

// Markdown displays Markdown (with $…$ math); outside a notebook it prints
// it.
func Markdown(s string) error { return sendOrPrint(map[string]any{MIMEMarkdown: s, MIMEText: s}, nil) }

// LaTeX displays LaTeX (math such as $$R^2$$ renders with MathJax);
// outside a notebook it prints it.
func LaTeX(s string) error { return sendOrPrint(map[string]any{MIMELaTeX: s, MIMEText: s}, nil) }

// InNotebook reports whether the program runs in a GoNB cell.
func InNotebook() bool { return inNotebook() }

// SendBundle displays the MIME bundle b as it is (MIME type to content);
// outside a notebook it prints b's text/plain part to Stdout.
func SendBundle(b map[string]any) error { return sendOrPrint(b, nil) }

// gotaBundle shows a gota DataFrame as an HTML table with each column's
// type and missing count (lib/frame's view, the one an econb dataset
// has) beside gota's own text.
func gotaBundle(df dataframe.DataFrame) (map[string]any, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("display: gota DataFrame: %w", df.Err)
	}
	f, err := frame.FromDataFrame(df)
	if err != nil {
		return nil, fmt.Errorf("display: gota DataFrame: %w", err)
	}
	return map[string]any{MIMEText: df.String(), MIMEHTML: f.HTML()}, nil
}
