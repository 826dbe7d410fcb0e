#!/usr/bin/env bash
# schemathesis against the admin API's OpenAPI document: config-admin built, on the real PostgreSQL, Redis,
# Kafka and ClickHouse (scripts/infra), fixed seed, bounded examples. Any finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/infra/env.sh
SCHEMATHESIS_VERSION=4.32.5
venv="$TOLLGATE_STATE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
if [[ ! -x $venv/bin/st ]]; then
  # Debian ships venv apart from python3.
  python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
# Built every time (Nx replays its cache when the sources did not change): a stale build fuzzes old schemas.
npx nx run config-admin:build --outputStyle=static
# Three folders deep, as its source: paths relative to the repository resolve the same.
mkdir -p dist/test/schemathesis
npx esbuild test/src/schemathesis/admin-api-fuzz.ts --bundle --platform=node --target=node20 --format=esm \
  --packages=external --tsconfig=tsconfig.base.json --log-level=warning --outfile=dist/test/schemathesis/admin-api-fuzz.mjs
SCHEMATHESIS_BIN="$venv/bin/st" NO_COLOR=1 exec node dist/test/schemathesis/admin-api-fuzz.mjs
