#!/usr/bin/env bash
# Installs the offline Kubernetes schema validator the deploy checks use (test/src/deploy-kubernetes.e2e.ts):
# kubernetes-validate from PyPI, pinned (requirements.txt), in a virtualenv of its own. Idempotent: a venv
# already holding exactly these requirements is kept.
set -euo pipefail
cd "$(dirname "$0")"
venv="${TOLLGATE_CACHE_DIR:-$HOME/.cache/tollgate}/kubernetes-validate"
if [ -x "$venv/bin/python" ] && cmp -s requirements.txt "$venv/requirements.installed.txt"; then
  exit 0
fi
rm -rf "$venv"
if ! python3 -m venv "$venv" >/dev/null 2>&1; then
  # Debian's python3 ships venv without ensurepip: that is the python3-venv package.
  echo "deploy-check: installing python3-venv (Debian) for the Kubernetes schema validator"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq python3-venv >/dev/null
  rm -rf "$venv"
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r requirements.txt
cp requirements.txt "$venv/requirements.installed.txt"
echo "deploy-check: kubernetes-validate installed in $venv"
