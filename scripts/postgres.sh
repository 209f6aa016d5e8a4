#!/usr/bin/env bash
# Provides a throwaway PostgreSQL for the test suite: installs Debian's server if missing,
# keeps a cluster in tools/pgdata (or /var/tmp when the postgres user cannot reach the checkout) and starts it on 127.0.0.1:${TF_PG_PORT:-54329}.
# Prints the connection URL on its last line. Does nothing when TEST_DATABASE_URL is set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${TF_PG_PORT:-54329}"
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "$TEST_DATABASE_URL"; exit 0; fi
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
  echo "postgres: installing Debian's postgresql package…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else echo "postgres: run as root, or install postgresql, or set TEST_DATABASE_URL" >&2; exit 1; fi
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
if "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  # A throwaway server (this checkout's or another's) already holds the port: it serves just as well.
  echo "postgres: using the server already on 127.0.0.1:$port" >&2
  echo "postgresql://postgres@127.0.0.1:$port/postgres"; exit 0
fi
# PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user when we are root.
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
data="$root/tools/pgdata"
if [ "$(id -u)" = 0 ] && ! su postgres -s /bin/sh -c "test -x '$root'" 2>/dev/null; then
  # A checkout in a private folder (mktemp -d is 0700): the postgres user cannot reach tools/, so
  # the cluster lives in /var/tmp under a name derived from the checkout's path.
  data="/var/tmp/transferflow-pgdata-$(printf %s "$root" | sha256sum | cut -c1-12)"
fi
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
  run "'$pgbin/initdb' -D '$data' -U postgres --auth=trust -E UTF8 >/dev/null"
fi
if ! run "'$pgbin/pg_ctl' -D '$data' status" >/dev/null 2>&1; then
  run "'$pgbin/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-h 127.0.0.1 -p $port -k /tmp\" start" >&2 \
    || { tail -20 "$data/server.log" >&2; exit 1; }
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"
