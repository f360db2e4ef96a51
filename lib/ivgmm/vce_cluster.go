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
//
// With a second name, ClusterBy("firm", "year") is two-way clustering,
// Stata's cluster(firm year) (Cameron, Gelbach and Miller 2011; ivreg2):
//
//	S = [S(firm) + S(year) − S(firm × year)] / N
//	Small: V × (N−1)/(N−K)·M/(M−1) with M = min(M_firm, M_year), t and F with M−1 df (ivreg2)
//
// More than two names is an error at fit time.
func ClusterBy(name string, more ...string) VCE {
	c := cluster{name: name}
	switch len(more) {
	case 0:
	case 1:
		c.name2 = more[0]
	default:
		c.name2 = "\x00too many" // reported by bind
	}
	return c
}

// ClusterOn2 is two-way ClusterBy on the matrix path.
func ClusterOn2(name string, codes []int, name2 string, codes2 []int) VCE {
	return cluster{name: name, ids: &codes, name2: name2, ids2: &codes2}
}

// ClusterOn is ClusterBy with the cluster of each row of the Data given
// as a code (any integers; equal codes, same cluster), for Fit's matrix
// path. name labels the output.
func ClusterOn(name string, codes []int) VCE { return cluster{name: name, ids: &codes} }

type cluster struct {
	name string
	ids  *[]int       // per Data row; nil for ClusterBy until the frame is read
	on   *clusterRows // the sample's clusters, once bound
	// two-way clustering: the second dimension and the intersection
	name2     string
	ids2      *[]int
	on2, on12 *clusterRows
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
	if c.name2 != "" {
		return "cluster:" + c.name + "," + c.name2
	}
	return "cluster:" + c.name
}

func (c cluster) Stata() string {
	if c.name2 != "" {
		return "cluster(" + c.name + " " + c.name2 + ")"
	}
	return "cluster(" + c.name + ")"
}

func (c cluster) describe() vceText {
	if c.name2 != "" {
		return robustText("arbitrary heteroskedasticity and clustering on "+c.name+" and "+c.name2,
			"Statistics robust to heteroskedasticity and clustering on "+c.name+" and "+c.name2, c.name+" and "+c.name2)
	}
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
		ids := d.Cluster
		c.ids = &ids
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
	if c.name2 != "" {
		if err := c.bindSecond(b); err != nil {
			return nil, err
		}
	}
	return sandwich{b.ds, c}, nil
}

// bindSecond binds the second dimension of two-way clustering and the
// intersection of both.
func (c *cluster) bindSecond(b binding) error {
	if c.name2 == "\x00too many" {
		return fmt.Errorf("%w: ClusterBy takes one or two cluster variables (Stata's cluster() with more than two is not supported)", ErrInput)
	}
	if c.ids2 == nil {
		return fmt.Errorf("%w: ClusterBy(%q, %q) names columns of a data frame, and Fit has none: use FitFrame or FitFormula, or ClusterOn2", ErrInput, c.name, c.name2)
	}
	if len(*c.ids2) != b.n {
		return fmt.Errorf("%w: cluster variable %q has %d rows, the data have %d", ErrInput, c.name2, len(*c.ids2), b.n)
	}
	codes2, g2 := panel.EncodeRows(*c.ids2, b.rows)
	if g2 < 2 {
		return fmt.Errorf("%w: cluster variable %q has %d cluster in the estimation sample; cluster-robust errors need at least 2", ErrInput, c.name2, g2)
	}
	c.on2 = &clusterRows{codes: codes2, m: g2}
	pair := make([]int, len(codes2))
	for i := range pair {
		pair[i] = int(c.on.codes[i])*g2 + int(codes2[i])
	}
	codes12, g12 := panel.Encode(pair)
	c.on12 = &clusterRows{codes: codes12, m: g12}
	return nil
}

func (c cluster) rules(ds *sample) dofRules {
	if c.on2 != nil {
		return clustered{ds, min(c.on.m, c.on2.m)}
	}
	return clustered{ds, c.on.m}
}

// sum is Σ_g (Σ_{i∈g} s_i)(Σ_{i∈g} s_i)': the scores summed within each
// cluster in one pass, then their Gram matrix; with two-way clustering
// the sum of both dimensions less the intersection.
func (c cluster) sum(ds *sample, res, z [][]float64) *mat.SymDense {
	s := clusterSum(c.on, res, z)
	if c.on2 == nil {
		return s
	}
	s2 := clusterSum(c.on2, res, z)
	s12 := clusterSum(c.on12, res, z)
	s.AddSym(s, s2)
	s12.ScaleSym(-1, s12)
	s.AddSym(s, s12)
	return s
}

// clusterSum is Σ_g (Σ_{i∈g} s_i)(·)' for the clusters on.
func clusterSum(on *clusterRows, res, z [][]float64) *mat.SymDense {
	nr, nz := len(res), len(z)
	q := nr * nz
	sums := make([][]float64, q)
	for k := range sums {
		sums[k] = make([]float64, on.m)
	}
	for r := range nr {
		e := res[r]
		for l := range nz {
			sk, zl := sums[r*nz+l], z[l]
			for i, g := range on.codes {
				sk[g] += e[i] * zl[i]
			}
		}
	}
	acc := make([]float64, q*q)
	gramAcc(acc, sums)
	return symLower(acc, q)
}

// clusterSumScores is clusterSum of given score columns.
func clusterSumScores(on *clusterRows, sc [][]float64) *mat.SymDense {
	sums := groupSums(on.codes, on.m, sc)
	acc := make([]float64, len(sc)*len(sc))
	gramAcc(acc, sums)
	return symLower(acc, len(sc))
}

func (c cluster) sumScores(_ *sample, sc [][]float64) *mat.SymDense {
	s := clusterSumScores(c.on, sc)
	if c.on2 == nil {
		return s
	}
	s2 := clusterSumScores(c.on2, sc)
	s12 := clusterSumScores(c.on12, sc)
	s.AddSym(s, s2)
	s12.ScaleSym(-1, s12)
	s.AddSym(s, s12)
	return s
}

// groupSums returns, per column of sc, its sums over the m groups codes.
func groupSums(codes []int32, m int, sc [][]float64) [][]float64 {
	sums := make([][]float64, len(sc))
	for k, s := range sc {
		sk := make([]float64, m)
		for i, g := range codes {
			sk[g] += s[i]
		}
		sums[k] = sk
	}
	return sums
}
