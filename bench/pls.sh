#!/usr/bin/env bash
# PLS benchmark: `wanjia analyze csi --json` against Python plspm 0.5.7 on generated ECSI-like
# survey data (7 constructs, 24 indicators; reference/make_data.py), release build. For each size
# it times the whole process on both sides (Swift: read CSV, estimate, index, IPMA, quality,
# HTMT, print JSON; Python: pandas.read_csv, standardise, plspm fit, same settings), checks that
# R² agree, and reports the Swift peak RSS as a multiple of the data held as Double
# (rows × 24 × 8 bytes). Then it times 1,000 bootstrap resamples on 1,000 respondents.
#
# Measured 2026-11-23 (commit 03bd538, 2 cores shared with another build, so absolute times
# are inflated; the ratio is what counts):
#
#   pls 100000: swift 0.34 s, python 15.67 s, python/swift 46.1x; max |diff| R2 7.77e-16 paths 7.22e-16; swift peak 54 MB = 3.0x data as Double (18 MB)
#   pls 1000000: swift 2.8 s, python 77.32 s, python/swift 27.6x; max |diff| R2 1.94e-14 paths 1.50e-15; swift peak 281 MB = 1.5x data as Double (183 MB)
#   bootstrap 1000 resamples on 1000 respondents: 0.52 s (peak 31 MB)
#
# After one tabular reader (2026-12-04, load average about 2.5; main's binary in the
# same run for comparison):
#   pls 100000: swift 0.09 s, python 4.72 s, 52.4x (main: 0.1 s, 3.24 s, 32.4x); peak 56 MB = 3.1x
#   pls 1000000: swift 0.62 s, python 19.9 s, 32.1x (main: 0.64 s, 23.31 s, 36.4x); peak 283 MB = 1.5x
#   reading 1M rows (WANJIA_ANALYZE_TIMING, best of 6 alternating runs): 0.472 s (main 0.475 s)
#
# Again after the outage and reliability features (2026-12-06, load average about 1.5):
#   pls 100000: swift 0.06 s, python 3.56 s, 59.3x; max |diff| R2 4.44e-16 paths 8.33e-16; peak 56 MB
#   pls 1000000: swift 0.5 s, python 20.84 s, 41.7x; max |diff| R2 3.11e-15 paths 1.11e-15; peak 283 MB
#   bootstrap 1000 resamples on 1000 respondents: 0.11 s (peak 32 MB)
#
# At 100,000 rows most of the Swift peak is the process itself (~32 MB for `analyze` on ten
# rows); WANJIA_ANALYZE_TIMING=1 prints the stage times (read CSV, estimate, …) on stderr.
#
# Needs reference/.venv (python3 -m venv reference/.venv && reference/.venv/bin/pip install -r
# reference/requirements.txt). Knobs: BENCH_SKIP_BUILD=1 (use the existing release binary),
# BENCH_BIN=path, BENCH_SIZES="100000 1000000", BENCH_SKIP_PYTHON=1, BENCH_BOOTSTRAP=1000,
# BENCH_KEEP=1 (keep the generated files; printed at the end).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/reference/.venv/bin/python"
[ -x "$PY" ] || { echo "ERROR: $PY missing; create reference/.venv first (see reference/README.md)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "ERROR: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

SIZES=${BENCH_SIZES:-100000 1000000}
BOOT=${BENCH_BOOTSTRAP:-1000}
BIN=${BENCH_BIN:-}
if [ -z "$BIN" ]; then
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "==> swift build -c release --product wanjia" >&2
    swift build -c release --product wanjia >&2
  fi
  BIN="$(swift build -c release --show-bin-path)/wanjia"
fi
[ -x "$BIN" ] || { echo "ERROR: no binary at $BIN" >&2; exit 1; }

WORK=$(mktemp -d -t wanjia-pls-bench.XXXXXX)
if [ "${BENCH_KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
export LOG_LEVEL=error

# elapsed seconds and peak RSS (kB) of a command, from GNU time -v
timed() {
  local log=$1; shift
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { echo "ERROR: $* failed:" >&2; tail -5 "$log" >&2; exit 1; }
}
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
peak_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

"$PY" reference/make_data.py --rows 10 --out "$WORK/tiny.csv" --model "$WORK/model.json"
for n in $SIZES; do
  data="$WORK/ecsi_$n.csv"
  echo "==> generating $n respondents" >&2
  "$PY" reference/make_data.py --rows "$n" --seed 20240601 --out "$data"
  timed "$WORK/swift_$n.time" sh -c "\"$BIN\" analyze csi --data \"$data\" --model \"$WORK/model.json\" --json > \"$WORK/swift_$n.json\""
  ts=$(seconds "$WORK/swift_$n.time")
  kb=$(peak_kb "$WORK/swift_$n.time")
  ratio_mem=$(awk -v kb="$kb" -v n="$n" 'BEGIN { printf "%.1f", kb * 1024 / (n * 24 * 8) }')
  line="pls $n: swift ${ts} s"
  if [ "${BENCH_SKIP_PYTHON:-0}" != 1 ]; then
    timed "$WORK/python_$n.time" "$PY" bench/pls_python.py "$data" "$WORK/model.json" "$WORK/python_$n.json"
    tp=$(seconds "$WORK/python_$n.time")
    ratio=$(awk -v a="$tp" -v b="$ts" 'BEGIN { printf "%.1f", a / b }')
    agreement=$("$PY" bench/pls_agreement.py "$WORK/swift_$n.json" "$WORK/python_$n.json")
    line="$line, python ${tp} s, python/swift ${ratio}x; max |diff| $agreement"
  fi
  echo "$line; swift peak $((kb / 1024)) MB = ${ratio_mem}x data as Double ($(awk -v n="$n" 'BEGIN { printf "%.0f", n * 24 * 8 / 1048576 }') MB)"
done

"$PY" reference/make_data.py --rows 1000 --seed 7 --out "$WORK/boot.csv"
timed "$WORK/boot.time" sh -c "\"$BIN\" analyze csi --data \"$WORK/boot.csv\" --model \"$WORK/model.json\" --bootstrap $BOOT --seed 1 --json > \"$WORK/boot.json\""
echo "bootstrap $BOOT resamples on 1000 respondents: $(seconds "$WORK/boot.time") s (peak $(( $(peak_kb "$WORK/boot.time") / 1024 )) MB)"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "files kept in $WORK" >&2; fi
