#!/usr/bin/env bash
# ./run.sh --nodes N (after run.sh built the node): N nodes on loopback form one cluster over a PostgreSQL
# journal this script sets up itself (tests/services/postgres.sh with a private unix socket, nothing on TCP),
# then the demo of hocon/demo.conf is applied through node-1 and spreads over the nodes' shards.
# Node n: API http://127.0.0.1:741n, remoting 127.0.0.1:405n, data in .data/cluster/node-n (token included).
# Ctrl-C removes every container (their workloads end), stops the nodes and deletes the database: nothing is left.
# Needs root (PostgreSQL runs as its postgres user; Debian's postgresql is installed when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count=${1:-}
if ! [[ "$count" =~ ^[2-9]$ ]]; then
  echo "local-cluster: give the number of nodes, 2 to 9 (./run.sh --nodes 3)" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "local-cluster: run as root: the shared journal is a PostgreSQL server this command starts as its postgres user" >&2
  exit 1
fi

node_dll="src/ActorSupervisor.Node/bin/Release/net10.0/ActorSupervisor.Node.dll"
data="$root/.data/cluster"
pg_state=$(mktemp -d /tmp/asv-local-cluster.XXXXXX)
chmod 0711 "$pg_state" # postgres must reach its own directory inside; nobody may list it
pids=()
asv() { "$root/asv" --node "http://127.0.0.1:7411" --token-file "$data/node-1/api.token" "$@"; }

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "local-cluster: removing the demo's containers, stopping the nodes and the journal..."
  if ((${#pids[@]})) && kill -0 "${pids[0]}" 2>/dev/null; then
    local ids
    ids=$(asv ps -a -q 2>/dev/null || true)
    if [[ -n "$ids" ]]; then
      # shellcheck disable=SC2086
      asv rm -f $ids >/dev/null 2>&1 || echo "local-cluster: some containers could not be removed; their workloads may outlive the cluster" >&2
    fi
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash tests/services/postgres.sh stop "$pg_state" 2>/dev/null || true
  rm -rf "$pg_state" "$data"
}
trap cleanup INT TERM EXIT

echo "local-cluster: starting PostgreSQL (unix socket only) in $pg_state..."
connection=$(ASV_PG_SOCKET_ONLY=1 bash tests/services/postgres.sh start "$pg_state" | sed -n 's/^ASV_TEST_PG=//p')
[[ -n "$connection" ]] || { echo "local-cluster: PostgreSQL did not start" >&2; exit 1; }

rm -rf "$data"
mkdir -p "$data"
chmod 0700 "$data"
for n in $(seq 1 "$count"); do
  mkdir -p "$data/node-$n"
  seeds=""
  ((n > 1)) && seeds="\"akka.tcp://asv@127.0.0.1:4051\""
  cat > "$data/node-$n.conf" <<CONF
actor-supervisor.node {
  id = node-$n
  data-dir = "$data/node-$n"
  api.port = 741$n
  default-runtime = process
  store.kind = postgres
  store.connection-string = "$connection"
  runtimes.process.cgroup-parent = "actor-supervisor-node-$n"  # one per node: a node kills what runs under its parent unhosted
  cluster { host = "127.0.0.1", port = 405$n, seeds = [$seeds] }
}
CONF
  # Each line of a node's log is prefixed with its id; $! is the node's own pid (the prefixer is a process substitution).
  dotnet "$node_dll" --config "$data/node-$n.conf" > >(sed -u "s/^/[node-$n] /") 2>&1 &
  pids+=($!)
  if ((n == 1)); then
    # The others join through node-1: wait until it is up.
    until curl -fsS http://127.0.0.1:7411/readyz >/dev/null 2>&1; do
      kill -0 "${pids[0]}" 2>/dev/null || { echo "local-cluster: node-1 exited" >&2; exit 1; }
      sleep 0.5
    done
  fi
done
for n in $(seq 2 "$count"); do
  until curl -fsS "http://127.0.0.1:741$n/readyz" >/dev/null 2>&1; do
    kill -0 "${pids[$((n - 1))]}" 2>/dev/null || { echo "local-cluster: node-$n exited" >&2; exit 1; }
    sleep 0.5
  done
done

asv apply -f hocon/demo.conf
cat <<TIPS

Cluster of $count nodes up, the demo (web, crashy, sick, hog) spread over them. Every node answers for every container:
  ./asv --token-file $data/node-1/api.token cluster show        members, leader, shards and containers per node
  ./asv --token-file $data/node-1/api.token ps -a -o wide       every container of the cluster, NODE = where it runs
  ./asv --node http://127.0.0.1:7412 --token-file $data/node-2/api.token events -f
                                                                the events of all nodes, seen from node-2
  ./asv --node http://127.0.0.1:7413 --token-file $data/node-3/api.token inspect web
Ctrl-C removes the containers, stops the nodes and deletes the journal.

TIPS
wait "${pids[@]}"
