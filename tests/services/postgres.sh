#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and benchmarks, on loopback only.
#   postgres.sh start STATE   installs Debian's postgresql when missing, creates a cluster in STATE/postgres,
#                             starts it on a free 127.0.0.1 port and prints ASV_TEST_PG=<connection string>
#   postgres.sh stop STATE    stops that cluster and removes STATE/postgres
# Idempotent: a second start reuses a running cluster; stop without a cluster does nothing. Logs go to stderr.
# With ASV_PG_SOCKET_ONLY=1 nothing listens on TCP: the server takes connections on a unix socket in
# STATE/postgres/socket (mode 0700, so only root and postgres reach it) and the connection string names that.
set -euo pipefail

# shellcheck source=tests/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_args "$@"
mkdir -p "$state"
state=$(cd "$state" && pwd)
cd /  # the postgres user may not be able to enter the caller's directory
dir="$state/postgres"
data="$dir/data"
db=asv_test

pg_bin() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do [[ -x "$bin/initdb" ]] && echo "$bin" && return 0; done
  return 1
}

as_postgres() { runuser -u postgres -- "$@"; }

install_postgres() {
  if pg_bin >/dev/null; then return 0; fi
  echo "postgres.sh: installing postgresql" >&2
  apt_install postgresql
}

free_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port" && return 0; fi
  done
  echo "postgres.sh: no free loopback port found" >&2
  return 1
}

socket_only() { [[ "${ASV_PG_SOCKET_ONLY:-0}" == 1 ]]; }

connection_string() {
  local host=127.0.0.1
  if socket_only; then host="$dir/socket"; fi
  echo "ASV_TEST_PG=Host=$host;Port=$(cat "$dir/port");Username=postgres;Database=$db"
}

start() {
  install_postgres
  local bin port
  bin=$(pg_bin)
  if [[ -f "$dir/port" ]] && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    connection_string
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir/socket"
  chown -R postgres: "$dir"
  as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  port=$(free_port)
  echo "$port" > "$dir/port"
  # Loopback TCP plus a private unix socket; nothing listens on other interfaces.
  local listen=127.0.0.1 host=127.0.0.1
  if socket_only; then
    listen="" host="$dir/socket"
    chmod 0700 "$dir/socket"
  fi
  as_postgres "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='$listen' -p $port -k $dir/socket -c max_connections=200" start >&2
  as_postgres "$bin/createdb" -h "$host" -p "$port" -U postgres "$db" >&2
  connection_string
}

stop() {
  local bin
  if [[ -d "$data" ]] && bin=$(pg_bin); then
    as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) service_usage ;;
esac
