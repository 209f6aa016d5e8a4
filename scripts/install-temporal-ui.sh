#!/usr/bin/env bash
# Builds the standalone Temporal Web UI server (github.com/temporalio/ui-server, v2.42.1: the UI
# the pinned CLI v1.5.1 embeds) into tools/bin/temporal-ui-server. The CLI's dev server hard-codes
# its UI's settings and has no switch to disable write actions; the dev stack therefore runs the
# dev server --headless next to this server with `disableWriteActions: true` (client/dev-server.ts).
# Skipped when present. Without Go the dev stack still runs, its Web UI off.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v2.42.1"
bin="$root/tools/bin/temporal-ui-server"
stamp="$root/tools/bin/.temporal-ui-$version"
if [ -x "$bin" ] && [ -f "$stamp" ]; then echo "temporal UI server $version: already in tools/bin"; exit 0; fi
command -v go >/dev/null || { echo "temporal UI server: Go is missing, the dev stack runs without its Web UI (apt-get install golang)" >&2; exit 0; }
echo "temporal UI server $version: building with go install (a few minutes the first time)…"
mkdir -p "$root/tools/bin"
tmp="$(mktemp -d)"
GOBIN="$tmp" GOFLAGS=-mod=mod go install "github.com/temporalio/ui-server/v2/cmd/server@$version"
mv "$tmp/server" "$bin"; rmdir "$tmp"
touch "$stamp"
