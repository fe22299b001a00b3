#!/usr/bin/env bash
# HTTP benchmark: GET /api/v1/me with a bearer token, release build, on SQLite
# and on a throwaway PostgreSQL, loopback only. Prints one line per database:
#
#   sqlite: 12345 req/s, p99 4.21 ms
#   postgres: 9876 req/s, p99 7.80 ms
#
# Knobs: BENCH_SKIP_BUILD=1 (use the existing release binary), BENCH_BIN=path
# (benchmark that binary), BENCH_DURATION=30s, BENCH_CONNECTIONS=64,
# BENCH_THREADS=2, BENCH_DATABASES="sqlite postgres", BENCH_VERBOSE=1 (show
# wrk's whole output).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export WANJIA_ROOT="$ROOT"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/deps.sh
source "$ROOT/scripts/lib/deps.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/server.sh
source "$ROOT/scripts/lib/server.sh"

DURATION=${BENCH_DURATION:-30s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
DATABASES=${BENCH_DATABASES:-sqlite postgres}

RUN_DIR=$(mktemp -d -t wanjia-bench.XXXXXX)
RESULTS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  server_stop >/dev/null 2>&1
  pg_stop
  rm -rf "$RUN_DIR"
  if ((${#RESULTS[@]})); then
    echo
    echo "==== bench/http.sh: GET /api/v1/me, wrk -t$THREADS -c$CONNECTIONS -d$DURATION ===="
    printf '%s\n' "${RESULTS[@]}"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_apt_packages wrk curl postgresql

if [[ -n ${BENCH_BIN:-} ]]; then
  BIN=$BENCH_BIN
else
  if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    log "swift build -c release (the first one takes a while)"
    timeout -k 30 3600 swift build -c release
  fi
  BIN="$(swift build -c release --show-bin-path)/wanjia"
fi
[[ -x $BIN ]] || die "no release binary at $BIN"

export WANJIA_DEMO_PASSWORD
WANJIA_DEMO_PASSWORD=$(random_secret)

# to_ms VALUE_WITH_UNIT: wrk prints 850.00us, 1.23ms, 2.00s, 1.00m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0) { exit 1 }
    printf "%.2f", n * f
  }'
}

bench_one() { # bench_one LABEL [VAR=VALUE ...]
  local label=$1
  shift
  server_start "$BIN" "$RUN_DIR/server-$label.log" LOG_LEVEL=warning "$@"
  server_wait_ready 60

  local token body
  body=$(printf '{"username":"admin","password":"%s","name":"bench"}' "$WANJIA_DEMO_PASSWORD")
  token=$(curl -sS --fail-with-body --max-time 10 -H 'Content-Type: application/json' \
    -d "$body" "$SERVER_URL/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') ||
    die "$label: could not get a token from POST /api/v1/tokens"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer $token" "$SERVER_URL/api/v1/me")
  [[ $code == 200 ]] || die "$label: GET /api/v1/me with the token gave HTTP $code"

  log "$label: warm-up (3 s)"
  timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Authorization: Bearer $token" \
    "$SERVER_URL/api/v1/me" >/dev/null
  log "$label: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $SERVER_URL/api/v1/me"
  local out="$RUN_DIR/wrk-$label.txt"
  timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -H "Authorization: Bearer $token" "$SERVER_URL/api/v1/me" >"$out"
  [[ ${BENCH_VERBOSE:-0} == 1 ]] && cat "$out" >&2

  local rps p99_raw p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p99_raw=$(awk '$1 == "99%" { print $2 }' "$out")
  [[ -n $rps && -n $p99_raw ]] || {
    cat "$out" >&2
    die "$label: could not parse wrk's output"
  }
  p99=$(to_ms "$p99_raw") || die "$label: unknown latency unit in $p99_raw"
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  if [[ -n $non2xx && $non2xx != 0 ]]; then
    cat "$out" >&2
    die "$label: $non2xx responses were not 2xx; the numbers would be meaningless"
  fi
  if grep -q 'Socket errors' "$out"; then
    warn "$label: $(grep 'Socket errors' "$out" | sed 's/^ *//')"
  fi
  RESULTS+=("$label: $rps req/s, p99 $p99 ms")
  log "${RESULTS[-1]}"
  server_stop
}

for db in $DATABASES; do
  case $db in
  sqlite)
    bench_one sqlite
    ;;
  postgres)
    PG_DURABLE=1 pg_start
    url=$(pg_create_db wanjia_bench)
    bench_one postgres "DATABASE_URL=$url"
    pg_stop
    ;;
  *) die "unknown database in BENCH_DATABASES: $db" ;;
  esac
done
