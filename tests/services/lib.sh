#!/usr/bin/env bash
# What every service script here shares; sourced, never run. A script calls `service_args "$@"` first, which
# sets $cmd and $state (or exits 2 with the usage line), and installs Debian packages with `apt_install`.

service_usage() { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }

service_args() {
  cmd=${1:-}
  state=${2:-}
  [[ -n "$cmd" && -n "$state" ]] || service_usage
}

# Installs the packages quietly. policy-rc.d answers 101 during the install, so a package's own service (dockerd,
# Prometheus, a default PostgreSQL cluster) is not started: without an init system that start fails the install,
# and with one it would listen where no test asked it to.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
  fi
  apt-get install -y -qq --no-install-recommends "$@" >&2 || rc=$?
  ((made_policy)) && rm -f "$policy"
  return "$rc"
}
