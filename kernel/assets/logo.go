package assets

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Logo colours: Go's gopher blue disc with three white bars rising left
// to right (a bar chart: econometrics in Go).
var (
	logoBlue  = color.NRGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF}
	logoWhite = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// Logo draws the econb logo as a size×size image with a transparent
// background. It is deterministic, so the committed PNGs can be checked.
func Logo(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	c, r := s/2, s/2-0.5
	// Bars in units of the image side: x from, x to, top y; bottom is 0.75.
	bars := [][3]float64{{0.22, 0.36, 0.55}, {0.43, 0.57, 0.40}, {0.64, 0.78, 0.25}}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			if math.Hypot(px-c, py-c) > r {
				continue
			}
			col := logoBlue
			u, v := px/s, py/s
			for _, b := range bars {
				if u >= b[0] && u < b[1] && v >= b[2] && v < 0.75 {
					col = logoWhite
				}
			}
			img.SetNRGBA(x, y, col)
		}
	}
	return img
}

// LogoPNG returns Logo(size) encoded as PNG.
func LogoPNG(size int) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Logo(size)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
