"""Time gen y = a*b + log(c) (and y = a*b + c) at 2,000,000 rows in polars and pandas.

The peer measurement of lib/expr's BenchmarkGenerate (see README.md). Run with
the venv of the README (polars 1.31.0, pandas 2.3.1, numpy 2.3.1):

    python peers.py [reps]

Prints one line per library: the median and minimum wall time of `reps`
evaluations, and the process CPU time (all threads) per evaluation, in
milliseconds. Data: a, b uniform on [0, 1), c on [1, 2),
seed 20260501 (the values do not affect the timing).
"""
import sys
import time

import numpy as np
import pandas as pd
import polars as pl

N = 2_000_000
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
rng = np.random.default_rng(20260501)
a, b, c = rng.random(N), rng.random(N), 1 + rng.random(N)

pdf = pd.DataFrame({"a": a, "b": b, "c": c})
plf = pl.DataFrame({"a": a, "b": b, "c": c})


def polars_gen():
    return plf.with_columns((pl.col("a") * pl.col("b") + pl.col("c").log()).alias("y"))


def pandas_gen():
    out = pdf.copy(deep=False)
    out["y"] = pdf["a"] * pdf["b"] + np.log(pdf["c"])
    return out


def polars_arith():
    return plf.with_columns((pl.col("a") * pl.col("b") + pl.col("c")).alias("y"))


def pandas_arith():
    out = pdf.copy(deep=False)
    out["y"] = pdf["a"] * pdf["b"] + pdf["c"]
    return out


def pandas_eval():
    out = pdf.copy(deep=False)
    out["y"] = pdf.eval("a * b + log(c)")
    return out


for name, fn in [("polars with_columns", polars_gen), ("pandas column ops", pandas_gen), ("pandas eval", pandas_eval),
                 ("polars a*b+c", polars_arith), ("pandas a*b+c", pandas_arith)]:
    fn()  # warm up
    ts = []
    c0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    cpu = (time.process_time() - c0) * 1e3 / reps
    ts.sort()
    print(f"{name.replace(' ', '_'):22s} median {ts[len(ts)//2]:8.2f} ms  min {ts[0]:8.2f} ms  cpu {cpu:8.2f} ms/op")
