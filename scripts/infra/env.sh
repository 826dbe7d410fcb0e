#!/usr/bin/env bash
# Addresses and places of the local infrastructure. Sourced by up.sh, down.sh and start.sh; every value can be
# overridden from the environment (the same variables the services read).
: "${DATABASE_URL:=postgres://tollgate:tollgate@127.0.0.1:5432/tollgate}"
: "${REDIS_URL:=redis://127.0.0.1:6379}"
: "${KAFKA_BROKERS:=127.0.0.1:9092}"
: "${CLICKHOUSE_URL:=http://127.0.0.1:8123}"
: "${CLICKHOUSE_DATABASE:=tollgate}"
: "${TOLLGATE_STATE_DIR:=/var/tmp/tollgate}"
: "${TOLLGATE_CACHE_DIR:=$HOME/.cache/tollgate}"
: "${KAFKA_VERSION:=4.1.1}"
: "${LOG4J_VERSION:=2.24.3}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
# A second listener as managed Kafkas offer them, TLS with a self-signed certificate and SASL PLAIN, for the
# tests of the services' KAFKA_SSL* and KAFKA_SASL_* settings (test-only credentials, loopback only).
: "${KAFKA_SASL_SSL_PORT:=9094}"
: "${KAFKA_TEST_SASL_USERNAME:=tollgate-test}"
: "${KAFKA_TEST_SASL_PASSWORD:=tollgate-test-only-password}"
: "${CLICKHOUSE_TCP_PORT:=9000}"
export DATABASE_URL REDIS_URL KAFKA_BROKERS CLICKHOUSE_URL CLICKHOUSE_DATABASE TOLLGATE_STATE_DIR TOLLGATE_CACHE_DIR

# url_part URL field: host, port, user, password or database of a URL (python3 is on every machine here).
url_part() {
  python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
defaults = {"postgres": 5432, "postgresql": 5432, "redis": 6379, "rediss": 6379, "http": 80, "https": 443}
field = sys.argv[2]
value = {
    "host": u.hostname or "127.0.0.1",
    "port": u.port or defaults.get(u.scheme, 0),
    "user": urllib.parse.unquote(u.username or ""),
    "password": urllib.parse.unquote(u.password or ""),
    "database": u.path.lstrip("/"),
}[field]
print(value)
PY
}

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then
      echo "not healthy after ${seconds}s: $what" >&2
      return 1
    fi
    sleep 0.5
  done
}

# apt_install PACKAGE...: installs missing Debian packages without starting their services (no systemd here).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  (( ${#missing[@]} == 0 )) && return 0
  echo "installing ${missing[*]} (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d answering 101 stops package scripts from starting daemons during the install.
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1; fi
  ( flock 9
    if [[ ! -f /var/lib/apt/lists/lock ]] || [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1) ]]; then
      apt-get update -qq
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ) 9>/var/tmp/tollgate-apt.lock
  local status=$?
  (( created )) && rm -f "$policy"
  return $status
}
