#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (Playwright drives it; Playwright's own browsers are
# never downloaded).
#   chromium.sh start STATE   installs the chromium package when missing and prints ASV_TEST_CHROMIUM=<path>
#   chromium.sh stop STATE    nothing to stop: each test launches and closes its own browser
# Idempotent. Logs go to stderr.
set -euo pipefail

# shellcheck source=tests/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_args "$@"
browser=/usr/bin/chromium

start() {
  if [[ ! -x "$browser" ]]; then
    echo "chromium.sh: installing chromium" >&2
    apt_install chromium fonts-dejavu-core
  fi
  "$browser" --version >&2
  echo "ASV_TEST_CHROMIUM=$browser"
}

case "$cmd" in
  start) start ;;
  stop) ;;
  *) service_usage ;;
esac
