#!/usr/bin/env bash
# Reliability benchmark (rules REL-…): `wanjia reliability compute --json` against the same
# computation in pandas (bench/reliability_pandas.py) on a generated county (a county unit and 40
# stations) with about 100,000 interruptions over six years (bench/reliability_data.py): the
# last year is the period, the five before it the Major Event Day history. Both sides time only
# the computation — from the loaded, typed records to the indices, the best of BENCH_REPEAT runs —
# and report the load separately (reading the CSV is not the question here). Every number must
# agree within 1e-9 (bench/reliability_agreement.py); the goal is Wanjia under 2x pandas' time.
#
# Needs reference/.venv with pandas (python3 -m venv reference/.venv && reference/.venv/bin/pip
# install -r reference/requirements.txt). Knobs: BENCH_SKIP_BUILD=1 (use the existing release
# binary), BENCH_BIN=path, BENCH_EVENTS=100000, BENCH_REPEAT=5, BENCH_KEEP=1.
#
# Release build, 2 cores, load average about 1.5 (2026-12-06):
#   reliability 95326 interruptions: wanjia 9.16 ms, pandas 7.92 ms, wanjia/pandas 1.16x (goal < 2x:
#   met); load wanjia 91 ms, pandas 785 ms; max |diff| 2.49e-14; MEDs 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${BENCH_PY:-$ROOT/reference/.venv/bin/python}"
[ -x "$PY" ] || { echo "ERROR: $PY missing; create reference/.venv first (see reference/README.md)" >&2; exit 1; }

EVENTS=${BENCH_EVENTS:-100000}
REPEAT=${BENCH_REPEAT:-5}
BIN=${BENCH_BIN:-}
if [ -z "$BIN" ]; then
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "==> swift build -c release --product wanjia" >&2
    swift build -c release --product wanjia >&2
  fi
  BIN="$(swift build -c release --show-bin-path)/wanjia"
fi
[ -x "$BIN" ] || { echo "ERROR: no binary at $BIN" >&2; exit 1; }

WORK=$(mktemp -d -t wanjia-reliability-bench.XXXXXX)
if [ "${BENCH_KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
export LOG_LEVEL=error
export WANJIA_DATA_DIR="$WORK/data"

echo "==> generating about $EVENTS interruptions" >&2
"$PY" bench/reliability_data.py --events "$EVENTS" --units "$WORK/units.csv" --out "$WORK/interruptions.csv"
FROM=2026-01-01
TO=2026-12-31
"$BIN" reliability compute --file "$WORK/interruptions.csv" --units "$WORK/units.csv" --from $FROM --to $TO --repeat "$REPEAT" --json \
  > "$WORK/swift.json"
"$PY" bench/reliability_pandas.py "$WORK/units.csv" "$WORK/interruptions.csv" $FROM $TO "$WORK/pandas.json" --repeat "$REPEAT"
agreement=$("$PY" bench/reliability_agreement.py "$WORK/swift.json" "$WORK/pandas.json")
"$PY" - "$WORK/swift.json" "$WORK/pandas.json" "$agreement" <<'PYEOF'
import json, sys
s, p = (json.load(open(x)) for x in sys.argv[1:3])
ratio = s["computeMilliseconds"] / p["computeMilliseconds"]
print(f"reliability {s['interruptions']} interruptions: wanjia {s['computeMilliseconds']:.2f} ms, pandas {p['computeMilliseconds']:.2f} ms, "
      f"wanjia/pandas {ratio:.2f}x (goal < 2x); load wanjia {s['loadMilliseconds']:.0f} ms, pandas {p['loadMilliseconds']:.0f} ms; "
      f"max |diff| {sys.argv[3]}; MEDs {len(p['report']['majorEventDays'])}")
PYEOF
[ "${BENCH_KEEP:-0}" = 1 ] && echo "files kept in $WORK" >&2 || true
