# shellcheck shell=bash
# The parts of bench/workorders.sh (sourced by it): intake DB, scale DB. Each appends its result
# lines to RESULTS.

# to_ms VALUE_WITH_UNIT: wrk prints 850.00us, 1.23ms, 2.00s, 1.00m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) { exit 1 }
    printf "%.2f", n * f
  }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
below() { awk -v r="$1" -v t="$2" 'BEGIN { print (r < t) ? "met" : "MISSED" }'; }
at_least() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "met" : "MISSED" }'; }
now_ns() { date +%s%N; }
secs_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

# dbq DB SQL: one query on the current database (SQLite file DB_FILE, or PostgreSQL PG_NAME),
# rows as "a|b".
dbq() {
  case $1 in
  sqlite) sqlite3 -bail "$DB_FILE" "$2" ;;
  postgres) pg_psql -d "$PG_NAME" -At -F '|' -c "$2" ;;
  esac
}

# token USER: a bearer token for a demo user.
token() {
  local body
  body=$(printf '{"username":"%s","password":"%s","name":"bench"}' "$1" "$WANJIA_DEMO_PASSWORD")
  curl -sS --fail-with-body --max-time 10 -H 'Content-Type: application/json' -d "$body" "$SERVER_URL/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# The Lua script wrk posts with: repairs and complaints in turn, each a new customer.
write_lua() { # write_lua FILE TOKEN UNIT_ID
  cat >"$1" <<EOF
local n = 0
local thread_id = math.random(1, 1000000)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $2"
request = function()
  n = n + 1
  local account = string.format("09%08d", (thread_id * 7919 + n) % 100000000)
  local phone = string.format("139%08d", (thread_id * 7919 + n) % 100000000)
  local customer = '"customer":{"account":"' .. account .. '","name":"张先生","phone":"' .. phone .. '","address":"清河市人民路8号"}'
  local body
  if n % 2 == 0 then
    body = '{"type":"faultRepair","channel":"phone95598","area":"urban","unitId":"$3",' .. customer .. ',"content":"家中停电，邻居也没电"}'
  else
    body = '{"type":"complaint","channel":"phone95598","area":"rural","unitId":"$3",' .. customer ..
      ',"content":"抄表员态度恶劣","complaint":{"category":"conduct","item":"conduct.attitude","attitude":"agitated","severity":"general"}}'
  end
  return wrk.format(nil, "/api/v1/work-orders", nil, body)
end
EOF
}

intake() { # intake sqlite|postgres
  local db=$1 extra=() url=""
  if [[ $db == postgres ]]; then
    PG_DURABLE=1 pg_start
    PG_NAME=wanjia_wo_intake
    url=$(pg_create_db "$PG_NAME")
    extra=("DATABASE_URL=$url")
  fi
  # Our own data folder: server_stop would delete one it made, and the baseline needs the file.
  mkdir -p "$WORK/intake-$db"
  server_start "$BIN" "$WORK/intake-$db.log" LOG_LEVEL=warning "WANJIA_DATA_DIR=$WORK/intake-$db" "${extra[@]}"
  server_wait_ready 180
  DB_FILE="$WORK/intake-$db/wanjia.sqlite"
  local tok unit code
  tok=$(token agent) || die "$db: no token for the agent"
  unit=$(dbq "$db" "SELECT id FROM units WHERE code = 'QH-LC'")
  [[ -n $unit ]] || die "$db: no county QH-LC in the demo"
  write_lua "$WORK/post.lua" "$tok" "$unit"
  code=$(curl -s -o "$WORK/first.json" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/json' -d '{"type":"faultRepair","channel":"web","area":"urban","unitId":"'"$unit"'",
    "customer":{"account":"0100000001","name":"李女士","phone":"13900000001","address":"清河市建设路1号"},"content":"停电"}' \
    "$SERVER_URL/api/v1/work-orders")
  [[ $code == 201 || $code == 200 ]] || die "$db: POST /api/v1/work-orders gave HTTP $code: $(head -c 300 "$WORK/first.json")"

  log "$db: warm-up (3 s), then wrk -t$THREADS -c$CONNECTIONS -d$DURATION POST /api/v1/work-orders"
  timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/post.lua" "$SERVER_URL" >/dev/null
  local out="$WORK/wrk-$db.txt"
  timeout 900 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$WORK/post.lua" "$SERVER_URL" >"$out"
  [[ ${BENCH_VERBOSE:-0} == 1 ]] && cat "$out" >&2
  local rps p99_raw p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p99_raw=$(awk '$1 == "99%" { print $2 }' "$out")
  [[ -n $rps && -n $p99_raw ]] || {
    cat "$out" >&2
    die "$db: could not parse wrk's output"
  }
  p99=$(to_ms "$p99_raw") || die "$db: unknown latency unit in $p99_raw"
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  if [[ -n $non2xx && $non2xx != 0 ]]; then
    cat "$out" "$SERVER_LOG" | tail -40 >&2
    die "$db: $non2xx responses were not 2xx; the numbers would be meaningless"
  fi
  grep -q 'Socket errors' "$out" && warn "$db: $(grep 'Socket errors' "$out" | sed 's/^ *//')"
  one_at_a_time "$db" "$tok"
  server_stop

  local direct what same
  if [[ $db == sqlite ]]; then
    log "sqlite: direct inserts for $SECONDS_RUN s (bench/wo_baseline.py sqlite)"
    read -r direct _ what < <(python3 bench/wo_baseline.py sqlite "$DB_FILE" --seconds "$SECONDS_RUN")
    what="one INSERT per transaction, $what"
    log "sqlite: an intake's reads and rows done directly for $SECONDS_RUN s (bench/wo_baseline.py sqlite-intake)"
    read -r same _ < <(python3 bench/wo_baseline.py sqlite-intake "$DB_FILE" --seconds "$SECONDS_RUN")
  else
    dbq postgres "SELECT row_to_json(w) FROM work_orders w ORDER BY accepted_at DESC LIMIT 1" >"$WORK/row.json"
    python3 bench/wo_baseline.py pgbench-script "$WORK/row.json" >"$WORK/insert.sql"
    log "postgres: pgbench -c$CONNECTIONS -j$THREADS -T$SECONDS_RUN with the same INSERT"
    direct=$(pgbench_tps "$WORK/insert.sql" "$url")
    what="pgbench -c$CONNECTIONS, fsync on"
    dbq postgres "SELECT json_build_object(
      'token', (SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL LIMIT 1),
      'path', (SELECT n.path FROM work_orders w JOIN units n ON n.id = w.unit_id ORDER BY w.accepted_at DESC LIMIT 1),
      'work_orders', (SELECT row_to_json(r) FROM work_orders r ORDER BY accepted_at DESC LIMIT 1),
      'work_order_events', (SELECT row_to_json(r) FROM work_order_events r ORDER BY at DESC LIMIT 1),
      'audit_records', (SELECT row_to_json(r) FROM audit_records r ORDER BY at DESC LIMIT 1),
      'notifications', (SELECT row_to_json(r) FROM notifications r ORDER BY created_at DESC LIMIT 1))" >"$WORK/rows.json"
    python3 bench/wo_baseline.py pgbench-intake "$WORK/rows.json" >"$WORK/intake.sql"
    log "postgres: pgbench -c$CONNECTIONS -j$THREADS -T$SECONDS_RUN with an intake's reads and rows"
    same=$(pgbench_tps "$WORK/intake.sql" "$url")
    pg_stop
  fi
  local r
  r=$(ratio "$rps" "$direct")
  RESULTS+=("$db intake: POST /api/v1/work-orders $rps req/s, p99 $p99 ms; direct inserts $direct rows/s ($what); ratio $r (target >= 0.40: $(at_least "$r" 0.40); p99 < 50 ms: $(below "$p99" 50))")
  log "${RESULTS[-1]}"
  # For comparison only (not a target of the benchmark): the same work as an intake, done directly.
  RESULTS+=("$db intake vs the same reads and rows done directly: $same transactions/s; ratio $(ratio "$rps" "$same")")
  log "${RESULTS[-1]}"
}

# pgbench_tps SCRIPT URL: transactions per second of SCRIPT under pgbench with the bench's
# connections, threads and duration.
pgbench_tps() {
  local out="${1%.sql}-pgbench.txt"
  "$PG_BIN/pgbench" -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_RUN" -f "$1" "$2" >"$out" 2>&1 || {
    cat "$out" >&2
    die "pgbench with $1 failed"
  }
  awk '/^tps = / { printf "%.1f", $3; exit }' "$out"
}

# one_at_a_time DB TOKEN: median latency with one connection (no queueing) of an empty
# request, a read of three small queries and the intake, to show what the stack costs per query.
one_at_a_time() {
  local db=$1 auth="$WORK/auth.lua" line="" path median
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$2" >"$auth"
  for path in /healthz /api/v1/me; do
    median=$(timeout 60 wrk -t1 -c1 -d5s --latency -s "$auth" "$SERVER_URL$path" | awk '$1 == "50%" { print $2 }')
    line+="GET $path $(to_ms "$median") ms, "
  done
  median=$(timeout 60 wrk -t1 -c1 -d5s --latency -s "$WORK/post.lua" "$SERVER_URL" | awk '$1 == "50%" { print $2 }')
  RESULTS+=("$db one request at a time (wrk -c1, 5 s, median): ${line}POST /api/v1/work-orders $(to_ms "$median") ms")
  log "${RESULTS[-1]}"
}

# shellcheck source=bench/wo_scale.sh
source "$ROOT/bench/wo_scale.sh"
