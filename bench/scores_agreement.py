#!/usr/bin/env python3
"""Compares `wanjia survey score-file --json` with bench/scores_pandas.py's output: same cells, same
n, and the largest differences of 满意度 and 满意率. Prints "N cells, n equal, max relative
diff mean X, rate Y"; exits 1 when the cells or counts differ or a difference exceeds 1e-9.

    scores_agreement.py wanjia.json pandas.json
"""

import json
import sys


def rel(a, b):
    """Relative difference; sums of a million weighted answers differ in the last digits when added
    in another order."""
    return abs(a - b) / max(abs(b), 1e-300)


def main(ours_path, theirs_path):
    with open(ours_path, encoding="utf-8") as f:
        ours = {(c["unit"], c["module"], c["segment"]): c["score"] for c in json.load(f)["cells"]}
    with open(theirs_path, encoding="utf-8") as f:
        theirs = {(c["unit"], c["module"], c["segment"]): c for c in json.load(f)["cells"]}
    if ours.keys() != theirs.keys():
        print(f"cells differ: {len(ours.keys() - theirs.keys())} only in wanjia, "
              f"{len(theirs.keys() - ours.keys())} only in pandas")
        return 1
    bad_n = [k for k in ours if ours[k]["n"] != theirs[k]["n"]]
    d_mean = max(rel(ours[k]["mean"], theirs[k]["mean"]) for k in ours)
    d_rate = max(rel(ours[k]["satisfactionRate"], theirs[k]["satisfactionRate"]) for k in ours)
    print(f"{len(ours)} cells, n {'equal' if not bad_n else f'differs in {len(bad_n)}'}, "
          f"max relative diff mean {d_mean:.1e}, rate {d_rate:.1e}")
    return 1 if bad_n or d_mean > 1e-9 or d_rate > 1e-9 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
