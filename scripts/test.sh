#!/usr/bin/env bash
# The README's test command (`make test`), and exactly what CI runs: from a bare machine it installs the
# dependencies, starts the real infrastructure on loopback, then runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false NX_CLOUD_API=http://127.0.0.1:9
set -o pipefail
started=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }
# Every test step's output is also kept, so the run can end on one line with the totals.
log=$(mktemp)
# CI shows only the tail of the output: on failure, end with the failing tests and their assertions, so
# the last lines name what broke instead of Nx's task summary.
summarize_failure() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -s "$log" ]; then
    printf '\n=== failed (exit %s); failing tests and errors from this run:\n' "$status"
    sed 's/\x1b\[[0-9;]*m//g' "$log" |
      grep -E '^ *(FAIL|×|✗) |AssertionError|Test timed out|Failed tasks|^- [a-z0-9-]+:[a-z-]+$' | tail -n 40 || true
  fi
  rm -f "$log"
}
trap summarize_failure EXIT
run() { "$@" 2>&1 | tee -a "$log"; }

step "dependencies"
bash scripts/deps.sh
bash scripts/deploy-check/install.sh
bash scripts/promql-check/install.sh >/dev/null

step "infrastructure: PostgreSQL, Redis, ClickHouse, Kafka"
bash scripts/infra/up.sh all

step "format, secrets, lint, typecheck, unit tests, build"
npx prettier --check . --log-level warn
bash scripts/secret-scan/scan.sh
run npx nx run-many -t lint typecheck test build --outputStyle=static

step "integration tests (real PostgreSQL, Redis, Kafka, ClickHouse)"
run npx nx run-many -t test-int --outputStyle=static

step "timed tests, alone on the machine (real pipeline; other suites' CPU would count as the gateway's)"
run npx nx run-many -t test-quiet --parallel=1 --outputStyle=static

step "schemathesis against the admin API (fixed seed, any finding fails)"
bash scripts/schemathesis.sh

step "end-to-end tests (official SDKs against the running gateway)"
run npx nx run e2e:e2e --outputStyle=static

step "all tests passed"
# Vitest's per-project lines ("Tests  12 passed (12)"), summed into the closing line CI reads.
passed=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '$1 == "Tests" && $3 == "passed" { n += $2 } END { print n + 0 }')
echo "$passed passed, 0 failed"
