#!/usr/bin/env bash
# Builds a PostgreSQL image without a registry or a base image, the way build.sh builds the node's: this machine's
# Debian PostgreSQL server (the newest /usr/lib/postgresql/N), the libraries ldd names, its modules and share files
# and the time zone data, on a busybox root file system, then `docker import`. For deploy/compose.
# Usage: deploy/image/postgres.sh [TAG]       (default asv-postgres:dev; DOCKER_HOST is honoured)
# Needs docker and Debian's PostgreSQL server (`apt-get install postgresql`).
# The container runs as the user postgres (uid 999). On its first start (no PG_VERSION in PGDATA) it makes the
# cluster and the database POSTGRES_DB (asv) owned by the role POSTGRES_USER (asv), with the password from
# POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD (at least 16 characters; nothing is stored in the image). Every
# connection needs that password (scram-sha-256); the server listens on the container's interfaces only, i.e. the
# networks the container is attached to (publish no port and only those networks reach it).
set -euo pipefail
tag=${1:-asv-postgres:dev}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/asv-pg-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
fs="$work/rootfs"
uid=999

log() { echo "image: $*" >&2; }
# shellcheck source=deploy/image/rootfs.sh
source "$root/deploy/image/rootfs.sh"

pg=""
for dir in /usr/lib/postgresql/*; do [[ -x "$dir/bin/postgres" ]] && pg=$dir; done
if [[ -z "$pg" ]]; then
  echo "postgres.sh: no PostgreSQL server in /usr/lib/postgresql/*/bin: install Debian's (apt-get install postgresql)" >&2
  exit 1
fi
version=$(basename "$pg")
share=/usr/share/postgresql/$version
log "PostgreSQL $version from $pg"

rootfs_busybox "$fs"
# The server, initdb (which runs the server in bootstrap mode) and the loadable modules (plpgsql, the text search
# dictionaries...), without the LLVM JIT, which would bring in LLVM (jit is off below).
mkdir -p "$fs$pg/bin" "$fs$pg/lib"
cp -L "$pg/bin/postgres" "$pg/bin/initdb" "$fs$pg/bin/"
find "$pg/lib" -maxdepth 1 -name '*.so' ! -name 'llvmjit*' -exec cp -L {} "$fs$pg/lib/" \;
rootfs_libraries "$fs" "$fs$pg/bin/postgres" "$fs$pg/bin/initdb" "$fs$pg/lib"/*.so
rootfs_files "$fs" "$share" /usr/share/zoneinfo

printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:%s:%s:PostgreSQL:/var/lib/postgresql:/bin/sh\n' "$uid" "$uid" > "$fs/etc/passwd"
printf 'root:x:0:\npostgres:x:%s:\n' "$uid" > "$fs/etc/group"
mkdir -p "$fs/var/lib/postgresql" "$fs/run/postgresql"
chown "$uid:$uid" "$fs/var/lib/postgresql" "$fs/run/postgresql"
chmod 0700 "$fs/var/lib/postgresql"

cat > "$fs/entrypoint.sh" <<SCRIPT
#!/bin/sh
# Makes the cluster on the first start, then runs the server in the foreground (its log on stderr).
set -eu
bin=$pg/bin
SCRIPT
cat >> "$fs/entrypoint.sh" <<'SCRIPT'
: "${PGDATA:=/var/lib/postgresql/data}" "${POSTGRES_USER:=asv}" "${POSTGRES_DB:=asv}"
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE"); fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ "${#POSTGRES_PASSWORD}" -lt 16 ]; then
    echo "entrypoint: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (at least 16 characters)" >&2
    exit 2
  fi
  case "$POSTGRES_USER$POSTGRES_DB" in *[!a-z0-9_]*) echo "entrypoint: POSTGRES_USER and POSTGRES_DB: lower-case letters, digits, _" >&2; exit 2 ;; esac
  umask 077
  printf '%s\n' "$POSTGRES_PASSWORD" > /tmp/pwfile
  "$bin/initdb" -D "$PGDATA" -U postgres --pwfile=/tmp/pwfile --auth=scram-sha-256 -E UTF8 --locale=C >&2
  rm -f /tmp/pwfile
  # Single-user mode (one statement a line): the role and the database exist before the server takes its first
  # connection. It answers "ERROR" on stdout and still exits 0, so its answer is checked.
  quoted=$(printf '%s' "$POSTGRES_PASSWORD" | sed "s/'/''/g")
  answer=$(printf "CREATE ROLE %s LOGIN PASSWORD '%s';\nCREATE DATABASE %s OWNER %s;\n" "$POSTGRES_USER" "$quoted" "$POSTGRES_DB" "$POSTGRES_USER" \
    | "$bin/postgres" --single -D "$PGDATA" postgres 2>&1)
  case "$answer" in *ERROR*|*FATAL*) echo "entrypoint: creating $POSTGRES_USER and $POSTGRES_DB failed: $answer" >&2; rm -rf "${PGDATA:?}"/*; exit 1 ;; esac
  # Every connection, local or over the network, proves the password.
  printf 'local all all scram-sha-256\nhost all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' > "$PGDATA/pg_hba.conf"
fi
unset POSTGRES_PASSWORD
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/run/postgresql -c jit=off \
  -c max_connections="${POSTGRES_MAX_CONNECTIONS:-100}" "$@"
SCRIPT
chmod 0755 "$fs/entrypoint.sh"

log "importing as $tag"
tar -C "$fs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/bin TZ=UTC PGDATA=/var/lib/postgresql/data' \
  --change "USER $uid" \
  --change 'WORKDIR /var/lib/postgresql' \
  --change 'EXPOSE 5432' \
  --change 'ENTRYPOINT ["/entrypoint.sh"]' \
  - "$tag" >/dev/null
log "built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1000000}'))"
echo "$tag"
