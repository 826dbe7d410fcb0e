#!/usr/bin/env bash
# Installs the project's Node dependencies and the few Debian tools the tests use. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm ci` fails against this registry mirror (optional binaries of other platforms are missing from it),
# so install from the committed lock file with `npm install` (docs/adr/0001-stack-and-tooling.md).
npm install --no-audit --no-fund --loglevel=error

# docker-compose validates docker-compose.yml offline in the tests (no Docker engine is needed for that).
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "deps: installing docker-compose (Debian) to validate docker-compose.yml"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker-compose >/dev/null
fi
