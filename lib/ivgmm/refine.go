package ivgmm

import "math"

// refineLS improves the least-squares solution b of min ||y - X b||
// (X given by columns) by iterative refinement of the augmented system
//
//	[ I   X ] [r]   [y]
//	[ X'  0 ] [b] = [0]
//
// (Björck 1967), with the residuals of both blocks accumulated in
// compensated (double-double) arithmetic and the corrections solved with
// a thin QR of X (modified Gram-Schmidt, reorthogonalized). It removes
// the cond(X)²·‖r‖ term that limits plain QR on large-residual,
// ill-conditioned problems (NIST Wampler4/5, Filip). Used only on the QR
// fallback path of OLS, so its O(n p²) cost is paid only there.
func refineLS(x [][]float64, y, b []float64) []float64 {
	p := len(x)
	n := len(y)
	q := make([][]float64, p)
	r := make([][]float64, p) // r[j][k] = R_kj, upper
	for j := range p {
		v := append([]float64(nil), x[j]...)
		r[j] = make([]float64, p)
		for range 2 {
			for k := range j {
				c := dot(q[k], v)
				r[j][k] += c
				for i := range v {
					v[i] -= c * q[k][i]
				}
			}
		}
		nv := math.Sqrt(dot(v, v))
		if nv == 0 {
			return b
		}
		r[j][j] = nv
		for i := range v {
			v[i] /= nv
		}
		q[j] = v
	}
	b = append([]float64(nil), b...)
	res := make([]float64, n)
	for i := range n {
		var s compSum
		s.add(y[i])
		for j := range p {
			s.addProd(-x[j][i], b[j])
		}
		res[i] = s.value()
	}
	f := make([]float64, n)
	g := make([]float64, p)
	for range 4 {
		for i := range n {
			var s compSum
			s.add(y[i])
			s.add(-res[i])
			for j := range p {
				s.addProd(-x[j][i], b[j])
			}
			f[i] = s.value()
		}
		for j := range p {
			var s compSum
			for i := range n {
				s.addProd(-x[j][i], res[i])
			}
			g[j] = s.value()
		}
		// u = R^-T g (forward substitution), qf = Q'f
		u := make([]float64, p)
		for j := range p {
			s := g[j]
			for k := range j {
				s -= r[j][k] * u[k]
			}
			u[j] = s / r[j][j]
		}
		qf := make([]float64, p)
		for j := range p {
			qf[j] = dot(q[j], f)
		}
		// δb = R^-1 (qf - u) (back substitution)
		db := make([]float64, p)
		for j := p - 1; j >= 0; j-- {
			s := qf[j] - u[j]
			for k := j + 1; k < p; k++ {
				s -= r[k][j] * db[k]
			}
			db[j] = s / r[j][j]
		}
		// δr = f + Q(u - qf)
		for i := range n {
			d := f[i]
			for j := range p {
				d += q[j][i] * (u[j] - qf[j])
			}
			res[i] += d
		}
		for j := range p {
			b[j] += db[j]
		}
	}
	return b
}

// compSum accumulates a sum in double-double arithmetic (TwoSum and
// FMA-based TwoProduct, Ogita-Rump-Oishi 2005).
type compSum struct{ s, c float64 }

func (a *compSum) add(v float64) {
	t := a.s + v
	z := t - a.s
	a.c += (a.s - (t - z)) + (v - z)
	a.s = t
}

func (a *compSum) addProd(x, y float64) {
	p := x * y
	a.add(p)
	a.c += math.FMA(x, y, -p)
}

func (a *compSum) value() float64 { return a.s + a.c }
