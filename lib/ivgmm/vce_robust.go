package ivgmm

import (
	"runtime"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/design"
)

// Robust is the heteroskedasticity-robust covariance (White 1980;
// Stata's robust, vce(robust)):
//
//	S = Σ_i u_i² z_i z_i' / (N-dofminus);   with Small V × (N-dofminus)/(N-K-dofminus) (HC1)
func Robust() VCE { return robust{} }

type robust struct{ noColumns }

func (robust) String() string                       { return "robust" }
func (robust) Stata() string                        { return "robust" }
func (v robust) resolve(*design.Design) VCE         { return v }
func (v robust) bind(b binding) (covariance, error) { return sandwich{b.ds, v}, nil }
func (robust) describe() vceText {
	return robustText("arbitrary heteroskedasticity", "Statistics robust to heteroskedasticity", "")
}

func (robust) rules(ds *sample) dofRules { return unclustered{ds} }

// sum is Σ_i s_i s_i'. Scores are formed in row blocks and accumulated
// as Gram matrices (SIMD dot products), so memory stays O(block × q); the
// blocks are spread over the cores and their sums added in block order.
func (robust) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	const maxBlk = 1024
	blk := min(maxBlk, ds.m)
	bufs := make([][]float64, runtime.GOMAXPROCS(0))
	if cap(ds.scratch) < q*blk {
		ds.scratch = make([]float64, q*blk)
	}
	bufs[0] = ds.scratch[:q*blk]
	scs := make([][][]float64, len(bufs))
	var rinv []float64 // fweight, iweight: w u² z z', not (w u)² z z'
	if ds.wt != nil {
		rinv = ds.wt.rinv
	}
	tri := make([]float64, q*(q+1)/2)
	blockSums(tri, ds.m, blk, func(w, s, e int, out []float64) {
		if bufs[w] == nil {
			bufs[w] = make([]float64, q*blk)
		}
		if scs[w] == nil {
			scs[w] = make([][]float64, q)
		}
		buf, sc := bufs[w], scs[w]
		m := e - s
		for r := range nr {
			er := res[r][s:e]
			for l := range nz {
				k := r*nz + l
				sk, zl := buf[k*blk:k*blk+m], z[l][s:e]
				for i := range sk {
					sk[i] = er[i] * zl[i]
				}
				if rinv != nil {
					floats.Mul(sk, rinv[s:e])
				}
				sc[k] = sk
			}
		}
		gramTri(out, sc)
	})
	acc := make([]float64, q*q)
	t := 0
	for a := range q {
		for b := 0; b <= a; b++ {
			acc[a*q+b] = tri[t]
			t++
		}
	}
	return symLower(acc, q)
}

// sumScores is Σ_i s_i s_i' of given score columns (divided by w_i with
// fweight and iweight).
func (robust) sumScores(ds *sample, sc [][]float64) *mat.SymDense {
	if ds.wt != nil && ds.wt.rinv != nil {
		for _, s := range sc {
			floats.Mul(s, ds.wt.rinv)
		}
	}
	acc := make([]float64, len(sc)*len(sc))
	gramAcc(acc, sc)
	return symLower(acc, len(sc))
}
