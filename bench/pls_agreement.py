#!/usr/bin/env python3
"""Largest |difference| of R² (and path coefficients) between wanjia's and Python's JSON.

    pls_agreement.py SWIFT.json PYTHON.json   ->  prints "R2 <max diff> paths <max diff>"
"""
import json
import sys

with open(sys.argv[1]) as f:
    swift = json.load(f)
with open(sys.argv[2]) as f:
    python = json.load(f)
r2 = max(abs(swift["rSquared"][k] - v) for k, v in python["rSquared"].items())
paths = max(abs(swift["paths"][a][b] - v) for a, row in python["paths"].items() for b, v in row.items())
print(f"R2 {r2:.2e} paths {paths:.2e}")
