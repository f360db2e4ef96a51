package chen

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/econb/econb/lib/synth"
)

// update rewrites notebooks/data/synth_truth.{json,csv} from ComputeTruth:
// go test ./lib/chen -run ShippedTruth -update
var update = flag.Bool("update", false, "rewrite notebooks/data/synth_truth.{json,csv} from ComputeTruth")

// The shipped truth files are what ComputeTruth writes for the default DGP
// and seed, byte for byte (slow: the implied values take a 10,440-city
// panel).
func TestReproducesShippedTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("the implied national coefficients take a 40x panel")
	}
	tr, err := ComputeTruth(synth.Default(), synth.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	var j, c bytes.Buffer
	if err := tr.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	if err := tr.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"synth_truth.json": j.Bytes(), "synth_truth.csv": c.Bytes()} {
		if *update {
			if err := os.WriteFile(dataDir+name, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(dataDir + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from ComputeTruth (regenerate with -update or `econb synth --truth`):\n%s", name, got)
		}
	}
}

// One type writes and reads the truth file: the shipped JSON read by
// LoadTruth and written by WriteJSON is the same file, byte for byte.
func TestTruthRoundTrip(t *testing.T) {
	want, err := os.ReadFile(dataDir + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := LoadTruth(dataDir + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tr.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("LoadTruth + WriteJSON does not give back synth_truth.json:\n%s", b.String())
	}
	if tr.DGP != synth.Default() {
		t.Errorf("the truth file's DGP is not synth.Default():\n%+v\n%+v", tr.DGP, synth.Default())
	}
}

func TestLoadTruth(t *testing.T) {
	tr, err := LoadTruth(dataDir + "synth_truth.json")
	if err != nil {
		t.Fatal(err)
	}
	// Expected: notebooks/data/synth_truth.csv (6 decimals, so tolerance
	// 5e-7), written from the same Truth by WriteCSV; the regional values
	// are the paper's printed Table 2 (lib/chen/paper).
	tests := []struct {
		region, group string
		want          float64
	}{
		{"national", "total", 0.048450}, {"national", "high", 0.059073}, {"national", "low", -0.000923},
		{"east", "high", 0.068}, {"east", "low", 0.027}, {"central", "high", 0.032},
		{"central", "low", -0.010}, {"west", "high", 0.044}, {"west", "low", -0.012},
	}
	for _, tc := range tests {
		got, ok := tr.SAGG(tc.region, tc.group)
		if !ok || math.Abs(got-tc.want) > 5e-7 {
			t.Errorf("SAGG(%s, %s) = %v, %v; want %v", tc.region, tc.group, got, ok, tc.want)
		}
	}
	if tr.Seed != 20240601 || tr.DGP.FirstYear != 2003 || tr.DGP.Years != 15 || tr.ImpliedScale != 40 || tr.ImpliedSeed != 7 {
		t.Errorf("seed %d, first year %d, years %d, implied %d× seed %d; want 20240601, 2003, 15, 40×, 7",
			tr.Seed, tr.DGP.FirstYear, tr.DGP.Years, tr.ImpliedScale, tr.ImpliedSeed)
	}
	if _, ok := tr.Of(Table3[0]); ok {
		t.Error("Table 3 (TC) has a truth; the DGP defines none")
	}
	if v, ok := tr.Of(Table1[1]); !ok || v != tr.Rows[1].Truth {
		t.Errorf("Of(Table 1 2SLS high) = %v, %v; want the national high truth %v", v, ok, tr.Rows[1].Truth)
	}
	if _, err := LoadTruth(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("a missing truth file loads")
	}
	for name, body := range map[string]string{
		"rows":    `{"seed": 1, "rows": []}`,
		"unknown": `{"seed": 1, "implied_sed": 7, "rows": [{"table": "1"}]}`,
		"json":    `{"seed": 1,`,
	} {
		p := filepath.Join(t.TempDir(), name+".json")
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := LoadTruth(p); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want ErrInput naming the file", name, err)
		}
	}
}
