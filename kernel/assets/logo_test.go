package assets

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the committed logo PNGs from Logo")

// TestLogos checks that the committed logos are the PNGs Logo draws, with
// the sizes their names promise.
func TestLogos(t *testing.T) {
	for _, size := range []int{32, 64} {
		name := fmt.Sprintf("logo-%dx%d.png", size, size)
		t.Run(name, func(t *testing.T) {
			want, err := LogoPNG(size)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(name, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Files.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
				t.Errorf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size, size)
			}
			if !*update && !bytes.Equal(got, want) {
				t.Errorf("%s differs from Logo(%d); run go test ./kernel/assets -update", name, size)
			}
		})
	}
}
