package stata

import (
	"math"
	"strings"

	"github.com/econb/econb/lib/ivgmm"
)

// eScalars are the numeric e() results of an estimate, under ivreg2's,
// regress's and ivregress's names.
func eScalars(r *ivgmm.Result) map[string]float64 {
	m := map[string]float64{
		"N": float64(r.N), "r2": r.R2, "r2_a": r.R2a, "r2u": r.R2u, "r2c": r.R2,
		"rmse": r.RMSE, "rss": r.RSS, "mss": r.MSS, "rank": float64(r.K),
		"df_r": float64(r.DFResid), "F": r.ModelF.Stat, "Fp": r.ModelF.P, "df_m": float64(r.ModelF.DF),
		"chi2": r.ModelChi2.Stat, "p": r.ModelChi2.P,
	}
	if !math.IsNaN(r.R2Within) {
		m["r2_w"] = r.R2Within
	}
	if r.NClusters > 0 {
		m["N_clust"] = float64(r.NClusters)
	}
	if len(r.FEGroups) > 0 {
		m["N_g"] = float64(r.FEGroups[0])
	}
	if r.OverID.Name != "" {
		if strings.Contains(strings.ToLower(r.OverID.Name), "sargan") {
			m["sargan"], m["sarganp"], m["sargandf"] = r.OverID.Stat, r.OverID.P, float64(r.OverID.DF)
		} else {
			m["j"], m["jp"], m["jdf"] = r.OverID.Stat, r.OverID.P, float64(r.OverID.DF)
		}
	}
	if len(r.FirstStages) > 0 {
		m["idstat"], m["idp"], m["iddf"] = r.UnderID.Stat, r.UnderID.P, float64(r.UnderID.DF)
		m["cdf"] = r.CraggDonald.Stat
		m["widstat"] = r.CraggDonald.Stat
		if r.KPWaldF.Valid() {
			m["rkf"] = r.KPWaldF.Stat
			m["widstat"] = r.KPWaldF.Stat
		}
		m["arf"], m["arfp"] = r.AndersonRubinF.Stat, r.AndersonRubinF.P
		m["archi2"], m["archi2p"] = r.AndersonRubin.Stat, r.AndersonRubin.P
	}
	if r.EndogTest != nil {
		m["estat"], m["estatp"], m["estatdf"] = r.EndogTest.Stat, r.EndogTest.P, float64(r.EndogTest.DF)
	}
	if r.Kappa != 0 {
		m["kclass"] = r.Kappa
	}
	if r.Lambda != 0 {
		m["lambda"] = r.Lambda
	}
	return m
}

// eStrings are the string e() results.
func eStrings(e *Estimate) map[string]string {
	r := e.Result
	m := map[string]string{"cmd": e.Cmd, "depvar": r.DepVar, "cmdline": e.Text, "title": r.Title()}
	if r.VCE != nil {
		m["vce"] = r.VCE.String()
	}
	if r.ClusterName != "" {
		m["clustvar"] = r.ClusterName
	}
	if len(r.EndogNames) > 0 {
		m["instd"] = strings.Join(r.EndogNames, " ")
		m["insts"] = strings.Join(r.InstrNames, " ")
	}
	if e.Cmd == "ivregress" {
		m["estimator"] = map[ivgmm.Estimator]string{ivgmm.TSLS: "2sls", ivgmm.LIML: "liml", ivgmm.GMM2S: "gmm"}[r.Estimator]
	}
	return m
}
