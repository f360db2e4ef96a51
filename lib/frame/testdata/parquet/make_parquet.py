"""A Parquet file written by polars (dictionary-encoded strings, nulls, int32,
float32, bool) for lib/frame's ReadParquet test, and the values polars reads
back as CSV. Run once: /work/venvs/frame/bin/python make_parquet.py"""
import polars as pl
df = pl.DataFrame({
    "id": pl.Series([1, 2, 3, None, 5], dtype=pl.Int32),
    "x": pl.Series([1.5, None, -2.25, 1e300, 0.1], dtype=pl.Float64),
    "f32": pl.Series([0.1, 0.5, None, 2.0, -1.0], dtype=pl.Float32),
    "city": ["北京", "Zürich", None, "北京", "Hebei"],
    "flag": [True, False, None, True, False],
})
df.write_parquet("polars.parquet", use_pyarrow=False, statistics=True)
back = pl.read_parquet("polars.parquet").with_columns(pl.col("f32").cast(pl.Float64), pl.col("flag").cast(pl.Int64))
back.write_csv("polars_expected.csv", null_value="NA", float_precision=None)
print("polars", pl.__version__)
print(back)
