#!/usr/bin/env python3
"""Compare `wanjia survey score-file --json` with an independent pandas computation.

A results file (docs/results-format.md) is generated with varied answers, design weights, three
segments and a skipped module for some respondents. pandas scores it the way a statistician
would: each respondent's module score is the mean of their answered items, the cell's 满意度 is
the weighted mean of respondent scores, 满意率 the weighted mean of each respondent's top-box
share, n the respondents, and the 95 % interval mean ± 1.959964 × √(s² / n_eff) with the
weighted variance between respondents (n/(n−1) corrected) and Kish's n_eff = (Σw)²/Σw².
Every cell must agree to 1e-9: n, effective n, mean, rate and both interval bounds.

Prints one line per check and finally `scores: N passed, 0 failed`; exits non-zero on failure.
Environment: WANJIA_BIN (default .build/debug/wanjia), run from the repository root.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODULES = ["stability", "safety", "billing", "businessHandling", "hall", "hotline95598", "communication", "problemHandling"]
VALUE = {1: 0.0, 2: 40.0, 3: 60.0, 4: 80.0, 5: 100.0}
Z = 1.959964


def make_file(path, rows=3000, seed=20261204):
    rng = np.random.default_rng(seed)
    items = [f"m.{m}.{i}" for m in MODULES for i in (1, 2, 3)]
    data = {
        "unit_code": rng.choice(["QH-LC-S1", "QH-LC-S2", "QH-NF-S1"], rows),
        "segment": rng.choice(["residential", "commercial", "industrial"], rows, p=[0.7, 0.2, 0.1]),
        "weight": np.round(rng.uniform(0.5, 6.0, rows), 3),
    }
    for m in MODULES:
        skipped = rng.random(rows) < (0.3 if m in ("hall", "businessHandling") else 0.05)
        for i in (1, 2, 3):
            codes = rng.choice([1, 2, 3, 4, 5], rows, p=[0.05, 0.1, 0.25, 0.35, 0.25]).astype(object)
            codes[skipped] = ""
            data[f"m.{m}.{i}"] = codes
    pd.DataFrame(data)[["unit_code", "segment", "weight"] + items].to_csv(path, index=False)


def pandas_cells(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    w = df["weight"].astype(float)
    cells = {}
    for m in MODULES:
        cols = [f"m.{m}.{i}" for i in (1, 2, 3)]
        codes = df[cols].replace("", np.nan).astype(float)
        values = codes.apply(lambda c: c.map(VALUE))
        answered = codes.notna().sum(axis=1)
        per = pd.DataFrame({
            "unit": df["unit_code"], "segment": df["segment"], "w": w,
            "score": values.sum(axis=1) / answered, "share": (codes >= 3).sum(axis=1) / answered,
        })[answered > 0]
        for (unit, segment), g in per.groupby(["unit", "segment"]):
            sw, n = g["w"].sum(), len(g)
            mean = (g["w"] * g["score"]).sum() / sw
            rate = (g["w"] * g["share"]).sum() / sw
            n_eff = sw**2 / (g["w"] ** 2).sum()

            def half(x, centre):
                if n < 2:
                    return 0.0
                var = max(0.0, (g["w"] * x**2).sum() / sw - centre**2) * n / (n - 1)
                return Z * np.sqrt(var / n_eff)

            hm, hr = half(g["score"], mean), half(g["share"], rate)
            cells[(unit, m, segment)] = {
                "n": n, "effectiveN": n_eff, "mean": mean, "meanCI": [mean - hm, mean + hm],
                "satisfactionRate": rate, "rateCI": [max(0.0, rate - hr), min(1.0, rate + hr)],
            }
    return cells


def wanjia_cells(path):
    binary = os.environ.get("WANJIA_BIN") or os.path.join(ROOT, ".build", "debug", "wanjia")
    proc = subprocess.run([binary, "survey", "score-file", "--data", path, "--json"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"compare_scores: wanjia failed: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout)
    return {(c["unit"], c["module"], c["segment"]): c["score"] for c in out["cells"]}


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "results.csv")
        make_file(path)
        ours, theirs = wanjia_cells(path), pandas_cells(path)
    if ours.keys() != theirs.keys():
        print(f"FAIL cells differ: {sorted(ours.keys() ^ theirs.keys())[:5]}")
        return 1
    for key in sorted(theirs):
        a, b = ours[key], theirs[key]
        problems = []
        if a["n"] != b["n"]:
            problems.append(f"n {a['n']} vs {b['n']}")
        for field in ("effectiveN", "mean", "satisfactionRate"):
            if abs(a[field] - b[field]) > 1e-9 * max(1.0, abs(b[field])):
                problems.append(f"{field} {a[field]} vs {b[field]}")
        for field in ("meanCI", "rateCI"):
            if any(abs(x - y) > 1e-9 * max(1.0, abs(y)) for x, y in zip(a[field], b[field])):
                problems.append(f"{field} {a[field]} vs {b[field]}")
        if problems:
            failed += 1
            print(f"FAIL {key}: {'; '.join(problems)}")
        else:
            passed += 1
    print(f"scores: {passed} passed, {failed} failed (cells of unit x module x segment, n = respondents)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
