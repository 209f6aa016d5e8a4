#!/usr/bin/env bash
# Builds the Temporal CLI (dev server + Web UI) from the Go module proxy into tools/bin.
# Pinned to v1.5.1: later versions carry a `replace` directive that `go install pkg@version` refuses.
# Skipped when the binary is present, or when TEMPORAL_CLI_PATH points at an existing one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${TEMPORAL_CLI_VERSION:-v1.5.1}"
bin="$root/tools/bin/temporal"
if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then
  echo "temporal CLI: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"; exit 0
fi
if [ -x "$bin" ] && [ -f "$root/tools/bin/.temporal-$version" ]; then
  echo "temporal CLI $version: already in tools/bin"; exit 0
fi
command -v go >/dev/null || { echo "Go is needed to build the Temporal CLI (apt-get install golang, or set TEMPORAL_CLI_PATH)" >&2; exit 1; }
echo "temporal CLI $version: building with go install (a few minutes the first time)…"
mkdir -p "$root/tools/bin"
GOBIN="$root/tools/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$version"
touch "$root/tools/bin/.temporal-$version"
"$bin" --version
