#!/usr/bin/env bash
# Builds the analytics benchmark with esbuild (workspace path aliases resolved from tsconfig.base.json,
# packages left to node_modules) and runs it against the infrastructure of scripts/infra.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/infra/env.sh
mkdir -p dist/bench
npx esbuild bench/analytics/main.ts --bundle --platform=node --target=node20 --format=cjs \
  --packages=external --tsconfig=tsconfig.base.json --log-level=warning --outfile=dist/bench/analytics/main.cjs
exec node dist/bench/analytics/main.cjs
