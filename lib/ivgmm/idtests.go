package ivgmm

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// partialled holds the endogenous regressors X1 and excluded instruments
// Z1 with the included exogenous regressors X2 partialled out, and their
// cross products (divided by N).
type partialled struct {
	x1p, z1p      [][]float64
	yp            []float64 // y partialled on X2
	owned         bool      // the columns are buffers of the sample (else aliases of its columns)
	qzz, qzy, qyy *mat.Dense
	qzzInv        *mat.SymDense
	pihat         *mat.Dense // L1×K1 reduced form
}

// partial regresses X1 and Z1 on X2 (the factor of [X2, Z1, X1]).
func (ds *sample) partial(x1 []int) (*partialled, error) {
	k2, l1, k1 := len(ds.x2), len(ds.z1), len(x1)
	order := append(append(append(append([]int(nil), ds.x2...), ds.z1...), x1...), ds.y)
	p := &partialled{}
	cols := ds.colsOf(order)
	if k2 > 0 {
		R := ds.factor(order)
		r22inv, err := invUpper(sub(R, 0, k2, 0, k2))
		if err != nil {
			return nil, fmt.Errorf("%w: included exogenous regressors: %v", ErrSingular, err)
		}
		var coef mat.Dense // k2 × (l1+k1): coefficients of Z1, X1 on X2
		coef.Mul(r22inv, R.Slice(0, k2, k2, k2+l1+k1+1))
		cj := make([]float64, k2)
		for j := range l1 + k1 + 1 {
			c := ds.buf()
			for a := range k2 {
				cj[a] = coef.At(a, j)
			}
			subCombination(c, cols[k2+j], cols[:k2], cj)
			cols[k2+j] = c
		}
		p.owned = true
	}
	p.z1p = cols[k2 : k2+l1]
	p.x1p = cols[k2+l1 : k2+l1+k1]
	p.yp = cols[k2+l1+k1]
	g := gram(cols[k2 : k2+l1+k1])
	nf := ds.nw
	all := mat.NewDense(l1+k1, l1+k1, nil)
	all.Scale(1/nf, g)
	p.qzz = sub(all, 0, l1, 0, l1)
	p.qzy = sub(all, 0, l1, l1, l1+k1)
	p.qyy = sub(all, l1, l1+k1, l1, l1+k1)
	var ok bool
	p.qzzInv, ok = spdInverse(symOf(p.qzz))
	if !ok {
		return nil, fmt.Errorf("%w: excluded instruments are collinear after partialling out the exogenous regressors", ErrSingular)
	}
	p.pihat = mat.NewDense(l1, k1, nil)
	p.pihat.Mul(p.qzzInv, p.qzy)
	return p, nil
}

// canon holds the canonical-correlation intermediates of ranktest.
type canon struct {
	theta        *mat.Dense
	u, v         *mat.Dense
	eval         []float64 // squared canonical correlations, decreasing
	irQyy, irQzz *mat.Dense
}

func upperChol(a *mat.Dense) (*mat.Dense, bool) {
	var ch mat.Cholesky
	if !ch.Factorize(symOf(a)) {
		return nil, false
	}
	var u mat.TriDense
	ch.UTo(&u)
	nr, _ := u.Dims()
	out := mat.NewDense(nr, nr, nil)
	out.Copy(&u)
	return out, true
}

func (p *partialled) canonical() (*canon, error) {
	rzz, ok1 := upperChol(p.qzz)
	ryy, ok2 := upperChol(p.qyy)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%w: cross-products of the partialled instruments or endogenous regressors are not positive definite", ErrSingular)
	}
	c := &canon{}
	var err error
	if c.irQzz, err = invUpper(rzz); err != nil {
		return nil, err
	}
	if c.irQyy, err = invUpper(ryy); err != nil {
		return nil, err
	}
	var t mat.Dense
	t.Mul(rzz, p.pihat)
	c.theta = mat.NewDense(t.RawMatrix().Rows, t.RawMatrix().Cols, nil)
	c.theta.Mul(&t, c.irQyy)
	var svd mat.SVD
	if !svd.Factorize(c.theta, mat.SVDFull) {
		return nil, fmt.Errorf("%w: SVD of the standardized reduced form failed", ErrSingular)
	}
	c.u, c.v = &mat.Dense{}, &mat.Dense{}
	svd.UTo(c.u)
	svd.VTo(c.v)
	for _, s := range svd.Values(nil) {
		c.eval = append(c.eval, s*s)
	}
	return c, nil
}

// symSqrt is the symmetric square root of a PSD matrix.
func symSqrt(a *mat.Dense) *mat.Dense {
	var es mat.EigenSym
	n, _ := a.Dims()
	es.Factorize(symOf(a), true)
	vals := es.Values(nil)
	var vec mat.Dense
	es.VectorsTo(&vec)
	d := mat.NewDense(n, n, nil)
	for i, v := range vals {
		d.Set(i, i, math.Sqrt(max(v, 0)))
	}
	var t, out mat.Dense
	t.Mul(&vec, d)
	out.Mul(&t, vec.T())
	return &out
}

func kron(a, b mat.Matrix) *mat.Dense {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	out := mat.NewDense(ar*br, ac*bc, nil)
	for i := range ar {
		for j := range ac {
			aij := a.At(i, j)
			for k := range br {
				for l := range bc {
					out.Set(i*br+k, j*bc+l, aij*b.At(k, l))
				}
			}
		}
	}
	return out
}

// vecCol stacks the columns of a (column-major vec).
func vecCol(a *mat.Dense) *mat.VecDense {
	r, c := a.Dims()
	v := mat.NewVecDense(r*c, nil)
	for j := range c {
		for i := range r {
			v.SetVec(j*r+i, a.At(i, j))
		}
	}
	return v
}

// kpRank is ranktest's rk statistic (Kleibergen-Paap 2006) of the null
// rank(Π) = K1-1, given the score covariance shat0 of vec(Z1p'V)/N
// ordered residual-major (index j*L1 + l). It returns chi2 (before any
// dof scaling) and df.
func kpRank(c *canon, shat0 *mat.SymDense, n float64, k1, l1 int) (float64, int, error) {
	kt := kron(c.irQyy.T(), c.irQzz.T())
	var t1, kpvar mat.Dense
	t1.Mul(kt, shat0)
	kpvar.Mul(&t1, kt.T())
	kk := k1 - 1
	u12 := mat.NewDense(max(kk, 1), l1-kk, nil)
	v12 := mat.NewDense(max(kk, 1), k1-kk, nil)
	if kk > 0 {
		u12.Copy(c.u.Slice(0, kk, kk, l1))
		v12.Copy(c.v.Slice(0, kk, kk, k1))
	}
	u22 := sub(c.u, kk, l1, kk, l1)
	v22 := sub(c.v, kk, k1, kk, k1)
	var uu, vv mat.Dense
	uu.Mul(u22, u22.T())
	vv.Mul(v22, v22.T())
	u22h := symSqrt(&uu)
	v22h := symSqrt(&vv)
	stack := func(top, bot *mat.Dense, hasTop bool) *mat.Dense {
		if !hasTop {
			return bot
		}
		_, cols := bot.Dims()
		tr, _ := top.Dims()
		br, _ := bot.Dims()
		out := mat.NewDense(tr+br, cols, nil)
		out.Slice(0, tr, 0, cols).(*mat.Dense).Copy(top)
		out.Slice(tr, tr+br, 0, cols).(*mat.Dense).Copy(bot)
		return out
	}
	uFull := stack(u12, u22, kk > 0)
	vFull := stack(v12, v22, kk > 0)
	var u22i, v22ti mat.Dense
	if err := u22i.Inverse(u22); err != nil {
		return math.NaN(), 0, err
	}
	if err := v22ti.Inverse(v22.T()); err != nil {
		return math.NaN(), 0, err
	}
	var aq, t2, bq, t3 mat.Dense
	t2.Mul(uFull, &u22i)
	aq.Mul(&t2, u22h)
	t3.Mul(v22h, &v22ti)
	bq.Mul(&t3, vFull.T())
	kba := kron(&bq, aq.T())
	var lab mat.VecDense
	lab.MulVec(kba, vecCol(c.theta))
	var t4, vlab mat.Dense
	t4.Mul(kba, &kpvar)
	vlab.Mul(&t4, kba.T())
	vi, ok := spdInverse(symOf(&vlab))
	if !ok {
		return math.NaN(), 0, fmt.Errorf("%w: KP covariance vlab", ErrSingular)
	}
	return n * quad(&lab, vi), l1 - kk, nil
}

// idTests computes the under- and weak-identification tests and the
// first-stage diagnostics (ivreg2 conventions; see CONVENTIONS in doc.go).
func (ds *sample) idTests(r *Result, f *ivFit) error {
	k1, l1 := len(ds.x1), len(ds.z1)
	n := ds.n
	nf := float64(n)
	dofm := float64(ds.dofminus)
	L := float64(r.L)
	p, err := ds.partial(ds.x1)
	if err != nil {
		return err
	}
	c, err := p.canonical()
	if err != nil {
		return err
	}
	lmin := c.eval[len(c.eval)-1]
	if len(c.eval) < k1 {
		lmin = 0
	}
	cdf := lmin / (1 - lmin) * (nf - L - dofm) / float64(l1)
	r.CraggDonald = Test{Name: "Cragg-Donald Wald F statistic", Stat: cdf, P: math.NaN(), DF: l1, DF2: n - r.L - ds.dofminus}
	r.StockYogo = stockYogo(k1, l1)
	if err := ds.cov.underID(r, c, p, lmin); err != nil {
		return err
	}
	err = ds.firstStages(r, p, f)
	if p.owned {
		ds.release(p.z1p...)
		ds.release(p.x1p...)
		ds.release(p.yp)
	}
	return err
}

// underID is the Kleibergen-Paap (2006) rk LM statistic of
// underidentification, scaled by sDen/N, and the rk Wald F of weak
// identification from the reduced-form residuals (ivreg2's ranktest with
// the covariance's meat).
func (c sandwich) underID(r *Result, cn *canon, p *partialled, _ float64) error {
	ds := c.ds
	k1, l1 := len(ds.x1), len(ds.z1)
	nf := ds.nw
	rules := c.rules()
	sLM := c.m.sum(ds, p.x1p, p.z1p)
	sLM.ScaleSym(1/nf, sLM)
	chi, df, err := kpRank(cn, sLM, ds.nw, k1, l1)
	if err != nil {
		return err
	}
	chi *= rules.sDen() / nf
	r.UnderID = chi2Test("Kleibergen-Paap rk LM statistic", chi, df)
	vw := ds.reducedFormResiduals(p)
	defer ds.release(vw...)
	sW := c.m.sum(ds, vw, p.z1p)
	sW.ScaleSym(1/nf, sW)
	chw, _, err := kpRank(cn, sW, ds.nw, k1, l1)
	if err != nil {
		return err
	}
	r.KPWaldF = Test{Name: "Kleibergen-Paap rk Wald F statistic", Stat: rules.waldF(chw, nf, l1), P: math.NaN(), DF: l1, DF2: r.CraggDonald.DF2}
	return nil
}

// reducedFormResiduals returns the residuals of the first-stage
// regressions of the partialled X1 on the partialled Z1.
func (ds *sample) reducedFormResiduals(p *partialled) [][]float64 {
	k1, l1 := len(p.x1p), len(p.z1p)
	vw := make([][]float64, k1)
	for j := range k1 {
		vw[j] = ds.copyOf(p.x1p[j])
		for l := range l1 {
			pj := p.pihat.At(l, j)
			zl := p.z1p[l]
			for i := range vw[j] {
				vw[j][i] -= pj * zl[i]
			}
		}
	}
	return vw
}

// stockWright is the Stock-Wright (2000) LM S statistic of H0: β1 = 0, as
// ivreg2's sstat: N ḡ'S⁻¹ḡ with ḡ = Z'e0/N, e0 the residuals of the OLS
// regression of y on X2 (β1 constrained to zero) and S from e0; df L1.
func (ds *sample) stockWright(f *ivFit) (Test, error) {
	name := "Stock-Wright LM S statistic"
	df := len(ds.z1)
	if len(ds.x2) == 0 {
		y := ds.cols[ds.y]
		s0 := ds.cov.sTilde(f, y)
		w, ok := spdInverse(s0)
		if !ok {
			return Test{}, errSingularS()
		}
		return chi2Test(name, quad(f.cy, w)/ds.nw, df), nil
	}
	f0, err := ds.ivfit(f.zIdx, ds.x2)
	if err != nil {
		return Test{}, fmt.Errorf("Stock-Wright restricted model: %w", err)
	}
	e0 := ds.residuals(ds.x2, f0.b.RawVector().Data)
	w, ok := spdInverse(ds.cov.sTilde(f0, e0))
	ds.release(e0)
	if !ok {
		return Test{}, errSingularS()
	}
	var g mat.VecDense // Q'e0 = cy - C0 b0
	g.MulVec(f0.C, f0.b)
	g.SubVec(f0.cy, &g)
	return chi2Test(name, quad(&g, w)/ds.nw, df), nil
}
