package plot

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
	"regexp"
)

var whiteColor = color.White

// svgFamilies gives each embedded Liberation family its metric-compatible
// fall-backs: vgsvg names the family only, and a browser without it
// would substitute its default (serif) font and break the layout.
var svgFamilies = []struct{ from, to string }{
	{"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"},
	{"font-family:Liberation Serif;", "font-family:'Liberation Serif','Times New Roman',Times,serif;"},
	{"font-family:Liberation Mono;", "font-family:'Liberation Mono','Courier New',Courier,monospace;"},
}

func fixSVG(b []byte) []byte {
	for _, f := range svgFamilies {
		b = bytes.ReplaceAll(b, []byte(f.from), []byte(f.to))
	}
	return b
}

// pdfDate matches the creation and modification dates fpdf stamps with
// the wall clock.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}\)`)

// fixPDF pins the PDF dates to 2000-01-01, same length, so the xref
// offsets stay valid and the bytes do not depend on the time of day.
func fixPDF(b []byte) []byte {
	return pdfDate.ReplaceAllFunc(b, func(m []byte) []byte {
		out := append([]byte{}, m...)
		copy(out[len(out)-15:], "20000101000000")
		return out
	})
}

// withPHYs inserts a pHYs chunk (the image's pixels per metre) after the
// IHDR chunk of a PNG, so that viewers that honour it (word processors,
// pdfTeX) place the image at its physical size.
func withPHYs(png []byte, dpi int) ([]byte, error) {
	const sig, ihdr = 8, 8 + 13 + 4 // signature; IHDR length+type, data, CRC
	if len(png) < sig+ihdr || string(png[12:16]) != "IHDR" {
		return nil, fmt.Errorf("plot: render png: encoder wrote no IHDR chunk")
	}
	ppm := uint32(float64(dpi)/0.0254 + 0.5)
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1 // unit: metre
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	out := make([]byte, 0, len(png)+len(chunk))
	out = append(out, png[:sig+ihdr]...)
	out = append(out, chunk...)
	return append(out, png[sig+ihdr:]...), nil
}
