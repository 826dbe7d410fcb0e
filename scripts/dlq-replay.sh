#!/usr/bin/env bash
# `npm run dlq:replay -- --topic <topic>.dlq [...]`: re-publishes dead letters to their original topic once their
# cause is fixed (scripts/dlq/replay-args.ts lists the options). Built with esbuild like the benchmarks
# (workspace aliases from tsconfig.base.json, packages from node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/scripts/dlq-replay.cjs
mkdir -p "$(dirname "$out")"
npx esbuild scripts/dlq/replay.ts --bundle --platform=node --target=node20 --format=cjs \
  --packages=external --tsconfig=tsconfig.base.json --log-level=warning --outfile="$out"
exec node "$out" "$@"
