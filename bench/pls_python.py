#!/usr/bin/env python3
"""The Python side of bench/pls.sh: the whole job wanjia's `analyze csi --json` does for the
PLS estimate, in Python: pandas.read_csv, standardise each column (population SD), plspm 0.5.7
fit with scaled=False, path scheme and the same stopping rule as wanjia (tolerance 1e-7).

    pls_python.py DATA.csv MODEL.json OUT.json

Writes {"rSquared": {construct: value}, "paths": {from: {to: value}}, "iterations": null}.
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")

import pandas as pd  # noqa: E402
import plspm.config as c  # noqa: E402
from plspm.mode import Mode  # noqa: E402
from plspm.plspm import Plspm  # noqa: E402
from plspm.scheme import Scheme  # noqa: E402


def main():
    data_path, model_path, out_path = sys.argv[1:4]
    with open(model_path) as f:
        model = json.load(f)
    frame = pd.read_csv(data_path)
    indicators = [i for con in model["constructs"] for i in con["indicators"]]
    x = frame[indicators].astype(float)
    x = (x - x.mean()) / x.std(ddof=0)
    structure = c.Structure()
    for f, t in model["paths"]:
        structure.add_path([f], [t])
    config = c.Config(structure.path(), scaled=False)
    for con in model["constructs"]:
        config.add_lv(con["name"], Mode.A if con.get("mode", "A") == "A" else Mode.B, *[c.MV(i) for i in con["indicators"]])
    fit = Plspm(x, config, Scheme.PATH, iterations=300, tolerance=1e-7)
    inner = fit.inner_summary()
    paths = fit.path_coefficients()
    targets = {t for _, t in model["paths"]}
    out = {
        "rSquared": {n: float(inner.loc[n, "r_squared"]) for n in inner.index if n in targets},
        "paths": {},
    }
    for f, t in model["paths"]:
        out["paths"].setdefault(f, {})[t] = float(paths.loc[t, f])
    with open(out_path, "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
