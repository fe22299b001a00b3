#!/usr/bin/env python3
"""Generate survey respondents from a known ECSI-like structure (7 constructs, 24 indicators).

The structural model is the one of the issue (ECSI with a complaints construct):

    IMAG -> EXPE, IMAG -> SAT, IMAG -> LOY, EXPE -> QUAL, EXPE -> VAL, EXPE -> SAT,
    QUAL -> VAL, QUAL -> SAT, VAL -> SAT, SAT -> COMP, SAT -> LOY, COMP -> LOY

Latent variables follow standardised linear structural equations with the coefficients in
PATHS; each indicator is loading * latent + sqrt(1 - loading^2) * noise, mapped to the 1..10
response scale and rounded, as a 10-point satisfaction survey would record it.

Usage:
    make_data.py --rows 1000 --seed 7 --out data.csv [--model model.json] [--weights]

Deterministic for a given (rows, seed). --weights adds a positive case-weight column "w".
"""
import argparse
import json

import numpy as np

CONSTRUCTS = [
    ("IMAG", [0.80, 0.85, 0.75, 0.70, 0.78]),
    ("EXPE", [0.82, 0.76, 0.71]),
    ("QUAL", [0.84, 0.80, 0.78, 0.75, 0.82, 0.79, 0.73]),
    ("VAL", [0.88, 0.85]),
    ("SAT", [0.90, 0.86, 0.83]),
    ("COMP", [1.00]),
    ("LOY", [0.87, 0.72, 0.81]),
]
# (from, to, coefficient); constructs are listed in causal order.
PATHS = [
    ("IMAG", "EXPE", 0.55),
    ("IMAG", "SAT", 0.20),
    ("IMAG", "LOY", 0.25),
    ("EXPE", "QUAL", 0.60),
    ("EXPE", "VAL", 0.15),
    ("EXPE", "SAT", 0.10),
    ("QUAL", "VAL", 0.55),
    ("QUAL", "SAT", 0.25),
    ("VAL", "SAT", 0.35),
    ("SAT", "COMP", 0.50),
    ("SAT", "LOY", 0.45),
    ("COMP", "LOY", 0.15),
]


def indicator_names():
    return [f"{name.lower()}{k + 1}" for name, loadings in CONSTRUCTS for k in range(len(loadings))]


def model_json():
    return {
        "constructs": [
            {"name": name, "indicators": [f"{name.lower()}{k + 1}" for k in range(len(loadings))], "mode": "A"}
            for name, loadings in CONSTRUCTS
        ],
        "paths": [[f, t] for f, t, _ in PATHS],
    }


def generate(rows, seed, weights=False):
    rng = np.random.default_rng(seed)
    names = [c for c, _ in CONSTRUCTS]
    eta = {}
    for name in names:
        preds = [(f, b) for f, t, b in PATHS if t == name]
        if not preds:
            eta[name] = rng.standard_normal(rows)
            continue
        systematic = sum(b * eta[f] for f, b in preds)
        # Residual variance chosen so the latent variable has unit variance.
        resid = max(1.0 - float(np.var(systematic)), 0.05)
        eta[name] = systematic + np.sqrt(resid) * rng.standard_normal(rows)
        eta[name] = (eta[name] - eta[name].mean()) / eta[name].std()
    columns = []
    for name, loadings in CONSTRUCTS:
        for lam in loadings:
            noise = rng.standard_normal(rows)
            z = lam * eta[name] + np.sqrt(max(1.0 - lam * lam, 0.0)) * noise
            if lam >= 1.0:  # single-item construct: still a noisy measurement
                z = 0.9 * eta[name] + np.sqrt(0.19) * noise
            x = np.clip(np.rint(6.0 + 1.7 * z), 1, 10).astype(np.int64)
            columns.append(x)
    data = np.column_stack(columns)
    w = rng.uniform(0.5, 2.0, rows) if weights else None
    return data, w


def write_csv(path, data, w=None):
    header = indicator_names() + (["w"] if w is not None else [])
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        if w is None:
            # Integers only: fast and exact.
            np.savetxt(f, data, fmt="%d", delimiter=",")
        else:
            for row, wi in zip(data, w):
                f.write(",".join(str(int(v)) for v in row) + f",{wi:.6f}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", help="also write the model JSON for `wanjia analyze csi --model`")
    ap.add_argument("--weights", action="store_true", help="add a case-weight column 'w'")
    args = ap.parse_args()
    data, w = generate(args.rows, args.seed, args.weights)
    write_csv(args.out, data, w)
    if args.model:
        with open(args.model, "w") as f:
            json.dump(model_json(), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
