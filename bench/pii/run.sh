#!/usr/bin/env bash
# Builds pii-redaction and the hop benchmark (esbuild: workspace aliases from tsconfig.base.json, packages from
# node_modules), then runs it. No infrastructure needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false
npx nx run pii-redaction:build --outputStyle=static >/dev/null
mkdir -p dist/bench/pii
npx esbuild bench/pii/hop.ts --bundle --platform=node --target=node20 --format=esm \
  --packages=external --tsconfig=tsconfig.base.json --log-level=warning --outfile=dist/bench/pii/hop.mjs
exec node dist/bench/pii/hop.mjs
