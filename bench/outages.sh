#!/usr/bin/env bash
# Outage notices benchmark (OUT-NOTICES), a ratio measured in one run: queuing the notices of one
# outage of BENCH_CUSTOMERS customers (default 50,000: the affected-customer rows and one outbox
# SMS each, through OutageNotices.queue, one multi-row INSERT per chunk) against a bare multi-row
# INSERT of the same outbox rows into the same database. Target: >= 0.5 of the bare rate.
# SQLite (a file, WAL, as a server runs) always; PostgreSQL too when PG_URL is set (`pg_start` of
# scripts/lib/postgres.sh, or any throwaway server: each run creates and drops its own database).
#
# Knobs: BENCH_CUSTOMERS=50000, BENCH_SKIP_BUILD=1 (use the existing test build).
#
# Real lines: see the end of this file once a run is recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then swift build --build-tests; fi
run() {
  WANJIA_BENCH_OUTAGES=1 BENCH_CUSTOMERS="${BENCH_CUSTOMERS:-50000}" "$@" swift test --skip-build --filter OutageBenchmark 2>&1 |
    grep -E "^outage notices|error|failed" || true
}
run env
if [ -n "${PG_URL:-}" ]; then run env TEST_DATABASE_URL="$PG_URL"; fi
