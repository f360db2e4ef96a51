"""Stata .dta fixtures written by pandas (DataFrame.to_stata), for lib/frame's
ReadDTA tests. Run once: /work/venvs/frame/bin/python make_dta.py
Writes pandas_<version>.dta for versions 114, 117, 118, 119 and the values
pandas reads back from each as pandas_<version>_expected.csv (missing = NA).
"""
import numpy as np
import pandas as pd

def frame(unicode):
    city = ["Beijing", "Zürich", "", "Tianjin", "Hebei"]
    if unicode:
        city = ["北京", "Zürich", "", "天津", "河北"]
    df = pd.DataFrame({
        "id": np.array([1, 2, 3, 4, 5], dtype=np.int8),
        "year": np.array([2001, 2002, -32000, 2004, 32000], dtype=np.int16),
        "pop": np.array([100000, -2000000000, 3, 2000000000, 7], dtype=np.int32),
        "gdp": np.array([1.5, np.nan, 2.25, -1e300, 3.0], dtype=np.float64),
        "share": np.array([0.1, 0.25, np.nan, 1.5, -2.0], dtype=np.float32),
        "city": city,
        "region": np.array([1, 2, 1, 3, 2], dtype=np.int8),
        "small": pd.array([1, None, 3, None, 5], dtype="Int16"),
    })
    return df

labels = {"id": "City identifier", "gdp": "GDP (100 million yuan)", "share": "Share of services", "city": "City name"}
for version in (114, 117, 118, 119):
    df = frame(version >= 118)
    if version < 118:
        labels_v = dict(labels)
    else:
        labels_v = dict(labels, gdp="地区生产总值 (亿元)")
    df.to_stata(f"pandas_{version}.dta", write_index=False, version=version,
                variable_labels=labels_v, value_labels={"region": {1: "East", 2: "Central", 3: "West"}},
                data_label="econb fixture")
    back = pd.read_stata(f"pandas_{version}.dta", convert_categoricals=False)
    back.to_csv(f"pandas_{version}_expected.csv", index=False, na_rep="NA", float_format="%.17g")
    print(version, back.dtypes.to_dict())
print("pandas", pd.__version__)
