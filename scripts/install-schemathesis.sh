#!/usr/bin/env bash
# schemathesis (from PyPI) in a project-local virtualenv, for the API fuzz test. Pinned; skipped
# when already installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="4.32.5"
venv="$root/tools/venv"
if [ -x "$venv/bin/st" ] && "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
  echo "schemathesis $version: already in tools/venv"; exit 0
fi
command -v python3 >/dev/null || { echo "Python 3 is needed for the API fuzz test (apt-get install python3-venv)" >&2; exit 1; }
echo "schemathesis $version: installing into tools/venv…"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
