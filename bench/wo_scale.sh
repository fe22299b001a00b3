# shellcheck shell=bash
# The scale part of bench/workorders.sh (sourced through bench/wo_lib.sh).

SCALE_NOW=""

# fresh_db DB LABEL: a copy of the seeded demo (SQLite: a data folder; PostgreSQL: a database
# the app migrates and seeds itself). Sets DB_FILE / PG_NAME and DATA_DIR, SERVER_ENV.
fresh_db() {
  local db=$1 label=$2
  DATA_DIR="$WORK/$label"
  rm -rf "$DATA_DIR"
  if [[ $db == sqlite ]]; then
    cp -r "$WORK/seed" "$DATA_DIR"
    DB_FILE="$DATA_DIR/wanjia.sqlite"
    SERVER_ENV=("WANJIA_DATA_DIR=$DATA_DIR")
  else
    mkdir -p "$DATA_DIR"
    PG_NAME="wanjia_wo_$label"
    SERVER_ENV=("WANJIA_DATA_DIR=$DATA_DIR" "DATABASE_URL=$(pg_create_db "$PG_NAME")")
    seed_demo "$WORK/seed-$label.log" postgres "${SERVER_ENV[@]}"
  fi
}

# seed_demo LOG DB [VAR=VALUE...]: `wanjia demo` on an empty database, plus orders of every type
# at every stage (bench/wo_templates.py) for the generator to clone.
seed_demo() {
  local logfile=$1 db=$2 unit
  shift 2
  server_start "$BIN" "$logfile" LOG_LEVEL=warning "$@"
  server_wait_ready 180
  unit=$(dbq "$db" "SELECT u.id FROM users h JOIN units u ON u.id = h.unit_id WHERE h.username = 'handler'")
  python3 bench/wo_templates.py "$SERVER_URL" "$WANJIA_DEMO_PASSWORD" "$unit" || die "making template orders failed"
  server_stop
}

# generate DB N [gen_workorders.py options]: N orders into the current database.
generate() {
  local db=$1 n=$2
  shift 2
  local t0
  t0=$(now_ns)
  if [[ $db == sqlite ]]; then
    python3 bench/gen_workorders.py sqlite "$DB_FILE" --orders "$n" --now "$SCALE_NOW" "$@"
  else
    dbq postgres "SELECT row_to_json(w) FROM work_orders w" >"$WORK/templates.jsonl"
    dbq postgres "SELECT json_build_object('id', id, 'kind', kind) FROM units WHERE kind IN ('county', 'station')" >"$WORK/units.jsonl"
    python3 bench/gen_workorders.py csv "$WORK/templates.jsonl" "$WORK/units.jsonl" --orders "$n" --now "$SCALE_NOW" "$@" |
      pg_psql -d "$PG_NAME" -c "\\copy work_orders FROM STDIN WITH (FORMAT csv, HEADER true)"
    # Autovacuum would analyze a table this size soon after; do it now.
    dbq postgres "ANALYZE work_orders" >/dev/null
  fi
  log "$db: $n orders generated in $(secs_since "$t0") s"
}

# pages DB N: median milliseconds of the queue, an order page and the KPI dashboard, as the
# handler of a county; sets PAGES="queue_ms order_ms kpi_ms".
pages() {
  local db=$1 n=$2 order
  fresh_db "$db" "pages$n"
  generate "$db" "$n"
  # An order of the demo (with its timeline and alerts) in the handler's county.
  order=$(dbq "$db" "SELECT o.id FROM work_orders o JOIN units u ON u.id = o.unit_id
    JOIN users h ON h.username = 'handler' JOIN units hu ON hu.id = h.unit_id
    WHERE u.path LIKE hu.path || '%' AND EXISTS (SELECT 1 FROM work_order_events e WHERE e.order_id = o.id)
    ORDER BY o.accepted_at, o.number LIMIT 1")
  [[ -n $order ]] || die "$db: no demo order in the handler's county"
  server_start "$BIN" "$WORK/pages-$db-$n.log" LOG_LEVEL=warning "${SERVER_ENV[@]}"
  server_wait_ready 600
  python3 bench/wo_pages.py "$SERVER_URL" handler "$WANJIA_DEMO_PASSWORD" --repeat "$REPEAT" \
    "queue=/work-orders?view=open" "order=/work-orders/$order" "kpi=/kpi/work-orders" >"$WORK/pages.txt" || {
    tail -20 "$SERVER_LOG" >&2
    die "$db: timing the pages failed"
  }
  server_stop
  PAGES=$(awk '{ printf "%s ", $2 }' "$WORK/pages.txt")
  log "$db, $n orders: queue, order, KPI pages (ms): $PAGES"
  [[ $db == sqlite ]] && rm -rf "$DATA_DIR"
  return 0
}

# sweep DB N: seconds for `wanjia sla-sweep` passes until nothing is due, with DUE due orders
# among N open ones; sets SWEEP_S and SWEEP_INFO.
sweep() {
  local db=$1 n=$2 t0 out passes=0
  fresh_db "$db" "sweep$n"
  generate "$db" "$n" --all-open --due "$DUE"
  t0=$(now_ns)
  while true; do
    out=$(env -u DATABASE_URL LOG_LEVEL=error "${SERVER_ENV[@]}" "$BIN" sla-sweep 2>&1) || {
      echo "$out" >&2
      die "$db: wanjia sla-sweep failed"
    }
    passes=$((passes + 1))
    [[ $out =~ sla-sweep:\ 0\ orders\ due ]] && break
    ((passes < 100)) || die "$db: the sweep still finds orders due after $passes passes: $out"
  done
  SWEEP_S=$(secs_since "$t0")
  SWEEP_INFO="$passes passes, $(dbq "$db" "SELECT count(*) FROM sla_alerts") alerts in the table"
  log "$db, $DUE due among $n open: sweep $SWEEP_S s ($SWEEP_INFO)"
  [[ $db == sqlite ]] && rm -rf "$DATA_DIR"
  return 0
}

scale() { # scale sqlite|postgres
  local db=$1
  SCALE_NOW=$(date +%s)
  if [[ $db == sqlite ]]; then
    mkdir -p "$WORK/seed"
    DB_FILE="$WORK/seed/wanjia.sqlite"
    seed_demo "$WORK/seed.log" sqlite "WANJIA_DATA_DIR=$WORK/seed"
  else
    pg_start
  fi
  local small_ms large_ms names=(queue order kpi) labels=("queue page (/work-orders?view=open)" "order page" "county KPI dashboard (this month)") i
  pages "$db" "$SMALL"
  read -ra small_ms <<<"$PAGES"
  pages "$db" "$LARGE"
  read -ra large_ms <<<"$PAGES"
  for i in 0 1 2; do
    local r
    r=$(ratio "${large_ms[$i]}" "${small_ms[$i]}")
    RESULTS+=("$db scale ${names[$i]}: ${labels[$i]} $SMALL orders ${small_ms[$i]} ms, $LARGE orders ${large_ms[$i]} ms = ${r}x (target < 10x: $(below "$r" 10))")
  done
  local s_small s_large info_small
  sweep "$db" "$SMALL"
  s_small=$SWEEP_S info_small=$SWEEP_INFO
  sweep "$db" "$LARGE"
  s_large=$SWEEP_S
  local r
  r=$(ratio "$s_large" "$s_small")
  RESULTS+=("$db scale sweep: $DUE due among $SMALL open $s_small s ($info_small), among $LARGE open $s_large s ($SWEEP_INFO) = ${r}x (target < 2x: $(below "$r" 2))")
  log "${RESULTS[-1]}"
  [[ $db == postgres ]] && pg_stop
  return 0
}
