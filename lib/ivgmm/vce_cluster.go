package ivgmm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/econb/econb/lib/design"
	"github.com/econb/econb/lib/panel"
)

// ClusterBy is the cluster-robust covariance with the clusters the
// levels of the column name, numeric or text (Stata's cluster(name),
// vce(cluster name)):
//
//	S = Σ_g (Σ_{i∈g} u_i z_i)(Σ_{i∈g} u_i z_i)' / N     (dofminus does not enter)
//	Small: V × (N-1)/(N-K)·M/(M-1); t and F tests with M-1 denominator df
//
// M is the number of clusters in the estimation sample (at least 2).
// FitFrame and FitFormula read the column (a row where it is missing is
// dropped as missing); Fit, which has no frame, needs ClusterOn.
func ClusterBy(name string) VCE { return cluster{name: name} }

// ClusterOn is ClusterBy with the cluster of each row of the Data given
// as a code (any integers; equal codes, same cluster), for Fit's matrix
// path. name labels the output.
func ClusterOn(name string, codes []int) VCE { return cluster{name: name, ids: &codes} }

type cluster struct {
	name string
	ids  *[]int       // per Data row; nil for ClusterBy until the frame is read
	on   *clusterRows // the sample's clusters, once bound
}

// clusterRows are the clusters of the estimation sample.
type clusterRows struct {
	codes []int32 // 0..m-1 per sample row
	m     int
}

func (c cluster) String() string {
	if c.name == "" {
		return "cluster"
	}
	return "cluster:" + c.name
}

func (c cluster) Stata() string { return "cluster(" + c.name + ")" }

func (c cluster) describe() vceText {
	return robustText("arbitrary heteroskedasticity and clustering on "+c.name,
		"Statistics robust to heteroskedasticity and clustering on "+c.name, c.name)
}

func (c cluster) designOptions(o *design.Options) {
	if c.ids == nil {
		o.Cluster = c.name
	}
}

func (c cluster) resolve(d *design.Design) VCE {
	if c.ids == nil && d.Cluster != nil {
		return ClusterOn(c.name, d.Cluster)
	}
	return c
}

func (c cluster) bind(b binding) (covariance, error) {
	if c.ids == nil {
		if c.name == "" {
			return nil, fmt.Errorf("%w: ClusterBy needs the name of the cluster variable", ErrInput)
		}
		return nil, fmt.Errorf("%w: ClusterBy(%q) names a column of a data frame, and Fit has none: use FitFrame or FitFormula, or give the codes with ClusterOn(%q, codes)",
			ErrInput, c.name, c.name)
	}
	if len(*c.ids) != b.n {
		return nil, fmt.Errorf("%w: cluster variable %q has %d rows, the data have %d", ErrInput, c.name, len(*c.ids), b.n)
	}
	codes, g := panel.EncodeRows(*c.ids, b.rows)
	if g < 2 {
		return nil, fmt.Errorf("%w: cluster variable %q has %d cluster in the estimation sample; cluster-robust errors need at least 2", ErrInput, c.name, g)
	}
	c.on = &clusterRows{codes: codes, m: g}
	return sandwich{b.ds, c}, nil
}

func (c cluster) rules(ds *sample) dofRules { return clustered{ds, c.on.m} }

// sum is Σ_g (Σ_{i∈g} s_i)(Σ_{i∈g} s_i)': the scores summed within each
// cluster in one pass, then their Gram matrix.
func (c cluster) sum(_ *sample, res, z [][]float64) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	sums := make([][]float64, q)
	for k := range sums {
		sums[k] = make([]float64, c.on.m)
	}
	for r := range nr {
		e := res[r]
		for l := range nz {
			sk, zl := sums[r*nz+l], z[l]
			for i, g := range c.on.codes {
				sk[g] += e[i] * zl[i]
			}
		}
	}
	acc := make([]float64, q*q)
	gramAcc(acc, sums)
	return symLower(acc, q)
}
