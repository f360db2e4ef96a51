# Cross-check of ivgmm's HAC kernels with linearmodels (PyPI linearmodels==7.1).
# linearmodels weights lag j by k(j/(bw+1)) for bartlett and parzen and by k(j/bw) for qs,
# so lm bandwidth bw is ivreg2 bw+1 for bartlett/parzen and bw for qs.
import json, warnings
import pandas as pd
import linearmodels
from linearmodels.iv import IV2SLS, IVGMM
warnings.simplefilter("ignore")
d = pd.read_csv("/work/main/lib/ivgmm/testdata/ivopts/simulated-data.csv")
d = d.sort_values("time")
out = {"source": "linearmodels %s, pandas %s; script lm_kernels.py (cross-check only)" % (linearmodels.__version__, pd.__version__), "cases": []}
for kernel, lmbw in [("parzen", 4), ("qs", 4), ("bartlett", 12)]:
    for w in [False, True]:
        for debiased in [False, True]:
            kw = {"weights": d.weights} if w else {}
            m = IV2SLS(d.y_kernel, d[["_cons", "x3", "x4", "x5"]], d.x1, d[["z1", "z2"]], **kw)
            r = m.fit(cov_type="kernel", kernel=kernel, bandwidth=lmbw, debiased=debiased)
            out["cases"].append({"estimator": "2sls", "kernel": kernel, "lm_bandwidth": lmbw, "weighted": w, "small": debiased,
                "params": r.params.to_dict(), "std_errors": r.std_errors.to_dict()})
            g = IVGMM(d.y_kernel, d[["_cons", "x3", "x4", "x5"]], d.x1, d[["z1", "z2"]], weight_type="kernel", kernel=kernel, bandwidth=lmbw, **kw)
            rg = g.fit(cov_type="kernel", kernel=kernel, bandwidth=lmbw, debiased=debiased)
            out["cases"].append({"estimator": "gmm", "kernel": kernel, "lm_bandwidth": lmbw, "weighted": w, "small": debiased,
                "params": rg.params.to_dict(), "std_errors": rg.std_errors.to_dict(), "j_stat": float(rg.j_stat.stat)})
json.dump(out, open("linearmodels_kernels.json", "w"), indent=1)
print(len(out["cases"]))
