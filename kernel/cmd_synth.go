package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

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

// runSynth implements `econb synth [--seed N] [--out FILE] [--tfp FILE] [--truth FILE]`.
func runSynth(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("synth", "[--seed N] [--out FILE] [--tfp FILE] [--truth FILE]", stderr)
	seed := fs.Uint64("seed", synth.DefaultSeed, "random seed (the shipped notebooks/data panel uses the default)")
	out := fs.String("out", "", "panel CSV file (default: standard output)")
	tfp := fs.String("tfp", "", "also write the true TFP path (city, year, tfp, eps) to this CSV file")
	truth := fs.String("truth", "", "also write the DGP truth next to the paper's estimates (.json, or .csv for the rows only)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	d := synth.Default()
	p, err := synth.Generate(d, *seed)
	if err != nil {
		return err
	}
	if err := synthWriteTo(*out, stdout, func(w io.Writer) error { return citypanel.Write(w, p.Records) }); err != nil {
		return err
	}
	if *tfp != "" {
		if err := synthWriteTo(*tfp, nil, func(w io.Writer) error { return synth.WriteTFP(w, p) }); err != nil {
			return err
		}
	}
	if *truth != "" {
		tr, err := chen.ComputeTruth(d, *seed)
		if err != nil {
			return err
		}
		err = synthWriteTo(*truth, nil, func(w io.Writer) error {
			if strings.HasSuffix(*truth, ".csv") {
				return tr.WriteCSV(w)
			}
			return tr.WriteJSON(w)
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "econb synth: %d cities x %d years, seed %d\n", d.N(), d.Years, *seed)
	return nil
}

// synthWriteTo runs write on the named file, or on def when name is "".
func synthWriteTo(name string, def io.Writer, write func(io.Writer) error) error {
	if name == "" {
		bw := bufio.NewWriter(def)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return f.Close()
}
