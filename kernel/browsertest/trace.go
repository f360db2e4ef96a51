package browsertest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// trace records what the page saw while a test ran: the Jupyter websocket
// messages in both directions (decoded to channel, type and ids), the
// browser console and uncaught exceptions. A failing test writes it next to
// its screenshot, so that a hang explains itself: which request the
// frontend sent last and which reply or status message never came.
type trace struct {
	start time.Time
	mu    sync.Mutex
	lines []string
}

// startTrace subscribes to page's network and runtime events. Call it
// before navigating, so the first websocket frames are seen too.
func startTrace(page *rod.Page) *trace {
	tr := &trace{start: time.Now()}
	_ = proto.NetworkEnable{}.Call(page)
	_ = proto.RuntimeEnable{}.Call(page)
	go page.EachEvent(
		func(e *proto.NetworkWebSocketCreated) { tr.add("ws open   %s", e.URL) },
		func(e *proto.NetworkWebSocketClosed) { tr.add("ws closed") },
		func(e *proto.NetworkWebSocketFrameError) { tr.add("ws error  %s", e.ErrorMessage) },
		func(e *proto.NetworkWebSocketFrameSent) { tr.add("ws ->     %s", describeFrame(e.Response)) },
		func(e *proto.NetworkWebSocketFrameReceived) { tr.add("ws <-     %s", describeFrame(e.Response)) },
		func(e *proto.RuntimeConsoleAPICalled) {
			var parts []string
			for _, a := range e.Args {
				if a.Value.Nil() {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, a.Value.String())
				}
			}
			tr.add("console.%s %s", e.Type, strings.Join(parts, " "))
		},
		func(e *proto.RuntimeExceptionThrown) {
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tr.add("exception %s", msg)
		},
	)()
	return tr
}

func (tr *trace) add(format string, args ...any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.lines = append(tr.lines, fmt.Sprintf("%8.3fs %s", time.Since(tr.start).Seconds(), fmt.Sprintf(format, args...)))
}

// String is the whole trace, one event a line.
func (tr *trace) String() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return strings.Join(tr.lines, "\n") + "\n"
}

// save writes the trace to path.
func (tr *trace) save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(tr.String()), 0o644)
}

// wsMessage is the part of a Jupyter message a trace line shows.
type wsMessage struct {
	Channel string `json:"channel"`
	Header  struct {
		MsgID   string `json:"msg_id"`
		MsgType string `json:"msg_type"`
	} `json:"header"`
	ParentHeader struct {
		MsgID   string `json:"msg_id"`
		MsgType string `json:"msg_type"`
	} `json:"parent_header"`
	Content json.RawMessage `json:"content"`
}

// describeFrame decodes a Jupyter websocket frame: JSON text (the legacy
// protocol) or the binary v1.kernel.websocket.jupyter.org framing (a table
// of little-endian uint64 offsets, then channel, header, parent header,
// metadata, content and buffers).
func describeFrame(f *proto.NetworkWebSocketFrame) string {
	if f == nil {
		return "(empty frame)"
	}
	var m wsMessage
	if f.Opcode == 1 {
		if err := json.Unmarshal([]byte(f.PayloadData), &m); err != nil {
			return fmt.Sprintf("text %q", truncate(f.PayloadData, 120))
		}
	} else {
		b, err := base64.StdEncoding.DecodeString(f.PayloadData)
		if err != nil || !decodeV1(b, &m) {
			return fmt.Sprintf("binary frame of %d bytes", len(f.PayloadData)*3/4)
		}
	}
	s := fmt.Sprintf("%-8s %-22s id=%s", m.Channel, m.Header.MsgType, short(m.Header.MsgID))
	if m.ParentHeader.MsgID != "" {
		s += fmt.Sprintf(" parent=%s(%s)", short(m.ParentHeader.MsgID), m.ParentHeader.MsgType)
	}
	switch m.Header.MsgType {
	case "status", "execute_input", "error", "stream":
		s += " " + truncate(string(m.Content), 160)
	}
	return s
}

// decodeV1 reads the binary websocket framing of jupyter_server's
// v1.kernel.websocket.jupyter.org protocol into m.
func decodeV1(b []byte, m *wsMessage) bool {
	if len(b) < 8 {
		return false
	}
	n := binary.LittleEndian.Uint64(b)
	if n < 6 || n > 1000 || uint64(len(b)) < 8*(n+1) {
		return false
	}
	off := make([]uint64, n)
	for i := range off {
		off[i] = binary.LittleEndian.Uint64(b[8*(i+1):])
	}
	part := func(i int) []byte {
		end := uint64(len(b))
		if i+1 < len(off) {
			end = off[i+1]
		}
		if off[i] > end || end > uint64(len(b)) {
			return nil
		}
		return b[off[i]:end]
	}
	m.Channel = string(part(0))
	if json.Unmarshal(part(1), &m.Header) != nil {
		return false
	}
	_ = json.Unmarshal(part(2), &m.ParentHeader)
	m.Content = json.RawMessage(part(4))
	return true
}

func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func truncate(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", `\n`)
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
