#!/usr/bin/env bash
# Builds the five services and the proxy benchmark's four scripts (esbuild: workspace aliases from
# tsconfig.base.json, packages from node_modules), then runs it against the infrastructure of scripts/infra.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/infra/env.sh
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false
npx nx run-many -t build --projects=config-admin,proxy-edge,auth-limit,pii-redaction,analytics-ingester \
  --outputStyle=static >/dev/null
mkdir -p dist/bench/proxy
for entry in main fake-upstream bare-proxy load; do
  npx esbuild "bench/proxy/$entry.ts" --bundle --platform=node --target=node20 --format=esm \
    --packages=external --tsconfig=tsconfig.base.json --log-level=warning --outfile="dist/bench/proxy/$entry.mjs"
done
node dist/bench/proxy/main.mjs
# The same gateway traced (BENCH_TRACING_COMPARE=0 skips it): two scenarios at the fixed rates, no maximum
# search; proxy.md gets the comparison.
if [ "${BENCH_TRACING_COMPARE:-1}" != 0 ]; then
  BENCH_TRACING=on BENCH_MAX=0 BENCH_SCENARIOS="${BENCH_TRACING_SCENARIOS:-small prompt,streaming}" \
    node dist/bench/proxy/main.mjs
fi
