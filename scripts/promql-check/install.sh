#!/usr/bin/env bash
# Builds the PromQL checker of the Grafana dashboards (main.go: Prometheus's own promql/parser, pinned in
# go.mod/go.sum, from the Go module proxy) and prints its path. Idempotent: a binary built from exactly these
# sources is kept, under $TOLLGATE_CACHE_DIR (~/.cache/tollgate). From a bare machine: about 20 modules, under a minute.
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null || { echo "promql-check: Go is required (https://go.dev/dl)" >&2; exit 1; }
sources=$(cat go.mod go.sum main.go | sha256sum | cut -c1-16)
dir="${TOLLGATE_CACHE_DIR:-$HOME/.cache/tollgate}/promql-check-$sources"
if [ ! -x "$dir/promql-check" ]; then
  mkdir -p "$dir"
  # Bounded: a stalled download fails the step instead of holding CI.
  timeout 600 go build -mod=readonly -o "$dir/promql-check.partial" . >&2
  mv "$dir/promql-check.partial" "$dir/promql-check"
  echo "promql-check: built in $dir" >&2
fi
echo "$dir/promql-check"
