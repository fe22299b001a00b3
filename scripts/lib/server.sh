# shellcheck shell=bash
# Start/stop one Wanjia server (`wanjia demo`) on 127.0.0.1 for tests and
# benchmarks. Source after common.sh.
#
#   server_start BIN LOG [VAR=VALUE ...]
#       runs `BIN demo --hostname 127.0.0.1 --port <free port>` with the extra
#       environment given (plus WANJIA_DEMO_PASSWORD, which must be set, and a
#       fresh WANJIA_DATA_DIR unless one is given), output to LOG. DATABASE_URL
#       from the caller's environment is NOT passed on unless given explicitly.
#       Sets SERVER_PID SERVER_PORT SERVER_URL SERVER_LOG SERVER_DATA_DIR.
#   server_wait_ready [TIMEOUT_S]   wait for GET /readyz == 200 (default 60 s);
#       on failure prints the log and returns 1
#   server_stop                     stop it (TERM, then KILL after 10 s)
#
# If WANJIA_PIDFILE is set, the server's pid is appended to it so a caller's
# exit trap can kill it even if the server was started in a subshell.

SERVER_PID=""
SERVER_PORT=""
SERVER_URL=""
SERVER_LOG=""
SERVER_DATA_DIR=""
_SERVER_OWN_DATA_DIR=0

server_start() {
  local bin=$1 logfile=$2
  shift 2
  [[ -x $bin ]] || die "server binary not found or not executable: $bin"
  [[ -n ${WANJIA_DEMO_PASSWORD:-} ]] || die "WANJIA_DEMO_PASSWORD must be set"
  local extra=("$@") kv have_data_dir=0
  for kv in "${extra[@]}"; do
    if [[ $kv == WANJIA_DATA_DIR=* ]]; then
      have_data_dir=1
      SERVER_DATA_DIR=${kv#WANJIA_DATA_DIR=}
    fi
  done
  if ((have_data_dir == 0)); then
    SERVER_DATA_DIR=$(mktemp -d -t wanjia-data.XXXXXX)
    _SERVER_OWN_DATA_DIR=1
    extra+=("WANJIA_DATA_DIR=$SERVER_DATA_DIR")
  fi
  SERVER_PORT=$(free_port)
  SERVER_URL="http://127.0.0.1:$SERVER_PORT"
  SERVER_LOG=$logfile
  log "starting $bin demo on $SERVER_URL (log: $logfile)"
  env -u DATABASE_URL -u TEST_DATABASE_URL \
    WANJIA_DEMO_PASSWORD="$WANJIA_DEMO_PASSWORD" "${extra[@]}" \
    "$bin" demo --hostname 127.0.0.1 --port "$SERVER_PORT" </dev/null >"$logfile" 2>&1 &
  SERVER_PID=$!
  if [[ -n ${WANJIA_PIDFILE:-} ]]; then
    echo "$SERVER_PID" >>"$WANJIA_PIDFILE"
  fi
}

server_wait_ready() {
  local timeout=${1:-60} start code
  start=$(now_s)
  while true; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      printf 'ERROR: server exited before it was ready; its log (%s):\n' "$SERVER_LOG" >&2
      cat "$SERVER_LOG" >&2 || true
      return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVER_URL/readyz" || true)
    if [[ $code == 200 ]]; then
      log "server ready after $(($(now_s) - start)) s: $SERVER_URL"
      return 0
    fi
    if (($(now_s) - start >= timeout)); then
      printf 'ERROR: %s/readyz not 200 after %s s (last: %s); server log (%s):\n' \
        "$SERVER_URL" "$timeout" "${code:-none}" "$SERVER_LOG" >&2
      cat "$SERVER_LOG" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

server_stop() {
  if [[ -n ${SERVER_PID:-} ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      warn "server did not stop on TERM; killing"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    local status=0
    wait "$SERVER_PID" 2>/dev/null || status=$?
    # 0: clean shutdown; 143: died of the TERM itself. Anything else (132 =
    # SIGILL, a Swift trap) means it crashed while shutting down: say so.
    if ((status != 0 && status != 143)); then
      warn "server exited with status $status while stopping (crash on shutdown?); from its log $SERVER_LOG:"
      grep -m 5 -E 'Fatal error|Program crashed|crashed:' "$SERVER_LOG" >&2 || true
    fi
  fi
  SERVER_PID=""
  if ((_SERVER_OWN_DATA_DIR)) && [[ -n ${SERVER_DATA_DIR:-} ]]; then
    rm -rf "$SERVER_DATA_DIR"
  fi
  _SERVER_OWN_DATA_DIR=0
  SERVER_DATA_DIR=""
}
