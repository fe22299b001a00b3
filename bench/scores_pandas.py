#!/usr/bin/env python3
"""The pandas baseline of bench/surveys.sh: 满意度 and 满意率 per unit x module x segment from a
results file (docs/results-format.md), written the way an analyst would: read_csv, map the codes
to scale values with numpy, each respondent's mean per module, one group-by over the sums.

    scores_pandas.py responses.csv out.json

Prints nothing; out.json holds {"cells": [{unit, module, segment, n, mean, satisfactionRate}]}.
"""

import json
import sys

import numpy as np
import pandas as pd

VALUE = np.array([np.nan, 0.0, 40.0, 60.0, 80.0, 100.0])  # five-point scale, SV-SCALE


def main(path, out):
    df = pd.read_csv(path, dtype={"unit_code": "category", "segment": "category", "weight": "float64"})
    items = [c for c in df.columns if c.startswith("m.")]
    modules = list(dict.fromkeys(c.split(".")[1] for c in items))
    w = df["weight"].to_numpy()
    sums = {}
    for m in modules:
        codes = df[[c for c in items if c.split(".")[1] == m]].to_numpy(dtype="float64")
        answered = ~np.isnan(codes)
        idx = np.where(answered, codes, 0).astype(np.int64)
        values = np.where(answered, VALUE[idx], 0.0)
        top = answered & (codes >= 3)
        # One respondent counts once per module: their mean over the items they answered.
        count = answered.sum(axis=1)
        used = count > 0
        per = np.where(used, count, 1)
        sums[f"{m}|n"] = used.astype(np.int64)
        sums[f"{m}|sw"] = used * w
        sums[f"{m}|swx"] = values.sum(axis=1) / per * w
        sums[f"{m}|swt"] = top.sum(axis=1) / per * w
    frame = pd.DataFrame(sums)
    frame["unit_code"] = df["unit_code"]
    frame["segment"] = df["segment"]
    grouped = frame.groupby(["unit_code", "segment"], observed=True).sum()
    cells = []
    for (unit, segment), row in grouped.iterrows():
        for m in modules:
            if row[f"{m}|n"] == 0:
                continue
            cells.append({
                "unit": unit, "module": m, "segment": segment, "n": int(row[f"{m}|n"]),
                "mean": row[f"{m}|swx"] / row[f"{m}|sw"], "satisfactionRate": row[f"{m}|swt"] / row[f"{m}|sw"],
            })
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"cells": cells}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
