package ivgmm

import (
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
// as Gram matrices (SIMD dot products), so memory stays O(block × q).
func (robust) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	acc := make([]float64, q*q)
	const maxBlk = 1024
	blk := min(maxBlk, ds.m)
	if cap(ds.scratch) < q*blk {
		ds.scratch = make([]float64, q*blk)
	}
	buf := ds.scratch[:q*blk]
	sc := make([][]float64, q)
	var rinv []float64 // fweight, iweight: w u² z z', not (w u)² z z'
	if ds.wt != nil {
		rinv = ds.wt.rinv
	}
	for s := 0; s < ds.m; s += blk {
		e := min(s+blk, ds.m)
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
		gramAcc(acc, sc)
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
