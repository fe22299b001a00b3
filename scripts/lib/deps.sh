# shellcheck shell=bash
# Installs what the tests need on Debian 12, idempotently and quickly when
# everything is already there. Source after common.sh.

# Packages scripts/test and bench/http.sh need. wrk is only for the bench.
WANJIA_APT_PACKAGES=(postgresql chromium chromium-driver fonts-noto-cjk sqlite3 wrk curl ca-certificates procps)

_apt_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# ensure_apt_packages [PKG...]: install the missing ones (default: the list above).
ensure_apt_packages() {
  local pkgs=("$@") missing=() p
  ((${#pkgs[@]})) || pkgs=("${WANJIA_APT_PACKAGES[@]}")
  for p in "${pkgs[@]}"; do
    _apt_installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    log "apt packages already installed: ${pkgs[*]}"
    return 0
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo; install by hand: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing with apt-get: ${missing[*]}"
  local apt_opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
  export DEBIAN_FRONTEND=noninteractive
  local attempt
  for attempt in 1 2 3; do
    if "${sudo[@]}" apt-get -q -o DPkg::Lock::Timeout=300 update &&
      "${sudo[@]}" apt-get install "${apt_opts[@]}" "${missing[@]}"; then
      break
    fi
    ((attempt < 3)) || die "apt-get install failed: ${missing[*]}"
    warn "apt-get failed (attempt $attempt), retrying in 10 s"
    sleep 10
  done
  for p in "${missing[@]}"; do
    _apt_installed "$p" || die "package $p still not installed after apt-get"
  done
}

# ensure_e2e_venv: e2e/.venv with e2e/requirements.txt installed. Skips pip
# when the venv works and requirements.txt has not changed since the last
# successful install (its hash is kept in the venv).
# ensure_venv DIR REQUIREMENTS IMPORTS: a venv at DIR with REQUIREMENTS installed. Skips pip
# when the venv works and the requirements file has not changed since the last install.
ensure_venv() {
  local venv="$WANJIA_ROOT/$1" req="$WANJIA_ROOT/$2" imports=$3
  local stamp="$venv/.requirements.sha256" want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [[ -x $venv/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]] &&
    "$venv/bin/python" -c "import $imports" 2>/dev/null; then
    log "venv up to date ($venv)"
    return 0
  fi
  if ! [[ -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    log "creating venv $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  fi
  log "pip install -r $2"
  local attempt
  for attempt in 1 2 3; do
    if "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"; then
      break
    fi
    ((attempt < 3)) || die "pip install failed"
    warn "pip install failed (attempt $attempt), retrying in 10 s"
    sleep 10
  done
  echo "$want" >"$stamp"
}

# The browser tests' venv (selenium, pytest, schemathesis).
ensure_e2e_venv() { ensure_venv e2e/.venv e2e/requirements.txt "selenium, requests, pytest"; }

# The reference comparison's venv (plspm 0.5.7, pandas, numpy).
ensure_reference_venv() { ensure_venv reference/.venv reference/requirements.txt "plspm, pandas, numpy"; }
