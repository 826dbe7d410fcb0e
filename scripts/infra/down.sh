#!/usr/bin/env bash
# Stops what up.sh started (never a service it found already running): `down.sh [all|postgres|redis|clickhouse|kafka ...]`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
source "$here/env.sh"

stop_pidfile() { # name pidfile
  local pid
  [[ -f $2 ]] || return 0
  pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[$1] stopped"
  fi
  rm -f "$2"
}

postgres_down() {
  local dir="$TOLLGATE_STATE_DIR/postgres" bin
  [[ -f $dir/data/PG_VERSION ]] || return 0
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  if su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' status" >/dev/null 2>&1; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null && echo "[postgres] stopped"
  fi
  rm -f "$dir/started-by-tollgate"
}
redis_down() { stop_pidfile redis "$TOLLGATE_STATE_DIR/redis/redis.pid"; }
clickhouse_down() { stop_pidfile clickhouse "$TOLLGATE_STATE_DIR/clickhouse/pid"; }
kafka_down() { stop_pidfile kafka "$TOLLGATE_STATE_DIR/kafka/pid"; }

services=("$@")
if (( ${#services[@]} == 0 )) || [[ ${services[0]} == all ]]; then services=(kafka clickhouse redis postgres); fi
for s in "${services[@]}"; do
  case $s in postgres|redis|clickhouse|kafka) "${s}_down" ;; *) echo "unknown service: $s" >&2; exit 2 ;; esac
done
