#!/usr/bin/env bash
# Debian's promtool (from the prometheus package) for the test that lints the node's /metrics with
# `promtool check metrics`. Only the tool is used: the package's Prometheus server is not started.
#   promtool.sh start STATE   installs the prometheus package when promtool is missing and prints ASV_TEST_PROMTOOL=<path>
#   promtool.sh stop STATE    nothing to stop: each test runs promtool once and it exits
# Idempotent. Logs go to stderr.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [[ -z "$cmd" || -z "$state" ]]; then
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
fi
tool=/usr/bin/promtool

start() {
  if [[ ! -x "$tool" ]]; then
    echo "promtool.sh: installing prometheus (for promtool)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d answers 101 so that the package's Prometheus server is not started by its install scripts.
    policy=/usr/sbin/policy-rc.d
    made_policy=
    if [[ ! -e "$policy" ]]; then
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
    fi
    apt-get install -y -qq --no-install-recommends prometheus >&2 || { [[ -n "$made_policy" ]] && rm -f "$policy"; exit 1; }
    [[ -n "$made_policy" ]] && rm -f "$policy"
  fi
  "$tool" --version 2>&1 | head -1 >&2
  echo "ASV_TEST_PROMTOOL=$tool"
}

case "$cmd" in
  start) start ;;
  stop) ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
