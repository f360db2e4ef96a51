"""Time the frame verbs in polars and pandas on the bench panel (2,000,000 rows).
usage: python verbs.py polars|pandas FILE.parquet"""
import sys, time, gc
lib, path = sys.argv[1], sys.argv[2]

def timeit(name, fn):
    best = 1e9
    out = None
    for _ in range(3):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    print(f"{name:30s} {best:8.3f} s  ({len(out)} rows)")
    return out

if lib == "polars":
    import polars as pl
    t = time.perf_counter(); df = pl.read_parquet(path); print(f"read parquet {time.perf_counter()-t:.3f} s")
    using = timeit("collapse mean by id", lambda: df.group_by("id").agg(pl.col("x").mean().alias("xbar")).sort("id"))
    timeit("collapse mean+sum by id", lambda: df.group_by("id").agg(pl.col("x").mean().alias("xm"), pl.col("y").sum().alias("ys")).sort("id"))
    timeit("egen mean by id", lambda: df.with_columns(pl.col("x").mean().over("id").alias("xm")))
    timeit("merge m:1 (200k using)", lambda: df.join(using, on="id", how="full", coalesce=True).sort("id"))
    timeit("sort by x", lambda: df.sort("x", maintain_order=True, nulls_last=True))
    timeit("sort by year, x", lambda: df.sort(["year", "x"], maintain_order=True, nulls_last=True))
    long = df.select("id", "year", "y")
    wide = timeit("reshape wide y, i(id) j(year)", lambda: long.pivot(on="year", index="id", values="y").sort("id"))
    timeit("reshape long y, i(id) j(year)", lambda: wide.unpivot(index="id", variable_name="year", value_name="y").sort(["id", "year"]))
    timeit("generate z = x*w1 + w2", lambda: df.with_columns((pl.col("x") * pl.col("w1") + pl.col("w2")).alias("z")))
else:
    import pandas as pd
    t = time.perf_counter(); df = pd.read_parquet(path); print(f"read parquet {time.perf_counter()-t:.3f} s")
    using = timeit("collapse mean by id", lambda: df.groupby("id", sort=True)["x"].mean().rename("xbar").reset_index())
    timeit("collapse mean+sum by id", lambda: df.groupby("id", sort=True).agg(xm=("x", "mean"), ys=("y", "sum")).reset_index())
    timeit("egen mean by id", lambda: df.assign(xm=df.groupby("id")["x"].transform("mean")))
    timeit("merge m:1 (200k using)", lambda: df.merge(using, on="id", how="outer", indicator=True, validate="m:1", sort=True))
    timeit("sort by x", lambda: df.sort_values("x", kind="stable", na_position="last"))
    timeit("sort by year, x", lambda: df.sort_values(["year", "x"], kind="stable", na_position="last"))
    long = df[["id", "year", "y"]]
    wide = timeit("reshape wide y, i(id) j(year)", lambda: long.pivot(index="id", columns="year", values="y"))
    w2 = wide.copy(); w2.columns = [f"y{c}" for c in w2.columns]; w2 = w2.reset_index()
    timeit("reshape long y, i(id) j(year)", lambda: pd.wide_to_long(w2, "y", i="id", j="year").sort_index())
    timeit("generate z = x*w1 + w2", lambda: df.assign(z=df["x"] * df["w1"] + df["w2"]))
