#!/usr/bin/env bash
# Runs one benchmark suite and prints its figures as "BENCH <name> <value> <unit>" lines.
# Usage: ./bench.sh SUITE [--quick]     (./bench.sh --list names the suites)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/ActorSupervisor.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet tests/ActorSupervisor.Benchmarks/bin/Release/net10.0/ActorSupervisor.Benchmarks.dll "$@"
