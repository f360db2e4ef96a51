"""Cross-check fixtures for lib/frame, computed with pandas and numpy.

Run once with the pinned versions named in README.md:
    /work/venvs/frame/bin/python make_fixtures.py
It writes the input data (panel.csv, regions.csv) and the expected results
(*_expected.csv). The Go tests read these files; they never run Python.

Stata semantics are reproduced with independent pandas/numpy operations:
- egen/collapse statistics ignore missing values; sd has divisor N-1;
- percentiles use Stata's summarize definition, which is numpy's
  method="averaged_inverted_cdf" (Hyndman & Fan definition 2 averaged);
- rank gives ties the average rank (pandas rank(method="average"));
- skewness = m3 / m2**1.5, kurtosis = m4 / m2**2 with moments divided by N;
- missing by-values form their own group (groupby(dropna=False)).
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20240601)
rows = []
for i in range(1, 31):
    years = list(range(2001, 2011))
    if i % 7 == 0:
        years.remove(2005)  # a gap
    if i % 11 == 0:
        years = years[:6]  # ends early
    for t in years:
        rows.append((i, t))
df = pd.DataFrame(rows, columns=["id", "year"])
n = len(df)
df["g"] = np.array(["a", "b", "c", ""])[(df["id"].to_numpy() % 4)]
df.loc[df["id"] % 5 == 0, "g"] = ""  # missing group
x = np.round(rng.normal(size=n) * 10, 3)
x[rng.random(n) < 0.1] = np.nan
x[5] = x[6]  # a tie
df["x"] = x
df["y"] = rng.integers(0, 50, size=n)
df["g"] = df["g"].replace("", np.nan)
df.to_csv("panel.csv", index=False, na_rep="")

gkey = df["g"].fillna("")  # missing as its own group ("" sorts first, as in Stata)

def pct(v, p):
    v = v[~np.isnan(v)]
    if len(v) == 0:
        return np.nan
    return float(np.percentile(v, p, method="averaged_inverted_cdf"))

eg = pd.DataFrame({"row": np.arange(1, n + 1)})
grp = df.groupby(gkey, dropna=False)["x"]
eg["mean"] = grp.transform("mean")
eg["sd"] = grp.transform("std")
eg["min"] = grp.transform("min")
eg["max"] = grp.transform("max")
eg["count"] = grp.transform("count")
eg["total"] = grp.transform("sum")
eg["median"] = grp.transform(lambda s: pct(s.to_numpy(), 50))
eg["p25"] = grp.transform(lambda s: pct(s.to_numpy(), 25))
eg["rank"] = grp.rank(method="average")
eg["first"] = grp.transform(lambda s: s.iloc[0])
eg["lastnm"] = grp.transform("last")
eg.to_csv("egen_expected.csv", index=False, na_rep="NA", float_format="%.17g")

co = df.groupby(gkey, dropna=False).agg(
    mean=("x", "mean"), sum=("x", "sum"), sd=("x", "std"), min=("x", "min"), max=("x", "max"),
    count=("x", "count"), median=("x", lambda s: pct(s.to_numpy(), 50)), p10=("x", lambda s: pct(s.to_numpy(), 10)),
    first=("x", lambda s: s.iloc[0]), firstnm=("x", "first"), ymean=("y", "mean"))
co.index.name = "g"
co.to_csv("collapse_expected.csv", na_rep="NA", float_format="%.17g")

# summarize, detail of x
v = df["x"].to_numpy()
v = v[~np.isnan(v)]
m = v.mean()
d = v - m
m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
summ = {"N": len(v), "mean": m, "sd": v.std(ddof=1), "min": v.min(), "max": v.max(),
        "variance": v.var(ddof=1), "skewness": m3 / m2**1.5, "kurtosis": m4 / m2**2, "sum": v.sum()}
for p in [1, 5, 10, 25, 50, 75, 90, 95, 99]:
    summ[f"p{p}"] = pct(v, p)
pd.Series(summ).to_csv("summarize_expected.csv", header=["value"], index_label="stat", float_format="%.17g")

# merge m:1 on g against a table of regions ("a", "b", "d"; "d" matches nothing)
regions = pd.DataFrame({"g": ["a", "b", "d"], "region": ["East", "West", "North"], "pop": [10.5, 20.25, 3.0]})
regions.to_csv("regions.csv", index=False)
mg = df.merge(regions, on="g", how="outer", indicator=True)
counts = mg["_merge"].value_counts()
pd.DataFrame({"result": ["left_only", "right_only", "both"],
              "n": [counts["left_only"], counts["right_only"], counts["both"]]}).to_csv("merge_expected.csv", index=False)

# reshape wide of x: id by year
wide = df.pivot(index="id", columns="year", values="x")
wide.columns = [f"x{c}" for c in wide.columns]
wide.to_csv("wide_expected.csv", na_rep="NA", float_format="%.17g")

# winsorize x at p5/p95 (winsor2 cuts(5 95)), overall
lo, hi = pct(df["x"].to_numpy(), 5), pct(df["x"].to_numpy(), 95)
pd.DataFrame({"x_w": df["x"].clip(lo, hi)}).to_csv("winsor_expected.csv", index=False, na_rep="NA", float_format="%.17g")

# tabulate g (missing excluded)
df["g"].value_counts().sort_index().to_csv("tab_expected.csv")
print("pandas", pd.__version__, "numpy", np.__version__, "rows", n)
