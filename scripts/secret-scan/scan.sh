#!/usr/bin/env bash
# Scans the files git tracks (and new ones it does not ignore) for anything that looks like a credential, with
# gitleaks's default rules and the placeholders .gitleaks.toml names; any finding fails. gitleaks is built
# once from the Go module proxy at a pinned version and kept under $TOLLGATE_CACHE_DIR (~/.cache/tollgate).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=v8.24.3
command -v go >/dev/null || { echo "secret-scan: Go is required (https://go.dev/dl)" >&2; exit 1; }
bin="${TOLLGATE_CACHE_DIR:-$HOME/.cache/tollgate}/gitleaks-$version"
if [ ! -x "$bin/gitleaks" ]; then
  mkdir -p "$bin"
  # Bounded: a stalled download fails the step instead of holding CI.
  GOBIN="$bin" GOFLAGS=-mod=mod timeout 900 go install "github.com/zricethezav/gitleaks/v8@$version" >&2
fi
# The project's own files only (no node_modules, dist or caches), as they are in the working tree.
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$tree"
"$bin/gitleaks" dir "$tree" --config .gitleaks.toml --no-banner --redact --log-level warn
echo "secret-scan: no credential-shaped value in $(git ls-files | wc -l) files"
