import sys, time
lib, path = sys.argv[1], sys.argv[2]
if lib == "polars":
    import polars as pl
    t = time.perf_counter()
    df = pl.read_parquet(path) if path.endswith(".parquet") else pl.read_csv(path, null_values=["NA", ".", ""])
else:
    import pandas as pd
    t = time.perf_counter()
    df = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
print(f"{lib} read {path.rsplit('.',1)[1]} {time.perf_counter()-t:.3f} s shape {df.shape}")
