#!/usr/bin/env bash
# What the network-partition test needs to build its own network namespaces (tests/Shared/NetworkNamespaces.cs):
#   netns.sh start STATE   installs Debian's iproute2 when `ip` is missing (nsenter comes with util-linux); prints nothing
#   netns.sh stop STATE    nothing to stop: each test deletes its namespaces, and the next sweeps those of a dead test host
# The test itself fails, saying why, on a machine that cannot create namespaces (no root, no CAP_SYS_ADMIN).
set -euo pipefail

cmd=${1:-}
if [[ -z "$cmd" || -z "${2:-}" ]]; then
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
fi

start() {
  if command -v ip >/dev/null && command -v nsenter >/dev/null; then return 0; fi
  echo "netns.sh: installing iproute2" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y iproute2 util-linux >&2
}

case "$cmd" in
  start) start ;;
  stop) ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
