#!/usr/bin/env bash
# The README's test command (`make test`), and exactly what CI runs: from a bare machine it installs the
# dependencies, starts the real infrastructure on loopback, then runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false NX_CLOUD_API=http://127.0.0.1:9
started=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "dependencies"
bash scripts/deps.sh

step "infrastructure: PostgreSQL, Redis, ClickHouse, Kafka"
bash scripts/infra/up.sh all

step "format, lint, typecheck, unit tests, build"
npx prettier --check . --log-level warn
npx nx run-many -t lint typecheck test build --outputStyle=static

step "integration tests (real PostgreSQL, Redis, Kafka, ClickHouse)"
npx nx run-many -t test-int --outputStyle=static

step "end-to-end tests (official SDKs against the running gateway)"
npx nx run e2e:e2e --outputStyle=static

step "all tests passed"
