#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (Playwright drives it; Playwright's own browsers are
# never downloaded).
#   chromium.sh start STATE   installs the chromium package when missing and prints ASV_TEST_CHROMIUM=<path>
#   chromium.sh stop STATE    nothing to stop: each test launches and closes its own browser
# Idempotent. Logs go to stderr.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [[ -z "$cmd" || -z "$state" ]]; then
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
fi
browser=/usr/bin/chromium

start() {
  if [[ ! -x "$browser" ]]; then
    echo "chromium.sh: installing chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  fi
  "$browser" --version >&2
  echo "ASV_TEST_CHROMIUM=$browser"
}

case "$cmd" in
  start) start ;;
  stop) ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
