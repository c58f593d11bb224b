#!/usr/bin/env bash
# Runs every test of ActorSupervisor: restores and builds the solution, starts the services the tests
# need (each tests/services/*.sh installs and starts its own, on loopback or private unix sockets),
# runs all test projects, stops the services, and ends with "N passed, N failed[, N skipped]".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Hocon]
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

state="$PWD/.test-services"
rm -rf "$state" && mkdir -p "$state"
services=()
for s in tests/services/*.sh; do [ -e "$s" ] && services+=("$s"); done

stop_services() {
  for (( i=${#services[@]}-1; i>=0; i-- )); do bash "${services[$i]}" stop "$state" >&2 || true; done
  services=()
}
trap stop_services EXIT INT TERM

# Each service prints KEY=VALUE lines (connection strings, socket paths) that the tests read from the environment.
for s in "${services[@]}"; do
  echo "== starting $(basename "$s" .sh)" >&2
  if ! out=$(bash "$s" start "$state"); then
    echo "service $(basename "$s" .sh) failed to start" >&2
    stop_services
    echo "0 passed, 1 failed"
    exit 1
  fi
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$out"
done

log="$state/test-output.log"
echo "== building" >&2
if ! dotnet build ActorSupervisor.sln -c Debug -nologo -v q -clp:ErrorsOnly 2>&1 | tee "$log.build" >&2 || grep -q ' error ' "$log.build"; then
  stop_services
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== testing" >&2
dotnet test ActorSupervisor.sln -c Debug --no-build -nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
stop_services

# VSTest closes each project's run with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ...".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print p+0, f+0, s+0}')
# A crashed or aborted test host prints no summary for its project: count it as a failure.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# The failed tests and their messages again, just above the summary: a failure's long output (a cluster test prints its
# nodes' logs) must not push which test failed, and why, out of a log's tail.
if [ "$failed" -gt 0 ]; then
  echo "== failed:"
  awk '/^  Failed / {print; n = 6; next} /^  Stack Trace:/ {n = 0} n > 0 {print; n--}' "$log" | cut -c1-400
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
