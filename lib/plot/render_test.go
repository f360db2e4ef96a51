package plot_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/econb/econb/lib/internal/testutil"
	"github.com/econb/econb/lib/plot"
	"github.com/econb/econb/lib/report"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.svg")

// rRef holds the numbers of testdata/r-boxstats.txt (R 4.2.2, ggplot2 3.4.1).
type rRef struct {
	z95, z90 float64
	values   map[string][]float64
	box      map[string][]float64 // ymin lower middle upper ymax
	outliers map[string][]float64
}

func floats(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("r-boxstats.txt: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func readR(t *testing.T) rRef {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", "r-boxstats.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := rRef{values: map[string][]float64{}, box: map[string][]float64{}, outliers: map[string][]float64{}}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		key, rest, ok := strings.Cut(line, ":")
		if !ok {
			if k, v, ok := strings.Cut(line, "="); ok {
				switch strings.TrimSpace(k) {
				case "qnorm(0.975)":
					r.z95 = floats(t, v)[0]
				case "qnorm(0.95)":
					r.z90 = floats(t, v)[0]
				}
			}
			continue
		}
		name, what, _ := strings.Cut(key, " ")
		switch {
		case what == "values":
			r.values[name] = floats(t, rest)
		case strings.HasPrefix(what, "ggplot2 stat_boxplot"):
			r.box[name] = floats(t, rest)
		case what == "ggplot2 outliers":
			r.outliers[name] = floats(t, rest)
		}
	}
	if r.z95 == 0 || r.z90 == 0 || len(r.values) != 4 {
		t.Fatalf("r-boxstats.txt: parsed %+v", r)
	}
	return r
}

// BoxSummary gives ggplot2's box (quantile type 7, whiskers within 1.5
// IQR, outliers beyond) to 1e-14.
func TestBoxSummaryGgplot2(t *testing.T) {
	r := readR(t)
	for _, name := range []string{"a", "b", "c", "d"} {
		s, err := plot.BoxSummary(r.values[name])
		if err != nil {
			t.Fatal(err)
		}
		want := r.box[name]
		for i, got := range []float64{s.Lower, s.Q1, s.Median, s.Q3, s.Upper} {
			testutil.Check(t, fmt.Sprintf("%s %s", name, []string{"ymin", "lower", "middle", "upper", "ymax"}[i]), got, want[i], 1e-14)
		}
		if len(s.Outliers) != len(r.outliers[name]) {
			t.Fatalf("%s: outliers %v, ggplot2 %v", name, s.Outliers, r.outliers[name])
		}
		for i := range s.Outliers {
			testutil.Check(t, name+" outlier", s.Outliers[i], r.outliers[name][i], 1e-14)
		}
	}
	if _, err := plot.BoxSummary(nil); err == nil {
		t.Error("no error for no values")
	}
}

// Interval is b ± qnorm((1+level)/2)·se, R's qnorm to 1e-15.
func TestInterval(t *testing.T) {
	r := readR(t)
	lo, hi := plot.Interval(0.05, 0.0195, 0.95)
	testutil.Check(t, "95% lo", lo, 0.05-r.z95*0.0195, 1e-15)
	testutil.Check(t, "95% hi", hi, 0.05+r.z95*0.0195, 1e-15)
	lo, hi = plot.Interval(-1, 2, 0.90)
	testutil.Check(t, "90% lo", lo, -1-r.z90*2, 1e-15)
	testutil.Check(t, "90% hi", hi, -1+r.z90*2, 1e-15)
}

// svgPath is one <path> of a vgsvg document: its points (path
// coordinates: y grows upward) and style.
type svgPath struct {
	pts   [][2]float64
	style string
}

type svgText struct {
	x, y float64 // y in path coordinates
	text string
}

var pathRe = regexp.MustCompile(`<path d="([^"]*)" style="([^"]*)"`)
var numRe = regexp.MustCompile(`[-+]?[0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?`)

// parseSVG returns the paths made of M and L commands only, and the texts.
func parseSVG(t *testing.T, svg []byte) ([]svgPath, []svgText) {
	t.Helper()
	var paths []svgPath
	for _, m := range pathRe.FindAllSubmatch(svg, -1) {
		d := string(m[1])
		if strings.ContainsAny(d, "AZ") {
			if strings.Contains(d, "A") { // a circle glyph: keep its centre
				n := numRe.FindAllString(d, 4)
				x0, _ := strconv.ParseFloat(n[0], 64)
				y0, _ := strconv.ParseFloat(n[1], 64)
				r, _ := strconv.ParseFloat(n[2], 64)
				paths = append(paths, svgPath{pts: [][2]float64{{x0 - r, y0}}, style: "circle;" + string(m[2])})
				continue
			}
		}
		var p svgPath
		p.style = string(m[2])
		for _, seg := range strings.FieldsFunc(strings.TrimSuffix(d, "Z"), func(r rune) bool { return r == 'M' || r == 'L' }) {
			xy := strings.Split(seg, ",")
			x, _ := strconv.ParseFloat(xy[0], 64)
			y, _ := strconv.ParseFloat(xy[1], 64)
			p.pts = append(p.pts, [2]float64{x, y})
		}
		paths = append(paths, p)
	}
	var texts []svgText
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var cur *svgText
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "text" {
				cur = &svgText{}
				for _, a := range x.Attr {
					v, _ := strconv.ParseFloat(a.Value, 64)
					switch a.Name.Local {
					case "x":
						cur.x = v
					case "y":
						cur.y = -v // the text is drawn under scale(1, -1)
					}
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(x)
			}
		case xml.EndElement:
			if cur != nil && x.Name.Local == "text" {
				texts = append(texts, *cur)
				cur = nil
			}
		}
	}
	return paths, texts
}

// rendered renders the figure a builder returned (with err) as SVG and
// parses it.
func rendered(t *testing.T, f *plot.Figure, err error) ([]svgPath, []svgText) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	return parseSVG(t, svg)
}

// axisMap recovers an axis's data → point map from its tick marks (3 pt
// segments in the axis colour, across the axis) and their numeric labels.
func axisMap(t *testing.T, paths []svgPath, texts []svgText, vertical bool) (a, s float64) {
	t.Helper()
	var at []float64
	for _, p := range paths {
		if p.style != "fill:none;stroke:#4D4D4D;stroke-width:0.5" || len(p.pts) != 2 {
			continue
		}
		dx, dy := p.pts[1][0]-p.pts[0][0], p.pts[1][1]-p.pts[0][1]
		if !vertical && dx == 0 && math.Abs(math.Abs(dy)-3) < 1e-9 {
			at = append(at, p.pts[0][0])
		}
		if vertical && dy == 0 && math.Abs(math.Abs(dx)-3) < 1e-9 {
			at = append(at, p.pts[0][1])
		}
	}
	type lab struct{ pos, v float64 }
	var labs []lab
	for _, tx := range texts {
		v, err := strconv.ParseFloat(strings.Replace(tx.text, "\u2212", "-", 1), 64)
		if err != nil || strings.Contains(tx.text, " ") {
			continue
		}
		pos := tx.x
		if vertical {
			pos = tx.y
		}
		labs = append(labs, lab{pos, v})
	}
	// Keep the labels of this axis: as many as there are ticks, nearest in order.
	sort.Float64s(at)
	sort.Slice(labs, func(i, j int) bool { return labs[i].pos < labs[j].pos })
	if len(at) < 2 || len(labs) < len(at) {
		t.Fatalf("axis: %d ticks, %d numeric labels", len(at), len(labs))
	}
	var vals []float64
	for _, l := range labs {
		vals = append(vals, l.v)
	}
	if !vertical {
		vals = vals[:len(at)]
	} else {
		vals = vals[len(vals)-len(at):]
	}
	s = (at[len(at)-1] - at[0]) / (vals[len(vals)-1] - vals[0])
	a = at[0] - s*vals[0]
	for i := range at {
		if d := math.Abs(a + s*vals[i] - at[i]); d > 0.01 {
			t.Fatalf("tick %g at %g, the linear map puts it at %g", vals[i], at[i], a+s*vals[i])
		}
	}
	return a, s
}

// The coefficient plot puts the zero line at x = 0, each interval's ends at
// b ± qnorm(0.975)·SE (inner: qnorm(0.95)), the dot at b, the paper and
// truth marks at their values, rows top to bottom in model order with their
// labels beside them. Positions are read back from the SVG and mapped to
// data units through the x axis' own ticks; 0.02 pt is the rounding of
// vgsvg's five significant digits (a z of 2 instead of 1.96 would move an
// end by more than 1 pt here).
func TestCoefficientGeometry(t *testing.T) {
	r := readR(t)
	ms := []fake{
		{"2SLS", fakeCoefs{{"sagg", 0.0266, 0.0258}}.coefs()},
		{"IV-GMM", fakeCoefs{{"sagg", 0.0546, 0.0178}}.coefs()},
		{"FE-OLS", fakeCoefs{{"sagg", -0.0105, 0.0137}}.coefs()},
	}
	paper, truth := []float64{0.050, 0.058, math.NaN()}, []float64{0.0484, 0.0591, -0.0009}
	f, err := plot.Coefficients(ms, plot.CoefOptions{Inner: 0.90,
		Marks: []plot.Mark{{Name: "Paper", Values: paper}, {Name: "DGP truth", Values: truth}}})
	paths, texts := rendered(t, f, err)
	a, s := axisMap(t, paths, texts, false)
	px := func(v float64) float64 { return a + s*v }
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 0.02 {
			t.Errorf("%s at x = %.3f pt, want %.3f", what, got, want)
		}
	}
	var zero, outer, inner, dots, tri, dia []svgPath
	for _, p := range paths {
		switch {
		case strings.Contains(p.style, "stroke-dasharray:4,2.5") && strings.Contains(p.style, "#666666"):
			zero = append(zero, p)
		case p.style == "fill:none;stroke:#0072B2;stroke-width:1.1":
			outer = append(outer, p)
		case p.style == "fill:none;stroke:#0072B2;stroke-width:2.4":
			inner = append(inner, p)
		case p.style == "circle;fill:#0072B2":
			dots = append(dots, p)
		case p.style == "fill:none;stroke:#D55E00;stroke-width:1.1":
			tri = append(tri, p)
		case p.style == "fill:none;stroke:#000000":
			dia = append(dia, p)
		}
	}
	// Legend thumbnails use the same styles below the axis; keep the data rows.
	axisY := math.Inf(1)
	for _, p := range zero {
		axisY = math.Min(axisY, math.Min(p.pts[0][1], p.pts[1][1]))
	}
	rows := func(ps []svgPath) []svgPath {
		var out []svgPath
		for _, p := range ps {
			if p.pts[0][1] > axisY {
				out = append(out, p)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].pts[0][1] > out[j].pts[0][1] }) // top first
		return out
	}
	if len(zero) != 1 {
		t.Fatalf("%d zero lines", len(zero))
	}
	near("zero line", zero[0].pts[0][0], px(0))
	outer, inner, dots, tri, dia = rows(outer), rows(inner), rows(dots), rows(tri), rows(dia)
	if len(outer) != 3 || len(inner) != 3 || len(dots) != 3 || len(tri) != 2 || len(dia) != 3 {
		t.Fatalf("rows: %d outer, %d inner bars, %d dots, %d paper, %d truth marks", len(outer), len(inner), len(dots), len(tri), len(dia))
	}
	for i, m := range ms {
		b, se := m.coefs[0].B, m.coefs[0].SE
		near(m.title+" 95% lower end", outer[i].pts[0][0], px(b-r.z95*se))
		near(m.title+" 95% upper end", outer[i].pts[1][0], px(b+r.z95*se))
		near(m.title+" 90% lower end", inner[i].pts[0][0], px(b-r.z90*se))
		near(m.title+" 90% upper end", inner[i].pts[1][0], px(b+r.z90*se))
		near(m.title+" estimate", dots[i].pts[0][0], px(b))
		near(m.title+" truth", dia[i].pts[0][0], px(truth[i]))
		if i < 2 {
			near(m.title+" paper", tri[i].pts[0][0], px(paper[i]))
		}
		// The row's label is level with it.
		found := false
		for _, tx := range texts {
			if tx.text == m.title && math.Abs(tx.y-outer[i].pts[0][1]) < 5 && tx.x < px(-0.03) {
				found = true
			}
		}
		if !found {
			t.Errorf("no label %q left of row %d", m.title, i+1)
		}
	}
}

type fakeCoef struct {
	name  string
	b, se float64
}

type fakeCoefs []fakeCoef

func (fc fakeCoefs) coefs() []report.Coef {
	var out []report.Coef
	for _, c := range fc {
		out = append(out, report.Coef{Name: c.name, B: c.b, SE: c.se})
	}
	return out
}

// The mean line of a group ends at the mean of its units, and its direct
// label sits level with that end, right of the data.
func TestPathsGeometry(t *testing.T) {
	f, err := plot.Paths(paths(), plot.PathOptions{})
	ps, texts := rendered(t, f, err)
	b, s := axisMap(t, ps, texts, true)
	for gi, g := range []struct {
		name string
		mean float64 // last x: East (1.12 + 1.04)/2, West 1.01
	}{{"East", 1.08}, {"West", 1.01}} {
		col := []string{"#0072B2", "#D55E00"}[gi]
		var line *svgPath
		for i, p := range ps {
			if p.style == "fill:none;stroke:"+col+";stroke-width:2" {
				line = &ps[i]
			}
		}
		if line == nil {
			t.Fatalf("%s: no mean line", g.name)
		}
		end := line.pts[len(line.pts)-1]
		if got := (end[1] - b) / s; math.Abs(got-g.mean) > 1e-3 {
			t.Errorf("%s mean line ends at %.4f, want %.4f", g.name, got, g.mean)
		}
		ok := false
		for _, tx := range texts {
			if tx.text == g.name && tx.x > end[0] && math.Abs(tx.y+3-end[1]) < 6 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no direct label %q by the end of its line (%.1f, %.1f)", g.name, end[0], end[1])
		}
	}
}

// The box of R's sample "a" spans ggplot2's lower..upper with the median
// line at middle, and the outlier 2.5 is drawn.
func TestBoxesGeometry(t *testing.T) {
	r := readR(t)
	f, err := plot.Boxes([]plot.Sample{{Group: "a", At: "x", Values: r.values["a"]}}, plot.BoxOptions{})
	ps, texts := rendered(t, f, err)
	b, s := axisMap(t, ps, texts, true)
	val := func(y float64) float64 { return (y - b) / s }
	want := r.box["a"]
	var box, med, out *svgPath
	for i, p := range ps {
		switch { // the first of each: the legend's swatch comes after the box
		case p.style == "fill:none;stroke:#0072B2;stroke-width:0.8" && len(p.pts) == 5 && box == nil:
			box = &ps[i]
		case p.style == "fill:none;stroke:#0072B2;stroke-width:1.8" && med == nil:
			med = &ps[i]
		case p.style == "circle;fill:#0072B2" && out == nil:
			out = &ps[i]
		}
	}
	if box == nil || med == nil || out == nil {
		t.Fatalf("box %v, median %v, outlier %v", box, med, out)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"box bottom (lower)", val(box.pts[0][1]), want[1]},
		{"box top (upper)", val(box.pts[1][1]), want[3]},
		{"median", val(med.pts[0][1]), want[2]},
		{"outlier", val(out.pts[0][1]), r.outliers["a"][0]},
	} {
		if math.Abs(c.got-c.want) > 2e-3 {
			t.Errorf("%s at %.4f, ggplot2 %.4f", c.what, c.got, c.want)
		}
	}
}

// figures builds one figure of each type from fixed inputs.
func figures(t *testing.T) map[string]func() (*plot.Figure, error) {
	t.Helper()
	many := make([]plot.Series, 0, 20)
	for g := 0; g < 10; g++ {
		many = append(many, plot.Series{Group: fmt.Sprintf("group %d", g), Unit: "u", X: []float64{0, 1, 2}, Y: []float64{0, float64(g) / 10, float64(g) / 5}})
	}
	return map[string]func() (*plot.Figure, error){
		"coef": func() (*plot.Figure, error) {
			return plot.Coefficients(models(), plot.CoefOptions{Title: "Coefficients by model", Labels: labels})
		},
		"coef-marks": func() (*plot.Figure, error) {
			return plot.Coefficients(models(), plot.CoefOptions{Title: "SAGG: ours, the paper, the truth", Labels: labels, Keep: []string{"SAGG"},
				Names: []string{"Total sample", "High-end"}, Groups: []string{"2SLS", "IV-GMM"}, Inner: 0.9,
				Marks: []plot.Mark{{Name: "Paper", Values: []float64{0.05, 0.058}}, {Name: "DGP truth", Values: []float64{0.048, 0.059}}}})
		},
		"coef-rows": func() (*plot.Figure, error) {
			return plot.CoefRows([]plot.CoefRow{{Group: "East", Label: "High-end", B: 0.068, SE: 0.02}, {Group: "East", Label: "Low-end", B: 0.027, Lo: -0.01, Hi: 0.05},
				{Group: "West", Label: "High-end", B: 0.044, SE: 0.047}}, plot.CoefOptions{})
		},
		"paths": func() (*plot.Figure, error) {
			return plot.Paths(paths(), plot.PathOptions{Title: "TFP level by region", XLabel: "year", YLabel: "TFP (2003 = 1)"})
		},
		"paths-legend": func() (*plot.Figure, error) {
			return plot.Paths(many, plot.PathOptions{Title: "Ten groups: a legend", NoUnits: true})
		},
		"boxes": func() (*plot.Figure, error) {
			return plot.Boxes(samples(), plot.BoxOptions{Title: "LQ by region", XLabel: "year", YLabel: "LQ"})
		},
		"new": func() (*plot.Figure, error) {
			f := plot.New("A gonum plot in the theme", "x", "y")
			f.Plot.Legend.Add("entry")
			f.Plot.X.Min, f.Plot.X.Max, f.Plot.Y.Min, f.Plot.Y.Max = -1, 1, 0, 2
			return f, nil
		},
	}
}

// Each figure type matches its golden SVG (regenerate with -update).
func TestGolden(t *testing.T) {
	for name, build := range figures(t) {
		f, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		svg, err := f.SVG()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "golden", name+".svg")
		if *update {
			if err := os.WriteFile(path, svg, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if !bytes.Equal(svg, want) {
			t.Errorf("%s: SVG differs from %s (%d vs %d bytes); if the change is intended, rerun with -update and review", name, path, len(svg), len(want))
		}
	}
}

// Rendering is deterministic: building and rendering a figure again gives
// the same SVG, PNG and PDF bytes (Labels is a map and Paths keeps maps:
// their iteration order must not leak into the output).
func TestDeterministic(t *testing.T) {
	for name, build := range figures(t) {
		var first [3][]byte
		for round := 0; round < 3; round++ {
			f, err := build()
			if err != nil {
				t.Fatal(err)
			}
			renders := []func() ([]byte, error){f.SVG, f.PNG, f.PDF}
			if round == 2 {
				renders = renders[:1] // a third build, SVG only: the slow formats are checked twice
			}
			for k, r := range renders {
				b, err := r()
				if err != nil {
					t.Fatal(err)
				}
				if round == 0 {
					first[k] = b
				} else if !bytes.Equal(b, first[k]) {
					t.Errorf("%s: %s output differs between renders", name, []string{"SVG", "PNG", "PDF"}[k])
				}
			}
		}
	}
}

// PNG is twice the CSS pixel density: 7 × 4.5 in at 192 dpi is 1344 × 864
// pixels, with a pHYs chunk of 192 / 0.0254 = 7559 pixels per metre (PNG
// specification, ISO/IEC 15948:2004 §11.3.5.3).
func TestPNGResolution(t *testing.T) {
	f, err := plot.Paths(paths(), plot.PathOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.PNG()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1344 || cfg.Height != 864 {
		t.Errorf("PNG is %d × %d, want 1344 × 864", cfg.Width, cfg.Height)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil { // checks every CRC, ours included
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("pHYs"))
	if i < 0 {
		t.Fatal("no pHYs chunk")
	}
	if x, y, unit := binary.BigEndian.Uint32(b[i+4:]), binary.BigEndian.Uint32(b[i+8:]), b[i+12]; x != 7559 || y != 7559 || unit != 1 {
		t.Errorf("pHYs = %d × %d per unit %d, want 7559 per metre", x, y, unit)
	}
	if w, h := f.DisplaySize(); w != 672 || h != 432 {
		t.Errorf("display size %d × %d CSS pixels, want 672 × 432", w, h)
	}
	f.DPI = 96
	if b, err = f.PNG(); err != nil {
		t.Fatal(err)
	}
	if cfg, _ := png.DecodeConfig(bytes.NewReader(b)); cfg.Width != 672 {
		t.Errorf("at 96 dpi the PNG is %d pixels wide, want 672", cfg.Width)
	}
}

// A paths figure of the replication's size (261 units × 15 years) stays
// under 100 KB of SVG, with its text as text and the sans-serif fall-backs.
func TestSVGSize(t *testing.T) {
	var series []plot.Series
	for u := 0; u < 261; u++ {
		s := plot.Series{Group: []string{"east", "central", "west"}[u%3], Unit: strconv.Itoa(u)}
		for y := 0; y < 15; y++ {
			s.X = append(s.X, float64(2003+y))
			s.Y = append(s.Y, 1+0.02*float64(y)+0.1*math.Sin(float64(u*y)))
		}
		series = append(series, s)
	}
	f, err := plot.Paths(series, plot.PathOptions{Title: "TFP", XLabel: "year", YLabel: "TFP level"})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if len(svg) > 100_000 {
		t.Errorf("SVG is %d bytes", len(svg))
	}
	if !bytes.Contains(svg, []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")) || !bytes.Contains(svg, []byte(">TFP level</text>")) {
		t.Error("SVG text is not Liberation Sans text with fall-backs")
	}
}
