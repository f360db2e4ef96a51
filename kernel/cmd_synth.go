package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/econb/econb/kernel/internal/fileout"
	"github.com/econb/econb/lib/chen"
	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/synth"
)

func init() {
	register(&command{
		name:    "synth",
		summary: "write the synthetic 261-city panel (China City Statistical Yearbook layout)",
		run:     runSynth,
	})
}

// runSynth implements `econb synth [--seed N] [--out FILE] [--tfp FILE]
// [--truth FILE] [--replace]`. Every output path is checked before the
// panel is generated, and the files are moved into place only when all
// of them have been written (kernel/internal/fileout).
func runSynth(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("synth", "[--seed N] [--out FILE] [--tfp FILE] [--truth FILE] [--replace]", stderr)
	seed := fs.Uint64("seed", synth.DefaultSeed, "random seed, an integer 0 to 18446744073709551615 (the shipped notebooks/data panel uses the default)")
	out := fs.String("out", "", "panel CSV file (default: standard output)")
	tfp := fs.String("tfp", "", "also write the true TFP path (city, year, tfp, eps) to this CSV file")
	truth := fs.String("truth", "", "also write the DGP truth next to the paper's estimates (.json, or .csv for the rows only)")
	replace := fileout.ReplaceFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	outs := fileout.New(replace())
	defer outs.Abort()
	for _, o := range [][2]string{{"--out", *out}, {"--tfp", *tfp}, {"--truth", *truth}} {
		if err := outs.Add(o[0], o[1]); err != nil {
			return err
		}
	}
	d := synth.Default()
	p, err := synth.Generate(d, *seed)
	if err != nil {
		return err
	}
	writePanel := func(w io.Writer) error { return citypanel.Write(w, p.Records) }
	if *out == "" {
		bw := bufio.NewWriter(stdout)
		if err := writePanel(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	} else if err := outs.Write("--out", writePanel); err != nil {
		return err
	}
	if *tfp != "" {
		if err := outs.Write("--tfp", func(w io.Writer) error { return synth.WriteTFP(w, p) }); err != nil {
			return err
		}
	}
	if *truth != "" {
		tr, err := chen.ComputeTruth(d, *seed)
		if err != nil {
			return err
		}
		err = outs.Write("--truth", func(w io.Writer) error {
			if strings.HasSuffix(strings.ToLower(*truth), ".csv") {
				return tr.WriteCSV(w)
			}
			return tr.WriteJSON(w)
		})
		if err != nil {
			return err
		}
	}
	if err := outs.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "econb synth: %d cities x %d years, seed %d\n", d.N(), d.Years, *seed)
	return nil
}
