#!/usr/bin/env bash
# Starts an ActorSupervisor node from this checkout with the demo containers of hocon/demo.conf:
# SQLite journal in ./.data (or $ASV_DATA_DIR), process runtime, API on http://127.0.0.1:7411.
# Another configuration: ./run.sh --config hocon/node.conf. Stop with Ctrl-C: the workloads keep running
# and the next start adopts them (asv rm -f NAME removes one). Needs only the .NET 10 SDK.
# ./run.sh --nodes 3: a local cluster instead (scripts/local-cluster.sh): three nodes on loopback sharing a
# PostgreSQL journal the command sets up itself (as root), the demo spread over them; Ctrl-C removes it all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is needed (https://dotnet.microsoft.com/download); 'dotnet' is not on PATH" >&2
  exit 1
fi

if [[ "${1-}" == --nodes && $# -ne 2 ]]; then
  echo "usage: ./run.sh --nodes N   (N from 2 to 9; nothing else with it)" >&2
  exit 2
fi

echo "Building the node (Release)..."
if ! build_log="$(dotnet build src/ActorSupervisor.Node -c Release --nologo -v quiet 2>&1)"; then
  printf '%s\n' "$build_log" >&2
  echo "run.sh: the build failed (see above)" >&2
  exit 2
fi

if [[ "${1-}" == --nodes ]]; then
  exec bash "$root/scripts/local-cluster.sh" "$2"
fi

args=("$@")
if [[ " ${args[*]-} " != *" --config "* ]]; then
  args+=(--config hocon/demo.conf)
fi

cat <<'TIPS'

ActorSupervisor node starting with the demo (web, crashy, sick, hog); the API is on http://127.0.0.1:7411
unless configured otherwise (the node prints where it listens). It requires the token the node writes to
./.data/api.token (mode 0600); ./asv reads it from there. In another terminal try:
  ./asv ps -a              every container, its state and health
  ./asv events             the live event stream (Ctrl-C to leave)
  ./asv history crashy     why crashy was restarted, with Docker's backoff, and when it gave up
  ./asv inspect sick       a failing health check and its last results
  ./asv logs -f web        follow a workload's output
Ctrl-C stops the node; workloads keep running and are adopted on the next ./run.sh.

TIPS
exec dotnet src/ActorSupervisor.Node/bin/Release/net10.0/ActorSupervisor.Node.dll "${args[@]}"
