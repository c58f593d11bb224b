#!/usr/bin/env bash
# Debian's promtool (from the prometheus package) for the test that lints the node's /metrics with
# `promtool check metrics`. Only the tool is used: the package's Prometheus server is not started.
#   promtool.sh start STATE   installs the prometheus package when promtool is missing and prints ASV_TEST_PROMTOOL=<path>
#   promtool.sh stop STATE    nothing to stop: each test runs promtool once and it exits
# Idempotent. Logs go to stderr.
set -euo pipefail

# shellcheck source=tests/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_args "$@"
tool=/usr/bin/promtool

start() {
  if [[ ! -x "$tool" ]]; then
    echo "promtool.sh: installing prometheus (for promtool)" >&2
    apt_install prometheus
  fi
  "$tool" --version 2>&1 | head -1 >&2
  echo "ASV_TEST_PROMTOOL=$tool"
}

case "$cmd" in
  start) start ;;
  stop) ;;
  *) service_usage ;;
esac
