#!/usr/bin/env bash
# Everything transferflow needs on a fresh machine, each step skipped when already done:
#   setup.sh start   npm packages, Prisma client, Temporal CLI (dev server), its read-only Web UI server
#   setup.sh test    the same, plus the Java time-skipping test server and a type check
# PostgreSQL for the tests is provided by scripts/postgres.sh (called from the test run).
set -euo pipefail
mode="${1:-start}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
step() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# npm packages: reinstalled whenever package-lock.json changes.
lock_hash="$(sha256sum package-lock.json | cut -c1-64)"
if [ ! -f node_modules/.transferflow-lock ] || [ "$(cat node_modules/.transferflow-lock)" != "$lock_hash" ]; then
  # `npm install`, not `npm ci`: npm 11 here rejects its own lock file in `ci` (it lists other
  # platforms' optional binaries as missing); with the lock present, install pins the same versions.
  step "installing npm packages…"
  npm install --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" > node_modules/.transferflow-lock
fi

# Prisma client: regenerated whenever the schema changes. The CLI only needs DATABASE_URL to be
# a well-formed URL here; no connection is made.
schema_hash="$(sha256sum prisma/schema.prisma | cut -c1-64)"
if [ ! -f prisma/generated/.schema-hash ] || [ "$(cat prisma/generated/.schema-hash)" != "$schema_hash" ]; then
  step "generating the Prisma client…"
  DATABASE_URL="postgresql://generate:unused@127.0.0.1:1/unused" npx --no-install prisma generate >&2
  echo "$schema_hash" > prisma/generated/.schema-hash
fi

bash scripts/install-temporal-cli.sh >&2
bash scripts/install-temporal-ui.sh >&2

if [ "$mode" = test ]; then
  bash scripts/install-test-server.sh >&2
  bash scripts/install-schemathesis.sh >&2
  bash scripts/install-chromium.sh >&2
  step "type-checking…"
  npx --no-install tsc -p tsconfig.json --noEmit >&2
fi
