package ivgmm

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/econb/econb/lib/panel"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// sample is the estimation sample after row selection, singleton
// removal and demeaning, with its Gram matrix.
type sample struct {
	n     int         // N: the rows used, or Σw with fweight (floor(Σw) with iweight, e(N))
	nw    float64     // N in the formulas: float64(n), but Σw itself with iweight (ivreg2)
	m     int         // rows of every column
	cols  [][]float64 // candidate columns: x2 (the constant first, then exog), z1, x1, y
	names []string
	role  []role
	y     int // index of y in cols
	g     *mat.SymDense
	useQR bool

	x2, z1, x1 []int // kept columns by role, in model order (x2: exog in order, _cons last)

	omitted      []string // regressors dropped for collinearity
	droppedInstr []string // excluded instruments dropped for collinearity

	cov      covariance // Options.VCE on this sample
	groups   []int      // size of each absorbed FE
	dofminus int        // N_g of the first FE (xtivreg2 fe)
	kExtra   int        // parameters of further FEs (counted in K and L as dummies) plus sdofminus
	hasConst bool       // a "_cons" column is estimated
	missing  int
	singles  int
	zeroW    int        // rows dropped for a zero weight
	wt       *weighting // nil without weights
	arGrid   []float64  // Options.ARGrid
	arLevel  float64
	ssBefore []float64   // sum of squares of each column before demeaning (FE only)
	tiny     bool        // a column's sum of squares underflowed to 0 before demeaning
	absorbed []string    // columns the fixed effects absorb (constant within them)
	feNames  []string    // Data.FENames
	yy       float64     // y'y of the transformed response (fitStats)
	scratch  []float64   // reused by meat
	free     [][]float64 // n-vectors free for reuse (buf, release)
}

type role int

const (
	roleX2 role = iota
	roleZ1
	roleX1
	roleY
)

// newSample selects rows, removes singletons, binds the covariance to
// the rows kept, demeans and builds the Gram matrix and the
// collinearity-free column sets.
func newSample(d *Data, opt *Options) (*sample, error) {
	n, err := validate(d, opt)
	if err != nil {
		return nil, err
	}
	keep, missing, err := selectRows(d, opt, n)
	if err != nil {
		return nil, err
	}
	wMissing, zeroW, err := checkWeights(opt.Weights, n, keep)
	if err != nil {
		return nil, err
	}
	ds := &sample{missing: missing + wMissing, zeroW: zeroW, arGrid: opt.ARGrid, arLevel: opt.ARLevel}
	if len(d.FE) > 0 {
		ds.singles = panel.Singletons(d.FE, keep)
	}
	m := 0
	for _, k := range keep {
		if k {
			m++
		}
	}
	if m == 0 {
		return nil, fmt.Errorf("%w: no rows left after dropping %d with missing values, %d with zero weight and %d singletons", ErrNoObservations, ds.missing, zeroW, ds.singles)
	}
	ds.n, ds.m = m, m
	rows := keptRows(keep, m)
	ds.nw = float64(m)
	if opt.Weights.Kind != NoWeights {
		if ds.wt, ds.n, err = newWeighting(opt.Weights, rows); err != nil {
			return nil, err
		}
		ds.nw = float64(ds.n)
		if ds.wt.kind == IWeights {
			ds.nw = ds.wt.sum
		}
	}
	// The columns, in model order; each is compacted to the kept rows and,
	// without weights, demeaned within the fixed effects in the same pass,
	// one column per goroutine (each column's arithmetic is that of the
	// serial loop, so the results do not depend on the number of cores).
	var src [][]float64
	add := func(name string, c []float64, r role) {
		src = append(src, c)
		ds.names = append(ds.names, name)
		ds.role = append(ds.role, r)
	}
	ds.hasConst = d.Const && len(d.FE) == 0
	if ds.hasConst {
		add("_cons", nil, roleX2)
	}
	endogAsExog := opt.Estimator == OLS
	if endogAsExog {
		for j, c := range d.Endog {
			add(d.EndogNames[j], c, roleX2)
		}
	}
	for j, c := range d.Exog {
		add(d.ExogNames[j], c, roleX2)
	}
	if !endogAsExog {
		for j, c := range d.Instr {
			add(d.InstrNames[j], c, roleZ1)
		}
		for j, c := range d.Endog {
			add(d.EndogNames[j], c, roleX1)
		}
	}
	dep := d.DepName
	if dep == "" {
		dep = "y"
	}
	add(dep, d.Y, roleY)
	ds.y = len(src) - 1
	ds.feNames = d.FENames
	var dm *panel.Demeaner
	if len(d.FE) > 0 && ds.wt == nil {
		if dm, err = ds.newDemeaner(d, rows); err != nil {
			return nil, err
		}
	}
	absorbErr := ds.compact(src, rows, dm)

	if ds.cov, err = opt.VCE.bind(binding{ds: ds, rows: rows, n: n, panel: opt.Panel}); err != nil {
		return nil, err
	}
	if absorbErr != nil {
		return nil, absorbErr
	}
	if len(d.FE) > 0 && ds.wt != nil {
		if err := ds.absorbWeighted(d, rows); err != nil {
			return nil, err
		}
	}
	if ds.wt != nil {
		ds.weigh()
	}
	rowPool.put(rows)
	ds.dofminus += opt.DofMinus
	ds.kExtra += opt.SDofMinus
	ds.g = gram(ds.cols)
	// A column constant within the fixed effects is demeaned to rounding
	// noise: it is collinear with them, so make it exactly zero.
	for j := range ds.ssBefore {
		if ds.role[j] != roleY && ds.g.At(j, j) <= 1e-24*ds.ssBefore[j] {
			if ds.ssBefore[j] > 0 {
				ds.absorbed = append(ds.absorbed, ds.names[j])
			}
			clear(ds.cols[j])
			for k := range ds.cols {
				ds.g.SetSym(j, k, 0)
			}
		}
	}
	if opt.rescaled == nil && ds.scaleTrouble() {
		return ds, errRescale
	}
	if err := ds.findCollinear(); err != nil {
		return nil, err
	}
	return ds, nil
}

// weigh multiplies every column but the constant (already √w) by √w:
// the fit is then ordinary least squares and GMM on the transformed
// rows, the scores s_i = √w_i u_i · √w_i z_i = w_i u_i z_i of ivreg2's
// m_omega (with aweight and pweight normalized to sum to N).
func (ds *sample) weigh() {
	sw := ds.wt.sw
	for j, c := range ds.cols {
		if ds.hasConst && j == 0 {
			continue
		}
		for i := range c {
			c[i] *= sw[i]
		}
	}
}

// newDemeaner prepares the within transformation of the kept rows and
// sets the groups and the degrees of freedom the fixed effects take.
func (ds *sample) newDemeaner(d *Data, rows []int32) (*panel.Demeaner, error) {
	dm, err := panel.NewDemeanerRows(d.FE, rows)
	if err != nil {
		return nil, fmt.Errorf("ivgmm: %w", err)
	}
	ds.groups = dm.Groups()
	ds.dofminus = ds.groups[0]
	for _, g := range ds.groups[1:] {
		ds.kExtra += g - 1
	}
	return dm, nil
}

// compact sets ds.cols to the kept rows of src (a nil source is the
// constant: 1, or √w with weights) and, with a Demeaner, records each
// column's sum of squares and demeans it within the fixed effects,
// columns spread over the cores. It returns the error of the first
// column (in model order) that could not be demeaned.
func (ds *sample) compact(src [][]float64, rows []int32, dm *panel.Demeaner) error {
	m := ds.m
	ds.cols = make([][]float64, len(src))
	errs := make([]error, len(src))
	tiny := make([]bool, len(src))
	if dm != nil {
		ds.ssBefore = make([]float64, len(src))
	}
	work := func(dm *panel.Demeaner, j int) {
		c := getVec(m)
		switch {
		case src[j] != nil:
			compactInto(c, src[j], rows)
		case ds.wt != nil:
			copy(c, ds.wt.sw)
		default:
			for i := range c {
				c[i] = 1
			}
		}
		ds.cols[j] = c
		if dm == nil {
			return
		}
		ss := dot(c, c)
		ds.ssBefore[j] = ss
		tiny[j] = ss == 0 && !allZero(c)
		if err := dm.Demean(c); err != nil {
			errs[j] = fmt.Errorf("ivgmm: absorbing %s for %q: %w", strings.Join(ds.feNames, ", "), ds.names[j], err)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(src))
	if m < 4096 || workers < 2 {
		for j := range src {
			work(dm, j)
		}
	} else {
		var next atomic.Int32
		var wg sync.WaitGroup
		for w := range workers {
			wdm := dm
			if dm != nil && w > 0 {
				wdm = dm.Worker()
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := int(next.Add(1)) - 1; j < len(src); j = int(next.Add(1)) - 1 {
					work(wdm, j)
				}
			}()
		}
		wg.Wait()
	}
	if dm != nil {
		dm.Release()
	}
	for j := range src {
		ds.tiny = ds.tiny || tiny[j]
		if errs[j] != nil {
			return errs[j]
		}
	}
	return nil
}

// findCollinear decides which regressors and instruments are collinear,
// in Stata's order (a later variable is dropped in favour of an earlier
// one; the constant is never dropped for a regressor), and whether the
// Gram matrix is too ill-conditioned, in which case factors come from
// Householder QR of the data.
func (ds *sample) findCollinear() error {
	var x2, z1, x1 []int
	for j, r := range ds.role {
		switch r {
		case roleX2:
			x2 = append(x2, j)
		case roleZ1:
			z1 = append(z1, j)
		case roleX1:
			x1 = append(x1, j)
		}
	}
	zOrder := append(append([]int(nil), x2...), z1...)
	// Gram pass: no drop, just the conditioning.
	_, _, minZ := seqChol(ds.g, zOrder, ds.zeroCols(zOrder), 0)
	xOrder := append(append([]int(nil), x2...), x1...)
	_, _, minX := seqChol(ds.g, xOrder, ds.zeroCols(xOrder), 0)
	ds.useQR = min(minZ, minX) < condPivot || scaledCond(ds.g, zOrder) > maxCond || scaledCond(ds.g, xOrder) > maxCond
	kz := ds.keptOf(zOrder)
	ds.x2, ds.z1 = nil, nil
	for _, j := range kz {
		if ds.role[j] == roleX2 {
			ds.x2 = append(ds.x2, j)
		} else {
			ds.z1 = append(ds.z1, j)
		}
	}
	kx := ds.keptOf(append(append([]int(nil), ds.x2...), x1...))
	ds.x1 = nil
	for _, j := range kx {
		if ds.role[j] == roleX1 {
			ds.x1 = append(ds.x1, j)
		}
	}
	isKept := map[int]bool{}
	for _, j := range append(append(append([]int(nil), ds.x2...), ds.z1...), ds.x1...) {
		isKept[j] = true
	}
	for j, r := range ds.role {
		if isKept[j] || r == roleY {
			continue
		}
		if r == roleZ1 {
			ds.droppedInstr = append(ds.droppedInstr, ds.names[j])
		} else {
			ds.omitted = append(ds.omitted, ds.names[j])
		}
	}
	if len(ds.x1)+len(ds.x2) == 0 {
		if abs := ds.absorbedOf(ds.omitted); len(abs) > 0 {
			return fmt.Errorf("%w: no regressor is left: %s %s; use regressors that vary within %s", ErrSingular,
				strings.Join(abs, ", "), ds.absorbedText(len(abs)), strings.Join(ds.feNames, " and "))
		}
		return fmt.Errorf("%w: every regressor is collinear (omitted: %s)", ErrSingular, strings.Join(ds.omitted, ", "))
	}
	if len(ds.z1) < len(ds.x1) {
		if abs := ds.absorbedOf(ds.droppedInstr); len(abs) > 0 {
			return fmt.Errorf("%w: excluded instrument%s %s %s, leaving %d usable for %d endogenous regressor(s) (%s); the model is not identified: use instruments that vary within %s",
				ErrSingular, plural(len(abs)), strings.Join(abs, ", "), ds.absorbedText(len(abs)), len(ds.z1), len(ds.x1), strings.Join(ds.namesOf(ds.x1), ", "), strings.Join(ds.feNames, " and "))
		}
		return fmt.Errorf("%w: the instrument matrix is singular: excluded instruments %s are collinear with the included regressors or with each other, leaving %d usable for %d endogenous regressor(s) (%s); the model is not identified",
			ErrSingular, listOrNone(ds.droppedInstr), len(ds.z1), len(ds.x1), strings.Join(ds.namesOf(ds.x1), ", "))
	}
	return nil
}

// absorbedOf returns the names among names that the fixed effects absorb.
func (ds *sample) absorbedOf(names []string) []string {
	var out []string
	for _, n := range names {
		for _, a := range ds.absorbed {
			if a == n {
				out = append(out, n)
			}
		}
	}
	return out
}

// absorbedText says why n columns are absorbed: "is constant within every
// nr: absorbed by the fixed effect", or with several fixed effects "is
// absorbed by the fixed effects city and year (constant within one of
// them, or a sum of such terms)".
func (ds *sample) absorbedText(n int) string {
	verb := "is"
	if n > 1 {
		verb = "are"
	}
	if len(ds.feNames) == 1 {
		return fmt.Sprintf("%s constant within every %s: absorbed by the fixed effect", verb, ds.feNames[0])
	}
	return fmt.Sprintf("%s absorbed by the fixed effects %s (constant within one of them, or a sum of such terms)", verb, strings.Join(ds.feNames, " and "))
}

// keptOf returns the columns of order (all droppable) that are not
// collinear with earlier ones, using the Gram or, when ill-conditioned,
// Householder QR of the data.
func (ds *sample) keptOf(order []int) []int {
	drop := make([]bool, len(order))
	for i := range drop {
		drop[i] = true
	}
	var kept []int
	if ds.useQR {
		_, kept, _ = seqQR(ds.colsOf(order), drop, collinearQR)
	} else {
		_, kept, _ = seqChol(ds.g, order, drop, collinearQR*collinearQR)
	}
	out := make([]int, len(kept))
	for i, k := range kept {
		out[i] = order[k]
	}
	return out
}

// zeroCols marks the columns of order that are identically zero.
func (ds *sample) zeroCols(order []int) []bool {
	z := make([]bool, len(order))
	for i, j := range order {
		z[i] = ds.g.At(j, j) == 0
	}
	return z
}

// k is K, the number of regressors: the kept ones plus the further
// fixed effects counted as dummies and sdofminus.
func (ds *sample) k() int { return len(ds.x1) + len(ds.x2) + ds.kExtra }

// l is L, the number of instruments, counted as K.
func (ds *sample) l() int { return len(ds.x2) + len(ds.z1) + ds.kExtra }

func (ds *sample) colsOf(idx []int) [][]float64 {
	out := make([][]float64, len(idx))
	for i, j := range idx {
		out[i] = ds.cols[j]
	}
	return out
}

func (ds *sample) namesOf(idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = ds.names[j]
	}
	return out
}

// factor returns the upper-triangular R with W'W = R'R for the columns
// order (none of which is collinear).
func (ds *sample) factor(order []int) *mat.Dense {
	if ds.useQR {
		R, _, _ := seqQR(ds.colsOf(order), make([]bool, len(order)), 0)
		return R
	}
	R, _, _ := seqChol(ds.g, order, make([]bool, len(order)), 0)
	return R
}

// buf returns an n-vector from the free list (contents undefined); give
// it back with release when done. At 1.6 M rows this keeps the transient
// residual vectors from multiplying the heap.
func (ds *sample) buf() []float64 {
	if k := len(ds.free); k > 0 {
		b := ds.free[k-1]
		ds.free = ds.free[:k-1]
		return b
	}
	return getVec(ds.m)
}

func (ds *sample) release(bs ...[]float64) { ds.free = append(ds.free, bs...) }

// copyOf returns a buffer holding a copy of c.
func (ds *sample) copyOf(c []float64) []float64 {
	b := ds.buf()
	copy(b, c)
	return b
}

// residuals returns y - X b for the regressor columns xIdx, in a buffer
// of the free list.
func (ds *sample) residuals(xIdx []int, b []float64) []float64 {
	e := ds.buf()
	subCombination(e, ds.cols[ds.y], ds.colsOf(xIdx), b)
	return e
}

// subCombination sets dst = base - Σ_j c[j] cols[j], in row blocks that
// stay in the L1 cache (one read of each column instead of one pass per
// term), spread over the cores.
func subCombination(dst, base []float64, cols [][]float64, c []float64) {
	forBlocks(len(base), rowBlock, func(_, _, s, e int) {
		d := dst[s:e]
		copy(d, base[s:e])
		for j, col := range cols {
			floats.AddScaled(d, -c[j], col[s:e]) // SIMD axpy; d - c·x exactly
		}
	})
}
