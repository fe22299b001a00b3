#!/usr/bin/env python3
"""Compares the reliability report of `wanjia reliability compute --json` with the pandas one
(bench/reliability_pandas.py): every number the pandas side computes must agree within 1e-9 and
the Major Event Days must be the same. Prints the largest difference; exits 1 on disagreement.

usage: reliability_agreement.py SWIFT.json PANDAS.json"""
import json
import sys

TOLERANCE = 1e-9


def day(value):
    if isinstance(value, dict):
        return f"{value['year']:04d}-{value['month']:02d}-{value['day']:02d}"
    return value


def main():
    swift = json.load(open(sys.argv[1]))["report"]
    pandas = json.load(open(sys.argv[2]))["report"]
    worst = 0.0
    problems = []

    def walk(path, p, s):
        nonlocal worst
        if isinstance(p, dict):
            for key, value in p.items():
                walk(f"{path}.{key}", value, (s or {}).get(key))
        elif path.endswith("majorEventDays"):
            if sorted(map(day, s or [])) != p:
                problems.append(f"{path}: swift {s} pandas {p}")
        elif p is None:
            if s is not None:
                problems.append(f"{path}: swift {s} pandas none")
        else:
            if s is None:
                problems.append(f"{path}: swift none pandas {p}")
                return
            diff = abs(float(p) - float(s))
            worst = max(worst, diff)
            if diff > TOLERANCE:
                problems.append(f"{path}: swift {s!r} pandas {p!r}")

    walk("report", pandas, swift)
    if problems:
        print("DISAGREE: " + "; ".join(problems[:20]))
        sys.exit(1)
    print(f"{worst:.2e}")


if __name__ == "__main__":
    main()
