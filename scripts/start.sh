#!/usr/bin/env bash
# The README's start command (`make start`): installs what is missing, starts PostgreSQL, Redis, ClickHouse
# and Kafka on loopback (or uses the ones at DATABASE_URL, REDIS_URL, CLICKHOUSE_URL, KAFKA_BROKERS), builds
# and runs the five services until Ctrl-C, then stops them gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false NX_CLOUD_API=http://127.0.0.1:9

bash scripts/deps.sh
if ! bash scripts/infra/up.sh all; then
  echo "start: the infrastructure did not come up (see the messages above); the gateway needs all four services" >&2
  exit 1
fi
# shellcheck source=infra/env.sh
source scripts/infra/env.sh
export DATABASE_URL REDIS_URL KAFKA_BROKERS CLICKHOUSE_URL CLICKHOUSE_DATABASE
# Local defaults for the two secrets, generated once and kept in the state directory (mode 600).
secret_file() { # name bytes
  local file="$TOLLGATE_STATE_DIR/$1"
  [[ -s $file ]] || (umask 077 && openssl rand -hex "$2" >"$file")
  cat "$file"
}
: "${SECRETS_MASTER_KEY:=$(secret_file secrets-master.key 32)}"
: "${ADMIN_PASS:=$(secret_file admin-pass 16)}"
export SECRETS_MASTER_KEY ADMIN_PASS
npx nx run-many -t build --outputStyle=static

logs="${TOLLGATE_STATE_DIR}/logs"
mkdir -p "$logs"
pids=()
stop_all() {
  echo "start: stopping services"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
# Ctrl-C or SIGTERM ends the script; leaving it stops every service gracefully.
trap "exit 130" INT TERM
trap stop_all EXIT

spawn() { # name
  node "dist/apps/$1/main.js" >>"$logs/$1.log" 2>&1 &
  pids+=($!)
  names+=("$1")
}

wait_ready() { # name port pid
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/api/health/ready" >/dev/null 2>&1; then
      echo "start: $name ready on :$port (log: $logs/$name.log)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start: $name exited; last lines of $logs/$name.log:" >&2
      tail -n 20 "$logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "start: $name not ready after 60 s; see $logs/$name.log" >&2
  exit 1
}

names=()
# config-admin owns the PostgreSQL schema, so it migrates before the others start.
spawn config-admin
wait_ready config-admin "${CONFIG_ADMIN_PORT:-8001}" "${pids[0]}"
spawn proxy-edge
spawn auth-limit
spawn pii-redaction
spawn analytics-ingester
ports=("${CONFIG_ADMIN_PORT:-8001}" "${PROXY_EDGE_PORT:-8002}" "${AUTH_LIMIT_PORT:-8003}" "${PII_REDACTION_PORT:-8004}" "${ANALYTICS_INGESTER_PORT:-8005}")
for i in 1 2 3 4; do wait_ready "${names[$i]}" "${ports[$i]}" "${pids[$i]}"; done
echo "start: Tollgate is up: proxy http://127.0.0.1:${PROXY_EDGE_PORT:-8002}, admin http://127.0.0.1:${CONFIG_ADMIN_PORT:-8001} (Ctrl-C stops)"
echo "start: admin API password (X-API-KEY): stored in $TOLLGATE_STATE_DIR/admin-pass"
# Runs until Ctrl-C or until a service dies; either way every service is stopped gracefully.
wait -n || true
