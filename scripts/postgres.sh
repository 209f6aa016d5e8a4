#!/usr/bin/env bash
# Provides a throwaway PostgreSQL for the test suite: installs Debian's server if missing,
# keeps a cluster in tools/pgdata and starts it on 127.0.0.1:${TF_PG_PORT:-54329}.
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
data="$root/tools/pgdata"
# PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user when we are root.
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
  run "'$pgbin/initdb' -D '$data' -U postgres --auth=trust -E UTF8 >/dev/null"
fi
if ! run "'$pgbin/pg_ctl' -D '$data' status" >/dev/null 2>&1; then
  if "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    # Another checkout's throwaway server already holds the port: it serves just as well.
    echo "postgres: reusing the server already on 127.0.0.1:$port" >&2
  else
    run "'$pgbin/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-h 127.0.0.1 -p $port -k /tmp\" start" >&2 \
      || { tail -20 "$data/server.log" >&2; exit 1; }
  fi
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"
