package stata

import (
	"fmt"
	"strings"
)

// Line is one command of a do-file as the lexer gives it: comments
// removed, continuation lines joined, and the physical lines it came from.
type Line struct {
	Text    string // the command, trimmed; comments replaced by a space
	Line    int    // first physical line (1-based)
	EndLine int    // last physical line
}

// Lex splits a do-file into commands as Stata reads it ([U] 16.1.2,
// [P] #delimit):
//
//   - a command ends at the end of the line, or at ";" after "#delimit ;"
//     (back with "#delimit cr"; #d and #delim are the abbreviations);
//   - "*" as the first character of a command makes it a comment (to the
//     end of the line; to the next ";" in ";" mode);
//   - "//" starts a comment to the end of the line and "///" continues the
//     command on the next line; both only at the start of a line or after a
//     blank, so "http://..." is not a comment;
//   - "/* ... */" is a comment anywhere, across lines, and nests;
//   - text in double quotes "..." and compound quotes `"..."' is kept as
//     it is (no comment starts inside it).
//
// In ";" mode a line that ends with "{" (a loop or if block) also ends the
// command, so both "foreach v of varlist x y {;" and "... {" work, and a
// "}" alone on a line closes the block.
//
// Lex fails only on an unclosed "/*" or compound quote; other errors
// (unbalanced quotes on a line) are the command's. Its cost is linear in the
// source and it never panics (FuzzLex).
func Lex(src string) ([]Line, error) {
	lx := lexer{src: src, line: 1}
	return lx.run()
}

type lexer struct {
	src      string
	line     int
	semi     bool // #delimit ;
	buf      strings.Builder
	start    int // physical line of the command's first character
	out      []Line
	text     bool // the current command has a non-blank character
	depth    int  // open /* comments
	depthAt  int  // line of the outermost open /*
	compound int  // open `" quotes
	quoteAt  int
}

func (lx *lexer) blank() bool { return !lx.text }

// emit ends the current command.
func (lx *lexer) emit() {
	text := strings.TrimSpace(lx.buf.String())
	lx.buf.Reset()
	lx.text = false
	if text == "" {
		return
	}
	if d, ok := delimitDirective(text); ok {
		lx.semi = d
		return
	}
	end := lx.line
	if end < lx.start {
		end = lx.start
	}
	lx.out = append(lx.out, Line{Text: text, Line: lx.start, EndLine: end})
}

// delimitDirective recognizes "#delimit ;", "#delimit cr" and their
// abbreviations; ok is false for any other text.
func delimitDirective(text string) (semi, ok bool) {
	f := strings.Fields(text)
	if len(f) == 0 || !strings.HasPrefix(f[0], "#d") || !strings.HasPrefix("#delimit", f[0]) {
		return false, false
	}
	arg := strings.TrimSpace(strings.TrimPrefix(text, f[0]))
	switch arg {
	case ";":
		return true, true
	case "cr", "":
		return false, true
	}
	return false, false
}

// add appends a byte to the current command, noting where it starts.
func (lx *lexer) add(c byte) {
	if !lx.text && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
		lx.start = lx.line
		lx.text = true
	}
	lx.buf.WriteByte(c)
}

// atWordStart reports whether position i begins a // or /// comment: at the
// start of a line or after a blank.
func (lx *lexer) atWordStart(i int) bool {
	if i == 0 {
		return true
	}
	p := lx.src[i-1]
	return p == ' ' || p == '\t' || p == '\n' || p == '\r'
}

// skipLine returns the index of the next newline at or after i (or the end).
func (lx *lexer) skipLine(i int) int {
	if k := strings.IndexByte(lx.src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(lx.src)
}

func (lx *lexer) run() ([]Line, error) {
	src := lx.src
	inq := false // inside "..."
	for i := 0; i < len(src); {
		c := src[i]
		// Block comments, nested, across lines; not inside strings.
		if lx.depth > 0 {
			switch {
			case strings.HasPrefix(src[i:], "*/"):
				lx.depth--
				i += 2
				if lx.depth == 0 {
					lx.buf.WriteByte(' ')
				}
			case strings.HasPrefix(src[i:], "/*"):
				lx.depth++
				i += 2
			default:
				if c == '\n' {
					lx.line++
				}
				i++
			}
			continue
		}
		if inq {
			lx.add(c)
			i++
			switch c {
			case '"':
				inq = false
			case '\n':
				// a simple string ends at the end of its line; the command
				// reports the unbalanced quote
				inq = false
				if !lx.semi {
					lx.emit()
				}
				lx.line++
			}
			continue
		}
		if lx.compound > 0 {
			switch {
			case strings.HasPrefix(src[i:], "`\""):
				lx.compound++
				lx.buf.WriteString("`\"")
				i += 2
			case strings.HasPrefix(src[i:], "\"'"):
				lx.compound--
				lx.buf.WriteString("\"'")
				i += 2
			default:
				if c == '\n' {
					lx.line++
				}
				lx.buf.WriteByte(c)
				i++
			}
			continue
		}
		switch {
		case strings.HasPrefix(src[i:], "/*"):
			if lx.depth == 0 {
				lx.depthAt = lx.line
			}
			lx.depth++
			i += 2
			continue
		case strings.HasPrefix(src[i:], "///") && lx.atWordStart(i):
			// continuation: the rest of the line is a comment and the
			// command goes on on the next line
			i = lx.skipLine(i)
			if i < len(src) {
				i++ // the newline
				lx.line++
			}
			for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
				i++ // the next line's indentation
			}
			b := strings.TrimRight(lx.buf.String(), " \t")
			lx.buf.Reset()
			lx.buf.WriteString(b)
			lx.buf.WriteByte(' ')
			continue
		case strings.HasPrefix(src[i:], "//") && lx.atWordStart(i):
			i = lx.skipLine(i)
			continue
		case c == '*' && lx.blank():
			// a comment command: to the end of the line (cr mode, where
			// /// still continues it) or to the next ";"
			i = lx.skipStarComment(i)
			continue
		case c == '`' && i+1 < len(src) && src[i+1] == '"':
			if lx.compound == 0 {
				lx.quoteAt = lx.line
			}
			if !lx.text {
				lx.start, lx.text = lx.line, true
			}
			lx.compound++
			lx.buf.WriteString("`\"")
			i += 2
			continue
		case c == '"':
			inq = true
			lx.add(c)
			i++
			continue
		case c == '\n':
			if !lx.semi || lx.endsBlock() || lx.directiveLine() {
				lx.emit()
			} else {
				lx.buf.WriteByte(' ')
			}
			lx.line++
			i++
			continue
		case c == ';' && lx.semi:
			lx.emit()
			i++
			continue
		}
		if c == '\r' || c == '\t' {
			c = ' '
		}
		lx.add(c)
		i++
	}
	switch {
	case lx.depth > 0:
		return nil, fmt.Errorf("do-file line %d: the comment opened with /* is never closed with */: %w", lx.depthAt, ErrSyntax)
	case lx.compound > 0:
		return nil, fmt.Errorf("do-file line %d: the compound quote opened with `\" is never closed with \"': %w", lx.quoteAt, ErrSyntax)
	}
	if lx.semi && !lx.blank() {
		// Stata ignores a last command without its ";"; econb says so.
		text := strings.TrimSpace(lx.buf.String())
		if _, ok := delimitDirective(text); !ok {
			return nil, fmt.Errorf("do-file line %d: %q does not end with \";\" (#delimit ; is on): %w", lx.start, clip(text, 60), ErrSyntax)
		}
	}
	lx.emit()
	return lx.out, nil
}

// directiveLine reports, in ";" mode at a newline, whether the command so
// far is a #delimit directive, which needs no ";".
func (lx *lexer) directiveLine() bool {
	t := strings.TrimSpace(lx.buf.String())
	if !strings.HasPrefix(t, "#d") {
		return false
	}
	_, ok := delimitDirective(t)
	return ok
}

// endsBlock reports, in ";" mode at a newline, whether the command so far
// is a block's opening line (ends with "{") or its closing "}".
func (lx *lexer) endsBlock() bool {
	t := strings.TrimSpace(lx.buf.String())
	return t == "}" || strings.HasSuffix(t, "{") && !strings.HasSuffix(t, "`{")
}

// skipStarComment skips a "*" comment starting at i and returns where the
// next command starts.
func (lx *lexer) skipStarComment(i int) int {
	src := lx.src
	if lx.semi {
		for i < len(src) && src[i] != ';' {
			if src[i] == '\n' {
				lx.line++
			}
			i++
		}
		if i < len(src) {
			i++
		}
		lx.buf.Reset()
		lx.text = false
		return i
	}
	for {
		end := lx.skipLine(i)
		line := src[i:end]
		// "* text ///" continues the comment on the next line
		if k := strings.Index(line, "///"); k >= 0 && (k == 0 || line[k-1] == ' ' || line[k-1] == '\t') && end < len(src) {
			lx.line++
			i = end + 1
			continue
		}
		return end // the newline ends the (empty) command
	}
}

// clip shortens s to n bytes for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
