package malmquist

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// TextProgress returns a BootOptions.Progress function that draws a
// progress bar on w, redrawn in place with a carriage return:
//
//	bootstrap [=========>          ] 47%  6580/14000 replications  12s left
//
// It redraws at most ten times a second and ends the line when done. A
// terminal shows it as a bar; a notebook cell's output (which also honours
// "\r") as one updating line.
func TextProgress(w io.Writer, label string) func(done, total int) {
	var mu sync.Mutex
	start := time.Now()
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		if done < total && now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		const width = 20
		frac := float64(done) / float64(max(total, 1))
		fill := int(frac * width)
		bar := strings.Repeat("=", fill)
		if fill < width {
			bar += ">" + strings.Repeat(" ", width-fill-1)
		}
		left := ""
		if done > 0 && done < total {
			eta := time.Duration(float64(now.Sub(start)) * float64(total-done) / float64(done))
			left = fmt.Sprintf("  %v left", eta.Round(time.Second))
		}
		fmt.Fprintf(w, "\r%s [%s] %3.0f%%  %d/%d replications%s   ", label, bar, 100*frac, done, total, left)
		if done >= total {
			fmt.Fprintf(w, "\r%s [%s] 100%%  %d/%d replications in %v\n", label, strings.Repeat("=", width), done, total, now.Sub(start).Round(time.Millisecond))
		}
	}
}
