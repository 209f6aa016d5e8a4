#!/usr/bin/env bash
# `npm start [-- --training]`: set up what the stack needs, then run it. Training mode runs on the
# time-skipping test server, so --training also installs that (skipped when present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh start
for arg in "$@"; do
  if [ "$arg" = --training ]; then bash scripts/install-test-server.sh >&2; fi
done
exec node bin/transferflow.js dev "$@"
