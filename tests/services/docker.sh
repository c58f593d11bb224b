#!/usr/bin/env bash
# A private Docker engine for the Docker runtime's tests.
#   start STATE_DIR  installs docker.io and busybox-static when missing, starts dockerd on a private unix
#                    socket and data root (no iptables, no default bridge), imports an offline busybox image, and
#                    prints ASV_TEST_DOCKER_SOCK=... and ASV_TEST_DOCKER_IMAGE=... on stdout.
#   stop STATE_DIR   stops that dockerd and removes everything it left.
# Logs go to stderr. Both commands are idempotent.
set -euo pipefail

# shellcheck source=tests/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_args "$@"
mkdir -p "$state"
state=$(cd "$state" && pwd)
dir="$state/docker"
sock="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
image="asv-busybox:test"
# Unix socket paths are limited to 108 bytes and containerd nests its sockets deep under the exec root,
# so the exec root lives under a short path derived from the state directory.
exec_root="/tmp/asvd-$(printf '%s' "$dir" | md5sum | cut -c1-10)"

log() { echo "docker.sh: $*" >&2; }

dockerd_alive() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# The pid of the dockerd this script launched, until dockerd writes its own pid file.
launched=""

install_missing() {
  local pkgs=()
  command -v dockerd >/dev/null 2>&1 || pkgs+=(docker.io)
  [[ -x /bin/busybox ]] || pkgs+=(busybox-static)
  ((${#pkgs[@]} == 0)) && return 0
  log "installing ${pkgs[*]}"
  apt_install "${pkgs[@]}"
}

docker_cli() { DOCKER_HOST="unix://$sock" docker "$@"; }

wait_for_daemon() {
  local deadline=$((SECONDS + 60))
  until docker_cli version >/dev/null 2>&1; do
    if ! kill -0 "$launched" 2>/dev/null; then
      log "dockerd exited; the last lines of its log:"
      tail -n 30 "$dir/dockerd.log" >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      log "dockerd did not answer on $sock within 60 s"
      tail -n 30 "$dir/dockerd.log" >&2
      return 1
    fi
    sleep 0.2
  done
}

start_daemon() {
  local driver=$1
  mkdir -p "$dir/root" "$exec_root"
  log "starting dockerd (storage driver: ${driver:-default})"
  # No iptables rules and no default bridge: the engine leaves the machine's firewall and interfaces alone. Networks a
  # test creates (deploy/compose's) still work inside themselves; their published ports reach the containers through
  # the userland proxy (docker-proxy), which is the only way without iptables.
  local args=(--host "unix://$sock" --data-root "$dir/root" --exec-root "$exec_root" --pidfile "$pidfile"
    --iptables=false --ip6tables=false --bridge=none --ip-forward=false --ip-masq=false
    --userland-proxy=true --live-restore=false)
  [[ -n "$driver" ]] && args+=(--storage-driver "$driver")
  setsid dockerd "${args[@]}" >>"$dir/dockerd.log" 2>&1 < /dev/null &
  launched=$!
  wait_for_daemon
}

build_image() {
  if docker_cli image inspect "$image" >/dev/null 2>&1; then return 0; fi
  log "importing $image from a busybox root file system"
  local rootfs="$dir/rootfs"
  rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  chroot "$rootfs" /bin/busybox --install -s /bin
  echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
  echo 'root:x:0:' > "$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker_cli import --change 'CMD ["/bin/sh"]' - "$image" >&2
  rm -rf "$rootfs"
}

stop_daemon() {
  if dockerd_alive; then
    local pid deadline
    pid=$(cat "$pidfile")
    log "stopping dockerd ($pid)"
    # Containers left by a failed test would keep their shims alive: remove them first.
    docker_cli ps -aq 2>/dev/null | xargs -r docker_cli rm -f >/dev/null 2>&1 || true
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # Anything mounted under the data or exec root (overlay layers, shm) must go before the files can.
  for root in "$dir" "$exec_root"; do
    grep -F " $root" /proc/self/mountinfo | awk '{print $5}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  done
  rm -rf "$dir" "$exec_root"
  # The tests' runtimes each name a node of their own, whose slice (asv_docker_NODE.slice) the engine made in every
  # hierarchy: the empty ones go (rmdir leaves one still in use).
  for slice in /sys/fs/cgroup/asv_docker_*.slice /sys/fs/cgroup/*/asv_docker_*.slice; do
    [[ -d "$slice" ]] && rmdir "$slice" 2>/dev/null || true
  done
}

case "$cmd" in
  start)
    install_missing
    if ! dockerd_alive || ! docker_cli version >/dev/null 2>&1; then
      stop_daemon
      mkdir -p "$dir"
      if ! start_daemon ""; then
        log "retrying with the vfs storage driver"
        stop_daemon
        mkdir -p "$dir"
        start_daemon vfs
      fi
    fi
    build_image
    echo "ASV_TEST_DOCKER_SOCK=$sock"
    echo "ASV_TEST_DOCKER_IMAGE=$image"
    ;;
  stop)
    stop_daemon
    ;;
  *) service_usage ;;
esac
