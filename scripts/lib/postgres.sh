# shellcheck shell=bash
# A throwaway PostgreSQL server on 127.0.0.1, for tests and benchmarks.
# Source after common.sh. Needs Debian's postgresql package (root, or the
# current user being able to run `runuser -u postgres`).
#
#   pg_start            start it; sets and exports
#                         PG_HOST PG_PORT PG_USER PG_PASSWORD PG_DB PG_URL PG_DIR
#                       PG_URL = postgres://wanjia:PASS@127.0.0.1:PORT/wanjia
#                       (role wanjia has LOGIN CREATEDB; database wanjia is its own)
#   pg_create_db NAME   create database NAME owned by wanjia; prints its URL
#   pg_psql [ARGS...]   psql as the superuser over the private unix socket
#   pg_stop             stop the server and delete its files (idempotent)
#
# Settings: PG_DURABLE=1 keeps fsync on (default off: it is throwaway).

PG_SUPERUSER_OS="${PG_SUPERUSER_OS:-postgres}"
PG_DIR="${PG_DIR:-}"

# Directory holding initdb/pg_ctl/postgres (newest installed major version).
pg_bindir() {
  local d best="" v bestv=0
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl ]] || continue
    v=$(basename "$(dirname "$d")")
    v=${v%%.*}
    if [[ $v =~ ^[0-9]+$ ]] && ((v > bestv)); then
      bestv=$v
      best=$d
    fi
  done
  if [[ -z $best ]] && command -v pg_config >/dev/null; then
    best=$(pg_config --bindir)
    [[ -x $best/initdb ]] || best=""
  fi
  [[ -n $best ]] || {
    printf 'ERROR: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin\n' >&2
    return 1
  }
  printf '%s\n' "$best"
}

# Run a command as the postgres OS user, from / (its home may be unreadable).
_pg_as() {
  if [[ $(id -un) == "$PG_SUPERUSER_OS" ]]; then
    (cd / && "$@")
  else
    (cd / && runuser -u "$PG_SUPERUSER_OS" -- "$@")
  fi
}

pg_psql() {
  _pg_as env PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/sock" -p "$PG_PORT" -U "$PG_SUPERUSER_OS" -d postgres "$@"
}

pg_start() {
  if [[ -n ${PG_DIR:-} && -f $PG_DIR/data/postmaster.pid ]]; then
    log "PostgreSQL already running (port $PG_PORT)"
    return 0
  fi
  PG_BIN=$(pg_bindir)
  id "$PG_SUPERUSER_OS" >/dev/null 2>&1 || die "OS user $PG_SUPERUSER_OS missing (is the postgresql package installed?)"
  PG_DIR=$(mktemp -d -t wanjia-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  mkdir -p "$PG_DIR/data" "$PG_DIR/sock" "$PG_DIR/log"
  chown "$PG_SUPERUSER_OS:" "$PG_DIR/data" "$PG_DIR/sock" "$PG_DIR/log"
  chmod 700 "$PG_DIR/data"
  PG_HOST=127.0.0.1
  PG_PORT=$(free_port)
  PG_USER=wanjia
  PG_DB=wanjia
  PG_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  PG_URL="postgres://$PG_USER:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DB"
  export PG_BIN PG_DIR PG_HOST PG_PORT PG_USER PG_DB PG_PASSWORD PG_URL

  log "PostgreSQL: initdb in $PG_DIR/data ($PG_BIN)"
  _pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_SUPERUSER_OS" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    die "initdb failed"
  }
  local fsync=off
  [[ ${PG_DURABLE:-0} == 1 ]] && fsync=on
  cat >>"$PG_DIR/data/postgresql.conf" <<EOF
# throwaway server for Wanjia tests (scripts/lib/postgres.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR/sock'
# swift test runs every suite at once, each app on its own database with a connection per
# event loop, plus pg_dump and the bench's clients: 300 ran out once the suites passed ~150 tests.
max_connections = 600
shared_buffers = 128MB
fsync = $fsync
synchronous_commit = $fsync
full_page_writes = $fsync
password_encryption = scram-sha-256
log_min_messages = warning
EOF
  log "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
  if ! _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log/server.log" -w -t 60 start >/dev/null; then
    cat "$PG_DIR/log/server.log" >&2 || true
    die "PostgreSQL did not start"
  fi
  pg_psql <<SQL
CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
CREATE DATABASE $PG_DB OWNER $PG_USER;
SQL
  log "PostgreSQL ready: postgres://$PG_USER:***@$PG_HOST:$PG_PORT/$PG_DB"
}

# pg_create_db NAME: a fresh database owned by wanjia; prints its URL.
pg_create_db() {
  local name=$1
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database name: $name"
  pg_psql -c "DROP DATABASE IF EXISTS $name WITH (FORCE);" -c "CREATE DATABASE $name OWNER $PG_USER;" >/dev/null
  printf 'postgres://%s:%s@%s:%s/%s\n' "$PG_USER" "$PG_PASSWORD" "$PG_HOST" "$PG_PORT" "$name"
}

pg_stop() {
  [[ -n ${PG_DIR:-} && -d $PG_DIR ]] || return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    log "PostgreSQL: stopping (port ${PG_PORT:-?})"
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      local pid
      pid=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)
      if [[ $pid =~ ^[0-9]+$ ]]; then
        warn "pg_ctl stop failed; killing postmaster $pid"
        kill -QUIT "$pid" 2>/dev/null || true
        sleep 1
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf "$PG_DIR"
  PG_DIR=""
}
