#!/usr/bin/env bash
# A production-like Temporal cluster on this machine: the real server (v1.29.1, the version the
# pinned Temporal CLI embeds) on its own PostgreSQL, frontend, history, matching and worker
# services as separate processes on loopback, the `default` namespace with transferflow's search
# attributes. Used by `npm run test:cluster` / `bench:cluster`, and the way to try transferflow
# on a cluster locally (README "Running on a Temporal cluster").
#
#   scripts/temporal-cluster.sh up            builds what is missing, starts everything, prints env
#   scripts/temporal-cluster.sh down          stops every process it started (nothing left running)
#   scripts/temporal-cluster.sh env           the variables a transferflow process needs
#   scripts/temporal-cluster.sh start SERVICE starts one service again (after a crash or a kill)
#   scripts/temporal-cluster.sh pg-restart    restarts the cluster's PostgreSQL (fast shutdown)
#
# TF_CLUSTER_SECURE=1 (at `up`) turns on mTLS (a throwaway CA made now) and Temporal's default
# authorizer with its JWT claim mapper (keys served as JWKS on loopback): only holders of the
# api/worker tokens may write, the auditor token reads. Nothing secret is committed: every key is
# made here, in the state folder.
#
# Settings: TF_CLUSTER_DIR (state folder, default .transferflow/cluster), TF_CLUSTER_PORT (frontend
# gRPC, default 17233; the other services use the ports after it), TF_CLUSTER_PG_PORT (default 54339).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="${TF_CLUSTER_DIR:-$root/.transferflow/cluster}"
fe_port="${TF_CLUSTER_PORT:-17233}"
pg_port="${TF_CLUSTER_PG_PORT:-54339}"
bin="$root/tools/bin"
server_version="v1.29.1"
services=(frontend history matching worker)
log() { echo "cluster: $*" >&2; }

# Ports: gRPC fe+0..4, membership fe+100.., HTTP fe+10, metrics fe+20.., JWKS fe+30.
port_of() {
  case "$1" in
    frontend) echo $((fe_port + 0)) ;; history) echo $((fe_port + 1)) ;; matching) echo $((fe_port + 2)) ;;
    worker) echo $((fe_port + 3)) ;; internal-frontend) echo $((fe_port + 4)) ;;
  esac
}
index_of() { case "$1" in frontend) echo 0 ;; history) echo 1 ;; matching) echo 2 ;; worker) echo 3 ;; internal-frontend) echo 4 ;; esac; }

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
secure() { [ -f "$state/secure/enabled" ]; }

build() {
  mkdir -p "$bin"
  if [ ! -x "$bin/temporal-server" ]; then
    log "building the Temporal server $server_version into tools/bin (a few minutes the first time)…"
    local tmp; tmp="$(mktemp -d)"
    GOBIN="$tmp" go install "go.temporal.io/server/cmd/server@$server_version"
    mv "$tmp/server" "$bin/temporal-server"; rmdir "$tmp"
  fi
  if [ ! -x "$bin/temporal-sql-tool" ]; then
    log "building the schema tool $server_version into tools/bin…"
    local tmp; tmp="$(mktemp -d)"
    GOBIN="$tmp" go install "go.temporal.io/server/cmd/tools/sql@$server_version"
    mv "$tmp/sql" "$bin/temporal-sql-tool"; rmdir "$tmp"
  fi
}

# The cluster's own PostgreSQL (not the tests' shared one: the chaos test restarts it).
pg_up() {
  local b; b="$(pgbin)"
  [ -x "$b/postgres" ] || bash "$root/scripts/postgres.sh" >/dev/null   # installs Debian's package when missing
  b="$(pgbin)"
  local data="$state/pgdata"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data" "$state"
    as_pg "'$b/initdb' -D '$data' -U postgres --auth=trust -E UTF8 >/dev/null"
    # Room for four services' pools, two workers, two APIs and the test's own connections.
    echo "max_connections = 300" >>"$data/postgresql.conf"
  fi
  if ! as_pg "'$b/pg_ctl' -D '$data' status" >/dev/null 2>&1; then
    as_pg "'$b/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-h 127.0.0.1 -p $pg_port -k /tmp\" start" >/dev/null \
      || { tail -20 "$data/server.log" >&2; exit 1; }
  fi
}

pg_down() {
  local b; b="$(pgbin)"
  [ -f "$state/pgdata/PG_VERSION" ] || return 0
  as_pg "'$b/pg_ctl' -D '$state/pgdata' -m fast -w stop" >/dev/null 2>&1 || true
}

schemas() {
  local schema="$(go env GOMODCACHE)/go.temporal.io/server@$server_version/schema/postgresql/v12"
  [ -d "$schema" ] || GOFLAGS=-mod=mod go mod download "go.temporal.io/server@$server_version"
  local db
  for db in temporal temporal_visibility; do
    local dir="$schema/temporal/versioned"; [ "$db" = temporal_visibility ] && dir="$schema/visibility/versioned"
    local tool=("$bin/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$pg_port" -u postgres --db "$db")
    if ! psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
      "${tool[@]}" create-database >/dev/null 2>&1
      "${tool[@]}" setup-schema -v 0.0 >/dev/null 2>&1
    fi
    # Idempotent: applies only the versions the database lacks.
    "${tool[@]}" update-schema -d "$dir" >/dev/null 2>&1 || { "${tool[@]}" update-schema -d "$dir"; exit 1; }
  done
}

# One config file per service (`--env <service>`): each process needs its own metrics port.
write_config() {
  local svc="$1" i; i="$(index_of "$svc")"
  mkdir -p "$state/config/dynamicconfig"
  local auth="" tls=""
  if secure; then
    auth="
  authorization:
    authorizer: default
    claimMapper: default
    permissionsClaimName: permissions
    jwtKeyProvider:
      keySourceURIs: [\"http://127.0.0.1:$((fe_port + 30))/jwks.json\"]
      refreshInterval: 1m"
    tls="
  tls:
    frontend:
      server:
        certFile: $state/secure/frontend.pem
        keyFile: $state/secure/frontend.key
        requireClientAuth: true
        clientCaFiles: [$state/secure/ca.pem]
      client:
        serverName: localhost
        rootCaFiles: [$state/secure/ca.pem]"
  fi
  local services_yaml="" s
  local all=("${services[@]}"); secure && all+=(internal-frontend)
  for s in "${all[@]}"; do
    services_yaml+="
  $s:
    rpc:
      grpcPort: $(port_of "$s")
      membershipPort: $(($(port_of "$s") + 100))
      bindOnLocalHost: true"
    [ "$s" = frontend ] && services_yaml+="
      httpPort: $((fe_port + 10))"
  done
  # Without internal-frontend the system worker reaches the frontend through publicClient; with the
  # authorizer on it must go through internal-frontend (publicClient must then be absent).
  local public=""
  secure || public="
publicClient:
  hostPort: \"127.0.0.1:$fe_port\""
  cat >"$state/config/$svc.yaml" <<EOF
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${TF_CLUSTER_SHARDS:-4}
  datastores:
    postgres-default:
      sql:
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: tcp
        user: postgres
        password: ""
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        pluginName: postgres12
        databaseName: temporal_visibility
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: tcp
        user: postgres
        password: ""
        maxConns: 5
        maxIdleConns: 5
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:$((fe_port + 20 + i))"$auth$tls
services:$services_yaml
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$fe_port"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$state/config/dynamicconfig/cluster.yaml"
  pollInterval: 10s$public
EOF
}

write_dynamic_config() {
  mkdir -p "$state/config/dynamicconfig"
  cat >"$state/config/dynamicconfig/cluster.yaml" <<'EOF'
limit.maxIDLength:
  - value: 255
frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
frontend.workerVersioningDataAPIs:
  - value: true
frontend.workerVersioningWorkflowAPIs:
  - value: true
system.enableDeploymentVersions:
  - value: true
system.enableDeployments:
  - value: true
frontend.enableExecuteMultiOperation:
  - value: true
# Drainage is reported within seconds, not the default minutes, so a test can watch a build drain.
matching.wv.VersionDrainageStatusVisibilityGracePeriod:
  - value: 5s
matching.wv.VersionDrainageStatusRefreshInterval:
  - value: 5s
matching.PollerHistoryTTL:
  - value: 10s
EOF
}

running() { local f="$state/pids/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

start_service() {
  local svc="$1"
  running "$svc" && return 0
  mkdir -p "$state/pids" "$state/logs"
  local auth=(--allow-no-auth); secure && auth=()
  # setsid: a Ctrl-C in the shell that ran `up` does not reach the cluster; `down` stops it.
  setsid "$bin/temporal-server" --root "$state" --config config --env "$svc" "${auth[@]}" start --service "$svc" \
    >>"$state/logs/$svc.log" 2>&1 </dev/null &
  echo $! >"$state/pids/$svc.pid"
}

wait_port() {
  local port="$1" svc="$2"
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    running "$svc" || { log "$svc exited:"; tail -c 1500 "$state/logs/$svc.log" >&2; exit 1; }
    sleep 0.2
  done
  log "$svc did not listen on $port within 60 s"; exit 1
}

stop_pid_file() {
  local f="$1"; [ -f "$f" ] || return 0
  local pid; pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

make_secrets() {
  local dir="$state/secure"
  [ -f "$dir/enabled" ] && return 0
  mkdir -p "$dir"; chmod 700 "$dir"
  # A throwaway CA and three certificates: the frontend's, the transferflow processes' and a stranger's
  # (signed by another CA: its handshake fails).
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=transferflow test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  local name
  for name in frontend client; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" \
      -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/$name.ext"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 7 \
      -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
  done
  # The JWT signing key and its JWKS, and one token per identity (scripts/cluster-tokens.ts).
  node -r "$root/scripts/register.js" "$root/scripts/cluster-tokens.ts" "$dir"
  touch "$dir/enabled"
}

jwks_up() {
  running jwks && return 0
  mkdir -p "$state/pids" "$state/logs" "$state/secure/jwks"
  # The frontend fetches the keys over HTTP (its key provider reads no files).
  setsid python3 -m http.server "$((fe_port + 30))" --bind 127.0.0.1 --directory "$state/secure/jwks" \
    >>"$state/logs/jwks.log" 2>&1 </dev/null &
  echo $! >"$state/pids/jwks.pid"
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$((fe_port + 30))/jwks.json" >/dev/null && return 0; sleep 0.2; done
  log "the JWKS server did not start"; exit 1
}

print_env() {
  echo "export TEMPORAL_ADDRESS=127.0.0.1:$fe_port"
  echo "export TEMPORAL_NAMESPACE=default"
  echo "export DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/transferflow"
  if secure; then
    echo "export TEMPORAL_TLS_CLIENT_CERT_PATH=$state/secure/client.pem"
    echo "export TEMPORAL_TLS_CLIENT_KEY_PATH=$state/secure/client.key"
    echo "export TEMPORAL_TLS_SERVER_CA_CERT_PATH=$state/secure/ca.pem"
    echo "export TEMPORAL_TLS_SERVER_NAME=localhost"
    echo "export TEMPORAL_API_KEY=\"\$(cat $state/secure/api.jwt)\"   # the worker: worker.jwt; auditors: auditor.jwt"
  fi
}

case "${1:-}" in
  up)
    mkdir -p "$state"
    build
    pg_up
    schemas
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='transferflow'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE transferflow" >/dev/null
    [ "${TF_CLUSTER_SECURE:-0}" = 1 ] && make_secrets
    secure && jwks_up
    write_dynamic_config
    all=("${services[@]}"); secure && all+=(internal-frontend)
    for svc in "${all[@]}"; do write_config "$svc"; done
    # History alone first: on a fresh database every service would race to write the cluster's
    # metadata (one wins, the others exit on the duplicate key).
    start_service history
    wait_port "$(port_of history)" history
    for svc in "${all[@]}"; do start_service "$svc"; done
    node -r "$root/scripts/register.js" "$root/scripts/cluster-namespace.ts" "127.0.0.1:$fe_port" "$state" \
      || { for svc in "${all[@]}"; do echo "--- $svc" >&2; tail -c 1500 "$state/logs/$svc.log" >&2; done; exit 1; }
    log "up: frontend 127.0.0.1:$fe_port, PostgreSQL 127.0.0.1:$pg_port, state in $state"
    print_env
    ;;
  start)
    [ -n "${2:-}" ] || { echo "usage: $0 start SERVICE" >&2; exit 2; }
    start_service "$2"
    ;;
  pg-restart)
    pg_down; pg_up
    ;;
  env)
    print_env
    ;;
  down)
    for f in "$state"/pids/*.pid; do [ -e "$f" ] && stop_pid_file "$f"; done
    pg_down
    log "down"
    ;;
  *)
    echo "usage: $0 up|down|env|start SERVICE|pg-restart" >&2; exit 2 ;;
esac
