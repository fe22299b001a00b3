# shellcheck shell=bash
# Small helpers shared by scripts/test and bench/http.sh. Source, don't run.

# Repository root (this file lives in scripts/lib/).
WANJIA_ROOT="${WANJIA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# A TCP port on 127.0.0.1 that is free right now (the kernel picks it).
free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

# A random secret that satisfies common password rules (upper, lower, digit,
# symbol, length >= 12) and needs no escaping in a URL or a shell.
random_secret() {
  python3 -c 'import secrets; print("Wj-" + secrets.token_hex(12) + "-Aa9")'
}

# Seconds since the epoch (for phase timings).
now_s() { date +%s; }
