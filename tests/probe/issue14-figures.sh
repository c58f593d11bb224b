#!/usr/bin/env bash
# Issue 14's figures against a real node process on a scratch data dir (loopback only, bounded loops):
#   1. bad inputs tried, and how many got a clean 4xx with a JSON error body ({"code":...});
#   2. create latency p50/p99 (ms) with 32 concurrent clients (2,000 creates, runtime fake, started);
#   3. the node's RSS after those 2,000 containers.
# Usage: tests/probe/issue14-figures.sh [NODE_DLL]   (default: the Release build, then the Debug build)
# Prints FIGURE lines. Needs curl and jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll=${1:-}
for candidate in "$root/src/ActorSupervisor.Node/bin/Release/net10.0/ActorSupervisor.Node.dll" "$root/src/ActorSupervisor.Node/bin/Debug/net10.0/ActorSupervisor.Node.dll"; do
  [[ -z "$dll" && -f "$candidate" ]] && dll=$candidate
done
[[ -f "$dll" ]] || { echo "issue14-figures: build the node first (dotnet build src/ActorSupervisor.Node -c Release)" >&2; exit 2; }
clients=32
total=2000

work=$(mktemp -d /tmp/asv-figures-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/node.conf" <<CONF
actor-supervisor.node {
  id = figures
  data-dir = "$work/data"
  api.port = $port
  runtimes.docker.enabled = false
  runtimes.process.cgroup-parent = "asv-figures-$port"
}
CONF
dotnet "$dll" --config "$work/node.conf" > "$work/node.log" 2>&1 &
node=$!
cleanup() { kill -TERM "$node" 2>/dev/null; wait "$node" 2>/dev/null || true; rmdir /sys/fs/cgroup/*/"asv-figures-$port" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  kill -0 "$node" 2>/dev/null || { cat "$work/node.log" >&2; exit 1; }
  sleep 0.1
done
token=$(cat "$work/data/api.token")
auth=(-H "Authorization: Bearer $token")

# 1. Bad inputs: each must answer 4xx with a JSON body naming an error code.
tried=0; clean=0; unclean=()
try() { # METHOD PATH [BODY]
  local method=$1 path=$2 body=${3-} out status
  tried=$((tried + 1))
  if [[ $# -ge 3 ]]; then
    # A body starting with @ names a file (curl's own convention), for bodies too big for an argument.
    out=$(curl -sS -o "$work/body" -w '%{http_code}' -X "$method" "${auth[@]}" -H 'Content-Type: application/json' --data-binary "$body" "$url$path" || echo 000)
  else
    out=$(curl -sS -o "$work/body" -w '%{http_code}' -X "$method" "${auth[@]}" --path-as-is "$url$path" || echo 000)
  fi
  status=$out
  if [[ $status == 4?? ]] && jq -e '.code | strings' "$work/body" >/dev/null 2>&1; then
    clean=$((clean + 1))
  else
    unclean+=("$status $method $path ${body:0:60}")
  fi
}
c=/api/v1/containers
while IFS= read -r body; do try POST "$c" "$body"; done <<'BODIES'
{"name":"x","cmd":"exit 1","restart":"always","backoff":{"initial":"1200h","max":"1200h"}}
{"name":"x","cmd":"a","stopTimeout":"2000h"}
{"name":"x","cmd":"a","healthcheck":{"test":["CMD","true"],"interval":"876000h"}}
{"name":"x","cmd":"a","healthcheck":{"test":["CMD","true"],"interval":"1ns"}}
{"name":"x","cmd":"a","healthcheck":{"test":["CMD","true"],"timeout":"25h"}}
{"name":"x","cmd":"a","healthcheck":{"test":["CMD","true"],"startInterval":"1000h"}}
{"name":"x","cmd":"a","intensity":{"maxRestarts":3,"window":"1000h"}}
{"name":"x","cmd":"a","memory":"1p"}
{"name":"x","cmd":"a","memory":"99999999999999999999g"}
{"name":"x","cmd":"a", /* c */ "restart":"no"}
{"name":"x","cmd":"a",}
{"name":"x","name":"y","cmd":"a"}
{"Name":"x","cmd":"a"}
{"name":"x","CMD":"a"}
{"name":"x","cmd":"a","restart":" always"}
{"name":"x","cmd":"a","restart":"sometimes"}
{"name":"x","cmd":"a","restart":"on-failure:99999999999"}
{"name":"x","cmd":"echo \u0000 x"}
{"name":"x","command":["echo","a\u0000b"]}
{"name":"x","cmd":"a","env":{"A":"x\u0000y"}}
{"name":"x","cmd":"a","env":{"A":1}}
{"name":"x","command":"not-a-list"}
{"name":"x","command":[]}
{"name":"","cmd":"a"}
{"name":"bad name","cmd":"a"}
{"name":"../etc","cmd":"a"}
{"name":"x","cmd":"a","colour":"red"}
{"name":"x","cmd":"a","healthcheck":{"retries":"3"}}
{"name":"x","cmd":"a","healthcheck":{"retries":-1}}
{"name":"x","cmd":"a","stopSignal":"SIGNOPE"}
{"name":"x","cmd":"a","runtime":"vm"}
{"name":"x","cmd":"a","runtime":"docker"}
{"name":"x","cmd":"a","memory":true}
{"name":"x","cmd":"a","stopTimeout":-5}
{"name":"x","cmd":"a","backoff":{"initial":"soon"}}
{"name":"x"}
[]
null
"x"
42
{
not json
BODIES
try POST "$c" ""
head -c 2000000 /dev/zero | tr '\0' 'a' > "$work/huge"
try POST "$c" "@$work/huge"
try POST "$c?start=maybe" '{"name":"q1","cmd":"a"}'
for q in "all=maybe" "filter=colour=red" "filter=status=sleeping" "filter=name" "filter=health=fine"; do try GET "$c?$q"; done
try GET "/api/v1/events?since=yesterday&follow=false"
try GET "/api/v1/events?follow=perhaps"
try GET "/%00"
try GET "/api/v1/containers/%00"
try GET "/$(head -c 10240 /dev/zero | tr '\0' 'a')"
for verb in "stop?t=-1" "stop?t=soon" "restart?t=1.5" "kill?signal=SIGNOPE" "kill?signal=99"; do try POST "$c/nope/$verb"; done
try GET "$c/no-such-container"
try DELETE "$c/no-such-container"
try GET "$c/no-such-container/logs?tail=-5"
tried=$((tried + 1))
status=$(curl -sS -o "$work/body" -w '%{http_code}' "$url$c")  # no token
if [[ $status == 401 ]] && jq -e '.code | strings' "$work/body" >/dev/null; then clean=$((clean + 1)); else unclean+=("$status GET $c (no token)"); fi
tried=$((tried + 1))
status=$(curl -sS -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer wrong-token-wrong-token" "$url$c")
if [[ $status == 401 ]] && jq -e '.code | strings' "$work/body" >/dev/null; then clean=$((clean + 1)); else unclean+=("$status GET $c (wrong token)"); fi
echo "FIGURE bad_inputs.tried $tried"
echo "FIGURE bad_inputs.clean_4xx_json $clean"
for line in "${unclean[@]+"${unclean[@]}"}"; do echo "  not clean: $line"; done

# 2. Create latency with 32 concurrent clients: 2,000 creates (runtime fake, started), each timed by curl.
workers=()
for client in $(seq 1 "$clients"); do
  per=$(( total / clients + (client <= total % clients ? 1 : 0) ))
  (
    for i in $(seq 1 "$per"); do
      curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "${auth[@]}" -H 'Content-Type: application/json' \
        --data-binary "{\"name\":\"c$client-$i\",\"cmd\":\"run\",\"runtime\":\"fake\"}" "$url$c?start=true"
    done > "$work/lat.$client"
  ) &
  workers+=($!)
done
wait "${workers[@]}"

cat "$work"/lat.* > "$work/lat"
created=$(grep -c '^201 ' "$work/lat" || true)
sort -n -k2 "$work/lat" | awk -v n="$(wc -l < "$work/lat")" '
  { t[NR] = $2 * 1000 }
  END { p50 = t[int(n * 0.50) > 0 ? int(n * 0.50) : 1]; p99 = t[int(n * 0.99) > 0 ? int(n * 0.99) : 1];
        printf "FIGURE create.p50_ms %.1f\nFIGURE create.p99_ms %.1f\n", p50, p99 }'
echo "FIGURE create.201 $created of $total"
echo "FIGURE machine.load1 $(cut -d' ' -f1 /proc/loadavg)"

# 3. RSS with those containers.
sleep 2
echo "FIGURE node.rss_mib_after_${created}_containers $(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$node/status")"
