package chen

import (
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/dea"
	"github.com/econb/econb/lib/malmquist"
)

// ErrInput is returned for a panel, truth file or specification the
// pipeline cannot use; the error names the file, row, city or column.
var ErrInput = errors.New("chen: bad input")

// Options of Load and Build.
type Options struct {
	// Panel sets the capital stock and the national totals of the
	// location quotients (zero value: Zhang's initial stock, δ = 9.6 %,
	// national = the panel's cities).
	Panel citypanel.Options
	// Orientation of the DEA distances (zero value dea.Input). The CRS
	// indices the paper uses (TFP, TC, EC) do not depend on it.
	Orientation dea.Orientation
	// Workers is the number of goroutines of the Malmquist analysis (0:
	// GOMAXPROCS; results do not depend on it). A study that runs many
	// panels at once gives each 1.
	Workers int
}

// Data is a city panel run through the pipeline: the validated panel, its
// regression variables, the Malmquist analysis and the cumulative levels.
// Slices are in Panel.Records order (city-major).
type Data struct {
	Panel     *citypanel.Panel
	Vars      *citypanel.Vars
	Malmquist *malmquist.Result

	TFP, TC, EC []float64 // cumulative Malmquist levels, first year = 1 (nil after BuildVars)
	TrueTFP     []float64 // the DGP's TFP after AddTrueTFP, else nil
}

// Load reads the panel CSV at path and runs Build.
func Load(path string, opt Options) (*Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("chen: opening the city panel: %w", err)
	}
	defer f.Close()
	p, err := citypanel.Read(f)
	if err != nil {
		return nil, fmt.Errorf("chen: reading %s: %w", path, err)
	}
	return Build(p, opt)
}

// Build computes the regression variables of p (citypanel.Build) and the
// cumulative DEA Malmquist levels of TFP, TC and EC from (K, L; real GDP).
func Build(p *citypanel.Panel, opt Options) (*Data, error) {
	d, err := BuildVars(p, opt)
	if err != nil {
		return nil, err
	}
	if err := d.AddLevels(opt); err != nil {
		return nil, err
	}
	return d, nil
}

// BuildVars is Build without the Malmquist analysis: the regression
// variables only, so the frame has no tfp, tc and ec columns (Malmquist,
// TFP, TC and EC stay nil). With SetTrueTFP it serves regressions on a
// synthetic panel's true TFP, where the DEA problems would be wasted work.
func BuildVars(p *citypanel.Panel, opt Options) (*Data, error) {
	v, err := citypanel.Build(p, opt.Panel)
	if err != nil {
		return nil, fmt.Errorf("chen: building the regression variables: %w", err)
	}
	return &Data{Panel: p, Vars: v}, nil
}

// SetTrueTFP sets d.TrueTFP (the frame's column tfp_true) to a synthetic
// panel's true TFP in Records order, as synth.Panel.TFP holds it.
func (d *Data) SetTrueTFP(tfp []float64) error {
	if len(tfp) != d.Len() {
		return fmt.Errorf("%w: %d true TFP values for %d city-years", ErrInput, len(tfp), d.Len())
	}
	d.TrueTFP = tfp
	return nil
}

// AddLevels runs the Malmquist analysis on (K, L; Y) and stores the
// cumulative levels TFP, TC and EC in Records order: what Build adds to
// BuildVars (opt.Orientation and opt.Workers apply).
func (d *Data) AddLevels(opt Options) error {
	p, v := d.Panel, d.Vars
	in := malmquist.Data{InputNames: []string{"K", "L"}, OutputNames: []string{"Y"}}
	for k := range v.City {
		in.DMU = append(in.DMU, p.Cities[v.City[k]].Name)
		in.Period = append(in.Period, v.Year[k])
		in.Inputs = append(in.Inputs, []float64{v.K[k], v.L[k]})
		in.Outputs = append(in.Outputs, []float64{v.RealGDP[k]})
	}
	res, err := malmquist.Compute(in, malmquist.Options{Orientation: opt.Orientation, Workers: opt.Workers})
	if err != nil {
		return fmt.Errorf("chen: Malmquist TFP of (K, L; real GDP): %w", err)
	}
	pos := make(map[string]int, len(p.Cities))
	for i, c := range p.Cities {
		pos[c.Name] = i
	}
	n := len(p.Records)
	d.TFP, d.TC, d.EC = nanSlice(n), nanSlice(n), nanSlice(n)
	T := len(p.Years)
	for _, l := range res.Levels {
		i, ok := pos[l.DMU]
		t := l.Period - p.Years[0]
		if !ok || t < 0 || t >= T {
			return fmt.Errorf("%w: Malmquist level of %q in %d is not in the panel", ErrInput, l.DMU, l.Period)
		}
		k := i*T + t
		d.TFP[k], d.TC[k], d.EC[k] = l.TFP, l.TC, l.EC
	}
	for k, x := range d.TFP {
		if math.IsNaN(x) || math.IsNaN(d.TC[k]) || math.IsNaN(d.EC[k]) {
			r := &p.Records[k]
			return fmt.Errorf("%w: no Malmquist level for %s in %d (an infeasible DEA problem?)", ErrInput, r.City, r.Year)
		}
	}
	d.Malmquist = res
	return nil
}

func nanSlice(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.NaN()
	}
	return x
}

// Len is the number of city-years.
func (d *Data) Len() int { return len(d.Panel.Records) }
