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
	nf := float64(ds.n)
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
func kpRank(c *canon, shat0 *mat.SymDense, n, k1, l1 int) (float64, int, error) {
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
	return float64(n) * quad(&lab, vi), l1 - kk, nil
}

// idTests computes the under- and weak-identification tests and the
// first-stage diagnostics (ivreg2 conventions; see CONVENTIONS in doc.go).
func (ds *sample) idTests(r *Result, f *ivFit, opt Options) error {
	k1, l1 := len(ds.x1), len(ds.z1)
	n := ds.n
	nf := float64(n)
	dofm := float64(ds.dofminus)
	L := float64(r.L)
	cl := opt.VCE.Kind == Cluster
	M := float64(ds.nClust)
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
	dfID := l1 - k1 + 1
	cdf := lmin / (1 - lmin) * (nf - L - dofm) / float64(l1)
	r.CraggDonald = Test{Name: "Cragg-Donald Wald F statistic", Stat: cdf, P: math.NaN(), DF: l1, DF2: n - r.L - ds.dofminus}
	r.StockYogo = stockYogo(k1, l1)
	// first-stage residuals (reduced form) for the Wald versions
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
	if opt.VCE.Kind == IID {
		r.UnderID = chi2Test("Anderson canon. corr. LM statistic", (nf-dofm)*lmin, dfID)
	} else {
		sLM := ds.meat(p.x1p, p.z1p, cl)
		sLM.ScaleSym(1/nf, sLM)
		chi, df, err := kpRank(c, sLM, n, k1, l1)
		if err != nil {
			return err
		}
		if !cl {
			chi *= (nf - dofm) / nf
		}
		r.UnderID = chi2Test("Kleibergen-Paap rk LM statistic", chi, df)
		sW := ds.meat(vw, p.z1p, cl)
		sW.ScaleSym(1/nf, sW)
		chw, _, err := kpRank(c, sW, n, k1, l1)
		if err != nil {
			return err
		}
		var f float64
		if cl {
			f = chw / (nf - 1) * (nf - L) * (M - 1) / M / float64(l1)
		} else {
			f = chw / nf * (nf - L - dofm) / float64(l1)
		}
		r.KPWaldF = Test{Name: "Kleibergen-Paap rk Wald F statistic", Stat: f, P: math.NaN(), DF: l1, DF2: r.CraggDonald.DF2}
	}
	err = ds.firstStages(r, p, f, opt)
	ds.release(vw...)
	if p.owned {
		ds.release(p.z1p...)
		ds.release(p.x1p...)
		ds.release(p.yp)
	}
	return err
}

// excludedWald regresses the partialled variable ep on Z1p and returns
// the classical Wald statistic of all coefficients (σ² = RSS/(N-dofminus)),
// the one of the VCE (robust/cluster: raw sandwich, robust rescaled by
// (N-dofminus)/N as ivreg2's Ω), and the RSS.
func (ds *sample) excludedWald(p *partialled, ep []float64, kind VCEKind) (wcl, w, rss float64, err error) {
	l1 := len(p.z1p)
	nf := float64(ds.n)
	zy := mat.NewVecDense(l1, nil)
	for l := range l1 {
		zy.SetVec(l, dot(p.z1p[l], ep)/nf)
	}
	pi := mat.NewVecDense(l1, nil)
	pi.MulVec(p.qzzInv, zy)
	res := ds.copyOf(ep)
	defer ds.release(res)
	for l := range l1 {
		pl := pi.AtVec(l)
		for i := range res {
			res[i] -= pl * p.z1p[l][i]
		}
	}
	rss = dot(res, res)
	s2 := rss / (nf - float64(ds.dofminus))
	// classical: var(pi) = s2 (Z1p'Z1p)⁻¹ = s2 qzzInv / N
	wcl = quad(pi, p.qzz) * nf / s2
	if kind == IID {
		return wcl, wcl, rss, nil
	}
	om := ds.meat([][]float64{res}, p.z1p, kind == Cluster)
	var t1, t2 mat.Dense
	t1.Mul(p.qzzInv, om)
	t2.Mul(&t1, p.qzzInv)
	t2.Scale(1/(nf*nf), &t2)
	vi, ok := spdInverse(symOf(&t2))
	if !ok {
		return wcl, math.NaN(), rss, nil
	}
	w = quad(pi, vi)
	if kind == Robust {
		w *= (nf - float64(ds.dofminus)) / nf
	}
	return wcl, w, rss, nil
}

// firstStages fills the per-endogenous first-stage F, SW and AP F,
// partial and Shea R², and the Anderson-Rubin test (ivreg2 e(first) and
// e(arf)).
func (ds *sample) firstStages(r *Result, p *partialled, f *ivFit, opt Options) error {
	k1, l1 := len(ds.x1), len(ds.z1)
	nf := float64(ds.n)
	dofm := float64(ds.dofminus)
	L := float64(r.L)
	M := float64(ds.nClust)
	cl := opt.VCE.Kind == Cluster
	df2 := r.CraggDonald.DF2
	if cl {
		df2 = ds.nClust - 1
	}
	toF := func(w float64, df1 int) float64 {
		if cl {
			return w / (nf - 1) * (nf - L) * (M - 1) / M / float64(df1)
		}
		return w / (nf - dofm) * (nf - L - dofm) / float64(df1)
	}
	pr2 := func(wcl float64) float64 {
		ws := wcl / (nf - dofm)
		return ws / (1 + ws)
	}
	// wald runs the excluded-instrument Wald test on ep with df1.
	wald := func(name string, ep []float64, df1 int) (Test, Test, float64, float64, error) {
		wcl, w, rss, err := ds.excludedWald(p, ep, opt.VCE.Kind)
		if err != nil {
			return Test{}, Test{}, 0, 0, err
		}
		return fTest(name, toF(w, df1), df1, df2), chi2Test(name+" (chi2)", w, df1), pr2(wcl), rss, nil
	}
	xxInv := ds.invDiag(f.xIdx)
	for j := range k1 {
		fs := FirstStage{Endog: ds.names[ds.x1[j]]}
		var rss float64
		var err error
		var fChi2 Test
		fs.F, fChi2, fs.PartialR2, rss, err = wald("F test of excluded instruments", p.x1p[j], l1)
		if err != nil {
			return err
		}
		fs.RMSE = math.Sqrt(rss / (nf - L - dofm))
		fs.SheaR2 = xxInv[j] / f.bread.At(j, j)
		if k1 == 1 {
			fs.SWF, fs.APF, fs.SWChi2, fs.APChi2 = fs.F, fs.F, fChi2, fChi2
			fs.SWF.Name, fs.APF.Name = "Sanderson-Windmeijer F", "Angrist-Pischke F"
			fs.SWR2, fs.APR2 = fs.PartialR2, fs.PartialR2
		} else {
			esw, eap, err := ds.conditionalResiduals(p, j)
			if err != nil {
				return err
			}
			dfc := l1 - k1 + 1
			if fs.SWF, fs.SWChi2, fs.SWR2, _, err = wald("Sanderson-Windmeijer F", esw, dfc); err != nil {
				return err
			}
			if fs.APF, fs.APChi2, fs.APR2, _, err = wald("Angrist-Pischke F", eap, dfc); err != nil {
				return err
			}
			ds.release(esw, eap)
		}
		r.FirstStages = append(r.FirstStages, fs)
	}
	// Anderson-Rubin test of β1 = 0: the excluded instruments in the
	// regression of y (partialled on X2) on Z.
	var err error
	r.AndersonRubinF, r.AndersonRubin, _, _, err = wald("Anderson-Rubin Wald test", p.yp, l1)
	return err
}

// invDiag returns the diagonal of (X'X)⁻¹ for the columns idx.
func (ds *sample) invDiag(idx []int) []float64 {
	ri, err := invUpper(ds.factor(idx))
	out := make([]float64, len(idx))
	if err != nil {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	for i := range idx {
		for k := i; k < len(idx); k++ {
			out[i] += ri.At(i, k) * ri.At(i, k)
		}
	}
	return out
}

// conditionalResiduals returns the Sanderson-Windmeijer residual
// X1p_j - X1p_{-j} b and the Angrist-Pischke residual X1p_j - X̂1p_{-j} b,
// b the OLS coefficients of X1p_j on the first-stage fitted values X̂1p_{-j}
// of the other endogenous regressors (Sanderson and Windmeijer 2016, as ivreg2).
func (ds *sample) conditionalResiduals(p *partialled, j int) ([]float64, []float64, error) {
	k1 := len(p.x1p)
	var others []int
	for o := range k1 {
		if o != j {
			others = append(others, o)
		}
	}
	// X̂_o'X̂_m = N π_o' Qzz π_m ; X̂_o'X_j = N π_o' Qzy_j
	q := len(others)
	a := mat.NewSymDense(q, nil)
	rhs := mat.NewVecDense(q, nil)
	for ai, o := range others {
		po := p.pihat.ColView(o)
		var t mat.VecDense
		t.MulVec(p.qzz, po)
		for bi, m := range others {
			if bi >= ai {
				a.SetSym(ai, bi, mat.Dot(&t, p.pihat.ColView(m)))
			}
		}
		rhs.SetVec(ai, mat.Dot(po, p.qzy.ColView(j)))
	}
	ai, ok := spdInverse(a)
	if !ok {
		return nil, nil, fmt.Errorf("%w: Sanderson-Windmeijer projection of %q", ErrSingular, ds.names[ds.x1[j]])
	}
	b := mat.NewVecDense(q, nil)
	b.MulVec(ai, rhs)
	esw := ds.copyOf(p.x1p[j])
	eap := ds.copyOf(p.x1p[j])
	for bi, o := range others {
		bo := b.AtVec(bi)
		for i := range esw {
			esw[i] -= bo * p.x1p[o][i]
		}
		for l := range p.z1p {
			c := bo * p.pihat.At(l, o)
			zl := p.z1p[l]
			for i := range eap {
				eap[i] -= c * zl[i]
			}
		}
	}
	return esw, eap, nil
}
